"""A visitor scans the QR code of a printed form and answers on a phone-sized screen (360×740)."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

from mosharekat.surveys import services
from mosharekat.surveys.models import Counter, Response, Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"viewport": {"width": 360, "height": 740}, "screen": {"width": 360, "height": 740},
         "device_scale_factor": 2, "is_mobile": True, "has_touch": True, "locale": "fa-IR",
         "timezone_id": "Asia/Tehran"}
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def in_phone(live_server, settings):
    """Run ``steps(page)`` on a phone-sized page, in a thread with its own Playwright.

    Playwright's sync API allows one instance per thread, and tests/browser may keep one open in the main
    thread for the whole session; a thread of our own avoids the clash. ORM checks stay in the test."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}", pytrace=False)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def run(steps):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                context = browser.new_context(base_url=live_server.url, **PHONE)
                context.set_default_timeout(10_000)
                return steps(context.new_page())
            finally:
                browser.close()

    def factory(steps):
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(run, steps).result()

    return factory


def axe_violations(page):
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"]})).violations.map(v => v.id + ": " + v.nodes.map(n => n.target).join(", "))""",
        AXE_TAGS,
    )


def test_visitor_answers_on_a_phone_via_the_qr_link(in_phone, units, service_a, staff_a):
    survey = services.standard_survey(Survey.Kind.SERVICE)
    counter = Counter.objects.create(unit=units["a"], name="باجه ۲")
    qr_path = services.qr_url(service_a, counter, staff_a).removeprefix(settings.SITE_URL)

    def answer(phone):
        phone.goto(qr_path)
        assert phone.get_by_role("heading", level=1).inner_text() == survey.title
        context = phone.inner_text(".survey-context")
        assert service_a.title in context and "باجه ۲" in context
        # Nothing runs off the side of a 360-pixel screen.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        if AXE_JS.exists():
            assert axe_violations(phone) == []

        # Forgetting questions keeps what was given and says what is missing.
        phone.get_by_role("group", name="روند انجام کار").get_by_text("۵ — خیلی خوب").click()
        phone.get_by_label("پیشنهاد یا انتقاد").fill("صف انتظار کوتاه‌تر شود.")
        phone.get_by_role("button", name="ثبت نظر").click()
        assert "هنوز ثبت نشده" in phone.inner_text("#form-errors")
        assert phone.get_by_label("پیشنهاد یا انتقاد").input_value() == "صف انتظار کوتاه‌تر شود."
        assert phone.get_by_role("group", name="روند انجام کار").get_by_role("radio", name="۵ — خیلی خوب").is_checked()

        phone.get_by_role("group", name="تطابق").get_by_text("۴ — خوب").click()
        phone.get_by_role("group", name="رفتار کارکنان").get_by_text("۵ — خیلی خوب").click()
        phone.get_by_role("group", name="در مجموع").get_by_text("۴ — خوب").click()
        phone.get_by_role("button", name="ثبت نظر").click()
        phone.wait_for_load_state()
        assert phone.get_by_role("heading", level=1).inner_text() == "نظر شما ثبت شد"

        # Scanning again from the same phone the same day is turned away politely.
        phone.goto(qr_path)
        return phone.inner_text("main")

    second_visit = in_phone(answer)
    assert "امروز" in second_visit
    response = Response.objects.get()
    assert (response.source, response.service, response.counter, response.staff) == ("qr", service_a, counter, staff_a)
    scores = dict(response.answers.exclude(score=None).values_list("question__code", "score"))
    assert scores == {"process": 5, "accuracy": 4, "behaviour": 5, "overall": 4}
    assert response.answers.get(question__code="suggestion").text == "صف انتظار کوتاه‌تر شود."


@pytest.mark.parametrize("path", ["/accountability/", "/surveys/", "/surveys/site/"])
def test_public_survey_pages_fit_a_phone_and_pass_axe(in_phone, units, service_a, path):
    survey = services.standard_survey()
    services.submit_response(survey, {q: 4 for q in survey.questions.filter(kind="scale")}, source="web",
                             service=service_a)

    def visit(phone):
        phone.goto(path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        return axe_violations(phone) if AXE_JS.exists() else []

    assert in_phone(visit) == []
