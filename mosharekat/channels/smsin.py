"""SMS intake: a text to the short code creates a case, or adds to one when it starts with its code."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mosharekat.catalog.models import Channel, Topic
from mosharekat.core.notifications import notify
from mosharekat.core.text import latin_digits, only_digits
from mosharekat.core.validators import clean_mobile
from mosharekat.desk import services, tracking

from . import context, keywords, limits
from .models import InboundMessage
from .sms import InboundSms

Status = InboundMessage.Status
_LEADING_CODE = re.compile(r"^\s*([0-9][0-9 \-]{12,}[0-9])")


@dataclass
class Result:
    case: object
    status: str
    reason: str = ""
    duplicate: bool = False


def ingest(message: InboundSms) -> Result:
    """Store the text (unique on the provider's message id), then process it once."""
    if not message.message_id:
        raise ValueError("an inbound SMS needs the provider's message id")
    try:
        with transaction.atomic():
            record = InboundMessage.objects.create(
                channel=InboundMessage.Channel.SMS,
                external_id=message.message_id[:255],
                sender=message.sender[:254],
                recipient=message.receiver[:254],
                raw=message.text.encode("utf-8"),
            )
    except IntegrityError:
        record = InboundMessage.objects.get(channel=InboundMessage.Channel.SMS, external_id=message.message_id[:255])
        if record.status != Status.RECEIVED:
            return Result(record.case, record.status, record.reason, duplicate=True)
    return process(record.pk)


def process(pk) -> Result:
    with transaction.atomic():
        record = InboundMessage.objects.select_for_update().get(pk=pk)
        if record.status != Status.RECEIVED:
            return Result(record.case, record.status, record.reason, duplicate=True)
        text = bytes(record.raw).decode("utf-8", errors="replace").strip()
        status, case, reason = _decide(record.sender, record.recipient, text)
        record.status, record.case, record.reason = status, case, reason[:300]
        record.processed_at = timezone.now()
        record.save()
    return Result(case, status, reason)


def _topic_for_line(receiver: str):
    number = only_digits(receiver)
    if not number:
        return None
    for topic in Topic.objects.filter(is_active=True).exclude(phone_line=""):
        if only_digits(topic.phone_line) == number:
            return topic
    return None


def _decide(sender_text, receiver, text):
    try:
        sender = clean_mobile(sender_text)
    except ValidationError:
        sender = ""
    if not sender:
        return Status.IGNORED, None, "the sender is not a mobile number"
    if not text:
        return Status.IGNORED, None, "empty text"
    if not limits.allow("sms", sender, settings.CHANNELS_SMS_RATE):
        return Status.LIMITED, None, f"over {settings.CHANNELS_SMS_RATE} for {sender}"
    match = _LEADING_CODE.match(latin_digits(text))
    code = tracking.parse(match.group(1)) if match else None
    if code:
        rest = text[match.end():].strip(" :،,.-\n") or text
        case = services.lookup(code, sender)
        if case is None:
            notify("sms", sender, _("No case with this tracking code belongs to this number."))
            return Status.IGNORED, None, "code does not match the sender"
        try:
            services.citizen_follow_up(case, rest)
        except ValidationError as exc:
            notify("sms", sender, " ".join(exc.messages))
            return Status.IGNORED, case, "case can no longer be written to"
        notify("sms", sender, _("Your message was added to case %(code)s.") % {"code": case.tracking_code})
        return Status.FOLLOW_UP, case, ""
    kind, topic, rest = keywords.read_leading_words(text)
    topic = topic or _topic_for_line(receiver)
    subject = (rest or text).split("\n", 1)[0][:60] or _("Text message")
    sub = services.Submission(
        kind=kind, subject=subject, body=text, channel=Channel.SMS, topic=topic, mobile=sender,
    )
    with context.intake(acknowledge=True):
        case = services.submit_case(sub)
    return Status.CASE, case, ""
