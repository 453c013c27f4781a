import sys

from django.core.management.base import BaseCommand, CommandError

from mosharekat.channels import mailin

EX_TEMPFAIL = 75  # sysexits.h: the mail server keeps the message and tries again


class Command(BaseCommand):
    help = (
        "Read one raw e-mail (RFC 5322) on stdin, as an MTA pipe delivers it, and print the tracking code "
        "of the case it created or joined on the last line."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--recipient", action="append", default=[], help="envelope recipient (repeatable)")

    def handle(self, *args, recipient, **options):
        stream = options.get("stdin") or sys.stdin.buffer
        raw = stream.read()
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        if not raw.strip():
            raise CommandError("no message on stdin")
        try:
            result = mailin.ingest(raw, recipient)
        except Exception as exc:
            self.stderr.write(f"temporary failure: {exc}")
            raise SystemExit(EX_TEMPFAIL) from exc
        if result.duplicate:
            self.stderr.write(f"already received ({result.status})")
        if result.case is None:
            self.stderr.write(f"no case: {result.status} {result.reason}".strip())
            return
        self.stdout.write(result.case.tracking_code)
