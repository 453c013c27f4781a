"""Receipts: the reporter's only key back to a report.

20 random digits (66 bits, above the 64 asked for) plus a Damm check digit, so a mistyped receipt
is told apart from a wrong one without touching the database. The receipt is never stored: only an
argon2id hash (slow, salted) and a 10-hex-digit keyed HMAC prefix. The prefix lets a login find its
one candidate row and run a single argon2 check. It is short on purpose: even someone holding both
the database and the key learns only that one in about 10^8 receipts matches, and must then pay an
argon2 hash for each of them.
"""

import re
import secrets
import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from stdnum import damm

from mosharekat.core.text import latin_digits

from . import crypto

RANDOM_DIGITS = 20
LENGTH = RANDOM_DIGITS + 1
INDEX_LENGTH = 10

_hasher = PasswordHasher()  # argon2id with the RFC 9106 low-memory profile (64 MiB, 3 passes)


def new_receipt() -> str:
    body = f"{secrets.randbelow(10**RANDOM_DIGITS):0{RANDOM_DIGITS}d}"
    return body + damm.calc_check_digit(body)


def from_token(token: uuid.UUID) -> str:
    """The receipt of the report made under this token: the form's one-time token joined with the report's
    content (services._content_token). The same form sent again (a double tap, a resend after the answer
    was lost) must show the same receipt, yet the receipt is never stored: it is computed again, with the
    server's key, from the token only the reporter's page holds; a rewritten report gets a receipt of its own."""
    digest = crypto.form_token_digest(token.bytes, b"receipt")
    body = f"{int.from_bytes(digest, 'big') % 10**RANDOM_DIGITS:0{RANDOM_DIGITS}d}"
    return body + damm.calc_check_digit(body)


def token_key(token: uuid.UUID) -> uuid.UUID:
    """What a report keeps of its form's token (Report.submission_token): a keyed digest, never the token,
    so the database (even with the key) cannot give back the token and from it the receipt."""
    return uuid.UUID(bytes=crypto.form_token_digest(token.bytes, b"stored")[:16])


def parse(value: str) -> str | None:
    """The receipt from what a person typed (Persian/Arabic digits, spaces, dashes), or None if malformed."""
    text = re.sub(r"[\s\-_.\u200c/]", "", latin_digits(value or ""))
    if not text.isdigit() or len(text) != LENGTH or not damm.is_valid(text):
        return None
    return text


def index(receipt: str) -> str:
    return crypto.receipt_index(receipt, INDEX_LENGTH)


def hash_receipt(receipt: str) -> str:
    return _hasher.hash(receipt)


def verify(stored_hash: str, receipt: str) -> bool:
    try:
        return _hasher.verify(stored_hash, receipt)
    except (VerificationError, InvalidHashError):
        return False


def grouped(receipt: str) -> str:
    return " ".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))
