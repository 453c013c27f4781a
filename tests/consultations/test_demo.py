"""`make run`'s demo data holds what issue 4's "Where users find it" promises, reachable from the menus."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from mosharekat.consultations import services
from mosharekat.consultations.models import DraftDocument
from mosharekat.news.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # demo logins hash fast
    call_command("load_demo", stdout=io.StringIO())


def test_an_open_regulation_with_comments_in_several_stances(client, demo):
    now = timezone.now()
    draft = DraftDocument.objects.get(slug="justice-shares-bylaw")
    assert draft.kind in DraftDocument.REGULATION_KINDS and draft.is_open(now)
    assert set(draft.comments.values_list("stance", flat=True)) == {"agree", "disagree", "amend"}
    page = client.get("/consultations/justice-shares-bylaw/").content.decode()
    assert "زمان باقی‌مانده" in page and "پاسخ رسمی سازمان" in page


def test_a_closed_bill_with_every_comment_answered_its_final_version_diff_and_report(client, demo):
    bill = DraftDocument.objects.get(slug="privatization-bill")
    assert bill.is_bill and bill.state(timezone.now()) == "final"
    assert bill.comments.count() >= 5 and not services.undisposed_comments(bill).exists()
    assert bill.latest_version().number == 2
    assert "<ins" in client.get("/consultations/privatization-bill/diff/").content.decode()
    report = client.get("/consultations/privatization-bill/report/").content.decode()
    assert "سهم کارکنان به ۱۰ درصد افزایش یافت." in report
    assert client.get("/consultations/privatization-bill/report.pdf").status_code == 200
    listing = client.get("/consultations/").content.decode()
    assert listing.index("justice-shares-bylaw") < listing.index("نهایی‌شده") < listing.index("privatization-bill")


def test_news_items_with_comments_and_an_official_reply(client, demo):
    assert all(item.comments.exists() for item in NewsItem.objects.all()) and NewsItem.objects.count() >= 2
    assert "پاسخ رسمی سازمان" in client.get("/news/justice-shares-dividend/").content.decode()


def test_menus_lead_there(client, demo):
    home = client.get("/").content.decode()
    assert 'href="/consultations/"' in home and 'href="/news/"' in home
    client.login(username="sahaam", password="mosharekat-demo")
    inbox = client.get("/staff/").content.decode()
    assert 'href="/consultations/staff/"' in inbox
    mine = client.get("/consultations/staff/").content.decode()
    assert "پیش‌نویس آیین‌نامه نحوه مدیریت سهام عدالت" in mine and "لایحه" not in mine
