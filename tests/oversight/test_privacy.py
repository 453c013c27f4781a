"""The reporter's IP address and user agent are never stored or logged on /oversight/ URLs."""

import logging

import pytest
from django.db import connection
from django.urls import reverse

from mosharekat.oversight.models import Report

from .conftest import form_token, jpeg_with_exif, login, upload

pytestmark = pytest.mark.django_db(transaction=True)

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (ReporterPhone; TraceMe-UA-7731)"
CLIENT = {"REMOTE_ADDR": IP, "HTTP_USER_AGENT": AGENT, "HTTP_X_FORWARDED_FOR": IP, "HTTP_X_REAL_IP": IP}


def every_text_value():
    """Every value of every column of every table, as text, read with raw SQL."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608  names from the DB
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("utf-8", "replace")
                    values.append(str(value))
    return values


def test_no_ip_or_user_agent_in_logs_or_tables_after_an_anonymous_report(client, caplog, officer, internal_body):
    caplog.set_level(logging.DEBUG)
    page = client.get(reverse("oversight:new"), **CLIENT)
    data = {"form_token": form_token(page), "body": internal_body.pk, "subject": "تخلف در مناقصه",
            "text": "برنده مناقصه پیش از باز شدن پاکت‌ها معلوم بود.", "evidence": [upload("p.jpg", jpeg_with_exif())]}
    response = client.post(reverse("oversight:new"), data, **CLIENT)
    assert response.status_code == 200
    receipt = response.context["receipt"]
    # Come back with the receipt (also a wrong one, which is logged as a 400), write, get a 404.
    client.post(reverse("oversight:leave"), **CLIENT)
    client.post(reverse("oversight:index"), {"receipt": "12345"}, **CLIENT)
    client.post(reverse("oversight:index"), {"receipt": receipt}, **CLIENT)
    client.post(reverse("oversight:report"), {"text": "مدرک دیگری هم دارم."}, **CLIENT)
    client.get("/oversight/no-such-page/", **CLIENT)
    # The officer reads it too (audit log rows are written).
    login(client, officer)
    report = Report.objects.get()
    client.get(reverse("oversight:officer_report", args=[report.pk]), **CLIENT)

    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert caplog.records, "the test should see the request log (e.g. the 400 and 404 warnings)"
    assert IP not in logged and "TraceMe-UA" not in logged

    values = every_text_value()
    assert any("gAAAAA" in v for v in values), "the search must reach the report tables"
    assert not [v for v in values if IP in v]
    assert not [v for v in values if "TraceMe-UA" in v]
    # The session data itself (decoded) holds neither.
    from django.contrib.sessions.models import Session

    for session in Session.objects.all():
        decoded = str(session.get_decoded())
        assert IP not in decoded and "TraceMe-UA" not in decoded
