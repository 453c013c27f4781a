"""A citizen comments on an article in a real browser; staff of the owning unit answer it."""

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_citizen_comments_on_an_article_and_staff_answer(new_context, document, staff_a):
    citizen = new_context().new_page()
    citizen.goto(f"/consultations/{document.slug}/")
    assert "زمان باقی‌مانده" in citizen.content()
    citizen.get_by_label("ماده / بند").select_option(label="ماده ۲")
    citizen.get_by_label("مخالف").check()
    citizen.get_by_role("textbox", name="نظر", exact=True).fill("هیئت داوری باید مستقل از سازمان باشد.")
    citizen.get_by_role("button", name="ثبت نظر").click()
    citizen.wait_for_load_state()
    assert "نظر شما ثبت و منتشر شد" in citizen.content()

    staff = new_context(viewport={"width": 1280, "height": 900}, is_mobile=False, has_touch=False).new_page()
    staff.goto("/staff/login/")
    staff.get_by_label("نام کاربری").fill(staff_a.username)
    staff.get_by_label("گذرواژه").fill(PASSWORD)
    staff.get_by_role("button", name="ورود").click()
    staff.wait_for_load_state()
    staff.goto(f"/consultations/staff/{document.pk}/")
    staff.get_by_label("پاسخ رسمی").fill("پیشنهاد شما بررسی می‌شود؛ هیئت داوری از کارشناسان بیرون از سازمان خواهد بود.")
    staff.get_by_role("button", name="انتشار پاسخ رسمی").click()
    staff.wait_for_load_state()
    assert "پاسخ رسمی زیر نظر منتشر شد" in staff.content()
    staff.get_by_label("دلیل", exact=True).fill("استقلال هیئت داوری در ماده ۲ تصریح شد.")
    staff.get_by_role("button", name="ثبت نتیجه").click()
    staff.wait_for_load_state()
    assert "نتیجه بررسی ثبت شد" in staff.content()

    citizen.reload()
    answer = citizen.locator("#comments .border-primary")
    assert "پاسخ رسمی سازمان" in answer.inner_text()
    assert "هیئت داوری از کارشناسان بیرون از سازمان خواهد بود." in answer.inner_text()
    assert "استقلال هیئت داوری در ماده ۲ تصریح شد." in citizen.content()
