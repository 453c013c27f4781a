"""The revised version's diff and the response-to-comments report (page, PDF, XLSX)."""

import datetime
import io
import re
import unicodedata

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from mosharekat.consultations import services

from .conftest import PROVISIONS

pytestmark = pytest.mark.django_db


def squash(text):
    text = unicodedata.normalize("NFKC", text).replace("ي", "ی").replace("ك", "ک")
    return re.sub(r"[\s\u200c\u200f\u200e]+", "", text)


@pytest.fixture
def finished(document, comment_on, staff_a):
    comment = comment_on(body="مهلت ثبت‌نام کم است.", stance="amend", replacement_text="مهلت ۶۰ روز است.")
    services.record_disposition(services.group_for(comment), staff_a, "accepted", "مهلت افزایش یافت.")
    revised = [p if p[0] != "a1-n1" else (*p[:3], "مهلت ثبت‌نام ۶۰ روز است.", p[4]) for p in PROVISIONS if p[0] != "a2"]
    revised.append(("a3", "article", "ماده ۳", "این آیین‌نامه از تاریخ ابلاغ اجرا می‌شود.", None))
    services.add_version(document, revised, staff_a, note="نسخه نهایی")
    services.issue(document, staff_a, now=document.closes_at + datetime.timedelta(days=1))
    return document


def test_diff_per_article(finished):
    rows = {r["key"]: r for r in services.diff(finished.draft_version(), finished.latest_version())}
    assert rows["a1"]["status"] == "same"
    assert rows["a1-n1"]["status"] == "changed"
    assert ("delete", "۳۰") in rows["a1-n1"]["parts"] and ("insert", "۶۰") in rows["a1-n1"]["parts"]
    assert rows["a2"]["status"] == "removed" and rows["a3"]["status"] == "added"


def test_public_report_pages(client, finished):
    base = f"/consultations/{finished.slug}/"
    diff = client.get(base + "diff/").content.decode()
    assert "<ins" in diff and "۶۰" in diff
    report = client.get(base + "report/").content.decode()
    assert "مهلت افزایش یافت." in report and "گزارش پاسخ به نظرها" in report
    assert "consultations/bylaw-1" in client.get("/consultations/").content.decode()


def test_report_pdf_has_the_persian_heading(client, finished):
    response = client.get(f"/consultations/{finished.slug}/report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = squash("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))
    assert squash("گزارش پاسخ به نظرها") in text
    assert squash("مهلت افزایش یافت") in text


def test_report_xlsx(client, finished):
    response = client.get(f"/consultations/{finished.slug}/report.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb["گروه‌ها"].values)
    assert rows[1][1] == 1 and rows[1][5] == "مهلت افزایش یافت."


def test_demo_is_idempotent(client, units):
    from django.core.management import call_command

    from mosharekat.consultations import demo
    from mosharekat.consultations.models import DraftDocument

    call_command("load_demo", stdout=io.StringIO())
    demo.load()
    assert DraftDocument.objects.count() == 2
    bill = DraftDocument.objects.get(slug="privatization-bill")
    assert bill.issued_at and not services.undisposed_comments(bill).exists()
    assert bill.groups.filter(comments__isnull=False).distinct().count() == 3
    assert client.get("/consultations/privatization-bill/diff/").status_code == 200
    assert client.get("/consultations/justice-shares-bylaw/").status_code == 200
