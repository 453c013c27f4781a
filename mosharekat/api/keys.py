"""API keys: issued once, stored as a SHA-256 digest, checked on every call that needs one, revoked by staff."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from mosharekat.catalog import refdata
from mosharekat.core import audit

from .models import ApiKey
from .open311 import ApiError

PREFIX_LENGTH = 8
# A token_urlsafe(32) key is 43 characters; anything far longer is not a key and is not worth hashing.
MAX_KEY_LENGTH = 128
# Writing last_used_at on every call would make each read a write; a minute's precision is enough.
TOUCH_EVERY = timedelta(minutes=1)
AUDITED_FIELDS = ("name", "prefix", "revoked_at")


def digest(raw: str) -> str:
    # A plain hash is enough: the key is 256 random bits, so there is nothing to brute-force as with passwords.
    return hashlib.sha256(raw.encode()).hexdigest()


def create(name: str) -> tuple[ApiKey, str]:
    """A new key; the raw key is returned to be shown once and is never stored."""
    raw = secrets.token_urlsafe(32)
    while raw.startswith("-"):  # a prefix like "-x1" would be read as an option by `revoke_api_key`
        raw = secrets.token_urlsafe(32)
    key = ApiKey.objects.create(name=name, prefix=raw[:PREFIX_LENGTH], key_hash=digest(raw))
    return key, raw


def authenticate(raw: str | None) -> ApiKey:
    """The active key for ``raw``, or an ApiError 403 saying what is wrong with it.

    Keys are kept per process (catalog.refdata, like routing rules): a revocation saves the key, which makes
    every process reload within REFDATA_CHECK_SECONDS. The key returned is shared: read it, never change it."""
    raw = (raw or "").strip()
    if not raw:
        raise ApiError(403, _("api_key is required for this call."))
    key = None
    if len(raw) <= MAX_KEY_LENGTH:
        hashed = digest(raw)
        key = refdata.get(f"api:key:{hashed}", lambda: ApiKey.objects.filter(key_hash=hashed).first())
    if key is None:
        raise ApiError(403, _("api_key is not valid."))
    if key.revoked_at is not None:
        raise ApiError(403, _("api_key has been revoked."))
    _touch(key)
    return key


_touched = {}  # key hash → when this process last wrote its last_used_at


def _touch(key) -> None:
    now = timezone.now()
    last = _touched.get(key.key_hash) or key.last_used_at
    if last is None or now - last > TOUCH_EVERY:
        _touched[key.key_hash] = now
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)  # update(): no save signal, no reload


def revoke(key: ApiKey, actor=None) -> bool:
    """Revoke a key for good and audit it; False if it was already revoked."""
    if key.revoked_at is not None:
        return False
    before = audit.snapshot(key, AUDITED_FIELDS)
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    audit.record(actor, "apikey.revoke", key, before, audit.snapshot(key, AUDITED_FIELDS))
    return True
