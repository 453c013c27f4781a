from celery import shared_task

from .models import Notification
from .notifications import deliver


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def deliver_notification(self, pk: int):
    note = Notification.objects.filter(pk=pk).exclude(status=Notification.Status.SENT).first()
    if note is None:
        return
    deliver(note)
    if note.status == Notification.Status.FAILED:
        raise self.retry()


@shared_task
def retry_pending_notifications() -> int:
    """Periodic: deliver outbox rows left pending (broker was down) or failed earlier."""
    from django.core.management import call_command

    call_command("retry_notifications")
    return 0
