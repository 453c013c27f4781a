"""Rate limits on lookups by tracking code, as on the web track page: every lookup counts against the
client's address, and wrong contact details also count against the code, from whatever address."""

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from mosharekat.core import throttle

from .open311 import ApiError


def check_client(request) -> None:
    """Count one lookup by code for this address; ApiError 429 once over the limit."""
    if is_ratelimited(request, group="api-lookup", key="ip", rate=settings.LOOKUP_RATE_PER_CLIENT, increment=True):
        raise ApiError(429, _("Too many lookups from this address; try again in a few minutes."))


def check_code(request, code: str) -> throttle.Slot:
    """Stop guessing the contact of one case from many addresses; ApiError 429 while it is blocked.

    The slot is taken before the contact is compared, so parallel guesses cannot all pass; the caller
    releases it when the contact was right, so only wrong contacts use the code's allowance up."""
    slot = throttle.take("api-lookup-code", code, settings.LOOKUP_RATE_PER_CODE)
    if slot.blocked:
        raise ApiError(429, _("Too many wrong contact details were tried for this service_request_id; try later."))
    return slot


def check_rate(request, group: str, rate: str, key="ip", message: str = "") -> None:
    """Count one call in ``group`` against ``key`` (the client's address by default); ApiError 429 once over."""
    if is_ratelimited(request, group=group, key=key, rate=rate, increment=True):
        raise ApiError(429, message or "Too many requests from this address; try again in a few minutes.")
