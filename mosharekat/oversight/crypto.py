"""Encryption of oversight reports at rest, with a key kept outside the database.

The master key comes from ``OVERSIGHT_KEY`` or, when that is empty, from ``OVERSIGHT_KEY_FILE``
(created once with mode 0600). A copy of the database alone therefore reveals nothing. Three
independent keys are derived from it with HKDF: one for Fernet (AES-128-CBC + HMAC-SHA256, a fresh
IV per value), one for the HMAC that indexes receipts and one for the HMAC of the report form's
one-time token (see ``receipts.from_token``), so no use weakens another.
"""

import base64
import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = ["InvalidToken", "decrypt_bytes", "decrypt_text", "encrypt_bytes", "encrypt_text", "form_token_digest",
           "receipt_index"]


def _read_or_create_key_file(path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Written aside, then linked into place (fails if present): two processes starting together
        # cannot both write a different key, and neither can read the file while it is still empty.
        aside = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(Fernet.generate_key())
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
        finally:
            aside.unlink()
    return path.read_bytes().strip()


@functools.lru_cache(maxsize=4)
def _keys(env_key: str, key_file: str) -> tuple[Fernet, bytes, bytes]:
    master = env_key.encode() if env_key else _read_or_create_key_file(Path(key_file))
    if not master:
        raise RuntimeError("The oversight key is empty; set OVERSIGHT_KEY or remove the empty key file.")

    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    fernet = Fernet(base64.urlsafe_b64encode(derive(b"mosharekat-oversight-fernet")))
    return fernet, derive(b"mosharekat-oversight-index"), derive(b"mosharekat-oversight-form-token")


def _current():
    # Keyed on the settings values so tests (and a changed environment) get their own keys.
    return _keys(settings.OVERSIGHT_KEY, str(settings.OVERSIGHT_KEY_FILE))


def encrypt_bytes(data: bytes) -> bytes:
    return _current()[0].encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return _current()[0].decrypt(token)


def encrypt_text(value: str) -> str:
    return encrypt_bytes(value.encode()).decode("ascii")


def decrypt_text(token: str) -> str:
    return decrypt_bytes(token.encode("ascii")).decode()


def receipt_index(receipt: str, length: int) -> str:
    """A short keyed digest of the receipt: finds the candidate report without revealing the receipt."""
    return hmac.new(_current()[1], receipt.encode(), hashlib.sha256).hexdigest()[:length]


def form_token_digest(token: bytes, purpose: bytes) -> bytes:
    """A keyed digest of a report form's one-time token, one per ``purpose``: without the key, neither the
    token nor anything computed from it can be found from what the database keeps."""
    return hmac.new(_current()[2], purpose + b":" + token, hashlib.sha256).digest()
