"""The SMTP/LMTP listener over a real socket, and voicemail recordings arriving by mail."""

import smtplib
import socket

import pytest

from mosharekat.channels import mailin
from mosharekat.channels.smtp import IntakeController
from mosharekat.core.models import Notification
from mosharekat.desk.models import Case

from .conftest import GENERAL, PBX, build_mail, wav_bytes

pytestmark = pytest.mark.usefixtures("channel_settings")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def listener():
    controllers = []

    def start(lmtp=False):
        controller = IntakeController(host="127.0.0.1", port=free_port(), lmtp=lmtp)
        controller.start()
        controllers.append(controller)
        return controller

    yield start
    for controller in controllers:
        controller.stop()


@pytest.mark.django_db(transaction=True)
def test_real_smtp_delivery_creates_a_case_and_an_acknowledgement(units, listener):
    controller = listener()
    raw = build_mail(subject="پیشنهاد برای سامانه", body="پیشنهاد می‌کنم ساعت پاسخگویی بیشتر شود.")
    with smtplib.SMTP(controller.hostname, controller.port, timeout=10) as client:
        refused = client.sendmail("citizen@example.com", [GENERAL], raw)
        assert refused == {}
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            client.sendmail("citizen@example.com", ["nobody@ipo.example.ir"], raw)
    case = Case.objects.get()
    assert case.channel == "email" and case.kind == "suggestion" and case.unit == units["triage"]
    ack = Notification.objects.get(recipient="citizen@example.com")
    assert case.tracking_code in ack.body


@pytest.mark.django_db(transaction=True)
def test_lmtp_delivery_answers_with_the_code(units, listener):
    controller = listener(lmtp=True)
    with smtplib.LMTP(controller.hostname, controller.port, timeout=10) as client:
        client.ehlo_or_helo_if_needed()
        client.mail("citizen@example.com")
        client.rcpt(GENERAL)
        code, reply = client.data(build_mail())
    case = Case.objects.get()
    assert code == 250 and case.tracking_code in reply.decode()


def test_voicemail_mail_with_a_wav_attachment(units):
    raw = build_mail(
        sender=PBX, name="Asterisk PBX", subject="Voicemail from ۰۹۱۲ ۳۴۵ ۶۷۸۹ (mailbox 100)",
        body="New voicemail, 12 seconds, 1403/02/10 10:15", headers={"Auto-Submitted": "auto-generated"},
        attachments=[("msg0001.wav", wav_bytes(), "audio/x-wav")],
    )
    result = mailin.ingest(raw)
    case = result.case
    assert case.channel == "voicemail" and case.mobile == "09123456789"
    assert case.unit == units["triage"] and not case.is_anonymous
    recording = case.attachments.get()
    assert recording.content_type == "audio/x-wav" and recording.name == "msg0001.wav"
    sms = Notification.objects.get(channel="sms")
    assert sms.recipient == "09123456789" and case.tracking_code in sms.body
    assert not Notification.objects.filter(recipient=PBX).exists()  # nothing goes back to the exchange


def test_voicemail_from_a_landline_is_kept_with_the_number(units):
    raw = build_mail(sender=PBX, subject="Voicemail from 021-8888 7777", body="",
                     attachments=[("a.wav", wav_bytes(), "audio/wav")])
    case = mailin.ingest(raw).case
    assert case.is_anonymous and "02188887777" in case.body
    assert case.attachments.count() == 1 and not Notification.objects.exists()


def test_voicemail_mail_without_a_recording_is_noted(units):
    case = mailin.ingest(build_mail(sender=PBX, subject="Voicemail from 09121112233", body="")).case
    assert case.events.filter(type="note").exists()


def test_caller_number_variants():
    assert mailin.caller_number("Voicemail from +98 912 345 6789")[0] == "09123456789"
    assert mailin.caller_number("پیام از ۰۹۱۲۳۴۵۶۷۸۹")[0] == "09123456789"
    assert mailin.caller_number("from 02188887777") == ("", "02188887777")
