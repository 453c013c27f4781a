"""Form hints and errors are announced with their input (aria-describedby), not only shown near it."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _describedby(html, name):
    tag = re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', html).group(0)
    found = re.search(r'aria-describedby="([^"]*)"', tag)
    return found.group(1).split() if found else []


def test_hint_is_tied_to_its_input(client):
    html = client.get("/desk/submit/").content.decode()
    assert _describedby(html, "body") == ["id_body_hint"]
    assert 'id="id_body_hint"' in html


def test_error_and_hint_are_both_tied_after_a_bad_submission(client):
    html = client.post("/desk/submit/", {"kind": "complaint", "subject": "x", "body": "کوتاه"}).content.decode()
    assert _describedby(html, "body") == ["id_body_error", "id_body_hint"]
    assert 'id="id_body_error"' in html
