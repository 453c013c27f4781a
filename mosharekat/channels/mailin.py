"""E-mail intake: one raw message in, a case created or joined (or a stored reason why not).

Used by ``manage.py ingest_email`` (MTA pipe), the SMTP/LMTP listener and mailbox polling alike.
The raw message is stored first (unique on its Message-ID), then processed in one transaction,
so a crash in between leaves it waiting for the retry task, and a second delivery changes nothing.
"""

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mosharekat.catalog.models import Channel, Service
from mosharekat.core.text import latin_digits
from mosharekat.core.validators import clean_mobile
from mosharekat.desk import services, tracking
from mosharekat.desk.attachments import check_upload
from mosharekat.desk.models import Case

from . import context, keywords, limits, mailparse
from .models import InboundMessage, OutboundMail

log = logging.getLogger(__name__)
Status = InboundMessage.Status
MAX_BODY = 20000


@dataclass
class Result:
    case: Case | None
    status: str
    reason: str = ""
    duplicate: bool = False

    @property
    def code(self) -> str:
        return self.case.tracking_code if self.case else ""


def our_addresses() -> set[str]:
    found = {settings.CHANNELS_GENERAL_EMAIL.lower()}
    addresses = Service.objects.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    found.update(e.lower() for e in addresses)
    return found


def is_our_address(address: str) -> bool:
    return (address or "").strip().lower() in our_addresses()


def ingest(raw: bytes, envelope_recipients=()) -> Result:
    mail = mailparse.parse(raw, envelope_recipients)
    try:
        with transaction.atomic():
            record = InboundMessage.objects.create(
                channel=InboundMessage.Channel.EMAIL,
                external_id=mail.message_id,
                sender=mail.from_address[:254],
                recipient=",".join(mail.recipients)[:254],
                subject=mail.subject[:255],
                raw=raw,
            )
    except IntegrityError:
        record = InboundMessage.objects.get(channel=InboundMessage.Channel.EMAIL, external_id=mail.message_id)
        if record.status != Status.RECEIVED:
            return Result(record.case, record.status, record.reason, duplicate=True)
    return process(record.pk, mail)


def process(pk, mail=None) -> Result:
    """Turn a stored message into a case or a follow-up, once (the row is locked while it is done)."""
    with transaction.atomic():
        record = InboundMessage.objects.select_for_update().get(pk=pk)
        if record.status != Status.RECEIVED:
            return Result(record.case, record.status, record.reason, duplicate=True)
        if mail is None:
            recipients = [r for r in record.recipient.split(",") if r]
            mail = mailparse.parse(bytes(record.raw), recipients)
        status, case, reason = _decide(mail)
        record.status, record.case, record.reason = status, case, reason[:300]
        record.processed_at = timezone.now()
        if status in (Status.CASE, Status.FOLLOW_UP):
            record.recipient = _mailbox(mail.recipients)[1]
        record.save()
    return Result(case, status, reason)


def _valid_sender(address) -> bool:
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def _decide(mail):
    sender = mail.from_address
    if sender in settings.CHANNELS_PBX_EMAILS:
        return Status.CASE, _voicemail(mail), "voicemail"
    robot = mailparse.is_bounce_or_auto_reply(mail)
    if robot:
        return Status.IGNORED, None, robot
    if not _valid_sender(sender):
        return Status.IGNORED, None, "no valid sender address"
    if is_our_address(sender):
        return Status.IGNORED, None, "sent from one of our own addresses"
    if not limits.allow("email", sender, settings.CHANNELS_EMAIL_RATE):
        return Status.LIMITED, None, f"over {settings.CHANNELS_EMAIL_RATE} for {sender}"
    files, refused = _check_files(mail.attachments)
    case = _thread_case(mail)
    if case is not None and services.can_citizen_write(case):
        services.citizen_follow_up(case, strip_quoted(mail.text)[:MAX_BODY], files)
        _note_refused(case, refused)
        return Status.FOLLOW_UP, case, ""
    service, mailbox = _mailbox(mail.recipients)
    kind, topic, _rest = keywords.read_leading_words(mail.subject)
    subject = mail.subject or mail.text.strip().split("\n", 1)[0][:80] or _("E-mail without a subject")
    sub = services.Submission(
        kind=kind, subject=subject[:200], body=mail.text[:MAX_BODY] or subject, channel=Channel.EMAIL,
        service=service, topic=topic, contact_name=mail.from_name[:150], email=sender, files=files,
    )
    no_reply = mailparse.wants_no_reply(mail)
    with context.intake(
        acknowledge=not no_reply, mailbox=mailbox, message_id=mail.message_id, references=tuple(mail.references)
    ):
        case = services.submit_case(sub)
    _note_refused(case, refused)
    return Status.CASE, case, no_reply and f"no acknowledgement: {no_reply}"


def _mailbox(recipients):
    """(service, address) for the first recipient that is a service's address, else the general mailbox."""
    services_by_mail = {s.email.lower(): s for s in Service.objects.filter(is_active=True).exclude(email="")}
    for address in recipients:
        if address in services_by_mail:
            return services_by_mail[address], address
    return None, settings.CHANNELS_GENERAL_EMAIL


def _thread_case(mail):
    """The case a reply belongs to: by our/their Message-IDs first; by a code in the subject only
    when the mail comes from the case's own address."""
    for mid in mail.thread_ids:
        out = OutboundMail.objects.filter(message_id=mid).select_related("case").first()
        if out:
            return services.surviving(out.case)
        inbound = InboundMessage.objects.filter(channel=InboundMessage.Channel.EMAIL, external_id=mid).exclude(
            case=None
        ).select_related("case").first()
        if inbound:
            return services.surviving(inbound.case)
    for candidate in re.findall(r"[0-9][0-9 \-]{12,}[0-9]", latin_digits(mail.subject)):
        code = tracking.parse(candidate)
        case = Case.objects.filter(tracking_code=code).first() if code else None
        if case and case.email and case.email.lower() == mail.from_address:
            return services.surviving(case)
    return None


_QUOTE_HEADER = re.compile(
    r"^(On .{5,200} wrote:|.{0,200}(نوشت|نوشته است)\s*:|-{2,}\s*Original Message\s*-{2,}|From: .+)$"
)


def strip_quoted(text: str) -> str:
    """The new part of a reply: the quoted earlier mail (lines with '>' and what follows 'On … wrote:') removed."""
    kept = []
    for line in (text or "").split("\n"):
        if _QUOTE_HEADER.match(line.strip()):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line)
    result = "\n".join(kept).strip()
    return result or (text or "").strip()


def _check_files(uploads):
    files, refused = [], []
    for upload in uploads:
        if len(files) >= settings.ATTACHMENT_MAX_FILES:
            limit = settings.ATTACHMENT_MAX_FILES
            refused.append(_("«%(name)s»: more than %(n)s files") % {"name": upload.name, "n": limit})
            continue
        try:
            files.append((upload, *check_upload(upload)))
        except ValidationError as exc:
            refused.append(" ".join(exc.messages))
    return files, refused


def _note_refused(case, refused):
    if refused:
        text = _("Attachments of the e-mail that were not kept:") + "\n" + "\n".join(f"- {r}" for r in refused)
        services.add_note(case, None, text)


# --- Voicemail from the telephone exchange ---------------------------------------------------------

_MOBILE = re.compile(r"(?:\+?98|0098|0)?9\d{9}")
_NUMBER = re.compile(r"\+?\d[\d\- ]{5,}\d")


def caller_number(text: str) -> tuple[str, str]:
    """(mobile 09…, other number) found in a PBX mail's subject/body ("Voicemail from 0912…")."""
    digits_text = latin_digits(text or "")
    compact = re.sub(r"(?<=\d)[ \-](?=\d)", "", digits_text)
    for match in _MOBILE.finditer(compact):
        try:
            return clean_mobile(match.group()), ""
        except ValidationError:
            continue
    other = _NUMBER.search(digits_text)
    return "", (re.sub(r"[ \-]", "", other.group()) if other else "")


def _voicemail(mail):
    mobile, other = caller_number(f"{mail.subject}\n{mail.text}")
    number = mobile or other or _("unknown number")
    files, refused = _check_files(mail.attachments)
    body = _("Voicemail from %(number)s.") % {"number": number}
    if mail.text:
        body += "\n\n" + mail.text[:2000]
    if not any(ct.startswith("audio/") for _u, ct, _n in files):
        refused.append(_("no playable recording was attached"))
    sub = services.Submission(
        kind=keywords.DEFAULT_KIND, subject=(_("Voicemail from %(number)s") % {"number": number})[:200], body=body,
        channel=Channel.VOICEMAIL, mobile=mobile, is_anonymous=not mobile, files=files,
    )
    with context.intake(acknowledge=bool(mobile)):
        case = services.submit_case(sub)
    _note_refused(case, refused)
    return case
