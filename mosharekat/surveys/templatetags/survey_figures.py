"""Figures for display: Persian digits, the Persian decimal separator, «—» when there is no figure."""

from django import template

from mosharekat.core.text import persian_digits

register = template.Library()


@register.filter
def pct(value):
    """0.834 → «۸۳٫۴٪»."""
    if value is None or value == "":
        return "—"
    return persian_digits(f"{value * 100:.1f}".replace(".", "٫")) + "٪"


@register.filter
def dec(value, places=1):
    """2.345 → «۲٫۳»; None → «—»."""
    if value is None or value == "":
        return "—"
    return persian_digits(f"{float(value):.{int(places)}f}".replace(".", "٫"))


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
