"""SMS: segments, the webhook (secret, idempotency, keywords, follow-ups), answers and the Kavenegar adapter."""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse

from mosharekat.catalog.models import Topic
from mosharekat.channels import smsin
from mosharekat.channels.messenger import sms_text
from mosharekat.channels.models import InboundMessage
from mosharekat.channels.sms import GatewayError, InboundSms, KavenegarGateway, segments
from mosharekat.channels.tasks import poll_sms
from mosharekat.core.models import Notification
from mosharekat.core.notifications import deliver
from mosharekat.desk import services
from mosharekat.desk.models import Case

pytestmark = pytest.mark.usefixtures("channel_settings")
MOBILE = "09121234567"
URL = "/channels/sms/inbound/"


SECRET = "s3cret-webhook"


def post(client, message_id, text, sender="+989121234567", to="30001234", secret=SECRET):
    data = {"messageid": message_id, "from": sender, "to": to, "message": text}
    return client.post(URL, data, headers={"X-Webhook-Secret": secret} if secret else {})


def test_segment_sizes():
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2 and segments("a" * 306) == 2
    assert segments("a" * 307) == 3
    assert segments("س" * 70) == 1 and segments("س" * 71) == 2
    assert segments("س" * 134) == 2 and segments("س" * 135) == 3
    assert segments("code 123 س") == 1  # one Persian letter makes the whole text UCS-2
    assert segments("{" * 80) == 1 and segments("{" * 81) == 2  # GSM extension characters count twice


def test_url_reverses():
    assert reverse("channels:sms_inbound") == URL


def test_webhook_refuses_a_wrong_or_missing_secret(client, units, settings):
    assert post(client, "1", "شکایت دارم", secret="wrong").status_code == 403
    assert post(client, "1", "شکایت دارم", secret="").status_code == 403
    settings.CHANNELS_SMS_WEBHOOK_SECRET = ""  # not configured: closed, whatever is sent
    assert post(client, "1", "شکایت دارم", secret="").status_code == 403
    assert not Case.objects.exists() and not InboundMessage.objects.exists()


def test_webhook_round_trip_creates_a_case_and_a_retry_is_deduplicated(client, units):
    response = post(client, "kv-1001", "شکایت از نرسیدن سود سهام عدالت به حساب من")
    assert response.status_code == 200 and response.content == b"ok"
    case = Case.objects.get()
    assert case.channel == "sms" and case.kind == "complaint" and case.mobile == MOBILE
    assert case.unit == units["triage"]
    ack = Notification.objects.get(channel="sms")
    assert ack.recipient == MOBILE and case.tracking_code in ack.body and segments(ack.body) <= 2
    again = post(client, "kv-1001", "شکایت از نرسیدن سود سهام عدالت به حساب من")
    assert again.status_code == 200 and again.content == b"duplicate"
    assert Case.objects.count() == 1 and Notification.objects.count() == 1


def test_secret_in_the_query_string_and_get_requests(client, units):
    response = client.get(URL, {"secret": "s3cret-webhook", "messageid": "g1", "from": MOBILE, "to": "3000",
                                "message": "پیشنهاد: پیامک هم پاسخ دهید"})
    assert response.status_code == 200
    assert Case.objects.get().kind == "suggestion"


def test_default_kind_and_keyword_variants(units):
    def kind_of(text, mid):
        return smsin.ingest(InboundSms(mid, MOBILE, "3000", text)).case.kind

    assert kind_of("سامانه کند است", "a") == "criticism"
    assert kind_of("درخواست نسخه برگه سهام", "b") == "request"
    assert kind_of("انتقاد: صف‌ها طولانی است", "c") == "criticism"
    assert kind_of("پيشنهاد با ي عربی", "d") == "suggestion"  # Arabic yeh from an old phone


def test_topic_keyword_routes_to_the_topic_unit(units):
    topic = Topic.objects.create(name="سهام عدالت", slug="justice-shares", unit=units["a"], sms_keyword="سهام")
    case = smsin.ingest(InboundSms("t1", MOBILE, "3000", "شکایت سهام سود واریز نشده")).case
    assert case.topic == topic and case.unit == units["a"] and case.kind == "complaint"
    case2 = smsin.ingest(InboundSms("t2", MOBILE, "3000", "سهام کی واریز می‌شود؟")).case
    assert case2.topic == topic and case2.kind == "criticism"


def test_topic_hotline_number_routes_to_the_topic(units):
    topic = Topic.objects.create(name="طرح توزیع", slug="plan", unit=units["b"], phone_line="3000-1111")
    case = smsin.ingest(InboundSms("h1", MOBILE, "30001111", "کی نوبت من است")).case
    assert case.topic == topic and case.unit == units["b"]


def test_text_starting_with_the_code_adds_to_the_case_of_that_mobile(units):
    case = smsin.ingest(InboundSms("f0", MOBILE, "3000", "شکایت اول")).case
    spaced = " ".join(case.tracking_code[i:i + 4] for i in range(0, len(case.tracking_code), 4))
    persian = spaced.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    result = smsin.ingest(InboundSms("f1", "989121234567", "3000", f"{persian} مدارک را هم فرستادم"))
    assert result.case == case and result.status == "follow_up"
    assert case.events.get(type="citizen_message").body == "مدارک را هم فرستادم"
    stranger = smsin.ingest(InboundSms("f2", "09350000000", "3000", f"{case.tracking_code} من هم"))
    assert stranger.case is None and stranger.status == "ignored"
    assert case.events.filter(type="citizen_message").count() == 1
    assert Case.objects.count() == 1
    refusal = Notification.objects.filter(recipient="09350000000").get()
    assert case.tracking_code not in refusal.body


def test_answers_by_sms_short_in_full_long_as_a_link(units, staff_a, settings):
    case = smsin.ingest(InboundSms("s1", MOBILE, "3000", "درخواست")).case
    services.reassign(case, None, units["a"], "مربوط")
    services.answer(case, staff_a, "انجام شد.")
    short = Notification.objects.filter(channel="sms", recipient=MOBILE).order_by("-id").first()
    assert "انجام شد." in short.body and segments(short.body) <= settings.CHANNELS_SMS_MAX_SEGMENTS
    services.answer(case, staff_a, "پاسخ بلند " * 40)
    long = Notification.objects.filter(channel="sms", recipient=MOBILE).order_by("-id").first()
    assert "پاسخ بلند" not in long.body and "https://ipo.example.ir/desk/track/" in long.body
    assert case.tracking_code in long.body and segments(long.body) <= 2


def test_sms_text_for_acknowledgement_fits_two_segments(units, make_case):
    case = make_case(is_anonymous=True)
    assert segments(sms_text(case)) <= 2


def test_invalid_sender_is_ignored(units):
    assert smsin.ingest(InboundSms("x1", "SMSPanel", "3000", "تبلیغ")).status == "ignored"
    assert not Case.objects.exists()


def test_rate_limit_per_mobile(units, settings):
    settings.CHANNELS_SMS_RATE = "1/h"
    assert smsin.ingest(InboundSms("r1", MOBILE, "3000", "یک")).status == "case"
    assert smsin.ingest(InboundSms("r2", MOBILE, "3000", "دو")).status == "limited"


# --- Kavenegar adapter against a local fake server --------------------------------------------------


class FakeKavenegar(BaseHTTPRequestHandler):
    requests: list = []
    status = 200
    entries: list = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        params = urllib.parse.parse_qs(self.rfile.read(length).decode())
        type(self).requests.append((self.path, {k: v[0] for k, v in params.items()}))
        payload = {"return": {"status": type(self).status, "message": "تایید شد"}, "entries": []}
        if self.path.endswith("/receive.json"):
            payload["entries"] = type(self).entries
        body = json.dumps(payload).encode()
        self.send_response(200 if type(self).status == 200 else 400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def kavenegar(settings):
    FakeKavenegar.requests, FakeKavenegar.status, FakeKavenegar.entries = [], 200, []
    server = HTTPServer(("127.0.0.1", 0), FakeKavenegar)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.KAVENEGAR_API_URL = f"http://127.0.0.1:{server.server_port}/v1"
    settings.KAVENEGAR_API_KEY = "TEST-KEY"
    settings.KAVENEGAR_SENDER = "10004346"
    yield FakeKavenegar
    server.shutdown()
    server.server_close()


def test_kavenegar_send(kavenegar):
    KavenegarGateway().send(MOBILE, "کد پیگیری: ۱۲۳")
    path, params = kavenegar.requests[0]
    assert path == "/v1/TEST-KEY/sms/send.json"
    assert params == {"receptor": MOBILE, "message": "کد پیگیری: ۱۲۳", "sender": "10004346"}


def test_kavenegar_error_is_raised(kavenegar):
    kavenegar.status = 418
    with pytest.raises(GatewayError, match="418"):
        KavenegarGateway().send(MOBILE, "x")


def test_kavenegar_as_the_core_sms_backend_in_live_mode(kavenegar, settings, db):
    settings.NOTIFY_MODE = "live"
    settings.SMS_BACKEND = "mosharekat.channels.sms.KavenegarGateway"
    note = Notification.objects.create(channel="sms", recipient=MOBILE, body="سلام")
    deliver(note)
    assert note.status == "sent" and kavenegar.requests[0][1]["message"] == "سلام"
    kavenegar.status = 500
    failed = Notification.objects.create(channel="sms", recipient=MOBILE, body="دوباره")
    deliver(failed)
    assert failed.status == "failed" and "500" in failed.last_error


def test_polling_takes_texts_in_once(kavenegar, settings, units):
    settings.CHANNELS_SMS_GATEWAY = "mosharekat.channels.sms.KavenegarGateway"
    kavenegar.entries = [{"messageid": 555, "sender": "09121234567", "receptor": "10004346", "message": "شکایت دارم"}]
    assert poll_sms() == 1
    assert poll_sms() == 0
    assert Case.objects.get().channel == "sms"
    assert kavenegar.requests[0][1] == {"linenumber": "10004346", "isread": "0"}
