"""Rate limits on lookups by tracking code, as on the web track page: every lookup counts against the
client's address, and wrong contact details also count against the code, from whatever address."""

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage, is_ratelimited

from .open311 import ApiError


def check_client(request) -> None:
    """Count one lookup by code for this address; ApiError 429 once over the limit."""
    if is_ratelimited(request, group="api-lookup", key="ip", rate=settings.LOOKUP_RATE_PER_CLIENT, increment=True):
        raise ApiError(429, _("Too many lookups from this address; try again in a few minutes."))


def _code_usage(request, code: str, increment: bool = False):
    return get_usage(request, group="api-lookup-code", key=lambda group, request: code,
                     rate=settings.LOOKUP_RATE_PER_CODE, increment=increment)


def check_code(request, code: str) -> None:
    """Stop guessing the contact of one case from many addresses; ApiError 429 while it is blocked."""
    usage = _code_usage(request, code)
    if usage["count"] >= usage["limit"]:
        raise ApiError(429, _("Too many wrong contact details were tried for this service_request_id; try later."))


def record_wrong_contact(request, code: str) -> None:
    _code_usage(request, code, increment=True)
