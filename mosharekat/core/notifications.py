"""One interface for telling citizens things: ``notify(channel, recipient, subject, body)``.

Every message is first written to the outbox table, then delivered by a background task. In the
embedded mode (NOTIFY_MODE=outbox) delivery stops at the outbox, which administrators can read.
"""

import logging
from collections.abc import Iterable

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
    if not recipient:
        return None
    files = list(attachments)
    if files and channel != Notification.Channel.EMAIL:
        raise ValueError("only e-mail notifications carry attachments")
    with transaction.atomic():
        note = Notification.objects.create(channel=channel, recipient=recipient, subject=subject, body=body)
        NotificationAttachment.objects.bulk_create(
            NotificationAttachment(notification=note, filename=name, content=content, content_type=kind)
            for name, content, kind in files)
    transaction.on_commit(lambda: _enqueue(note.pk))
    return note


def _enqueue(pk: int) -> None:
    from .tasks import deliver_notification

    try:
        deliver_notification.delay(pk)
    except Exception:  # broker down: the row stays pending and `retry_notifications` sends it later
        log.warning("notification %s queued in the outbox only; broker unavailable", pk)


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
