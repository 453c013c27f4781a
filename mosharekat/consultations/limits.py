"""Limits on one-time SMS codes (each costs an SMS) and on comments (a flood buries other citizens'
voices), per client address and per mobile number; shared by consultations and news. Counted with
django-ratelimit's ``get_usage`` in Django's cache (Redis in production), like the desk's lookups."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

CODE_LIMITED = _("Too many codes were asked for this number or from this address. Try again in a few minutes; "
                 "what you typed is still in the form.")
COMMENT_LIMITED = _("Too many comments were sent from this address or with this number in a short time. Press "
                    "«Send comment» again in a few minutes; what you typed is still in the form.")


def _over(request, group, key, rate) -> bool:
    usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
    return bool(usage and usage["should_limit"])


def _allowed(request, scope, mobile, client_rate, mobile_rate) -> bool:
    # Both counters move on every attempt, so neither a new address nor a new number resets the other.
    by_client = _over(request, f"{scope}-ip", "ip", client_rate)
    by_mobile = bool(mobile) and _over(request, f"{scope}-mobile", lambda group, request: mobile, mobile_rate)
    return not (by_client or by_mobile)


def code_allowed(request, mobile: str) -> bool:
    """Count one code request; False once the client or the number is over its limit."""
    return _allowed(request, "participation-code", mobile,
                    settings.PARTICIPATION_CODE_RATE_PER_CLIENT, settings.PARTICIPATION_CODE_RATE_PER_MOBILE)


def comment_allowed(request, mobile: str) -> bool:
    """Count one comment attempt; False once the client or the number is over its limit."""
    return _allowed(request, "participation-comment", mobile,
                    settings.PARTICIPATION_COMMENT_RATE_PER_CLIENT, settings.PARTICIPATION_COMMENT_RATE_PER_MOBILE)
