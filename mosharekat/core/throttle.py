"""Failure limits that hold under parallel clients: take a slot before the attempt, give it back on success.

"Count failures, refuse once there are N" written as check-then-record lets N parallel guesses all pass
the check before any of them is recorded. Here every attempt first increments the counter atomically
(cache.incr: Redis INCR in production, a lock in the process-local and database caches), so at most
``limit`` attempts per window ever run; a successful one releases its slot, so only failures use it up.
"""

import re
import time
from dataclasses import dataclass

from django.core.cache import cache

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/h' or '20/10m' (django-ratelimit's notation) as (count, seconds)."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", rate or "")
    if not match:
        raise ValueError(f"bad rate {rate!r}; use e.g. 5/h or 20/10m")
    return int(match[1]), int(match[2] or 1) * _UNITS[match[3]]


@dataclass
class Slot:
    key: str
    blocked: bool

    def release(self) -> None:
        """The attempt succeeded: it does not count as a failure."""
        if not self.blocked:
            try:
                cache.decr(self.key)
            except ValueError:  # the window ended meanwhile
                pass


def take(scope: str, value: str, rate: str) -> Slot:
    """Count one attempt on ``value`` in the current fixed window; blocked once over the limit."""
    limit, window = parse_rate(rate)
    key = f"throttle:{scope}:{value}:{int(time.time() // window)}"
    cache.add(key, 0, window + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window + 60)
        count = 1
    return Slot(key, blocked=count > limit)
