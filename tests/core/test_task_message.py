"""The notification queue writes Celery's own message with one LPUSH (core/notifications._publish_to_redis).
If Celery or Kombu change their message, a worker would drop ours: this compares it with the message
Celery itself publishes, on a Redis at TEST_REDIS_URL (a queue of this test's own), and runs both."""

import base64
import json
import os
import time
import uuid

import pytest
import redis
from celery import Celery

from mosharekat.core import notifications

URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
IDS = {"id", "root_id", "correlation_id", "delivery_tag", "argsrepr"}


@pytest.fixture
def app():
    client = redis.Redis.from_url(URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {URL}")
    queue = f"test-notify-{uuid.uuid4().hex}"
    app = Celery("test-notify", broker=URL, set_as_current=False)
    app.conf.update(task_default_queue=queue, broker_connection_retry_on_startup=False)
    yield app
    client.delete(queue)


def _strip_ids(value):
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if k not in IDS}
    return value


def test_our_message_is_the_one_celery_writes_and_a_worker_runs_it(app):
    received = []

    @app.task(name="mosharekat.core.tasks.deliver_notification")
    def deliver(pk):
        received.append(pk)

    assert notifications._publish_to_redis(deliver, 41)
    assert notifications._publish_to_redis(deliver, 42)  # the per-process template, second use
    deliver.apply_async((43,))
    client = redis.Redis.from_url(URL)
    raw = [json.loads(item) for item in reversed(client.lrange(app.conf.task_default_queue, 0, -1))]
    ours, celerys = raw[1], raw[2]
    assert _strip_ids(ours) == _strip_ids({**celerys, "body": ours["body"]})
    assert json.loads(base64.b64decode(ours["body"]))[0] == [42]
    assert ours["headers"]["id"] == ours["properties"]["correlation_id"] != raw[0]["headers"]["id"]
    assert ours["headers"]["argsrepr"] == "(42,)"

    with app.connection_for_read() as connection:  # what a worker does with each message on the queue
        consumer = app.amqp.TaskConsumer(connection, queues=[app.amqp.queues[app.conf.task_default_queue]],
                                         accept=["json"])
        consumer.register_callback(lambda body, message: (deliver(*body[0]), message.ack()))
        with consumer:
            for _ in range(3):
                connection.drain_events(timeout=2)
    assert received == [41, 42, 43]


def test_ids_queued_by_many_requests_at_once_all_reach_the_queue_in_few_pushes(app, monkeypatch):
    """Requests only hand their outbox id to the process's publisher thread, which pushes what gathered
    in one LPUSH: every id arrives, once, and a burst costs Redis a few round trips, not one per id."""
    from tests.concurrency import at_once

    @app.task(name="mosharekat.core.tasks.deliver_notification")
    def deliver(pk):
        pass

    monkeypatch.setattr(notifications, "_direct", {})  # this test's queue, not an earlier test's
    batch = notifications._Batch()
    pushes = []
    real_publish = notifications._publish_to_redis
    monkeypatch.setattr(notifications, "_publish_to_redis", lambda task, *pks: pushes.append(pks) or real_publish(
        task, *pks))
    counter = iter(range(1000, 2000))
    at_once(lambda: [batch.add(deliver, next(counter)) for _ in range(10)], 8)
    client = redis.Redis.from_url(URL)
    deadline = time.monotonic() + 5
    while client.llen(app.conf.task_default_queue) < 80 and time.monotonic() < deadline:
        time.sleep(0.02)
    raw = [json.loads(item) for item in client.lrange(app.conf.task_default_queue, 0, -1)]
    assert sorted(json.loads(base64.b64decode(item["body"]))[0][0] for item in raw) == list(range(1000, 1080))
    assert len({item["headers"]["id"] for item in raw}) == 80
    assert len(pushes) < 20
