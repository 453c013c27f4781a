"""Django's Redis cache with one client object per connection pool instead of one per call.

Django's RedisCacheClient.get_client() builds a new ``redis.Redis`` for every cache call (its response
callbacks and options, ≈0.2 ms of CPU); the connections come from the same pool either way. A Redis
client is thread-safe, so one per pool is enough (and Django keeps a cache object per thread anyway).
"""

import logging
import time

from django.core.cache.backends import redis as django_redis
from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import RedisError


class _Client(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client


# --- Rate-limit counters that survive Redis going away ---------------------------------------------

log = logging.getLogger(__name__)
RETRY_AFTER = 5  # seconds of using the fallback before Redis is tried again (no connect timeout per request)
_state = {"down_until": 0.0}  # per process: Django builds a cache object per thread


def usable() -> bool:
    return time.monotonic() >= _state["down_until"]


def mark_down(exc) -> None:
    if usable():
        log.warning("Redis unreachable (%s): rate-limit counters kept in this process for now", exc)
    _state["down_until"] = time.monotonic() + RETRY_AFTER


def local_counters():
    """The process's own counters, used while Redis is down. One name: every thread's cache object shares it."""
    return LocMemCache("ratelimit-failover", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 50000}})


FALLBACK_ERRORS = (RedisError, OSError)


def _failover(name):
    def method(self, *args, **kwargs):
        if usable():
            try:
                return getattr(super(FailoverRedisCache, self), name)(*args, **kwargs)
            except FALLBACK_ERRORS as exc:
                mark_down(exc)
        return getattr(self.local, name)(*args, **kwargs)

    method.__name__ = name
    return method


class FailoverRedisCache(RedisCache):
    """The cache of rate-limit counters (settings.RATELIMIT_USE_CACHE). While Redis cannot be reached,
    the counters live in each process's memory: lookups, comments and survey answers keep working, with
    each process allowing the limit (weaker than one shared count, far better than failing every request
    or letting every guess through). Counts restart in Redis when it returns."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.local = local_counters()

    add = _failover("add")
    get = _failover("get")
    set = _failover("set")
    incr = _failover("incr")
    decr = _failover("decr")
    delete = _failover("delete")
    has_key = _failover("has_key")
    touch = _failover("touch")
