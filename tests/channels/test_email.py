"""E-mail intake through the MTA pipe command and the ingestion function."""

import io

import pytest
from django.core import mail as django_mail
from django.core.management import call_command

from mosharekat.channels import mailin
from mosharekat.channels.mailparse import html_to_text
from mosharekat.channels.models import InboundMessage, OutboundMail
from mosharekat.core.models import Notification
from mosharekat.desk import services
from mosharekat.desk.models import Case

from .conftest import EXE, GENERAL, PDF, build_mail

pytestmark = pytest.mark.usefixtures("channel_settings")


def pipe(raw: bytes) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest_email", stdin=io.BytesIO(raw), stdout=out, stderr=err)
    lines = out.getvalue().strip().splitlines()
    return lines[-1] if lines else ""


def test_pipe_windows_1256_mail_creates_a_triage_case_and_acknowledges(units, django_capture_on_commit_callbacks):
    body = "با سلام؛ سود سهام عدالت من هنوز واریز نشده است. کد ملی را پیوست کرده‌ام."
    raw = build_mail(subject="شکایت از تأخیر واریز سود", body=body, charset="windows-1256")
    assert b"windows-1256" in raw
    with django_capture_on_commit_callbacks(execute=True):
        code = pipe(raw)
    case = Case.objects.get(tracking_code=code)
    assert case.channel == "email" and case.unit == units["triage"]
    assert case.kind == "complaint"  # the subject's leading keyword
    assert case.subject == "شکایت از تأخیر واریز سود"
    assert "سود سهام عدالت" in case.body and case.email == "citizen@example.com"
    assert case.contact_name == "مریم احمدی"
    ack = Notification.objects.get(channel="email", recipient="citizen@example.com")
    assert code in ack.body and code in ack.subject
    assert ack.status == Notification.Status.OUTBOX  # embedded mode keeps it in the outbox
    out = OutboundMail.objects.get(notification=ack)
    inbound = InboundMessage.objects.get(case=case)
    assert out.in_reply_to == inbound.external_id and out.from_address == GENERAL and out.auto_submitted


def test_service_address_routes_to_the_service_unit(units, service_a):
    raw = build_mail(to="Sahaam Desk <SAHAAM@example.ir>", subject="درخواست برگه سهام")
    result = mailin.ingest(raw)
    assert result.case.service == service_a and result.case.unit == units["a"]
    assert result.case.kind == "request"
    assert OutboundMail.objects.get(case=result.case).from_address == "sahaam@example.ir"


def test_envelope_recipient_wins_over_headers(units, service_a):
    raw = build_mail(to="someone-else@example.org")
    result = mailin.ingest(raw, ["sahaam@example.ir"])
    assert result.case.unit == units["a"]


def test_html_only_mail_is_read_as_text_and_never_kept_as_html(units):
    html = (
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        "<p>سلام&nbsp;و وقت بخیر</p><div>درخواست <b>پیگیری</b> دارم &amp; ممنون</div>"
        "<img src=x onerror=alert(1)></body></html>"
    )
    result = mailin.ingest(build_mail(body=None, html=html))
    body = result.case.body
    assert "سلام و وقت بخیر" in body and "درخواست پیگیری دارم & ممنون" in body
    assert "<" not in body and "alert" not in body and "color" not in body


def test_html_to_text_keeps_lines():
    assert html_to_text("<p>یک</p><p>دو<br>سه</p>") == "یک\n\nدو\nسه"


def test_attachments_kept_with_the_desk_limits_and_refused_ones_noted(units):
    raw = build_mail(attachments=[("نامه.pdf", PDF, "application/pdf"), ("virus.exe", EXE, "application/octet-stream")])
    case = mailin.ingest(raw).case
    assert [a.content_type for a in case.attachments.all()] == ["application/pdf"]
    assert case.attachments.get().name == "نامه.pdf"
    note = case.events.get(type="note")
    assert "virus.exe" in note.body and not note.is_public


def test_auto_reply_and_bounce_create_nothing_and_get_no_answer(units):
    cases = [
        {"headers": {"Auto-Submitted": "auto-replied"}},
        {"headers": {"Return-Path": "<>"}},
        {"sender": "MAILER-DAEMON@mail.example.com", "name": ""},
        {"headers": {"X-Autoreply": "yes"}},
    ]
    for kwargs in cases:
        result = mailin.ingest(build_mail(**kwargs))
        assert result.case is None and result.status == InboundMessage.Status.IGNORED, kwargs
    assert Case.objects.count() == 0 and Notification.objects.count() == 0


def test_mailing_list_mail_becomes_a_case_without_acknowledgement(units):
    for headers in ({"List-Id": "<news.example.com>"}, {"Precedence": "bulk"}, {"X-Auto-Response-Suppress": "All"}):
        result = mailin.ingest(build_mail(headers=headers))
        assert result.case is not None
    assert Case.objects.count() == 3 and Notification.objects.count() == 0


def test_same_message_id_never_creates_two_cases(units):
    raw = build_mail(message_id="<same-id-1@example.com>")
    first = pipe(raw)
    second = pipe(raw)
    assert first == second and Case.objects.count() == 1
    assert InboundMessage.objects.count() == 1
    assert Notification.objects.filter(channel="email").count() == 1
    # a different body under the same id (a resend) changes nothing either
    assert pipe(build_mail(message_id="<same-id-1@example.com>", body="متن دیگر")) == first
    assert Case.objects.count() == 1


def test_reply_threads_by_in_reply_to_our_message_id(units):
    case = mailin.ingest(build_mail()).case
    ours = OutboundMail.objects.get(case=case).message_id
    reply = build_mail(
        subject="Re: پاسخ", body="این هم شماره پرونده قبلی من.\n\nOn Mon, 1 Jan 2024 citizen wrote:\n> متن قبلی",
        headers={"In-Reply-To": ours, "References": ours},
    )
    code = pipe(reply)
    assert code == case.tracking_code and Case.objects.count() == 1
    message = case.events.get(type="citizen_message")
    assert message.body == "این هم شماره پرونده قبلی من."


def test_reply_threads_by_references_to_the_citizens_own_first_mail(units):
    first_id = "<first-mail@example.com>"
    case = mailin.ingest(build_mail(message_id=first_id)).case
    result = mailin.ingest(build_mail(headers={"References": f"<other@x> {first_id}"}, body="ادامه"))
    assert result.case == case and result.status == InboundMessage.Status.FOLLOW_UP


def test_code_in_subject_threads_only_from_the_cases_own_address(units):
    case = mailin.ingest(build_mail()).case
    subject = f"پیگیری پرونده {case.tracking_code}"
    assert mailin.ingest(build_mail(subject=subject, body="ادامه")).case == case
    stranger = mailin.ingest(build_mail(subject=subject, sender="intruder@example.net", body="من هم"))
    assert stranger.case != case and stranger.status == InboundMessage.Status.CASE
    assert case.events.filter(type="citizen_message").count() == 1


def test_reply_reopens_an_answered_case(units, staff_a):
    case = mailin.ingest(build_mail()).case
    services.reassign(case, None, units["a"], "مربوط")
    services.answer(case, staff_a, "پاسخ داده شد")
    ours = OutboundMail.objects.filter(case=case).last().message_id
    mailin.ingest(build_mail(headers={"In-Reply-To": ours}, body="قانع نشدم"))
    case.refresh_from_db()
    assert case.status == "in_progress"


def case_mails():
    ours = set(OutboundMail.objects.values_list("message_id", flat=True))
    return [m for m in django_mail.outbox if m.extra_headers.get("Message-ID") in ours]


def test_staff_answer_goes_out_by_mail_in_the_thread(units, staff_a, settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_MODE = "live"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    original_id = "<citizen-original@example.com>"
    with django_capture_on_commit_callbacks(execute=True):
        case = mailin.ingest(build_mail(message_id=original_id)).case
    assert len(case_mails()) == 1
    ack = case_mails()[0].message()
    assert ack["In-Reply-To"] == original_id and ack["Auto-Submitted"] == "auto-replied"
    assert ack["From"] == GENERAL
    services.reassign(case, None, units["a"], "مربوط")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(case, staff_a, "برگه سهام شما هفته آینده ارسال می‌شود.")
    assert len(case_mails()) == 2  # (other apps, e.g. surveys, may send their own mail too)
    sent = case_mails()[1]
    message = sent.message()
    assert "برگه سهام شما هفته آینده ارسال می‌شود." in sent.body
    assert message["In-Reply-To"] == original_id and original_id in message["References"]
    assert message["Auto-Submitted"] is None
    assert message["Message-ID"] == OutboundMail.objects.filter(case=case).last().message_id
    assert Notification.objects.filter(outbound_mail__isnull=False, status="sent").count() == 2
    # the citizen answers the answer: it lands in the same case
    assert mailin.ingest(build_mail(headers={"In-Reply-To": message["Message-ID"]}, body="ممنون")).case == case


def test_web_cases_keep_the_desks_generic_message(units, make_case):
    case = make_case(email="web@example.com")
    note = Notification.objects.get(channel="email")
    assert case.tracking_code in note.body and not OutboundMail.objects.exists()


def test_per_sender_rate_limit(units, settings):
    settings.CHANNELS_EMAIL_RATE = "2/h"
    results = [mailin.ingest(build_mail(body=f"پیام {i}")) for i in range(3)]
    assert [r.status for r in results] == ["case", "case", "limited"]
    assert mailin.ingest(build_mail(sender="other@example.com")).status == "case"


def test_mail_from_our_own_address_is_ignored(units):
    assert mailin.ingest(build_mail(sender=GENERAL)).status == "ignored"


def test_stored_message_survives_a_crash_and_is_processed_later(units, monkeypatch):
    from mosharekat.channels import tasks

    def crash(*args, **kwargs):
        raise RuntimeError("worker died")

    monkeypatch.setattr(mailin.services, "submit_case", crash)
    with pytest.raises(RuntimeError):
        mailin.ingest(build_mail(message_id="<crash@example.com>"))
    stored = InboundMessage.objects.get(external_id="<crash@example.com>")
    assert stored.status == "received" and Case.objects.count() == 0
    monkeypatch.undo()
    assert tasks.process_stored_messages(older_than_minutes=0) == 1
    stored.refresh_from_db()
    assert stored.status == "case" and stored.case is not None
    assert Notification.objects.filter(recipient="citizen@example.com").count() == 1


def test_pipe_prints_nothing_for_an_ignored_mail(units):
    assert pipe(build_mail(headers={"Auto-Submitted": "auto-generated"})) == ""
