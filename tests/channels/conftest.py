import io
import wave
from email.header import Header
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import pytest

GENERAL = "info@ipo.example.ir"
PBX = "pbx@ipo.example.ir"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + b" " * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64


def wav_bytes() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * 800)
    return buffer.getvalue()


def build_mail(
    *, sender="citizen@example.com", to=GENERAL, subject="درخواست پیگیری سهام عدالت",
    body="سلام، برگه سهام من نرسیده است.",
    charset="utf-8", html=None, headers=None, attachments=(), message_id=None, name="مریم احمدی",
) -> bytes:
    if charset == "windows-1256":  # its Persian has the Arabic yeh: what real Windows mail programs send
        subject, body = subject.replace("ی", "ي"), body.replace("ی", "ي")
    msg = EmailMessage()
    msg["From"] = f"{name} <{sender}>" if name else sender
    msg["To"] = to
    if charset == "utf-8":
        msg["Subject"] = subject
    else:
        msg["Subject"] = Header(subject, charset).encode()
    msg["Date"] = formatdate()
    msg["Message-ID"] = message_id or make_msgid(domain="example.com")
    for key, value in (headers or {}).items():
        msg[key] = value
    if html is not None and body is None:
        msg.set_content(html, subtype="html", charset=charset)
    else:
        msg.set_content(body, charset=charset)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


@pytest.fixture
def channel_settings(settings):
    settings.CHANNELS_GENERAL_EMAIL = GENERAL
    settings.CHANNELS_PBX_EMAILS = [PBX]
    settings.CHANNELS_MAIL_DOMAIN = "ipo.example.ir"
    settings.CHANNELS_EMAIL_RATE = "100/h"
    settings.CHANNELS_SMS_RATE = "100/h"
    settings.CHANNELS_SMS_WEBHOOK_SECRET = "s3cret-webhook"
    settings.CHANNELS_SMS_GATEWAY = "mosharekat.channels.sms.OutboxGateway"
    settings.CHANNELS_SMS_MAX_SEGMENTS = 3
    settings.DESK_CITIZEN_MESSENGER = "mosharekat.channels.messenger.tell_citizen"
    settings.SITE_URL = "https://ipo.example.ir"
    return settings
