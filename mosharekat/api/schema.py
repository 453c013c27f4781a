"""The OpenAPI 3.1 description of every JSON endpoint: Open311 GeoReport v2 and the /api/v1/ JSON API.

Written by hand as Python data (the views are plain Django functions, which no generator reads; see
README.md), so enums and length limits come from the code itself. tests/api/test_schema.py validates
it with openapi-spec-validator and checks that every JSON URL in the URLconf is described here, and
tests/api/test_fuzz.py runs schemathesis against it.
"""

from mosharekat.consultations.models import Comment, DraftDocument, Provision
from mosharekat.consultations.services import CODE_MINUTES
from mosharekat.desk.models import Kind

from . import comments, params

JSON = "application/json"


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: dict, required=None, **extra) -> dict:
    """A closed object: a field added to an answer without being described here fails the fuzz run."""
    return {"type": "object", "properties": properties, "required": list(required or properties),
            "additionalProperties": False, **extra}


STRING = {"type": "string"}
# The usual form; Persian or Arabic digits, spaces and dashes are accepted too (as on the web form).
MOBILE = {"type": "string", "maxLength": 30, "pattern": "^(\\+98|0)?9[0-9]{9}$", "example": "09121234567"}
MOMENT = {"type": "string", "format": "date-time", "description": "ISO 8601 in Tehran time, with its offset."}


def response(description: str, schema: dict | None = None, media=JSON) -> dict:
    answer = {"description": description}
    if schema is not None:
        answer["content"] = {media: {"schema": schema}}
    return answer


def errors(kind: str, *statuses: int) -> dict:
    """The documented failures of one operation; ``kind`` is Open311Error or ApiError."""
    reasons = {
        400: "The request could not be read, or a parameter is malformed.",
        403: "api_key is missing, unknown or revoked.",
        404: "Not found.",
        405: "Method not allowed.",
        409: "The comment period of this draft has ended (code `consultation_closed`).",
        413: "The body is too large.",
        415: "The body is not JSON.",
        422: "A field is missing or invalid; `field` names it.",
        429: "Rate limit reached for this client address (or this mobile number / tracking code).",
    }
    return {str(status): response(reasons[status], ref(kind)) for status in statuses}


# --- Open311 GeoReport v2 -------------------------------------------------------------------------

OPEN311_SCHEMAS = {
    "Open311Error": {
        "type": "array", "minItems": 1,
        "description": "GeoReport's error format; `code` repeats the HTTP status.",
        "items": obj({"code": {"type": "integer"}, "description": STRING}),
    },
    "Service": obj({
        "service_code": STRING, "service_name": STRING, "description": STRING,
        "metadata": {"type": "boolean"}, "type": {"enum": ["realtime", "batch", "blackbox"]},
        "keywords": STRING, "group": {"type": "string", "description": "The responsible unit."},
    }),
    "ServiceDefinition": obj({
        "service_code": STRING,
        "attributes": {"type": "array", "items": obj({
            "variable": {"type": "boolean"}, "code": STRING, "datatype": STRING, "required": {"type": "boolean"},
            "datatype_description": STRING, "order": {"type": "integer"}, "description": STRING,
            "values": {"type": "array", "items": obj({"key": {"enum": list(Kind.values)}, "name": STRING})},
        })},
    }),
    "RequestCreated": obj({
        "service_request_id": {"type": "string", "description": "The tracking code."},
        "service_notice": STRING, "account_id": {"type": "null"},
    }),
    "ServiceRequest": obj({
        "service_request_id": STRING,
        "status": {"enum": ["open", "closed"]},
        "status_notes": {"type": "string", "description": "The agency's public answers; only for the submitter."},
        "service_name": nullable(STRING), "service_code": nullable(STRING),
        "description": {"type": "string", "description": "The submitted text; only for the submitter."},
        "agency_responsible": STRING,
        "requested_datetime": MOMENT, "updated_datetime": MOMENT, "expected_datetime": MOMENT,
    }, required=["service_request_id", "status", "service_name", "service_code", "agency_responsible",
                 "requested_datetime", "updated_datetime", "expected_datetime"]),
}


def _query(name: str, description: str, schema=None, required=False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema or STRING}


def _path(name: str, description: str, schema=None) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema or STRING}


def _text(max_length: int, description: str = "") -> dict:
    return {"type": "string", "maxLength": max_length, **({"description": description} if description else {})}


SUBMISSION = obj({
    "api_key": STRING,
    "service_code": _text(30),
    "description": _text(params.MAX_DESCRIPTION, "The citizen's text; its first line becomes the subject."),
    "attribute[kind]": {"enum": list(Kind.values), "description": "Defaults to `request` when left out."},
    "first_name": _text(70), "last_name": _text(70),
    "phone": _text(30, "Iranian mobile, Persian or Latin digits. Without phone and email the request is "
                       "anonymous and its code alone opens it."),
    "email": _text(254),
    "lat": STRING, "long": STRING, "address_string": STRING, "address_id": STRING,
    "idempotency_key": {"type": "string", "maxLength": 255, "description": "Same as the Idempotency-Key header."},
}, required=["api_key", "service_code", "description"])
SUBMISSION["additionalProperties"] = True  # GeoReport clients send extra fields; they are ignored

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "A client-chosen unique key (e.g. a UUID), 1 to 255 printable ASCII characters, per api_key. "
                   "Retrying with the same key returns the first answer (201, header `Idempotent-Replayed: true`) "
                   "instead of creating a second case; reusing a key with different fields is refused with 422. "
                   "May also be sent as the form field `idempotency_key`.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
}


def open311_paths() -> dict:
    listed = {"content": {JSON: {"schema": {"type": "array", "items": ref("ServiceRequest")}}}}
    return {
        "/open311/v2/services.json": {"get": {
            "tags": ["Open311"], "operationId": "open311_services", "summary": "Active services",
            "responses": {"200": response("The catalogue.", {"type": "array", "items": ref("Service")}),
                          **errors("Open311Error", 400)},
        }},
        "/open311/v2/services/{service_code}.json": {"get": {
            "tags": ["Open311"], "operationId": "open311_service", "summary": "One service's attributes",
            "parameters": [_path("service_code", "The service's code.")],
            "responses": {"200": response("Its definition.", ref("ServiceDefinition")),
                          **errors("Open311Error", 400, 404)},
        }},
        "/open311/v2/requests.json": {
            "get": {
                "tags": ["Open311"], "operationId": "open311_requests", "summary": "Find requests",
                "description": "With `service_request_id`: those codes (no key, each counts as a lookup). "
                               "Otherwise the requests this `api_key` submitted, at most 1000, 90 days at most.",
                "parameters": [
                    _query("api_key", "Required unless service_request_id is given."),
                    _query("service_request_id", f"Comma-separated tracking codes, at most {params.MAX_IDS}."),
                    _query("service_code", "Comma-separated service codes."),
                    _query("status", "open, closed or both, comma-separated."),
                    _query("start_date", "ISO 8601.", {"type": "string", "format": "date-time"}),
                    _query("end_date", "ISO 8601.", {"type": "string", "format": "date-time"}),
                ],
                "responses": {"200": {"description": "The requests found.", **listed},
                              **errors("Open311Error", 400, 403, 429)},
            },
            "post": {
                "tags": ["Open311"], "operationId": "open311_submit", "summary": "Submit a request",
                "parameters": [IDEMPOTENCY_KEY],
                "requestBody": {"required": True, "content": {
                    "application/x-www-form-urlencoded": {"schema": SUBMISSION},
                    "multipart/form-data": {"schema": SUBMISSION},
                }},
                "responses": {
                    "201": {**response("Registered; `service_request_id` is the tracking code.",
                                       {"type": "array", "items": ref("RequestCreated")}),
                            "headers": {"Idempotent-Replayed": {
                                "description": "`true` when this answers a retry: no new case was created.",
                                "schema": {"enum": ["true"]}}}},
                    **errors("Open311Error", 400, 403, 404, 422),
                },
            },
        },
        "/open311/v2/requests/{service_request_id}.json": {"get": {
            "tags": ["Open311"], "operationId": "open311_request", "summary": "One request by tracking code",
            "description": "`description` and `status_notes` only with the submitter's phone or email "
                           "(or for an anonymous request).",
            "parameters": [_path("service_request_id", "The tracking code."),
                           _query("phone", "The submitter's mobile."), _query("email", "The submitter's e-mail.")],
            "responses": {"200": {"description": "The request.", **listed}, **errors("Open311Error", 400, 404, 429)},
        }},
    }


# --- /api/v1/: consultations ----------------------------------------------------------------------

V1_SCHEMAS = {
    "ApiError": obj({"error": obj({
        "status": {"type": "integer", "description": "The HTTP status again."},
        "code": {"type": "string", "description": "Stable: bad_request, invalid_json, invalid_parameter, "
                 "invalid_field, missing_field, unknown_field, identity_required, code_rejected, comment_rejected, "
                 "consultation_closed, not_found, method_not_allowed, too_large, unsupported_media_type, "
                 "rate_limited."},
        "message": {"type": "string", "description": "Clear English, may be reworded."},
        "field": {"type": "string", "description": "The body field or query parameter at fault."},
    }, required=["status", "code", "message"])}),
    "Provision": obj({
        "key": {"type": "string", "description": "Stable across versions; send it as a comment's `provision`."},
        "level": {"enum": list(Provision.Level.values)}, "label": STRING, "text": STRING,
        "parent": nullable(STRING),
    }),
    "Consultation": obj({
        "slug": STRING, "title": STRING, "kind": {"enum": list(DraftDocument.Kind.values)}, "summary": STRING,
        "unit": STRING, "state": {"enum": ["draft", "open", "closed", "final"]}, "is_open": {"type": "boolean"},
        "published_at": nullable(MOMENT), "closes_at": nullable(MOMENT),
        "allow_anonymous": {"type": "boolean"},
        "provisions": {"type": "array", "items": ref("Provision")},
        "comments_url": {"type": "string", "format": "uri"},
    }),
    "Comment": obj({
        "id": {"type": "integer"}, "status": {"enum": list(Comment.Status.values)}, "created_at": MOMENT,
        "provision": nullable(STRING), "provision_label": nullable(STRING),
        "stance": {"enum": list(Comment.Stance.values)},
        "body": nullable(STRING), "replacement_text": nullable(STRING), "display_name": nullable(STRING),
        "verified": {"type": "boolean", "description": "Sent with a mobile number proven by an SMS code."},
        "removal_reason": nullable(STRING),
        "disposition": nullable(obj({"decision": STRING, "reason": STRING})),
        "replies": {"type": "array", "description": "The owning unit's official answers.",
                    "items": obj({"body": STRING, "created_at": MOMENT, "official": {"const": True}})},
    }, description="A removed comment keeps only that it was removed and why: its text fields are null."),
    "CommentPage": obj({
        "comments": {"type": "array", "items": ref("Comment")},
        "next": nullable({"type": "string", "format": "uri"}),
    }),
    "CommentInput": obj({
        "stance": {"enum": list(Comment.Stance.values)},
        "body": _text(comments.MAX_TEXT), "provision": nullable(STRING),
        "replacement_text": _text(comments.MAX_TEXT, "Required when stance is amend; ignored otherwise."),
        "display_name": _text(comments.MAX_NAME),
        "mobile": {**MOBILE, "description": "Iranian mobile; with `code`. Leave both out to comment anonymously "
                                            "when the draft allows it."},
        "code": _text(10, "The one-time code sent to `mobile` by POST …/codes."),
    }, required=["stance", "body"]),
    "CodeInput": obj({"mobile": MOBILE}),
    "CodeSent": obj({"mobile": STRING, "expires_in_seconds": {"type": "integer", "const": CODE_MINUTES * 60}}),
}


HEALTH = {"type": "object", "required": ["status"], "properties": {"status": {"enum": ["ok", "failing"]}},
          "additionalProperties": {"enum": ["ok", "failing"]}}


def v1_paths() -> dict:
    slug = _path("slug", "The draft's address.", {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"})

    def body(name):
        return {"required": True, "content": {JSON: {"schema": ref(name)}}}

    return {
        "/api/v1/consultations/{slug}": {"get": {
            "tags": ["Consultations"], "operationId": "consultation", "summary": "A draft and its provisions",
            "parameters": [slug],
            "responses": {"200": response("The draft.", ref("Consultation")), **errors("ApiError", 404, 429)},
        }},
        "/api/v1/consultations/{slug}/comments": {
            "get": {
                "tags": ["Consultations"], "operationId": "consultation_comments", "summary": "Comments, oldest first",
                "parameters": [
                    slug,
                    _query("after", "Continue after this comment id (use `next`).", {"type": "integer", "minimum": 0}),
                    _query("limit", f"Page size, default {comments.PAGE_SIZE}.",
                           {"type": "integer", "minimum": 1, "maximum": comments.MAX_PAGE_SIZE}),
                    _query("provision", "Only comments on this provision key."),
                ],
                "responses": {"200": response("A page of comments.", ref("CommentPage")),
                              **errors("ApiError", 400, 404, 429)},
            },
            "post": {
                "tags": ["Consultations"], "operationId": "consultation_comment", "summary": "Comment on a draft",
                "description": "On the whole draft (no `provision`) or one provision. Identified by `mobile` + "
                               "`code`, or anonymous when the draft allows it. After the comment period: 409.",
                "parameters": [slug], "requestBody": body("CommentInput"),
                "responses": {"201": response("Published.", ref("Comment")),
                              **errors("ApiError", 400, 404, 409, 413, 415, 422, 429)},
            },
        },
        "/api/v1/consultations/{slug}/codes": {"post": {
            "tags": ["Consultations"], "operationId": "consultation_code", "summary": "Send a one-time SMS code",
            "parameters": [slug], "requestBody": body("CodeInput"),
            "responses": {"202": response("Sent; valid for the time given.", ref("CodeSent")),
                          **errors("ApiError", 400, 404, 409, 413, 415, 422, 429)},
        }},
        "/healthz": {"get": {
            "tags": ["Meta"], "operationId": "health", "summary": "Can this app process serve?",
            "description": "For load balancers: database and cache reachable. One word per dependency.",
            "responses": {"200": response("Healthy.", HEALTH), "503": response("A dependency is failing.", HEALTH)},
        }},
        "/api/schema/": {"get": {
            "tags": ["Meta"], "operationId": "schema", "summary": "This description (OpenAPI 3.1, JSON)",
            "responses": {"200": response("The OpenAPI document.", {"type": "object"})},
        }},
    }


DESCRIPTION = """Every JSON endpoint of Mosharekat.

**Open311 GeoReport v2** (`/open311/v2/`): every call also answers in XML when `.json` is replaced by `.xml`;
errors are GeoReport's list `[{"code": 400, "description": "..."}]`. `api_key` is issued with
`manage.py create_api_key`.

**JSON API v1** (`/api/v1/`): JSON in and out; errors are `{"error": {"status", "code", "message", "field"}}`.
A comment after the comment period ends is refused with **409** and code `consultation_closed`.

Both are rate-limited per client address (429)."""


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Mosharekat API", "version": "1.0.0", "description": DESCRIPTION},
        "tags": [{"name": "Open311"}, {"name": "Consultations"}, {"name": "Meta"}],
        "paths": {**open311_paths(), **v1_paths()},
        "components": {"schemas": {**OPEN311_SCHEMAS, **V1_SCHEMAS}},
    }
