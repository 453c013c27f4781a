"""Public relations (and administrators) reply officially, moderate and build the summary reports."""

from mosharekat.core.models import Role
from mosharekat.core.rules import is_staff_member


def is_public_relations(user) -> bool:
    return is_staff_member(user) and (user.is_administrator or user.role == Role.PUBLIC_RELATIONS)
