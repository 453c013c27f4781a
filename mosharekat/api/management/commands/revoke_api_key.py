from django.core.management.base import BaseCommand, CommandError

from mosharekat.api import keys
from mosharekat.api.models import ApiKey


class Command(BaseCommand):
    help = "Revoke the active Open311 API key with this prefix (its first 8 characters)."

    def add_arguments(self, parser):
        parser.add_argument("prefix")

    def handle(self, *args, prefix, **options):
        found = list(ApiKey.objects.filter(prefix=prefix.strip(), revoked_at__isnull=True))
        if not found:
            raise CommandError(f"No active API key has the prefix {prefix!r}.")
        if len(found) > 1:  # 48 random bits make this very unlikely, but never revoke the wrong client
            raise CommandError(f"{len(found)} active keys share the prefix {prefix!r}; revoke them in the admin.")
        keys.revoke(found[0])
        self.stdout.write(f"Revoked API key «{found[0].name}» ({found[0].prefix}…).")
