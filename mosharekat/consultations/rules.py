"""Who may manage a consultation: staff of the owning unit (managers: and units below), administrators."""

from mosharekat.core.rules import visible_unit_ids


def can_manage(user, document) -> bool:
    units = visible_unit_ids(user)
    return units is None or document.unit_id in units


def managed_documents(user, queryset):
    units = visible_unit_ids(user)
    return queryset if units is None else queryset.filter(unit_id__in=units)
