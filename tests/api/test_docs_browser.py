"""The browsable API page works under the site's strict Content-Security-Policy (no inline script or
style allowed): Swagger UI loads from our static files and lists every operation of the description."""

import pytest
from playwright.sync_api import expect

from mosharekat.api import schema

pytestmark = pytest.mark.browser


def test_docs_page_lists_every_operation_without_csp_refusals(new_context, db):
    # new_context fails the test on any console error, CSP refusal or missing file
    page = new_context(viewport={"width": 1280, "height": 900}, is_mobile=False, has_touch=False).new_page()
    response = page.goto("/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock")
    operations = sum(len(methods) for methods in schema.document()["paths"].values())
    assert page.locator(".opblock").count() == operations
    assert page.locator(".opblock-summary-path", has_text="/api/v1/consultations/{slug}/comments").count() == 2
    page.locator(".opblock-post", has_text="/open311/v2/requests.json").locator(".opblock-summary").click()
    expect(page.get_by_text("Idempotency-Key").first).to_be_visible()  # the block opens with an animation
