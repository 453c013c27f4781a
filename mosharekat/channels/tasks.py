"""Background work: sending case mail, retrying it, reprocessing stored messages and SMS polling.
With REDIS_URL unset, Celery runs these eagerly in-process (embedded mode)."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from mosharekat.core.models import Notification

from .models import InboundMessage

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def deliver_case_mail(self, pk: int):
    from . import mailout

    note = Notification.objects.filter(pk=pk, outbound_mail__isnull=False).exclude(status=Notification.Status.SENT)
    note = note.select_related("outbound_mail").first()
    if note is None:
        return
    mailout.deliver(note)
    if note.status == Notification.Status.FAILED:
        raise self.retry()


@shared_task
def retry_case_mail(max_attempts: int = 10) -> int:
    """Send case mail left pending (broker down) or failed; keeps the threading headers."""
    from . import mailout

    stuck = Notification.objects.filter(
        outbound_mail__isnull=False,
        status__in=[Notification.Status.PENDING, Notification.Status.FAILED],
        attempts__lt=max_attempts,
        created_at__lt=timezone.now() - timedelta(minutes=1),
    ).select_related("outbound_mail")
    count = 0
    for note in stuck:
        mailout.deliver(note)
        count += 1
    return count


@shared_task
def process_stored_messages(older_than_minutes: int = 5) -> int:
    """Process messages stored but not processed (a worker crashed between storing and processing)."""
    from . import mailin, smsin

    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    waiting = InboundMessage.objects.filter(status=InboundMessage.Status.RECEIVED, received_at__lt=cutoff)
    count = 0
    for pk, channel in waiting.values_list("pk", "channel"):
        try:
            (mailin if channel == InboundMessage.Channel.EMAIL else smsin).process(pk)
            count += 1
        except Exception:
            log.exception("inbound message %s failed again", pk)
            InboundMessage.objects.filter(pk=pk).update(status=InboundMessage.Status.FAILED)
    return count


@shared_task
def poll_sms() -> int:
    """For providers that only offer polling: fetch unread texts and take them in like the webhook does."""
    from . import smsin
    from .sms import gateway

    count = 0
    for message in gateway().poll():
        if message.message_id and not smsin.ingest(message).duplicate:
            count += 1
    return count


