"""The plumbing of the JSON API under /api/v1/: reading JSON bodies and answering every failure in one
stable format, ``{"error": {"status": 422, "code": "invalid_field", "field": "stance", "message": "..."}}``.

Clients branch on ``code`` (stable) and show ``message`` (clear English, may be reworded). Messages
from the shared services are produced in English here, whatever language the site itself runs in.
"""

import json
from functools import wraps

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from mosharekat.core.text import clean_text

from .open311 import ApiError

# The code answered for an ApiError raised by shared helpers (limits, keys) that carry only a status.
DEFAULT_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                 409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid_field",
                 429: "rate_limited"}


class Problem(ApiError):
    """A client error with a stable machine-readable ``code`` and, for bad input, the ``field`` at fault."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(status, message)
        self.code = code
        self.field = field


def respond(data, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def error_response(exc: ApiError) -> HttpResponse:
    error = {"status": exc.status, "code": getattr(exc, "code", None) or DEFAULT_CODES.get(exc.status, "error"),
             "message": exc.description}
    if getattr(exc, "field", None):
        error["field"] = exc.field
    return respond({"error": error}, status=exc.status)


def json_view(*methods):
    """CSRF-exempt (clients are programs, and no cookie grants anything here), limited to ``methods``,
    never cached, English messages, and every failure in the error format above."""

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request, **kwargs):
            try:
                with translation.override("en"):
                    if request.method not in methods:
                        raise Problem(405, "method_not_allowed", f"Use {' or '.join(methods)} here.")
                    response = view(request, **kwargs)
            except ApiError as exc:
                response = error_response(exc)
                if exc.status == 405:
                    response["Allow"] = ", ".join(methods)
            add_never_cache_headers(response)
            return response

        return wrapper

    return decorate


def read_json(request) -> dict:
    """The request's JSON object; Problem 415/413/400 when it is not JSON, too large or not an object."""
    if request.content_type != "application/json":
        raise Problem(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.")
    try:
        data = json.loads(request.body)
    except RequestDataTooBig:
        raise Problem(413, "too_large", "The body is too large.") from None
    except SuspiciousOperation:
        raise Problem(400, "bad_request", "The request could not be read.") from None
    except (ValueError, RecursionError):  # malformed JSON, bad UTF-8, or nesting deep enough to exhaust the stack
        raise Problem(400, "invalid_json", "The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise Problem(400, "invalid_json", "The body must be a JSON object.")
    return data


def string(data: dict, name: str, max_length: int, required: bool = False) -> str:
    """A string field, cleaned as every stored text is; Problem 422 naming the field otherwise."""
    value = data.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Problem(422, "invalid_field", f"{name} must be a string.", name)
    value = clean_text(value)
    if required and not value:
        raise Problem(422, "missing_field", f"{name} is required.", name)
    if len(value) > max_length:
        raise Problem(422, "invalid_field", f"{name} is longer than {max_length} characters.", name)
    return value


@json_view("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
def unknown(request, **kwargs):
    raise Problem(404, "not_found", "No such endpoint; see /api/schema/.")
