"""Citizen access to cases: a session remembers which cases its holder proved they may open."""

from django.conf import settings
from django.http import FileResponse, Http404
from django_ratelimit.core import is_ratelimited

from . import tracking

SESSION_KEY = "desk_cases"


def grant(request, case):
    granted = set(request.session.get(SESSION_KEY, []))
    granted.add(case.pk)
    request.session[SESSION_KEY] = sorted(granted)[-20:]


def granted(request, pk) -> bool:
    return pk in request.session.get(SESSION_KEY, [])


def _code_key(group, request):
    return tracking.parse(request.POST.get("code", "")) or "invalid"


def lookup_blocked(request, failed=False) -> bool:
    """Per-client and per-code limits on lookups; failures count, successes do not."""
    per_client = is_ratelimited(
        request, group="desk-lookup-ip", key="ip", rate=settings.LOOKUP_RATE_PER_CLIENT, increment=True
    )
    per_code = is_ratelimited(
        request, group="desk-lookup-code", key=_code_key, rate=settings.LOOKUP_RATE_PER_CODE, increment=failed
    )
    return per_client or per_code


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
