"""The unit tree: who sees what is decided from it."""

from .models import Unit


def descendant_ids(unit_id) -> set:
    """The unit and every unit below it (one query; the tree is small)."""
    children = {}
    for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def triage_unit():
    return Unit.objects.filter(is_triage=True).order_by("pk").first()
