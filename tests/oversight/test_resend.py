"""A report form sent twice (a double tap, a resend after a timeout) makes one report and shows the same
receipt again, though the receipt is still stored nowhere."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mosharekat.core.models import Notification
from mosharekat.oversight import receipts, services
from mosharekat.oversight.models import Report
from tests.concurrency import at_once

from .conftest import form_token, upload

pytestmark = pytest.mark.django_db

URL = "/oversight/new/"


def report_data(page, body, **extra):
    return {"form_token": form_token(page), "body": body.pk, "subject": "سوءاستفاده از خودروی اداری",
            "text": "خودروی اداری هر آخر هفته برای کار شخصی استفاده می‌شود.", **extra}


def receipt_on(response) -> str:
    assert response.status_code == 200, response.content.decode()[:500]
    return response.context["receipt"]


def test_a_report_sent_again_after_a_lost_answer_shows_the_same_receipt(client, external_body):
    data = report_data(client.get(URL), external_body)
    first = client.post(URL, data)
    # The answer never reached the phone: the browser (without the session the first answer set) sends again.
    browser = Client()
    again = browser.post(URL, data)
    assert receipt_on(again) == receipt_on(first)
    assert persian_grouped(receipt_on(first)) in again.content.decode()
    assert Report.objects.count() == 1
    assert Notification.objects.count() == 1  # the body is told once
    # The receipt shown twice opens the one report, and the second answer let the reporter in, as the first would.
    assert services.login(receipt_on(again)) == Report.objects.get()
    assert "سوءاستفاده از خودروی اداری" in browser.get(reverse("oversight:report")).content.decode()


def test_the_same_form_sent_from_the_browsers_history_later_shows_neither_receipt_nor_report(client, external_body):
    """On a shared computer the next user can send the page again from the history: after a quarter of an
    hour that is not a lost answer, and the reporter's receipt and report stay hidden."""
    data = report_data(client.get(URL), external_body)
    first = receipt_on(client.post(URL, data))
    later = Client()  # the next user of the computer; the reporter's session is long gone
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        again = later.post(URL, data)
    page = again.content.decode()
    assert again.status_code == 200 and "این گزارش پیش‌تر ثبت شده است" in page
    assert first not in page and persian_grouped(first) not in page and "سوءاستفاده" not in page
    assert "سوءاستفاده از خودروی اداری" not in later.get(reverse("oversight:report")).content.decode()
    assert Report.objects.count() == 1 and Notification.objects.count() == 1


def persian_grouped(receipt):
    from mosharekat.core.text import persian_digits

    return persian_digits(receipts.grouped(receipt))


def test_a_resent_report_with_evidence_keeps_the_files_of_the_first(client, internal_body):
    from .conftest import jpeg_with_exif

    page = client.get(URL)
    first = client.post(URL, report_data(page, internal_body, evidence=[upload("a.jpg", jpeg_with_exif())]))
    again = client.post(URL, report_data(page, internal_body, evidence=[upload("a.jpg", jpeg_with_exif())]))
    assert receipt_on(again) == receipt_on(first)
    assert Report.objects.get().attachments.count() == 1


def test_a_rewritten_form_under_the_same_token_is_a_new_report_with_its_own_receipt(client, internal_body):
    page = client.get(URL)
    first = receipt_on(client.post(URL, report_data(page, internal_body)))
    rewritten = report_data(page, internal_body, text="متن دیگری که دست‌کم بیست نویسه دارد.")
    second = receipt_on(client.post(URL, rewritten))
    assert first != second and Report.objects.count() == 2
    assert {services.login(first), services.login(second)} == set(Report.objects.all())


def test_the_rewritten_report_sent_again_shows_its_own_receipt_again(client, internal_body):
    page = client.get(URL)
    first = receipt_on(client.post(URL, report_data(page, internal_body)))
    rewritten = report_data(page, internal_body, text="متن دیگری که دست‌کم بیست نویسه دارد.")
    second = receipt_on(client.post(URL, rewritten))
    # A double tap on the rewritten form (or its resend after a lost answer): its receipt, no third report.
    again = receipt_on(Client().post(URL, rewritten))
    assert again == second != first
    assert Report.objects.count() == 2 and not Report.objects.filter(submission_token__isnull=True).exists()
    assert services.login(again).text == rewritten["text"]


def test_choosing_to_be_named_on_the_resent_form_is_a_new_report(client, internal_body):
    page = client.get(URL)
    client.post(URL, report_data(page, internal_body))
    client.post(URL, report_data(page, internal_body, identify="on", name="علی رضایی"))
    assert sorted(Report.objects.values_list("is_anonymous", flat=True)) == [False, True]


def test_the_token_is_random_and_the_report_keeps_only_a_keyed_digest_of_it(client, internal_body):
    page = client.get(URL)
    token = form_token(page)
    assert uuid.UUID(token).version == 4 and form_token(client.get(URL)) != token
    assert token not in str(dict(client.session))
    receipt = receipt_on(client.post(URL, report_data(page, internal_body)))
    report = Report.objects.get()
    assert report.submission_token is not None and str(report.submission_token) != token
    assert receipt not in report.receipt_hash and str(report.submission_token).replace("-", "") not in receipt
    assert token not in str(dict(client.session))


def test_a_token_from_an_older_page_still_sends_the_report(client, internal_body):
    response = client.post(URL, {**report_data(client.get(URL), internal_body), "form_token": "Zk3x-old-token"})
    assert receipts.parse(receipt_on(response))
    assert Report.objects.get().submission_token is None


def test_two_posts_of_one_form_at_the_same_moment_make_one_report(client, internal_body, monkeypatch):
    """The second post looks before the first has stored its report; the unique token then answers."""
    data = report_data(client.get(URL), internal_body)
    first = receipt_on(client.post(URL, data))
    real, looked = services._resent, []

    def blind_first_look(*args):
        looked.append(args)
        return None if len(looked) == 1 else real(*args)

    monkeypatch.setattr(services, "_resent", blind_first_look)
    assert receipt_on(client.post(URL, data)) == first
    assert Report.objects.count() == 1 and len(looked) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)")
def test_concurrent_posts_of_one_form_make_one_report(internal_body):
    data = report_data(Client().get(URL), internal_body)
    shown = at_once(lambda: receipt_on(Client().post(URL, data)), 4)
    assert len(shown) == 4 and len(set(shown)) == 1
    assert Report.objects.count() == 1
