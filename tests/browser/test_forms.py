"""Forms check input in Persian in the browser, and every page works without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import MOBILE
from .pages import SUBMIT_BUTTON, grouped, track

pytestmark = pytest.mark.browser

REQUIRED = "این بخش را پر کنید."
NO_CONTACT_JS = "شماره همراه یا رایانامه را وارد کنید، یا گزینه ناشناس را بزنید."
NO_CONTACT_SERVER = "شماره همراه یا رایانامه را وارد کنید، یا گزینه «ناشناس» را انتخاب کنید."
SUBJECT = "خرابی درگاه پرداخت"
BODY = "هنگام پرداخت قسط، درگاه خطا می‌دهد و مبلغ از حسابم کم شده است."


def test_empty_form_gets_persian_messages_without_a_round_trip(page):
    page.goto("/desk/submit/")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.get_by_role("button", name=SUBMIT_BUTTON).click()

    assert page.locator("#id_subject_js_error").inner_text() == REQUIRED
    assert page.locator("#id_body_js_error").inner_text() == REQUIRED
    assert page.locator("#id_mobile_js_error").inner_text() == NO_CONTACT_JS
    subject = page.get_by_label("موضوع")
    assert subject.get_attribute("aria-invalid") == "true"
    expect(subject).to_have_accessible_description(REQUIRED)
    assert page.evaluate("document.activeElement.name") == "subject"

    # Too short: the message counts in Persian digits.
    subject.fill("ab")
    page.get_by_role("button", name=SUBMIT_BUTTON).click()
    assert page.locator("#id_subject_js_error").inner_text() == "دست‌کم ۳ نویسه بنویسید."
    assert page.locator(".js-error").count() == 3  # old messages were replaced, not piled up
    expect(subject).to_have_accessible_description("دست‌کم ۳ نویسه بنویسید.")

    # Once a field is right, its message and the reference to it go away.
    page.get_by_label(re.compile("^متن")).fill(BODY)
    page.get_by_role("button", name=SUBMIT_BUTTON).click()
    body = page.get_by_label(re.compile("^متن"))
    assert body.get_attribute("aria-invalid") is None
    assert body.get_attribute("aria-describedby") == "id_body_hint"  # only its hint is left
    assert page.locator(".js-error").count() == 2
    assert posts == []
    assert re.search(r"/desk/submit/$", page.url)


def test_without_javascript_server_errors_keep_the_text_then_submit_and_track(new_context, units):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/desk/submit/")

    # Entirely empty: the server answers 400 with Persian messages beside the fields.
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name=SUBMIT_BUTTON).click()
    assert posted.value.status == 400
    assert "فرم ثبت نشد" in page.locator("#form-errors").inner_text()
    expect(page.get_by_label("موضوع")).to_have_accessible_description("این فیلد لازم است.")
    # The error is read first, then the field's hint.
    expect(page.get_by_label(re.compile("^متن"))).to_have_accessible_description(
        re.compile(r"^این فیلد لازم است\. دست‌کم ۱۰ نویسه"))

    # Subject and body typed, no contact: the contact error, and the typed text is still there.
    page.get_by_label("موضوع").fill(SUBJECT)
    page.get_by_label(re.compile("^متن")).fill(BODY)
    page.get_by_role("button", name=SUBMIT_BUTTON).click()
    assert NO_CONTACT_SERVER in page.locator("#form-errors").inner_text()
    assert page.get_by_label("موضوع").input_value() == SUBJECT
    assert page.get_by_label(re.compile("^متن")).input_value() == BODY

    # Fixed: it goes through, and the code is shown.
    page.get_by_label("شماره همراه").fill("۰۹۱۲ ۱۲۳ ۴۵۶۷")
    page.get_by_role("button", name=SUBMIT_BUTTON).click()
    page.wait_for_url(re.compile(r"/desk/submitted/$"))
    code = page.locator("#tracking-code").get_attribute("data-code")

    # Tracking from another browser without JavaScript, then writing back to the unit.
    other = new_context(java_script_enabled=False).new_page()
    track(other, grouped(code), MOBILE)
    other.wait_for_url(re.compile(r"/desk/track/case/\d+/$"))
    assert other.get_by_role("heading", level=1).inner_text() == SUBJECT
    other.get_by_label("پیام شما").fill("شماره پیگیری بانک: ۱۲۳۴۵۶")
    other.get_by_role("button", name="فرستادن پیام").click()
    assert other.get_by_text("پیام شما به مورد افزوده شد.").is_visible()
    assert other.locator(".timeline").get_by_text("شماره پیگیری بانک: ۱۲۳۴۵۶").is_visible()
