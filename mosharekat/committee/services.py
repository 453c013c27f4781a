"""Queries of the committee records: published minutes, the resolution register and overdue ones."""

from django.db.models import Prefetch, Q

from mosharekat.core.calendar import local_today

from .models import Attendee, Meeting, Resolution


def published_meetings():
    return Meeting.objects.filter(is_published=True).select_related("committee")


def meeting_with_minutes(queryset, pk):
    """One meeting with everything its minutes show, in two prefetches."""
    return (
        queryset.prefetch_related(
            Prefetch("attendees", queryset=Attendee.objects.all()),
            Prefetch("resolutions", queryset=Resolution.objects.select_related("responsible_unit")),
        )
        .select_related("committee")
        .get(pk=pk)
    )


def overdue_q(today=None) -> Q:
    """Open and past the deadline: computed from the date, never stored."""
    today = today or local_today()
    return Q(status__in=Resolution.OPEN_STATUSES, deadline__lt=today)


def register(filters: dict | None = None, today=None):
    filters = filters or {}
    qs = Resolution.objects.select_related("meeting__committee", "responsible_unit").order_by(
        "deadline", "meeting__date", "number"
    )
    if filters.get("committee"):
        qs = qs.filter(meeting__committee=filters["committee"])
    if filters.get("unit"):
        qs = qs.filter(responsible_unit=filters["unit"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("overdue"):
        qs = qs.filter(overdue_q(today))
    return qs
