import time

from django.conf import settings
from django.core.management.base import BaseCommand

from mosharekat.channels.smtp import IntakeController


class Command(BaseCommand):
    help = "Listen for citizens' mail by SMTP (or LMTP) and turn each message into a case or a follow-up."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.CHANNELS_SMTP_HOST)
        parser.add_argument("--port", type=int, default=settings.CHANNELS_SMTP_PORT)
        parser.add_argument("--lmtp", action="store_true", help="speak LMTP (Postfix/Dovecot delivery) instead of SMTP")

    def handle(self, *args, host, port, lmtp, **options):
        controller = IntakeController(host=host, port=port, lmtp=lmtp)
        controller.start()
        protocol = "LMTP" if lmtp else "SMTP"
        self.stdout.write(f"{protocol} listener on {host}:{controller.port}", ending="\n")
        self.stdout.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
