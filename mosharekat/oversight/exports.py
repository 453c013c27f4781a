"""Encrypted exports for external oversight bodies.

The report (text, messages and, in downloads, the evidence files) becomes JSON, encrypted with
Fernet under a key derived with scrypt from a per-export passphrase. The passphrase is never
stored: the officer passes it to the body by another channel (telephone), so an intercepted file
or e-mail is useless on its own. ``open_sealed`` (and ``manage.py open_oversight_export``) reverse it.
"""

import base64
import json
import secrets

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from mosharekat.core.text import latin_digits

from . import crypto

FORMAT = "mosharekat-oversight-export/1"
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
PASSPHRASE_DIGITS = 24  # about 80 bits; digits because they are read aloud over the telephone


def new_passphrase() -> str:
    digits = f"{secrets.randbelow(10**PASSPHRASE_DIGITS):0{PASSPHRASE_DIGITS}d}"
    return "-".join(digits[i : i + 4] for i in range(0, PASSPHRASE_DIGITS, 4))


def normalise_passphrase(value: str) -> str:
    return latin_digits(value or "").strip()


def _fernet(passphrase: str, salt: bytes) -> Fernet:
    key = Scrypt(salt=salt, length=32, **SCRYPT).derive(normalise_passphrase(passphrase).encode())
    return Fernet(base64.urlsafe_b64encode(key))


def payload(report, with_files: bool) -> dict:
    data = {
        "reference": report.reference,
        "body": report.body.name,
        "submitted_on": report.created_on.isoformat(),
        "status": report.status,
        "subject": report.subject,
        "text": report.text,
        "named_unit": report.named_unit,
        "anonymous": report.is_anonymous,
        "identity": report.identity,
        "reporter_role": report.reporter_role,
        "messages": [
            {"author": m.author, "date": m.created_on.isoformat(), "text": m.text} for m in report.messages.all()
        ],
        "attachments": [],
    }
    for attachment in report.attachments.all():
        item = {"name": attachment.name, "content_type": attachment.content_type, "size": attachment.size}
        if with_files:
            with attachment.file.open("rb") as handle:
                item["data"] = base64.b64encode(crypto.decrypt_bytes(handle.read())).decode("ascii")
        data["attachments"].append(item)
    return data


def seal(data: dict, passphrase: str) -> bytes:
    salt = secrets.token_bytes(16)
    token = _fernet(passphrase, salt).encrypt(json.dumps(data, ensure_ascii=False).encode())
    envelope = {"format": FORMAT, "kdf": "scrypt", **SCRYPT, "salt": base64.b64encode(salt).decode("ascii"),
                "fernet": token.decode("ascii")}
    return json.dumps(envelope, indent=1).encode()


def open_sealed(sealed: bytes, passphrase: str) -> dict:
    envelope = json.loads(sealed)
    if envelope.get("format") != FORMAT:
        raise ValueError("not a Mosharekat oversight export")
    fernet = _fernet(passphrase, base64.b64decode(envelope["salt"]))
    return json.loads(fernet.decrypt(envelope["fernet"].encode("ascii")))
