"""Who may read oversight reports: only the officers of the body a report was sent to.

Deliberately no exception for administrators or managers: an inspection office that the
organization's own administrators can read through is no protection for the reporter.
"""

from mosharekat.core.models import Role


def is_officer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.OVERSIGHT)


def officer_body_ids(user) -> set:
    if not is_officer(user):
        return set()
    return set(user.oversight_bodies.values_list("pk", flat=True))


def can_read_report(user, report) -> bool:
    return report.body_id in officer_body_ids(user)


def can_export(user, report) -> bool:
    """Exports exist to hand a report to an external body; internal reports stay in the system."""
    return can_read_report(user, report) and report.body.is_external
