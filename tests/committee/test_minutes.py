"""Published minutes: the page, the PDF in the form's layout, and what stays unpublished."""

import io
import re
import unicodedata

import pytest
from django.urls import reverse
from pypdf import PdfReader

from mosharekat.committee import pdf
from mosharekat.committee.models import Meeting
from mosharekat.core import pdf as core_pdf
from tests.factories import PASSWORD

from .conftest import ATTENDEES

pytestmark = pytest.mark.django_db


def squash(text: str) -> str:
    """Extraction from shaped Persian can differ in spacing, presentation forms and Arabic ی/ک:
    compare letters only, folded the same way on both sides."""
    text = unicodedata.normalize("NFKC", text).replace("ي", "ی").replace("ك", "ک")
    return re.sub(r"[\s\u200c\u200f\u200e]+", "", text)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_weekday_is_computed_from_the_jalali_date(meeting):
    assert meeting.weekday == "سه‌شنبه"  # 1397/12/07 was a Tuesday, as the attached form says


def test_minutes_pdf_contains_the_attendee_names(client, meeting):
    response = client.get(reverse("committee:minutes_pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    flat = squash(text)
    for _, name, _role, _ in ATTENDEES:
        assert squash(name) in flat, name
    assert "Sara Example" in text
    for heading in ("حاضرین", "امضاء", "مصوبات", "دستورجلسهآتی", "سایرحاضرین"):
        assert heading in flat, heading
    # pypdf gives digit runs inside right-to-left lines in visual order (۷۵ for ۵۷): accept either.
    for number in ("۵۷", "۱۳۹۷/۱۲/۰۷", "۱۴:۰۰", "۱۶:۰۰"):
        assert number in text or number[::-1] in text, number
    assert squash("سه‌شنبه") in flat


def test_attendee_table_pairs_right_and_left_columns():
    rows = pdf.attendee_rows(list("abcde"))
    assert rows == [("a", "d"), ("b", "e"), ("c", None)]


def test_published_minutes_are_public(client, meeting):
    listing = client.get(reverse("committee:list")).content.decode()
    assert reverse("committee:meeting", args=[meeting.pk]) in listing
    page = client.get(reverse("committee:meeting", args=[meeting.pk])).content.decode()
    for _, name, _, _ in ATTENDEES:
        assert name in page
    assert "سه‌شنبه" in page and "۱۳۹۷/۱۲/۰۷" in page and "راهبرد مشارکت" in page
    assert "از ساعت ۱۴:۰۰ الی ۱۶:۰۰" in page


def test_unpublished_minutes_are_hidden_except_from_administrators(client, meeting, admin_user):
    Meeting.objects.filter(pk=meeting.pk).update(is_published=False)
    assert reverse("committee:meeting", args=[meeting.pk]) not in client.get(reverse("committee:list")).content.decode()
    assert client.get(reverse("committee:meeting", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("committee:minutes_pdf", args=[meeting.pk])).status_code == 404
    client.login(username=admin_user.username, password=PASSWORD)
    assert "پیش‌نمایش" in client.get(reverse("committee:meeting", args=[meeting.pk])).content.decode()


def test_demo_data_is_idempotent_and_its_pdf_names_every_attendee(client, units):
    from mosharekat.committee import demo
    from mosharekat.committee.models import Attendee, Resolution

    demo.load()
    demo.load()
    meeting = Meeting.objects.get(number=57)
    assert Attendee.objects.count() == 8 and Resolution.objects.get().number == 12
    assert meeting.is_published and meeting.weekday == "سه‌شنبه"
    flat = squash(pdf_text(client.get(reverse("committee:minutes_pdf", args=[meeting.pk])).content))
    for _, name, _ in demo.ATTENDEES:
        assert squash(name) in flat, name


def test_pdf_renderer_fetches_nothing_but_the_fonts():
    fetcher = core_pdf.font_fetcher()
    font = (core_pdf.FONT_DIR / "Vazirmatn-Regular.woff2").as_uri()
    assert core_pdf.is_font_url(font)
    outside = font.replace("/Vazirmatn-Regular.woff2", "/../Vazirmatn-Regular.woff2")
    for url in ("file:///etc/passwd", "https://example.com/x.png", outside):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_the_persian_font_is_embedded(meeting):
    reader = PdfReader(io.BytesIO(pdf.render_minutes(meeting)))
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()
             for f in [f.get_object()]}
    assert any("Vazirmatn" in name for name in fonts), fonts
