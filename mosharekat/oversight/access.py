"""Reporter sessions, rate limits and the privacy headers of every /oversight/ response.

No IP address is used anywhere here. Rate limits are keyed instead on (a) a global counter of
receipt logins, which bounds the argon2 work an attacker can cause, and (b) failures per
receipt bucket (the first 4 hex digits of the receipt's keyed digest, 65,536 buckets), which
stops anyone hammering one receipt without locking out all reporters at once. With 10^20
receipts, even the global limit alone leaves guessing hopeless.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404
from django_ratelimit.core import get_usage

from mosharekat.core import throttle
from mosharekat.core import views as core_views

from . import receipts

SESSION_KEY = "oversight_report"
REFERRER_POLICY = "same-origin"
LOGIN_RATE_GLOBAL = getattr(settings, "OVERSIGHT_LOGIN_RATE_GLOBAL", "300/10m")
LOGIN_RATE_PER_BUCKET = getattr(settings, "OVERSIGHT_LOGIN_RATE_PER_BUCKET", "10/h")


def private(view):
    """No referrer leaves these pages for another site and nothing is cached by browsers or proxies;
    404s get the same headers.

    ``same-origin`` rather than ``no-referrer``: under ``no-referrer`` browsers send ``Origin: null``
    with every form POST (Fetch standard), which Django's CSRF origin check rightly refuses, so no
    report could be sent. ``same-origin`` still gives other sites nothing; only this server sees
    its own URLs, and it logs none of them.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = core_views.not_found(request)
        response["Referrer-Policy"] = REFERRER_POLICY
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        return response

    return wrapper


# --- reporter session ----------------------------------------------------------------------------

def grant(request, report):
    # A new session key on login, so a session id planted before the login is worth nothing.
    request.session.cycle_key()
    request.session[SESSION_KEY] = str(report.pk)


def revoke(request):
    request.session.flush()


def granted_report_id(request):
    return request.session.get(SESSION_KEY)


# --- rate limits ---------------------------------------------------------------------------------

def _bucket(raw_receipt: str) -> str:
    receipt = receipts.parse(raw_receipt)
    return receipts.index(receipt)[:4] if receipt else "malformed"


def start_login(request, raw_receipt: str):
    """None when receipt logins are refused; otherwise the bucket's slot, to release on success.

    The slot is taken before the (slow) argon2 check, so parallel guesses cannot all pass the limit."""
    everyone = get_usage(request, group="oversight-login-all", key=lambda group, req: "all",
                         rate=LOGIN_RATE_GLOBAL, increment=True)
    if everyone["should_limit"]:
        return None
    slot = throttle.take("oversight-login-bucket", _bucket(raw_receipt), LOGIN_RATE_PER_BUCKET)
    return None if slot.blocked else slot
