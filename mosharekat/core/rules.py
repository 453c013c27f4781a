"""Who may do what. One rule per function so each is tested on its own."""

from .models import Role
from .units import descendant_ids


def is_staff_member(user) -> bool:
    return user.is_authenticated and user.is_active and (user.unit_id is not None or user.is_administrator)


def visible_unit_ids(user):
    """Units whose desk cases the user may see; None means all (administrators)."""
    if not is_staff_member(user):
        return set()
    if user.is_administrator:
        return None
    if user.role == Role.MANAGER:
        return descendant_ids(user.unit_id)
    return {user.unit_id}


def can_read_audit_log(user) -> bool:
    return user.is_authenticated and user.is_administrator


def can_read_outbox(user) -> bool:
    return user.is_authenticated and user.is_administrator
