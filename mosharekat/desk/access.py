"""Citizen access to cases: a signed cookie remembers which cases its holder proved they may open.

A signed cookie rather than the database session: a lookup or an anonymous submission then costs no
session row (a SELECT and an INSERT each), and the web nodes share nothing but SECRET_KEY. It is as
strict as the session was: signed (tampering voids it), HttpOnly, SameSite=Lax, Secure behind TLS, gone
when the browser closes, and refused once SESSION_COOKIE_AGE has passed since the last grant.
"""

from django.conf import settings
from django.core import signing
from django.http import FileResponse, Http404
from django_ratelimit.core import _get_ip  # the client address exactly as django-ratelimit's key="ip" sees it

from mosharekat.core import throttle

from . import tracking

COOKIE = "desk_cases"
SALT = "mosharekat.desk.access"
MAX_CASES = 20


def _state(request) -> dict:
    """{"cases": [pk, …], "submitted": pk or None}, read from the cookie once per request."""
    state = getattr(request, "_desk_access", None)
    if state is None:
        state = {"cases": [], "submitted": None}
        raw = request.COOKIES.get(COOKIE)
        if raw:
            try:
                found = signing.loads(raw, salt=SALT, max_age=settings.SESSION_COOKIE_AGE)
                state = {"cases": [int(pk) for pk in found["cases"]], "submitted": found.get("submitted")}
            except (signing.BadSignature, KeyError, TypeError, ValueError):
                pass  # forged, expired or from an older format: no access, as with no cookie
        request._desk_access = state
    return state


def grant(request, case, submitted=False):
    """Let this browser open ``case`` (its newest MAX_CASES); ``remember`` writes it to the response."""
    state = _state(request)
    cases = [pk for pk in state["cases"] if pk != case.pk] + [case.pk]
    state["cases"] = cases[-MAX_CASES:]
    if submitted:
        state["submitted"] = case.pk
    request._desk_access_changed = True


def remember(request, response):
    """Set the cookie if this request granted a case; returns the response."""
    if getattr(request, "_desk_access_changed", False):
        response.set_cookie(
            COOKIE, signing.dumps(_state(request), salt=SALT), path="/desk/",
            secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
        )  # no max_age: a browser-session cookie, like the session's (SESSION_EXPIRE_AT_BROWSER_CLOSE)
    return response


def granted(request, pk) -> bool:
    return pk in _state(request)["cases"]


def submitted_case_id(request):
    """The case this browser just submitted, if it may open it."""
    pk = _state(request)["submitted"]
    return pk if pk is not None and granted(request, pk) else None


def _code_key(request) -> str:
    return tracking.parse(request.POST.get("code", "")) or "invalid"


def start_lookup(request):
    """None when the lookup is refused; otherwise the code's slot, to release if the lookup succeeds.

    Every lookup counts against the client; failed ones also against the code, from any address. The
    code's slot is taken before the lookup runs, so parallel guesses cannot all slip under the limit.
    Both counters are taken in one cache round trip.
    """
    client, code = throttle.take_many([
        ("desk-lookup-ip", _get_ip(request), settings.LOOKUP_RATE_PER_CLIENT),
        ("desk-lookup-code", _code_key(request), settings.LOOKUP_RATE_PER_CODE),
    ])
    if client.blocked:
        code.release()  # refused before it ran: not an attempt on the code
        return None
    return None if code.blocked else code


def serve_attachment(attachment):
    """Every file goes out as a download with a fixed safe type; nothing is rendered by the browser."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.name)
    response["Content-Type"] = attachment.content_type if attachment.content_type.startswith("audio/") else (
        "application/octet-stream"
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
