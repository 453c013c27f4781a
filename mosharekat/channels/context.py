"""What the channel that is handing a message to the desk knows, for the messenger that answers it."""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Intake:
    acknowledge: bool = True
    mailbox: str = ""  # the address the citizen wrote to: replies come from it
    message_id: str = ""  # the citizen's Message-ID, for In-Reply-To
    references: tuple = ()


_current: contextvars.ContextVar = contextvars.ContextVar("channels_intake", default=None)


@contextmanager
def intake(**kwargs):
    token = _current.set(Intake(**kwargs))
    try:
        yield
    finally:
        _current.reset(token)


def current() -> Intake | None:
    return _current.get()
