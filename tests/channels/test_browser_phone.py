"""A browser test: an operator logs in, registers a phone call and reads back the tracking code."""

import re

import pytest

from mosharekat.core.models import Notification, Role
from mosharekat.desk.models import Case
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("channel_settings")]


def test_operator_registers_a_phone_call(new_context, units):
    operator = make_user("operator", units["triage"], Role.TRIAGE)
    page = new_context(viewport={"width": 1280, "height": 900}, is_mobile=False, has_touch=False).new_page()
    page.goto("/staff/login/?next=/channels/phone/new/")
    page.locator("input[name=username]").fill(operator.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/channels/phone/new/$"))

    page.locator("select[name=kind]").select_option("complaint")
    page.locator("input[name=subject]").fill("سود سهام واریز نشده")
    page.locator("textarea[name=body]").fill("تماس‌گیرنده می‌گوید سود سال گذشته هنوز واریز نشده است.")
    page.locator("input[name=contact_name]").fill("علی رضایی")
    page.locator("input[name=mobile]").fill("۰۹۱۲۱۲۳۴۵۶۷")
    page.get_by_role("button", name="ثبت و نمایش کد رهگیری").click()

    shown = page.locator("[data-code]")
    shown.wait_for()
    code = shown.get_attribute("data-code")
    case = Case.objects.get(tracking_code=code)
    assert (case.channel, case.created_by, case.mobile) == ("phone", operator, "09121234567")
    assert Notification.objects.filter(channel="sms", recipient="09121234567", body__contains=code).exists()
