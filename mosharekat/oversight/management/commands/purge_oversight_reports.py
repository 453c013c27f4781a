"""Delete oversight reports past their body's retention period (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from mosharekat.oversight.services import purge_expired


class Command(BaseCommand):
    help = "Really delete (not flag) oversight reports, messages and evidence files past retention."

    def handle(self, *args, **options):
        count = purge_expired()
        self.stdout.write(f"deleted {count} expired report(s)")
