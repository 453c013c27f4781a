"""The whole path on a phone: a citizen complains, unit A's staff answers, the citizen reads the answer."""

import re

import pytest

from mosharekat.core.text import persian_digits
from mosharekat.desk.models import Case
from tests.factories import PASSWORD

from .pages import SUBMIT_BUTTON, fill_submit_form, grouped, track

pytestmark = pytest.mark.browser

STAFF_ANSWER = "با سلام؛ برگه سهام عدالت شما صادر شد و تا ۵ روز کاری با پست به نشانی‌تان می‌رسد."


def test_citizen_complains_staff_answers_citizen_reads_answer(new_context, units, staff_a, service_a):
    staff_a.first_name, staff_a.last_name = "مریم", "کارگزار"
    staff_a.save()

    # A citizen on a phone: home page → submit form.
    citizen = new_context().new_page()
    citizen.goto("/")
    assert citizen.evaluate("document.documentElement.lang") == "fa"
    assert citizen.evaluate("document.documentElement.dir") == "rtl"
    citizen.get_by_role("link", name="ثبت درخواست، شکایت، پیشنهاد یا انتقاد").click()
    citizen.wait_for_url(re.compile(r"/desk/submit/$"))

    fill_submit_form(citizen, kind="شکایت", service=service_a, mobile="۰۹۱۲۱۲۳۴۵۶۷")
    citizen.get_by_role("button", name=SUBMIT_BUTTON).click()
    citizen.wait_for_url(re.compile(r"/desk/submitted/$"))

    shown = citizen.locator("#tracking-code")
    code = shown.get_attribute("data-code")
    assert re.fullmatch(r"\d{14}", code)
    assert shown.inner_text().strip() == grouped(code)
    assert units["a"].name in citizen.locator("main").inner_text()
    case = Case.objects.get(tracking_code=code)
    assert (case.kind, case.unit, case.service, case.mobile) == ("complaint", units["a"], service_a, "09121234567")

    # Staff of unit A, on a phone too: log in, find the case in the inbox, answer it.
    staff = new_context().new_page()
    staff.goto("/staff/login/")
    staff.get_by_label("نام کاربری").fill("staff_a")
    staff.get_by_label("گذرواژه").fill(PASSWORD)
    staff.get_by_role("button", name="ورود").click()
    staff.wait_for_url(re.compile(r"/staff/$"))
    row = staff.get_by_role("row").filter(has_text=persian_digits(code))
    row.get_by_role("link", name=case.subject).click()
    staff.wait_for_url(re.compile(rf"/staff/cases/{case.pk}/$"))
    staff.get_by_label("متن پاسخ").fill(STAFF_ANSWER)
    staff.get_by_role("button", name="ثبت پاسخ").click()
    staff.wait_for_url(re.compile(rf"/staff/cases/{case.pk}/$"))
    assert staff.get_by_text("انجام شد.").is_visible()
    case.refresh_from_db()
    assert case.status == "answered"

    # The citizen again, in a new browser: code with Persian digits and dashes, mobile in Latin digits.
    citizen = new_context().new_page()
    track(citizen, grouped(code), "09121234567")
    citizen.wait_for_url(re.compile(rf"/desk/track/case/{case.pk}/$"))
    answer = citizen.locator(".timeline li.answer")
    assert answer.get_by_text(STAFF_ANSWER).is_visible()
    assert citizen.locator("#case-status").inner_text().strip() == "پاسخ داده شده"
    public = citizen.content()
    for private in ("staff_a", "مریم", "کارگزار"):
        assert private not in public, f"the public case page shows {private!r}"
