"""Working days on the Jalali calendar: weekends from settings, holidays from the Holiday table."""

import datetime

import jdatetime
from django.conf import settings
from django.utils import timezone

from .models import Holiday


def local_today() -> datetime.date:
    return timezone.localdate()


def is_working_day(day: datetime.date, holidays=frozenset()) -> bool:
    return day.weekday() not in settings.WEEKEND_DAYS and day not in holidays


def add_working_days(start: datetime.date, days: int, holidays=None) -> datetime.date:
    """The date ``days`` working days after ``start`` (the day of submission does not count).
    ``holidays``: a set holding at least the holidays after ``start``, if the caller has one already."""
    if holidays is None:
        # One query for a window wide enough for the longest response times plus long holiday runs.
        horizon = start + datetime.timedelta(days=days * 3 + 40)
        holidays = frozenset(Holiday.objects.filter(date__gt=start, date__lte=horizon).values_list("date", flat=True))
    current, remaining = start, days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def jalali(value) -> jdatetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return jdatetime.datetime.fromgregorian(datetime=value)
    return jdatetime.date.fromgregorian(date=value)


def gregorian_from_jalali(year: int, month: int, day: int) -> datetime.date:
    return jdatetime.date(year, month, day).togregorian()
