"""Oversight and committee pages in a real browser (no JavaScript needed): report, receipt, return
with the receipt; axe-core finds no WCAG 2.2 AA violation on any of their states."""

import datetime
import re

import pytest

from .pages import axe_violations, describe

pytestmark = pytest.mark.browser


@pytest.fixture
def bodies(db, settings, tmp_path):
    from mosharekat.oversight.models import OversightBody

    settings.OVERSIGHT_KEY = ""
    settings.OVERSIGHT_KEY_FILE = tmp_path / "oversight.key"
    OversightBody.objects.create(name="دفتر بازرسی سازمان", kind="internal", retention_days=30)
    OversightBody.objects.create(name="سازمان بازرسی کل کشور", kind="external", retention_days=60)


@pytest.fixture
def meeting(units):
    from mosharekat.committee.models import Attendee, Committee, Meeting, Resolution
    from mosharekat.core.calendar import gregorian_from_jalali

    committee = Committee.objects.create(name="کمیته توسعه دولت الکترونیک و هوشمندسازی")
    meeting = Meeting.objects.create(
        committee=committee, number=57, date=gregorian_from_jalali(1397, 12, 7), time_from=datetime.time(14),
        time_to=datetime.time(16), place="سالن جلسات طبقه ۶", topics="بررسی راهبرد مشارکت", is_published=True,
    )
    Attendee.objects.create(meeting=meeting, row=1, name="داود خانی", role="رییس کمیته")
    Resolution.objects.create(meeting=meeting, number=12, text="راهبرد مشارکت تصویب شد.", status="done")
    return meeting


def assert_accessible(page, state):
    violations = axe_violations(page)
    assert not violations, f"axe-core on {state} ({page.url}):\n{describe(violations)}"


def test_report_receipt_and_return_in_a_browser(page, bodies):
    page.goto("/oversight/")
    assert_accessible(page, "index")
    page.get_by_role("link", name="ثبت گزارش تازه").click()
    assert_accessible(page, "empty form")
    page.get_by_role("button", name="ثبت گزارش و دریافت رسید").click()
    page.wait_for_load_state()
    assert_accessible(page, "form with errors")
    page.get_by_label(re.compile("^دفتر بازرسی سازمان")).check()
    page.get_by_label(re.compile("^موضوع")).fill("استفاده شخصی از خودروی اداری")
    page.get_by_label(re.compile("^شرح تخلف")).fill("خودروی اداری هر پنجشنبه برای سفر شخصی به کار می‌رود.")
    page.get_by_role("button", name="ثبت گزارش و دریافت رسید").click()
    page.wait_for_load_state()
    receipt = page.locator("#receipt").inner_text()
    assert len(re.sub(r"\D", "", receipt)) == 21
    assert_accessible(page, "receipt")
    page.goto("/oversight/")
    page.get_by_label("شماره رسید").fill(receipt)  # Persian digits with spaces, as copied from the page
    page.get_by_role("button", name="ورود به گزارش").click()
    page.wait_for_url(re.compile(r"/oversight/report/$"))
    assert "استفاده شخصی از خودروی اداری" in page.content() and receipt not in page.content()
    assert_accessible(page, "report")


def test_minutes_pages_are_accessible(page, meeting):
    for url in ("/committee/", f"/committee/meetings/{meeting.pk}/"):
        page.goto(url)
        assert_accessible(page, url)
