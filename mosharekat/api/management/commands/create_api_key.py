from django.core.management.base import BaseCommand, CommandError

from mosharekat.api import keys
from mosharekat.api.models import ApiKey


class Command(BaseCommand):
    help = "Create an Open311 API key for a client and print it; the key's last line is the key alone."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who the key is for, e.g. the partner organization and application.")

    def handle(self, *args, name, **options):
        name = name.strip()
        max_length = ApiKey._meta.get_field("name").max_length
        if not name or len(name) > max_length:
            raise CommandError(f"Give a name of 1 to {max_length} characters.")
        key, raw = keys.create(name)
        self.stdout.write(f"API key «{key.name}» created, prefix {key.prefix}. It is not stored; copy it now:")
        # Alone on the last line so scripts can take it with `tail -n 1`.
        self.stdout.write(raw)
