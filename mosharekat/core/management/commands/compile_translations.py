"""Compile the .po files with polib, so a machine without GNU gettext can still build the project."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po under the project into .mo files."

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR) / "mosharekat"
        for po_path in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po")):
            po = polib.pofile(str(po_path))
            po.save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"compiled {po_path.relative_to(root)} ({len(po.translated_entries())} entries)")
