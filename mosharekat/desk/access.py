"""Citizen access to cases: a session remembers which cases its holder proved they may open."""

from django.conf import settings
from django.http import FileResponse, Http404
from django_ratelimit.core import get_usage

from mosharekat.core import throttle

from . import tracking

SESSION_KEY = "desk_cases"


def grant(request, case):
    granted = set(request.session.get(SESSION_KEY, []))
    granted.add(case.pk)
    request.session[SESSION_KEY] = sorted(granted)[-20:]


def granted(request, pk) -> bool:
    return pk in request.session.get(SESSION_KEY, [])


def _code_key(request) -> str:
    return tracking.parse(request.POST.get("code", "")) or "invalid"


def start_lookup(request):
    """None when the lookup is refused; otherwise the code's slot, to release if the lookup succeeds.

    Every lookup counts against the client; failed ones also against the code, from any address. The
    code's slot is taken before the lookup runs, so parallel guesses cannot all slip under the limit.
    """
    client = get_usage(request, group="desk-lookup-ip", key="ip", rate=settings.LOOKUP_RATE_PER_CLIENT, increment=True)
    if client["should_limit"]:
        return None
    slot = throttle.take("desk-lookup-code", _code_key(request), settings.LOOKUP_RATE_PER_CODE)
    return None if slot.blocked else slot


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
