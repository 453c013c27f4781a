"""Safe retries for POST requests: a client sends an ``Idempotency-Key`` (or the form field
``idempotency_key``) and a retry with the same key gets the first answer instead of a second case.

Duplicates are stopped by the database, not by looking first: the ApiSubmission row holding the key is
inserted in the same transaction as the case, under a unique constraint, so of two racing requests one
commits and the other rolls back (its case with it) and replays the first one's case."""

import hashlib
import json

from django.db import IntegrityError
from django.utils.translation import gettext as _

from mosharekat.desk import services

from .models import ApiSubmission
from .open311 import ApiError

HEADER = "HTTP_IDEMPOTENCY_KEY"
FIELD = "idempotency_key"
MAX_LENGTH = 255
# Credentials and the key itself are not part of what is being submitted.
NOT_DIGESTED = {"api_key", FIELD}


def key_of(request) -> str:
    """The client's idempotency key, or "" when none was sent; ApiError 400 when it is malformed."""
    header, field = request.META.get(HEADER, "").strip(), request.POST.get(FIELD, "").strip()
    if header and field and header != field:
        raise ApiError(400, _("The Idempotency-Key header and the idempotency_key field differ; send one."))
    value = header or field
    if len(value) > MAX_LENGTH or not value.isascii() or not value.isprintable():
        raise ApiError(400, _("Idempotency-Key must be 1 to 255 printable ASCII characters."))
    return value


def digest(data) -> str:
    """A fingerprint of the submitted fields, independent of their order."""
    fields = sorted((name, data.getlist(name)) for name in data if name not in NOT_DIGESTED)
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def earlier_case(api_key, value: str, request_digest: str):
    """The case an earlier request with this key created, or None; ApiError 422 if its fields differed."""
    if not value:
        return None
    earlier = ApiSubmission.objects.select_related("case").filter(key=api_key, idempotency_key=value).first()
    if earlier is not None and earlier.request_digest != request_digest:
        raise ApiError(
            422, _("This Idempotency-Key was already used with different fields; use a new key for a new request.")
        )
    return earlier.case if earlier else None


def submit(api_key, value: str, request_digest: str, submission):
    """Create the case, or return the one a racing request with the same key created: (case, replayed)."""
    submission.records.append(ApiSubmission(key=api_key, idempotency_key=value, request_digest=request_digest))
    try:
        return services.submit_case(submission), False  # the record is stored with the case, all or none
    except IntegrityError:
        case = earlier_case(api_key, value, request_digest)
        if case is None:  # not our constraint: let the server error surface
            raise
        return case, True
