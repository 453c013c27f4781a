"""The OpenAPI description at /api/schema/ is valid and describes every JSON endpoint, so it cannot drift."""

import inspect
import re
import sys

import pytest
from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from openapi_spec_validator import validate

from mosharekat.api import schema

# The page that browses the description is HTML; the fallbacks answer 404 for paths that are not endpoints.
NOT_ENDPOINTS = {"json_api:docs", "json_api:unknown", "api:unknown"}
SAMPLES = {"slug": "bylaw-1", "service_code": "11021001", "service_request_id": "12345678901234"}


def url_patterns(patterns=None, prefix="", namespace=""):
    """(route, view name, callback) of every pattern in the URLconf, includes followed."""
    for item in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(item, URLResolver):
            inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from url_patterns(item.url_patterns, prefix + str(item.pattern), inner)
        elif isinstance(item, URLPattern):
            yield prefix + str(item.pattern), f"{namespace}{item.name}", item.callback


def answers_json(callback) -> bool:
    """Every view of the api app but the docs page, and any view whose module builds JSON answers."""
    module = sys.modules[callback.__module__]
    if module.__name__.startswith("mosharekat.api."):
        return True
    return bool(re.search(r"JsonResponse|application/json", inspect.getsource(module)))


def json_views():
    """The URL names of every pattern that answers JSON."""
    return {name for route, name, callback in url_patterns()
            if name not in NOT_ENDPOINTS and answers_json(callback)}


def described_views():
    found = {}
    for path, operations in schema.document()["paths"].items():
        match = resolve(re.sub(r"\{(\w+)\}", lambda m: SAMPLES[m.group(1)], path))
        found.setdefault(match.view_name, set()).update(method.upper() for method in operations)
    return found


def test_the_schema_is_served_as_valid_openapi(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.1")


def test_every_json_url_is_described():
    json_names = json_views()
    assert {"api:services", "api:requests", "json_api:comments", "json_api:schema", "healthz"} <= json_names
    missing = json_names - set(described_views())
    assert not missing, f"JSON endpoints missing from mosharekat/api/schema.py: {sorted(missing)}"


def test_every_described_path_is_a_real_url():
    # resolve() raises Resolver404 for a path in the description that the URLconf does not have
    assert set(described_views()) <= json_views()


@pytest.mark.parametrize(("method", "path", "data"), [
    ("get", "/open311/v2/services.json", None),
    ("get", "/api/v1/consultations/bylaw-1/comments", None),
    ("post", "/api/v1/consultations/bylaw-1/comments", {}),
])
def test_described_methods_are_served(client, db, method, path, data):
    response = getattr(client, method)(path, data or {})
    assert response.status_code != 405
    assert method.upper() in described_views()[resolve(path).view_name]


def test_the_idempotency_key_of_submissions_is_described():
    post = schema.document()["paths"]["/open311/v2/requests.json"]["post"]
    assert [p["name"] for p in post["parameters"] if p["in"] == "header"] == ["Idempotency-Key"]
    assert "422" in post["responses"]


def test_the_docs_page_loads_swagger_ui_from_our_static_files(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200 and 'data-schema-url="/api/schema/"' in html
    assert "<script>" not in html  # no inline script: the CSP forbids it
    assert "script-src 'self'" in response["Content-Security-Policy"]  # the site's strict policy, unrelaxed
    for asset in ("vendor/swagger-ui/swagger-ui-bundle.js", "vendor/swagger-ui/swagger-ui.css", "api/docs.js"):
        assert f"/static/{asset}" in html and finders.find(asset), asset


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v1/consultations/a%2Fb/comments",
                                  "/open311/v2/requests/a%2Fb.json", "/open311/v2/whatever.xml"])
def test_unknown_paths_under_the_apis_answer_in_their_error_format(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].split(";")[0] in ("application/json", "text/xml")
