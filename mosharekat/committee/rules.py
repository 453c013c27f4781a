"""Who may read the resolution register: managers and administrators (it tracks units' duties)."""

from mosharekat.core.models import Role
from mosharekat.core.rules import is_staff_member


def can_read_register(user) -> bool:
    return is_staff_member(user) and (user.is_administrator or user.role == Role.MANAGER)


def can_preview_unpublished(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_administrator)
