"""A reporter submits, gets the receipt once, returns with it and talks with the officer."""

import pytest
from django.urls import reverse

from mosharekat.core.models import AuditEntry
from mosharekat.core.text import persian_digits
from mosharekat.oversight import receipts
from mosharekat.oversight.models import Message, Report

from .conftest import form_token, login, upload

pytestmark = pytest.mark.django_db


def submit(client, body, **extra):
    page = client.get(reverse("oversight:new"))
    token = form_token(page)
    data = {"form_token": token, "body": body.pk, "subject": "سوءاستفاده از خودروی اداری",
            "text": "خودروی اداری هر آخر هفته برای کار شخصی استفاده می‌شود.", **extra}
    return client.post(reverse("oversight:new"), data, **{k: v for k, v in extra.items() if k.isupper()})


def test_receipt_is_shown_once_and_is_21_digits(client, internal_body):
    response = submit(client, internal_body)
    assert response.status_code == 200
    receipt = response.context["receipt"]
    assert len(receipt) == 21 and receipt.isdigit() and receipts.parse(receipt) == receipt
    assert persian_digits(receipts.grouped(receipt)) in response.content.decode()
    assert response["Cache-Control"] == "no-store" and response["Referrer-Policy"] == "same-origin"
    report = Report.objects.get()
    assert receipt not in report.receipt_hash and report.receipt_hash.startswith("$argon2id$")
    assert report.is_anonymous and report.identity == ""
    # Later pages never show it again.
    for url in (reverse("oversight:report"), reverse("oversight:index"), reverse("oversight:new")):
        html = client.get(url).content.decode()
        assert receipt not in html and persian_digits(receipts.grouped(receipt)) not in html
        assert receipts.grouped(receipt) not in html
    assert receipt not in str(dict(client.session))


def test_receipt_login_and_two_way_messaging(client, internal_body, officer, make_report):
    report, receipt = make_report()
    other_client = client.__class__()
    # Persian digits with spaces are accepted.
    response = client.post(reverse("oversight:index"), {"receipt": persian_digits(receipts.grouped(receipt))})
    assert response.status_code == 302 and response["Location"] == reverse("oversight:report")
    page = client.get(reverse("oversight:report")).content.decode()
    assert "رشوه در اداره فروش سهام" in page

    login(other_client, officer)
    url = reverse("oversight:officer_report", args=[report.pk])
    assert other_client.post(url, {"text": "لطفاً تاریخ تقریبی رویداد را بنویسید."}).status_code == 302
    assert "لطفاً تاریخ تقریبی رویداد را بنویسید." in client.get(reverse("oversight:report")).content.decode()

    response = client.post(reverse("oversight:report"), {"text": "هفته دوم آبان، حدود ساعت ۱۰."})
    assert response.status_code == 302
    officer_page = other_client.get(url).content.decode()
    assert "هفته دوم آبان، حدود ساعت ۱۰." in officer_page
    authors = list(Message.objects.filter(report=report).values_list("author", "officer"))
    assert authors == [("officer", officer.pk), ("reporter", None)]
    report.refresh_from_db()
    assert report.status == "in_review"
    actions = set(AuditEntry.objects.filter(target_id=str(report.pk)).values_list("action", flat=True))
    assert {"oversight.read", "oversight.reply"} <= actions


def test_reporter_adds_evidence_without_text(client, make_report):
    from .conftest import jpeg_with_exif

    report, receipt = make_report()
    client.post(reverse("oversight:index"), {"receipt": receipt})
    response = client.post(reverse("oversight:report"), {"evidence": [upload("photo.jpg", jpeg_with_exif())]})
    assert response.status_code == 302
    assert report.attachments.count() == 1 and report.messages.count() == 1


def test_wrong_receipt_gets_a_persian_message(client, make_report):
    _report, receipt = make_report()
    malformed = client.post(reverse("oversight:index"), {"receipt": "۱۲۳۴"})
    assert malformed.status_code == 400
    assert "رسید معتبر نیست" in malformed.content.decode()
    # Right length and check digit, but no such report.
    body = f"{(int(receipt[:-1]) + 1) % 10**20:020d}"
    from stdnum import damm

    wrong = client.post(reverse("oversight:index"), {"receipt": body + damm.calc_check_digit(body)})
    assert wrong.status_code == 400
    assert "هیچ گزارشی با این رسید پیدا نشد" in wrong.content.decode()
    assert "oversight_report" not in client.session


def test_failed_receipts_are_rate_limited_without_using_the_ip(client, settings, make_report):
    from stdnum import damm

    _report, receipt = make_report()
    # Guesses that land in the same receipt bucket (first 4 digits of the keyed digest) as the real one.
    bucket = receipts.index(receipt)[:4]
    guesses, n = [], 0
    while len(guesses) < 10:
        body = f"{n:020d}"
        candidate = body + damm.calc_check_digit(body)
        if receipts.index(candidate)[:4] == bucket:
            guesses.append(candidate)
        n += 1
    for i, guess in enumerate(guesses):
        status = client.post(reverse("oversight:index"), {"receipt": guess}, REMOTE_ADDR=f"198.51.100.{i}").status_code
        assert status == 400
    # Even from a new address the bucket is closed for an hour; another bucket is not.
    blocked = client.post(reverse("oversight:index"), {"receipt": receipt}, REMOTE_ADDR="192.0.2.9")
    assert blocked.status_code == 429 and "تعداد تلاش‌ها" in blocked.content.decode()


def test_anonymous_report_with_a_name_is_refused_and_text_is_kept(client, internal_body):
    response = submit(client, internal_body, name="علی رضایی")
    assert response.status_code == 400
    html = response.content.decode()
    assert "ناشناس" in html and "خودروی اداری هر آخر هفته" in html
    assert Report.objects.count() == 0


def test_identified_report_stores_the_encrypted_identity(client, internal_body):
    response = submit(client, internal_body, identify="on", name="علی رضایی", contact="۰۹۱۲۱۲۳۴۵۶۷",
                      reporter_role="employee")
    assert response.status_code == 200
    report = Report.objects.get()
    assert not report.is_anonymous and report.identity.startswith("علی رضایی")
    assert report.reporter_role == "employee"


def test_missing_fields_get_persian_messages(client, internal_body):
    page = client.get(reverse("oversight:new"))
    response = client.post(reverse("oversight:new"), {"form_token": form_token(page), "text": "کوتاه"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "مرجع نظارتی" in html and "این فیلد لازم است" in html


def test_external_body_is_told_by_email_without_the_content(make_report, external_body):
    from mosharekat.core.models import Notification

    make_report(body=external_body)
    note = Notification.objects.get()
    assert note.recipient == "info@bazresi.example"
    assert "رشوه" not in note.body and "پول نقد" not in note.body


def test_closed_report_refuses_new_messages(client, make_report):
    report, receipt = make_report()
    report.status = "closed"
    report.save()
    client.post(reverse("oversight:index"), {"receipt": receipt})
    response = client.post(reverse("oversight:report"), {"text": "پیام تازه"})
    assert response.status_code == 400 and report.messages.count() == 0
    assert "بسته شده" in response.content.decode()


def test_leaving_forgets_the_report(client, make_report):
    _report, receipt = make_report()
    client.post(reverse("oversight:index"), {"receipt": receipt})
    client.post(reverse("oversight:leave"))
    assert client.get(reverse("oversight:report")).status_code == 302
