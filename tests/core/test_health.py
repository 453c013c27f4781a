import json

from django.db.utils import OperationalError


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_without_details_when_the_database_is_down(client, db, monkeypatch):
    def down():
        raise OperationalError("connection to server at 10.0.0.5 failed: password authentication failed")

    monkeypatch.setattr("mosharekat.core.health._database", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "failing", "database": "failing", "cache": "ok"}
    assert b"10.0.0.5" not in response.content and b"password" not in response.content


def test_healthz_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405
