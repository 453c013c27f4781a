"""Per-sender limits on new inbound messages, counted in the shared cache (Redis in production)."""

import re

from django.core.cache import cache

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", rate or "")
    if not match:
        raise ValueError(f"bad rate {rate!r}; use e.g. 10/h")
    return int(match[1]), int(match[2] or 1) * _UNITS[match[3]]


def allow(scope: str, sender: str, rate: str) -> bool:
    """Count one message from ``sender``; False once the sender is over the limit for the window."""
    limit, window = parse_rate(rate)
    key = f"channels:rate:{scope}:{sender.lower()}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit
