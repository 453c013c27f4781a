"""Template filters for Persian display: Jalali dates and Persian digits."""

import datetime

from django import template
from django.utils import timezone

from ..calendar import jalali
from ..text import persian_digits

register = template.Library()

MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


@register.filter
def fa(value):
    """Persian digits for display."""
    return "" if value is None else persian_digits(value)


@register.filter
def jdate(value, style="short"):
    """A date or datetime as a Jalali date: 1403/01/05 (short), «۵ فروردین ۱۴۰۳» (long), with time (time)."""
    if not value:
        return ""
    j = jalali(value)
    if style == "long":
        text = f"{j.day} {MONTHS[j.month - 1]} {j.year}"
    else:
        text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    if style == "time" and isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        text += f" {local:%H:%M}"
    return persian_digits(text)


@register.filter
def grouped_code(value):
    """A tracking code in groups of four digits so it can be read aloud."""
    digits = str(value or "")
    return persian_digits("-".join(digits[i : i + 4] for i in range(0, len(digits), 4)))
