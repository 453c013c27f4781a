"""The Open311 GeoReport v2 endpoints. Thin: params reads input, queries finds cases, desk.services
writes them and open311 formats the answer. Every failure is answered in the spec's error format."""

from functools import wraps

from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from mosharekat.catalog import services as catalog
from mosharekat.desk import services

from . import idempotency, keys, limits, open311, params, queries
from .open311 import ApiError

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def api_view(*methods):
    """CSRF-exempt (clients are programs holding a key, not browsers holding a session), limited to
    ``methods``, never cached (answers carry tracking codes), with errors in the spec's format."""

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request, fmt, **kwargs):
            try:
                if request.method not in methods:
                    response = open311.error(fmt, 405, _("Use %(methods)s here.") % {"methods": " or ".join(methods)})
                    response["Allow"] = ", ".join(methods)
                else:
                    response = view(request, fmt, **kwargs)
            except ApiError as exc:
                response = open311.error(fmt, exc.status, exc.description)
            except (SuspiciousOperation, MultiPartParserError):  # oversized or unparseable bodies and query strings
                response = open311.error(fmt, 400, _("The request could not be read."))
            add_never_cache_headers(response)
            return response

        return wrapper

    return decorate


@api_view("GET", "HEAD")
def service_list(request, fmt):
    return open311.render(fmt, "services", [open311.service(item) for item in queries.active_services()])


@api_view("GET", "HEAD")
def service_definition(request, fmt, code):
    item = queries.active_service(code)
    if item is None:
        raise ApiError(404, _("service_code not found."))
    return open311.render(fmt, "service_definition", open311.service_definition(item))


@api_view("GET", "HEAD", "POST")
def service_requests(request, fmt):
    return _create(request, fmt) if request.method == "POST" else _list(request, fmt)


def _create(request, fmt):
    if request.content_type not in FORM_TYPES:
        raise ApiError(400, _("Send the fields form-encoded (application/x-www-form-urlencoded)."))
    data = request.POST
    key = keys.authenticate(data.get("api_key"))
    retry_key, retry_digest = idempotency.key_of(request), idempotency.digest(data)
    case = idempotency.earlier_case(key, retry_key, retry_digest)
    if case is not None:  # a retry: the first answer again, nothing created
        return _created(fmt, case, replayed=True)
    service = catalog.active_service(params.text(data, "service_code", 30, required=True))  # per-process copy
    if service is None:
        raise ApiError(404, _("service_code not found."))
    submission = params.submission(data, service)  # location fields are accepted and ignored: cases need none
    try:
        case, replayed = idempotency.submit(key, retry_key, retry_digest, submission)
    except ValidationError as exc:
        raise ApiError(400, " ".join(exc.messages)) from None
    return _created(fmt, case, replayed)


def _created(fmt, case, replayed):
    response = open311.render(fmt, "service_requests", [open311.created(case)], status=201)
    if replayed:
        response["Idempotent-Replayed"] = "true"
    return response


def _list(request, fmt):
    query = request.GET
    key = keys.authenticate(query["api_key"]) if query.get("api_key") else None
    codes = params.comma_list(query, "service_request_id", params.MAX_IDS, 40)
    if codes:  # the spec: explicit ids override every other filter
        for _code in codes:
            limits.check_client(request)
        found = queries.by_codes(codes)
    elif key is None:
        raise ApiError(403, _("api_key required to list requests."))
    else:
        found = queries.for_key(key, **params.listing_filters(query))
    return open311.render(fmt, "service_requests", [open311.service_request(case, cur) for case, cur in found])


@api_view("GET", "HEAD")
def service_request(request, fmt, code):
    limits.check_client(request)
    case = queries.by_code(code)
    if case is None:
        raise ApiError(404, _("service_request_id not found."))
    current = services.surviving(case)
    query = request.GET
    contacts = [c for c in (params.text(query, "phone", 30), params.text(query, "email", 254)) if c]
    slot = limits.check_code(request, case.tracking_code) if contacts and not case.is_anonymous else None
    private = None
    if queries.may_read(case, contacts):
        private = queries.private_part(case, current)
        if slot is not None:
            slot.release()
    return open311.render(fmt, "service_requests", [open311.service_request(case, current, private)])


@csrf_exempt
def unknown(request, fmt, **kwargs):
    """Any other path under /open311/v2/ ending in .json or .xml: a 404 in the spec's format, not an HTML page."""
    response = open311.error(fmt, 404, _("No such resource."))
    add_never_cache_headers(response)
    return response
