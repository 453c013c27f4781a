import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mosharekat.core.models import Notification
from mosharekat.desk import services
from mosharekat.desk.models import Case

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def form_data(**extra):
    data = {"kind": "complaint", "subject": "تأخیر در صدور برگه", "body": "برگه سهام من پس از دو ماه صادر نشده است.",
            "mobile": "۰۹۱۲ ۱۲۳ ۴۵۶۷", "contact_name": "علي كريمي"}
    data.update(extra)
    return data


def test_citizen_submits_and_sees_the_tracking_code(client, units, service_a):
    response = client.post(reverse("desk:submit"), form_data(service=service_a.code), follow=True)
    case = Case.objects.get()
    assert case.unit == units["a"] and case.mobile == "09121234567" and case.contact_name == "علی کریمی"
    page = response.content.decode()
    assert f'data-code="{case.tracking_code}"' in page
    assert units["a"].name in page


def test_a_service_or_topic_closed_after_the_form_was_shown_is_refused_and_the_text_kept(client, units, service_a):
    from mosharekat.catalog.models import Topic

    topic = Topic.objects.create(name="سهام عدالت", slug="justice-shares", unit=units["b"])
    Topic.objects.filter(pk=topic.pk).update(is_active=False)
    service_a.is_active = False
    service_a.save()
    for extra, message in [({"service": service_a.code}, "یک گزینهٔ معتبر انتخاب کنید"),
                           ({"topic": topic.slug}, "این موضوع دیگر پیام نمی‌پذیرد")]:
        response = client.post(reverse("desk:submit"), form_data(**extra))
        page = response.content.decode()
        assert response.status_code == 400 and message in page, extra
        assert "برگه سهام من پس از دو ماه صادر نشده است." in page
    assert not Case.objects.exists()


def test_missing_contact_gets_a_persian_message_and_keeps_the_text(client, units):
    response = client.post(reverse("desk:submit"), form_data(mobile=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert "شماره همراه یا رایانامه را وارد کنید" in page
    assert "برگه سهام من پس از دو ماه صادر نشده است." in page
    assert not Case.objects.exists()


def test_bad_national_id_and_mobile_get_persian_messages(client, units):
    page = client.post(reverse("desk:submit"), form_data(national_id="0010350828", mobile="0212")).content.decode()
    assert "کد ملی درست نیست" in page
    assert "شماره همراه ۱۱ رقمی" in page


@pytest.mark.parametrize(("name", "content"), [("photo.png.svg", SVG), ("page.html", b"<html><script>x</script>"),
                                              ("fake.pdf", b"<html>not a pdf</html>")])
def test_dangerous_or_fake_files_are_refused(client, units, name, content):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    page = client.post(reverse("desk:submit"), {**form_data(), "attachments": [upload]}).content.decode()
    assert "پذیرفته نیست" in page
    assert not Case.objects.exists()


def test_oversized_file_is_refused_with_its_limit(client, units, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("big.png", PNG + b"\x00" * (1024 * 1024))
    page = client.post(reverse("desk:submit"), {**form_data(), "attachments": [upload]}).content.decode()
    assert "بزرگ‌تر از 1 مگابایت" in page or "بزرگ‌تر از ۱ مگابایت" in page


def test_attachment_is_served_only_as_a_download(client, units, staff_a, service_a):
    upload = SimpleUploadedFile("../../etc/passwd<b>.png", PNG)
    client.post(reverse("desk:submit"), {**form_data(service=service_a.code), "attachments": [upload]})
    case = Case.objects.get()
    attachment = case.attachments.get()
    assert attachment.name == "passwdb.png" and "/" not in attachment.file.name.removeprefix("desk/")
    response = client.get(reverse("desk:attachment", args=[case.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


def track(client, code, contact="", **extra):
    return client.post(reverse("desk:track"), {"code": code, "contact": contact}, **extra)


def test_citizen_reads_the_answer_with_code_and_mobile_not_the_note(client, units, staff_a, service_a, make_case):
    case = make_case(service=service_a)
    services.add_note(case, staff_a, "یادداشت محرمانه کارشناس")
    services.answer(case, staff_a, "برگه شما صادر شد.")
    response = track(client, "-".join([case.tracking_code[:4], case.tracking_code[4:]]), "+989121234567", follow=True)
    page = response.content.decode()
    assert "برگه شما صادر شد." in page
    assert "یادداشت محرمانه کارشناس" not in page
    assert staff_a.username not in page


def test_wrong_check_digit_and_wrong_contact_get_different_messages(client, units, make_case):
    case = make_case()
    wrong_digit = case.tracking_code[:-1] + str((int(case.tracking_code[-1]) + 1) % 10)
    assert "رقم‌های آن را بررسی کنید" in track(client, wrong_digit, "09121234567").content.decode()
    assert "پیدا نشد" in track(client, case.tracking_code, "09120000000").content.decode()


def test_lookups_are_limited_per_client(client, units, make_case, settings):
    settings.LOOKUP_RATE_PER_CLIENT = "3/m"
    case = make_case()
    statuses = [track(client, case.tracking_code, "09120000000").status_code for _ in range(4)]
    assert statuses[-1] == 429
    assert track(client, case.tracking_code, "09121234567").status_code == 429


def test_guessing_one_code_from_many_addresses_is_limited_per_code(client, units, make_case, settings):
    settings.LOOKUP_RATE_PER_CODE = "3/h"
    case = make_case()
    for i in range(3):
        track(client, case.tracking_code, f"0912000000{i}", REMOTE_ADDR=f"10.0.0.{i}")
    response = track(client, case.tracking_code, "09121234567", REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429


def test_citizen_follow_up_reopens_an_answered_case(client, units, staff_a, service_a, make_case):
    case = make_case(service=service_a)
    services.answer(case, staff_a, "پاسخ اول")
    track(client, case.tracking_code, "09121234567")
    response = client.post(reverse("desk:case", args=[case.pk]), {"body": "پاسخ کامل نبود؛ لطفاً دوباره بررسی کنید."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert case.events.filter(type="citizen_message").exists()


def _form_token(client):
    page = client.get(reverse("desk:submit")).content.decode()
    return re.search(r'name="token" value="([0-9a-f-]{36})"', page).group(1)


def test_a_form_sent_again_after_a_lost_answer_gives_the_same_case(client, units, service_a):
    token = _form_token(client)
    client.post(reverse("desk:submit"), form_data(token=token))
    # The answer never reached the phone: the browser (without the cookie it would have got) sends the form again.
    again = Client().post(reverse("desk:submit"), form_data(token=token), follow=True)
    case = Case.objects.get()
    assert f'data-code="{case.tracking_code}"' in again.content.decode()
    assert Notification.objects.filter(body__contains=case.tracking_code).count() == 1  # one SMS, not two


def test_a_rewritten_form_under_the_same_token_is_a_new_case(client, units):
    token = _form_token(client)
    client.post(reverse("desk:submit"), form_data(token=token))
    client.post(reverse("desk:submit"), form_data(token=token, body="موضوع دیگری: پاسخ نامه قبلی من داده نشده است."))
    assert Case.objects.count() == 2


def test_each_form_gets_its_own_token(client, units):
    assert _form_token(client) != _form_token(client)
