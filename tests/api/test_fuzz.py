"""Schemathesis fuzzes every operation of /api/schema/ through Django's WSGI handler: no answer may be a
server error, and every answer must match the description (status, content type, headers, body).

The run is bounded (MAX_EXAMPLES per operation and phase) to stay well under a minute on SQLite
and PostgreSQL. Real identifiers (the draft's slug, a service code, a valid api_key) are swapped into
two generated requests out of three, so the fuzzer gets past the 404/403 doors into the code behind them.
"""

import os

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mosharekat.api import schema as spec

# FUZZ_EXAMPLES=500 for a deeper run by hand; CI keeps the default.
MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@pytest.fixture
def web_schema(db, draft, service_a, api_key, make_case, settings):
    # Rate limits would turn most of the run into 429s (which are described); lift them to reach the code.
    for name in ("LOOKUP_RATE_PER_CLIENT", "LOOKUP_RATE_PER_CODE", "PARTICIPATION_CODE_RATE_PER_CLIENT",
                 "PARTICIPATION_CODE_RATE_PER_MOBILE", "PARTICIPATION_COMMENT_RATE_PER_CLIENT",
                 "PARTICIPATION_COMMENT_RATE_PER_MOBILE", "API_READ_RATE"):
        setattr(settings, name, "100000/m")
    loaded = schemathesis.openapi.from_dict(spec.document())
    loaded.app = _in_test_transaction(WSGIHandler())
    case = make_case(service=service_a)
    loaded.known = {"slug": draft.slug, "service_code": service_a.code, "api_key": api_key,
                    "service_request_id": case.tracking_code}
    return loaded


schema = schemathesis.pytest.from_fixture("web_schema")


def _in_test_transaction(app):
    """Django's WSGI handler as the test client runs it: the database connection is kept open across
    requests (closing it would end the test's transaction; PostgreSQL then fails every later query),
    and REMOTE_ADDR is set (Werkzeug's test client sends none; every real server does)."""

    def wsgi(environ, start_response):
        environ.setdefault("REMOTE_ADDR", "198.51.100.7")
        for signal in (signals.request_started, signals.request_finished):
            signal.disconnect(close_old_connections)
        try:
            response = app(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()  # sends request_finished
        finally:
            for signal in (signals.request_started, signals.request_finished):
                signal.connect(close_old_connections)

    return wsgi


def _swap_in_known_values(case, known):
    """Replace generated identifiers by real ones in two cases out of three (chosen by the data itself)."""
    for params in (case.path_parameters, case.query, case.body):
        if not isinstance(params, dict):
            continue
        for name, value in known.items():
            if isinstance(params.get(name), str) and len(params[name]) % 3:
                params[name] = value


@schema.parametrize()
@hypothesis.settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                     suppress_health_check=list(hypothesis.HealthCheck))
def test_no_server_error_and_answers_match_the_schema(case, web_schema):
    _swap_in_known_values(case, web_schema.known)
    case.call_and_validate(checks=CHECKS)
