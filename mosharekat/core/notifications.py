"""One interface for telling citizens things: ``notify(channel, recipient, subject, body)``.

Every message is first written to the outbox table, then delivered by a background task. In the
embedded mode (NOTIFY_MODE=outbox) delivery stops at the outbox, which administrators can read.
"""

import atexit
import base64
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Iterable

import redis
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import Notification, NotificationAttachment

log = logging.getLogger(__name__)


class OutboxSms:
    """SMS backend for the embedded mode and tests: the outbox row is the message."""

    def send(self, recipient: str, text: str) -> None:
        return None


def notify(channel: str, recipient: str, body: str, subject: str = "",
           attachments: Iterable[tuple[str, bytes, str]] = ()) -> Notification | None:
    """``attachments``: (file name, content, content type) triples, for e-mail only; they are kept with
    the outbox row, so a retry sends the same files."""
    note = message(channel, recipient, body, subject)
    if note is None:
        return None
    files = list(attachments)
    if files and channel != Notification.Channel.EMAIL:
        raise ValueError("only e-mail notifications carry attachments")
    if files:
        with transaction.atomic():
            note.save()
            NotificationAttachment.objects.bulk_create(
                NotificationAttachment(notification=note, filename=name, content=content, content_type=kind)
                for name, content, kind in files)
    else:  # one INSERT is atomic already: no savepoint round trips inside the caller's transaction
        note.save()
    queue([note])
    return note


def message(channel: str, recipient: str, body: str, subject: str = "") -> Notification | None:
    """The outbox row for a message, not yet saved (None without a recipient): a caller may store it
    together with its own rows (core.rows) and then ``queue`` it."""
    if not recipient:
        return None
    return Notification(channel=channel, recipient=recipient, subject=subject, body=body)


def queue(notes) -> None:
    """Hand saved outbox rows to the workers once the current transaction (if any) commits."""
    for note in notes:
        transaction.on_commit(lambda pk=note.pk: _enqueue(pk))


def _enqueue(pk: int) -> None:
    from .tasks import deliver_notification

    try:
        if _setup(deliver_notification):
            _batch.add(deliver_notification, pk)
        else:
            deliver_notification.delay(pk)
    except Exception:  # broker down: the row stays pending and `retry_notifications` sends it later
        log.warning("notification %s queued in the outbox only; broker unavailable", pk)


class _Batch:
    """Outbox ids waiting to be published, from every thread of this process.

    A Redis round trip cost a web worker ≈0.2–0.3 ms of CPU per submission (bench/intake.py), for a message
    nobody waits on: a citizen's acknowledgement may leave a few milliseconds later. So a request only adds
    its id here, and a daemon thread of the process publishes what gathered within WINDOW with one LPUSH.
    Ids of a process killed before that stay pending in the outbox, as during a Redis outage, for
    `retry_notifications` (beat, every 5 minutes); a process that exits normally publishes them first."""

    WINDOW = 0.02

    def __init__(self):
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # the parent's ids and thread are not the child's
        atexit.register(self.flush)

    def _reset(self):
        self._lock, self._wake = threading.Lock(), threading.Event()
        self._ids, self._task, self._thread = [], None, None

    def add(self, task, pk: int) -> None:
        with self._lock:
            self._ids.append(pk)
            self._task = task
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="outbox-publisher", daemon=True)
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            time.sleep(self.WINDOW)
            self._wake.clear()  # before taking the ids: one added after this wakes the next round
            self.flush()

    def flush(self) -> None:
        with self._lock:
            ids, self._ids = self._ids, []
        if not ids:
            return
        try:
            _publish_to_redis(self._task, *ids)
        except Exception:  # broker down: the rows stay pending and `retry_notifications` sends them later
            log.warning("notifications %s queued in the outbox only; broker unavailable", ids)


_batch = _Batch()
_direct = {}  # (broker URL, task) → (client, queue, message template), or False where Celery must publish


def _setup(task):
    key = (task.app.conf.broker_url or "", task.name)
    setup = _direct.get(key)
    if setup is None:
        setup = _direct[key] = _direct_setup(task, key[0])
    return setup


def _publish_to_redis(task, *pks: int) -> bool:
    """Queue ``task(pk)`` for each of ``pks`` with one LPUSH; False where Celery must publish it itself.

    ``delay()`` spent ≈1–4 ms of CPU per submission in Kombu (producer pool, a Redis client per publish,
    declarations). With the plain Redis broker and the default queue, the message Kombu would write is
    simple: Celery's own task message (headers, properties and body from ``app.amqp.as_task_v2``, so the
    task protocol stays Celery's) in Kombu's Redis envelope, pushed onto the queue's list. The message is
    built once per process and task; each call only fills in the new ids and the argument.
    """
    setup = _setup(task)
    if not setup:
        return False
    client, queue, template = setup
    client.lpush(queue, *(_envelope(template, pk) for pk in pks))
    return True


def _envelope(template, pk: int) -> str:
    headers, properties, body = template
    task_id, args = str(uuid.uuid4()), [pk]
    return json.dumps({
        "body": base64.b64encode(json.dumps([args, {}, body[2]]).encode()).decode(),
        "content-encoding": "utf-8", "content-type": "application/json",
        "headers": {**headers, "id": task_id, "root_id": task_id, "argsrepr": repr(tuple(args))},
        "properties": {**properties, "correlation_id": task_id, "delivery_tag": str(uuid.uuid4())},
    })


def _direct_setup(task, url: str):
    app = task.app
    conf = app.conf
    options = conf.broker_transport_options or {}
    if (conf.task_always_eager or not url.startswith(("redis://", "rediss://")) or conf.task_routes
            or conf.task_queues or options.get("global_keyprefix") or conf.task_default_priority):
        return False
    client = redis.Redis.from_url(url, socket_connect_timeout=options.get("socket_connect_timeout", 1),
                                  socket_timeout=options.get("socket_timeout", 2))  # reconnects after a fork
    queue = conf.task_default_queue
    message = app.amqp.as_task_v2("template", task.name, args=(0,), kwargs={}, reply_to=app.thread_oid)
    properties = {**message.properties, "delivery_mode": 2, "priority": 0, "body_encoding": "base64",
                  "delivery_info": {"exchange": "", "routing_key": queue}}
    return client, queue, (message.headers, properties, message.body)


def deliver(note: Notification) -> None:
    """Send one outbox message through its channel's backend and record the outcome."""
    note.attempts += 1
    try:
        if settings.NOTIFY_MODE == "outbox":
            note.status = Notification.Status.OUTBOX
        elif note.channel == Notification.Channel.EMAIL:
            _email(note).send()
            note.status = Notification.Status.SENT
        else:
            import_string(settings.SMS_BACKEND)().send(note.recipient, note.body)
            note.status = Notification.Status.SENT
        note.sent_at = timezone.now()
        note.last_error = ""
    except Exception as exc:  # delivery is retried; the error is kept for the administrator
        note.status = Notification.Status.FAILED
        note.last_error = str(exc)[:2000]
    note.save(update_fields=["attempts", "status", "sent_at", "last_error"])


def _email(note: Notification) -> EmailMessage:
    message = EmailMessage(note.subject, note.body, settings.DEFAULT_FROM_EMAIL, [note.recipient])
    for item in note.attachments.all():
        message.attach(item.filename, bytes(item.content), item.content_type)
    return message
