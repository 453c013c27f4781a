"""The throttle's Redis path (production): both counters in one round trip, limits and releases exact.
Needs a Redis at TEST_REDIS_URL (default the local one); only this test's own keys are touched."""

import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import DEFAULT_CACHE_ALIAS
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from mosharekat.core import redis_cache, throttle

URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/11")


@pytest.fixture
def redis_backend(monkeypatch):
    backend = redis_cache.RedisCache(URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "OPTIONS": {
        "socket_connect_timeout": 0.5}})
    try:
        backend.get("ping")
    except Exception:
        pytest.skip(f"no Redis at {URL}")
    monkeypatch.setattr(throttle, "caches", {DEFAULT_CACHE_ALIAS: backend})
    yield backend
    client = backend._cache.get_client(write=True)
    for key in client.scan_iter(f"{backend.key_prefix}:*"):
        client.delete(key)


def test_parallel_attempts_never_pass_the_limit_and_releases_give_slots_back(redis_backend):
    def attempt(_i):
        return throttle.take_many([("client", "1.2.3.4", "1000/h"), ("code", "42", "5/h")])

    with ThreadPoolExecutor(8) as pool:
        slots = list(pool.map(attempt, range(40)))
    assert sum(not code.blocked for _client, code in slots) == 5
    assert all(not client.blocked for client, _code in slots)


def test_a_released_slot_can_be_used_again(redis_backend):
    slots = [throttle.take("code", "43", "3/h") for _ in range(3)]
    assert not any(slot.blocked for slot in slots)
    slots[0].release()  # that attempt succeeded: it is not a failure
    assert not throttle.take("code", "43", "3/h").blocked
    assert throttle.take("code", "43", "3/h").blocked


def test_counters_expire_with_their_window_and_a_late_release_creates_nothing(redis_backend):
    slot = throttle.take("code", "7", "2/m")
    client = redis_backend._cache.get_client()
    full = redis_backend.make_and_validate_key(slot.key)
    assert 60 < client.ttl(full) <= 120
    client.delete(full)  # the window ended
    slot.release()
    assert not client.exists(full)


@pytest.fixture
def unreachable(monkeypatch, settings):
    """The rate-limit cache as production configures it, pointing at a port where no Redis listens."""
    backend = redis_cache.FailoverRedisCache("redis://127.0.0.1:9/0", {
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}", "OPTIONS": {"socket_connect_timeout": 0.2}})
    monkeypatch.setattr(throttle, "caches", {"ratelimit": backend})
    settings.CACHES = {**settings.CACHES, "ratelimit": {
        "BACKEND": "mosharekat.core.redis_cache.FailoverRedisCache", "LOCATION": "redis://127.0.0.1:9/0",
        "KEY_PREFIX": backend.key_prefix, "OPTIONS": {"socket_connect_timeout": 0.2}}}
    settings.RATELIMIT_USE_CACHE = "ratelimit"
    monkeypatch.setitem(redis_cache._state, "down_until", 0.0)
    yield backend
    backend.local.clear()


def test_with_redis_unreachable_limits_still_hold_in_the_process_and_nothing_fails(unreachable):
    slots = [throttle.take_many([("client", "5.6.7.8", "100/h"), ("code", "99", "3/h")]) for _ in range(3)]
    assert not any(code.blocked or client.blocked for client, code in slots)
    slots[0][1].release()  # a success gives its slot back, in the fallback counters too
    assert not throttle.take("code", "99", "3/h").blocked
    assert throttle.take("code", "99", "3/h").blocked
    assert not redis_cache.usable()  # Redis is not tried again on every request


def test_django_ratelimit_counts_in_the_fallback_too(unreachable):
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "5.6.7.9"
    answers = [is_ratelimited(request, group="t", key="ip", rate="2/m", increment=True) for _ in range(3)]
    assert answers == [False, False, True]
