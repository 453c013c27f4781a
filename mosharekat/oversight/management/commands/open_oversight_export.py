"""Decrypt an encrypted export, for the receiving body: prints the report as JSON (files as base64)."""

import json
from getpass import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mosharekat.oversight.exports import open_sealed


class Command(BaseCommand):
    help = "Decrypt a Mosharekat oversight export file; the passphrase is asked for, not passed as an argument."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        try:
            data = open_sealed(Path(options["path"]).read_bytes(), getpass("Passphrase: "))
        except Exception as exc:  # wrong passphrase, damaged or foreign file: one clear message
            raise CommandError(f"cannot open the export: {exc.__class__.__name__}") from None
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
