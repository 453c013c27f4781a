from django.core.management.base import BaseCommand

from mosharekat.core.models import Notification
from mosharekat.core.notifications import deliver


class Command(BaseCommand):
    help = "Deliver outbox messages that are still pending or failed (e.g. after the broker was down)."

    def handle(self, *args, **options):
        pending = Notification.objects.filter(status__in=[Notification.Status.PENDING, Notification.Status.FAILED])
        count = 0
        for note in pending.filter(attempts__lt=10):
            deliver(note)
            count += 1
        self.stdout.write(f"{count} notification(s) processed")
