"""Redis down: the broker and cache are gone, yet citizens' submissions are accepted and acknowledged
with a tracking code without a noticeable delay, and tracking-code lookups (rate-limited through Redis)
still open cases and still refuse guessing; when Redis returns the notifications go out."""

import statistics
import time
import uuid

import pytest

from mosharekat.desk import tracking

from .citizens import MOBILE, api_submit, new_marker, web_submit
from .harness import BIN, Client, wait_until

# Publishing a task to a dead broker is given about a second (settings: CELERY_BROKER_* and
# CELERY_TASK_PUBLISH_RETRY_POLICY); anything near Kombu's default retries would show up here.
MAX_SLOWDOWN = 1.0


def timed(action):
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


def submit_both(stack, app):
    """One web and one API submission; their codes and how long each took."""
    (web_code, web_time) = timed(lambda: web_submit(app, new_marker("redis-web")))
    ((api_code, _replayed), api_time) = timed(lambda: api_submit(app, stack.api_key, new_marker("redis-api"),
                                                                 str(uuid.uuid4())))
    return [web_code, api_code], [web_time, api_time]


def notification_statuses(stack, codes):
    rows = stack.pg.query("SELECT body, status FROM core_notification WHERE channel = 'sms'")
    return {code: [status for body, status in rows if code in body] for code in codes}


def all_sent(stack, codes):
    statuses = notification_statuses(stack, codes)
    return all(found == ["sent"] for found in statuses.values())


def lookup(app, code):
    return Client(app).csrf_post("/desk/track/", {"code": code, "contact": MOBILE})


@pytest.mark.reliability
def test_submissions_are_acknowledged_while_redis_is_down_and_notified_when_it_returns(stack, app, worker):
    before, normal_times = [], []
    for _ in range(3):
        codes, times = submit_both(stack, app)
        before += codes
        normal_times += times
    wait_until(lambda: all_sent(stack, before), 60, "the worker to send the first notifications")

    # Guessing is tried on its own one-worker server: the counters it fills while Redis is down live in
    # that process's memory and go with it, so later tests' lookups on `app` start from nothing.
    guessed = stack.gunicorn(workers=1)
    stack.redis.stop()
    try:
        during, down_times = [], []
        for _ in range(3):
            codes, times = submit_both(stack, app)  # no retry: the first attempt must be acknowledged
            during += codes
            down_times += times
        assert len(set(during)) == 6
        assert all(found == ["pending"] for found in notification_statuses(stack, during).values())
        assert lookup(guessed, before[0]).status == 302  # a citizen opens a case: counted in the process
        statuses = [lookup(guessed, tracking.new_code(False)).status for _ in range(40)]
        assert 429 in statuses and set(statuses) <= {400, 429}  # guessing is still refused, nothing fails
    finally:
        stack.redis.start()
        guessed.stop()

    slowdown = statistics.median(down_times) - statistics.median(normal_times)
    assert slowdown < MAX_SLOWDOWN, f"requests took {down_times} with Redis down, {normal_times} with it up"

    # What beat does every five minutes (retry-notifications), asked for now: the task goes through the
    # broker to the worker, which has reconnected by itself, and sends what was left pending.
    stack.spawn(str(BIN / "celery"), "-A", "mosharekat", "call", "mosharekat.core.tasks.retry_pending_notifications")
    after, _times = submit_both(stack, app)  # and new submissions are notified straight away again
    wait_until(lambda: all_sent(stack, during + after), 120, "the pending notifications to go out", interval=1)

    print(f"\nRedis down: 6 submissions acknowledged; median request {statistics.median(down_times) * 1000:.0f} ms "
          f"with Redis down vs {statistics.median(normal_times) * 1000:.0f} ms up (max {max(down_times) * 1000:.0f} "
          "ms); their notifications were pending and were sent by the worker once Redis was back")
