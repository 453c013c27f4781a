"""Failure limits that hold under parallel clients: take a slot before the attempt, give it back on success.

"Count failures, refuse once there are N" written as check-then-record lets N parallel guesses all pass
the check before any of them is recorded. Here every attempt first increments the counter atomically
(cache.incr: Redis INCR in production, a lock in the process-local and database caches), so at most
``limit`` attempts per window ever run; a successful one releases its slot, so only failures use it up.
"""

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from . import redis_cache

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
        if self.blocked:
            return
        backend = counters_cache()
        if isinstance(backend, RedisCache) and redis_cache.usable():
            try:  # one round trip instead of cache.decr's EXISTS then DECRBY
                client = backend._cache.get_client(write=True)
                client.eval(_DECR_IF_EXISTS, 1, backend.make_and_validate_key(self.key))
                return
            except redis_cache.FALLBACK_ERRORS as exc:
                redis_cache.mark_down(exc)
        try:
            _plain(backend).decr(self.key)
        except ValueError:  # the window ended meanwhile
            pass


# DECR of a missing key would create one without expiry: only decrement a window that still exists.
_DECR_IF_EXISTS = "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end"


def _key(scope, value, window) -> str:
    return f"throttle:{scope}:{value}:{int(time.time() // window)}"


def take(scope: str, value: str, rate: str) -> Slot:
    """Count one attempt on ``value`` in the current fixed window; blocked once over the limit."""
    return take_many([(scope, value, rate)])[0]


def counters_cache():
    return caches[settings.RATELIMIT_USE_CACHE]


def _plain(backend):
    # A Redis that failed: its fallback counters in this process (FailoverRedisCache.local).
    return backend.local if isinstance(backend, RedisCache) and hasattr(backend, "local") else backend


def take_many(counters) -> list[Slot]:
    """``take`` for several (scope, value, rate) counters at once: one Redis round trip for all of them."""
    backend = counters_cache()
    if isinstance(backend, RedisCache) and redis_cache.usable():
        try:
            return _take_redis(backend, counters)
        except redis_cache.FALLBACK_ERRORS as exc:
            if not hasattr(backend, "local"):  # a plain Redis cache: no fallback to go to
                raise
            redis_cache.mark_down(exc)
    cache = _plain(backend)
    slots = []
    for scope, value, rate in counters:
        limit, window = parse_rate(rate)
        key = _key(scope, value, window)
        cache.add(key, 0, window + 60)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window + 60)
            count = 1
        slots.append(Slot(key, blocked=count > limit))
    return slots


def _take_redis(backend, counters) -> list[Slot]:
    """SET NX (the window's expiry) and INCR for every counter in one MULTI/EXEC: one round trip, atomic.
    The values are plain Redis integers, as Django's cache.incr/decr store them, so Slot.release works."""
    keys, limits = [], []
    pipe = backend._cache.get_client(write=True).pipeline(transaction=True)
    for scope, value, rate in counters:
        limit, window = parse_rate(rate)
        key = _key(scope, value, window)
        full = backend.make_and_validate_key(key)
        pipe.set(full, 0, ex=window + 60, nx=True)
        pipe.incr(full)
        keys.append(key)
        limits.append(limit)
    counts = pipe.execute()[1::2]
    return [Slot(key, blocked=count > limit) for key, limit, count in zip(keys, limits, counts, strict=True)]
