"""The operator's phone page, the voicemail upload page and counts per topic."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mosharekat.catalog.models import Topic
from mosharekat.channels.topics import cases_per_topic
from mosharekat.core.models import AuditEntry, Notification, Role
from mosharekat.desk.models import Case
from tests.factories import PASSWORD, make_user

from .conftest import PDF, wav_bytes

pytestmark = pytest.mark.usefixtures("channel_settings")
PHONE_URL = "/channels/phone/new/"


@pytest.fixture
def operator(units):
    return make_user("operator", units["triage"], Role.TRIAGE)


def call_data(**extra):
    data = {"kind": "complaint", "subject": "تماس درباره سهام", "body": "تماس‌گیرنده می‌گوید سود واریز نشده است.",
            "contact_name": "علی رضایی", "mobile": "۰۹۱۲ ۱۲۳ ۴۵۶۷"}
    data.update(extra)
    return data


def test_operator_registers_a_call_and_reads_back_the_code(client, operator):
    assert reverse("channels:phone_new") == PHONE_URL
    client.login(username="operator", password=PASSWORD)
    assert client.get(PHONE_URL).status_code == 200
    response = client.post(PHONE_URL, call_data())
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == "phone" and case.created_by == operator and case.mobile == "09121234567"
    assert AuditEntry.objects.filter(action="case.register", actor=operator, target_id=str(case.pk)).exists()
    page = client.get(PHONE_URL).content.decode()
    assert f'data-code="{case.tracking_code}"' in page
    sms = Notification.objects.get(channel="sms")
    assert sms.recipient == "09121234567" and case.tracking_code in sms.body
    assert 'data-code="' not in client.get(PHONE_URL).content.decode()  # shown once


def test_phone_call_routes_by_topic(client, operator, units):
    topic = Topic.objects.create(name="طرح توزیع سهام", slug="plan", unit=units["a"])
    client.login(username="operator", password=PASSWORD)
    client.post(PHONE_URL, call_data(topic=topic.pk))
    assert Case.objects.get().unit == units["a"]


def test_phone_call_needs_a_contact_or_anonymity(client, operator):
    client.login(username="operator", password=PASSWORD)
    response = client.post(PHONE_URL, call_data(mobile=""))
    assert response.status_code == 200 and not Case.objects.exists()
    client.post(PHONE_URL, call_data(mobile="", is_anonymous="on"))
    assert Case.objects.get().is_anonymous


def test_phone_page_is_for_operators_only(client, units):
    assert client.get(PHONE_URL).status_code == 302  # to the login page
    make_user("overseer", units["root"], Role.OVERSIGHT)
    client.login(username="overseer", password=PASSWORD)
    assert client.get(PHONE_URL).status_code == 404
    assert client.post(PHONE_URL, call_data()).status_code == 404
    assert not Case.objects.exists()


def test_voicemail_upload(client, operator):
    client.login(username="operator", password=PASSWORD)
    url = reverse("channels:voicemail_new")
    assert client.get(url).status_code == 200
    refused = client.post(url, {"recording": SimpleUploadedFile("x.pdf", PDF), "caller": "09121234567"})
    assert refused.status_code == 200 and not Case.objects.exists()
    response = client.post(url, {"recording": SimpleUploadedFile("call.wav", wav_bytes()), "caller": "09121234567"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == "voicemail" and case.created_by == operator
    assert case.attachments.get().content_type == "audio/x-wav"
    staff_page = client.get(reverse("staff:case", args=[case.pk])).content.decode()
    audio_url = reverse("staff:attachment", args=[case.pk, case.attachments.get().pk])
    assert f'<audio controls preload="none" src="{audio_url}"' in staff_page
    recording = client.get(audio_url)
    assert recording["Content-Type"] == "audio/x-wav" and b"".join(recording.streaming_content).startswith(b"RIFF")


def test_cases_per_topic(units, make_case):
    topic = Topic.objects.create(name="سهام عدالت", slug="shares", unit=units["a"])
    Topic.objects.create(name="خالی", slug="empty", unit=units["a"])
    make_case(topic=topic)
    make_case(topic=topic, channel="sms")
    make_case()
    counts = cases_per_topic()
    assert counts[0]["topic"] == topic and counts[0]["cases"] == 2
    assert counts[0]["by_channel"] == {"web": 1, "sms": 1}
    assert counts[1]["cases"] == 0
