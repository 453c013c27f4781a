"""The SMTP/LMTP listener (aiosmtpd) the organization's mail server forwards citizens' mail to.

Only our addresses (the general mailbox and the services' own addresses) are accepted at RCPT time.
The message is answered 250 only after it is stored; any failure answers 451 so the sending server
keeps the mail and tries again.
"""

import asyncio
import logging

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP
from django.conf import settings
from django.db import connections

from . import mailin

log = logging.getLogger(__name__)


def _in_thread(func, *args):
    """Run ORM work in a worker thread and close that thread's connections afterwards."""
    try:
        return func(*args)
    finally:
        connections.close_all()


class IntakeHandler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        loop = asyncio.get_running_loop()
        try:
            ours = await loop.run_in_executor(None, _in_thread, mailin.is_our_address, address)
        except Exception:
            log.exception("recipient check failed")
            return "451 4.3.0 Temporary failure, please try again later"
        if not ours:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(None, _in_thread, mailin.ingest, raw, list(envelope.rcpt_tos))
        except Exception:
            log.exception("inbound mail could not be stored")
            return "451 4.3.0 Temporary failure, please try again later"
        return f"250 2.0.0 Accepted {result.code}".rstrip()


class IntakeController(Controller):
    def __init__(self, *, host=None, port=None, lmtp=False, **kwargs):
        self.lmtp = lmtp
        kwargs.setdefault("data_size_limit", settings.CHANNELS_SMTP_MAX_BYTES)
        super().__init__(
            IntakeHandler(),
            hostname=host or settings.CHANNELS_SMTP_HOST,
            port=port if port is not None else settings.CHANNELS_SMTP_PORT,
            **kwargs,
        )

    def factory(self):
        server_class = LMTP if self.lmtp else SMTP
        return server_class(self.handler, **self.SMTP_kwargs)
