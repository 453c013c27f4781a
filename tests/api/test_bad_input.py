"""Input PostgreSQL would refuse (a NUL character) reaches no query: a clear 4xx, never a server error.
Found by probing past the fuzz run; these run on SQLite and PostgreSQL alike."""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", [
    "/open311/v2/services/%00.json",
    "/open311/v2/services/11021001%00.xml",
    "/open311/v2/requests/%00.json?phone=%00",
    "/open311/v2/requests.json?service_request_id=%00,1",
    "/api/v1/consultations/bylaw-1/comments?provision=a1%00",
])
def test_nul_in_urls_is_a_client_error(client, draft, service_a, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert response.json() == [] or response.json()["comments"] == []


def test_nul_in_a_comment_is_dropped_or_refused(client, draft):
    data = {"stance": "agree", "body": "موافق\x00م", "provision": "a1\x00"}
    response = client.post("/api/v1/consultations/bylaw-1/comments", json.dumps(data), content_type="application/json")
    assert response.status_code == 422 and response.json()["error"]["field"] == "provision"
    del data["provision"]
    response = client.post("/api/v1/consultations/bylaw-1/comments", json.dumps(data), content_type="application/json")
    assert response.status_code == 201 and response.json()["body"] == "موافقم"


@pytest.mark.parametrize("body", [
    '{"stance": "agree", "body": "x", "provision": "a1\\ud800"}',
    '{"stance": "agree", "body": "x", "\\ud800": 1}',
    '{"mobile": "\\ud800"}',
])
@pytest.mark.parametrize("endpoint", ["comments", "codes"])
def test_lone_surrogates_in_json_are_a_client_error(client, draft, body, endpoint):
    """JSON may escape half of a UTF-16 pair, which no database or UTF-8 answer can carry."""
    response = client.post(f"/api/v1/consultations/bylaw-1/{endpoint}", body, content_type="application/json")
    assert response.status_code == 422
    response.content.decode("utf-8")  # the error itself is valid UTF-8
