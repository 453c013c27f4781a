"""XLSX/PDF exports, the quarterly ranking with its minimum, paper entries, and the demo data."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from mosharekat.core.models import AuditEntry
from mosharekat.surveys import reports
from mosharekat.surveys.models import Response
from tests.factories import PASSWORD, make_user


def test_xlsx_export_opens_with_the_right_numbers(client, respond, service_a, staff_a, admin_user):
    for overall, behaviour in ((5, 5), (4, 3), (2, 4), (1, 2)):
        respond(process=3, accuracy=3, behaviour=behaviour, overall=overall, service=service_a, staff=staff_a)
    client.login(username=admin_user.username, password=PASSWORD)
    response = client.get(reverse("surveys:export", args=["xlsx"]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row for row in book["خلاصه"].iter_rows(values_only=True) if row and row[0]}
    assert summary["تعداد پاسخ‌ها"][1] == 4
    overall = summary["در مجموع چقدر از این خدمت رضایت دارید؟"]
    assert overall[1:9] == (4, 3.0, 50.0, 1, 1, 0, 1, 1)  # mean 12/4, 2 of 4 satisfied, levels 1…5
    behaviour = summary["رفتار کارکنان با شما چگونه بود؟"]
    assert behaviour[1:4] == (4, 3.5, 50.0)
    monthly = list(book["ماهانه"].iter_rows(values_only=True))
    assert monthly[-1][3:] == (4, 3.0, 50.0)
    assert AuditEntry.objects.filter(action="survey.export_xlsx", actor=admin_user).exists()


def test_pdf_export(client, respond, admin_user):
    respond(overall=4)
    client.login(username=admin_user.username, password=PASSWORD)
    response = client.get(reverse("surveys:export", args=["pdf"]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_quarterly_ranking_lists_only_staff_with_enough_responses(settings, units, respond, service_a, survey):
    settings.SURVEY_MIN_RESPONSES = 3
    ali, sara, reza, new = (make_user(n, units["a"], first_name=n) for n in ("ali", "sara", "reza", "new"))
    for _ in range(3):
        respond(process=5, accuracy=4, behaviour=5, overall=4, staff=ali, service=service_a)  # mean 4.5
        respond(process=4, accuracy=4, behaviour=4, overall=4, staff=sara, service=service_a)  # mean 4.0
        respond(process=4, accuracy=4, behaviour=4, overall=4, staff=reza, service=service_a)  # mean 4.0
    respond(process=5, accuracy=5, behaviour=5, overall=5, staff=new, service=service_a)  # 1 response: too few
    year, quarter = reports.current_quarter()
    report = reports.quarterly(Response.objects.all(), {units["a"].pk}, year, quarter)
    ranked = [(position, row["staff"].username, row["count"], row["score"]) for position, row in report["ranked"]]
    assert ranked == [(1, "ali", 3, pytest.approx(4.5)), (2, "reza", 3, 4.0), (2, "sara", 3, 4.0)]
    assert [row["staff"].username for row in report["too_few"]] == ["new"]
    assert report["services"][0]["count"] == 10


def test_paper_entry_is_marked_paper_and_audited(client, survey, staff_a, service_a):
    client.login(username=staff_a.username, password=PASSWORD)
    data = {"t-service": service_a.pk, "t-visit_date": "۱۴۰۳/۰۵/۲۰",
            **{f"q{q.pk}": "3" for q in survey.questions.filter(kind="scale")}}
    response = client.post(reverse("surveys:paper"), data)
    assert response.status_code == 302
    saved = Response.objects.get()
    assert saved.source == "paper" and saved.is_paper and saved.entered_by == staff_a
    assert reports.stats.month_key(saved.submitted_at) == (1403, 5)
    assert AuditEntry.objects.filter(action="survey.paper_entry", actor=staff_a, target_id=str(saved.pk)).exists()


def test_paper_entry_errors_keep_what_was_typed(client, survey, staff_a, service_a):
    client.login(username=staff_a.username, password=PASSWORD)
    response = client.post(reverse("surveys:paper"), {"t-service": service_a.pk, "t-visit_date": "۱۴۰۳/۱۳/۴۰"})
    assert response.status_code == 400
    assert "سال/ماه/روز" in response.content.decode() and "۱۴۰۳/۱۳/۴۰" in response.content.decode()
    assert not Response.objects.exists()


def test_demo_loads_hundreds_of_responses_once(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=io.StringIO())
    count = Response.objects.count()
    assert count >= 300
    assert Response.objects.filter(staff__isnull=False).values("staff").distinct().count() >= 3
    assert len({reports.stats.month_key(d) for d in Response.objects.values_list("submitted_at", flat=True)}) >= 6
    call_command("load_demo", stdout=io.StringIO())
    assert Response.objects.count() == count
