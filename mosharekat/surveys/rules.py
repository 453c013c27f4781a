"""Who sees which survey results. One rule per function, each tested on its own.

A staff member sees the responses that name them; a manager those of their unit and the units below it;
an administrator all of them."""

from mosharekat.core.models import Role
from mosharekat.core.rules import is_staff_member
from mosharekat.core.units import descendant_ids

from .models import Response


def sees_all(user) -> bool:
    return is_staff_member(user) and user.is_administrator


def is_manager(user) -> bool:
    return is_staff_member(user) and user.role == Role.MANAGER and user.unit_id is not None


def managed_unit_ids(user):
    """Units whose results the user may read: None = all, empty set = none (own results only)."""
    if sees_all(user):
        return None
    if is_manager(user):
        return descendant_ids(user.unit_id)
    return set()


def visible_responses(user):
    """Every query of responses by staff starts here: the permission is in the queryset."""
    qs = Response.objects.all()
    if not is_staff_member(user):
        return qs.none()
    units = managed_unit_ids(user)
    if units is None:
        return qs
    if units:
        return qs.filter(unit_id__in=units)
    return qs.filter(staff=user)


def can_see_staff_results(user, member) -> bool:
    if not is_staff_member(user):
        return False
    if member.pk == user.pk:
        return True
    units = managed_unit_ids(user)
    return units is None or member.unit_id in units


def can_see_unit_results(user, unit) -> bool:
    units = managed_unit_ids(user)
    return is_staff_member(user) and (units is None or unit.pk in units)


def can_enter_paper(user, unit) -> bool:
    """Staff type in the paper forms of their own unit; managers of the units below; administrators all."""
    if not is_staff_member(user) or unit is None:
        return sees_all(user)
    units = managed_unit_ids(user)
    return units is None or unit.pk in units or unit.pk == user.unit_id


def form_unit_ids(user):
    """Units whose printed forms and paper entries the user handles (None = all)."""
    units = managed_unit_ids(user)
    if units is None:
        return None
    return units | ({user.unit_id} if user.unit_id else set())
