"""The verbs of oversight reporting. Views and commands call these; nothing else writes reports.

Every officer verb writes the audit log with the report's opaque reference, never its content.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from mosharekat.core import audit, resend
from mosharekat.core.calendar import local_today
from mosharekat.core.notifications import notify

from . import crypto, receipts, rules
from .models import Attachment, Message, OversightBody, Report, Status

# A lost answer is sent again within seconds or minutes; a resend later comes from the browser's history.
RECEIPT_RESHOW_SECONDS = getattr(settings, "OVERSIGHT_RECEIPT_RESHOW_SECONDS", 15 * 60)


@dataclass
class Draft:
    """A report as the form validated it; ``files`` are (clean bytes, content type, name) from sanitize."""

    body: OversightBody
    subject: str
    text: str
    named_unit: str = ""
    is_anonymous: bool = True
    identity: str = ""
    reporter_role: str = ""
    files: list = field(default_factory=list)
    token: uuid.UUID | None = None  # the form's one-time token (see Report.submission_token)


# --- expiry ------------------------------------------------------------------------------------

def live_q(today: datetime.date | None = None) -> Q:
    """Reports still inside their body's retention period. Computed from the clock, so an expired
    report is hidden at once even if ``purge_oversight_reports`` has not run yet."""
    today = today or local_today()
    parts = [
        Q(body_id=pk, created_on__gt=today - datetime.timedelta(days=days))
        for pk, days in OversightBody.objects.values_list("pk", "retention_days")
    ]
    return reduce(or_, parts) if parts else Q(pk__in=[])


def live_reports(today=None):
    return Report.objects.filter(live_q(today)).select_related("body")


def purge_expired(today=None) -> int:
    """Delete (really) every report past its body's retention, with its messages and files."""
    today = today or local_today()
    expired = Report.objects.exclude(live_q(today))
    total = 0
    for body in OversightBody.objects.filter(pk__in=expired.values("body_id")):
        with transaction.atomic():
            doomed = expired.filter(body=body)
            count = doomed.count()
            # The cascade deletes messages and attachments; each attachment's file goes with its row
            # (signals.delete_attachment_file).
            doomed.delete()
            audit.record(None, "oversight.purge", body, after={"deleted": count, "today": today.isoformat()})
        total += count
    return total


# --- reporter ----------------------------------------------------------------------------------

def _save_files(report, message, files):
    for data, content_type, name in files:
        attachment = Attachment(report=report, message=message, name=name, content_type=content_type, size=len(data))
        attachment.file.save("evidence.bin", ContentFile(crypto.encrypt_bytes(data)), save=False)
        attachment.save()


def submit_report(draft: Draft) -> tuple[Report, str | None]:
    """Create the report and return it with its receipt, which exists only in this return value.

    The same form sent again (a double tap, a resend after the answer was lost) returns the report it
    already created with the same receipt, computed again from the form's token and the report's content
    (``receipts.from_token``); a rewritten form (reopened with Back) is a new report with its own receipt.
    Only for RECEIPT_RESHOW_SECONDS, though: later the resend comes from the browser's history, perhaps a
    shared computer's, and gets the report without its receipt (None)."""
    token = _content_token(draft)
    if token and (earlier := _resent(token)):
        return earlier
    if not draft.body.is_active:
        raise ValidationError(_("This oversight body no longer accepts reports."))
    receipt = receipts.from_token(token) if token else receipts.new_receipt()
    if token:  # before storing: a twin sent at the same moment must find it as soon as it finds the report
        _reshow(token, set_it=True)

    def store():
        with transaction.atomic():
            report = Report.objects.create(
                body=draft.body, created_on=local_today(), subject=draft.subject, text=draft.text,
                named_unit=draft.named_unit, is_anonymous=draft.is_anonymous, identity=_identity(draft),
                reporter_role=draft.reporter_role,
                receipt_hash=receipts.hash_receipt(receipt), receipt_index=receipts.index(receipt),
                submission_token=receipts.token_key(token) if token else None,
            )
            _save_files(report, None, draft.files)
        _tell_body(report)
        return report, receipt

    # The twin of this form sent at the same moment: one report, and this post shows its receipt.
    return resend.store_once(store, lambda: _resent(token) if token else None)


def _identity(draft: Draft) -> str:
    return "" if draft.is_anonymous else draft.identity


def _content_token(draft: Draft) -> uuid.UUID | None:
    """The form's token joined with the report's content (see core.resend); only its keyed digest is
    stored (``receipts.token_key``), and the receipt is computed from it."""
    if not draft.token:
        return None
    return resend.content_token(draft.token, draft.body.pk, draft.subject, draft.text, draft.named_unit,
                                draft.is_anonymous, _identity(draft), draft.reporter_role)


def _resent(token: uuid.UUID) -> tuple[Report, str | None] | None:
    """The report this form, with this content, already created, and its receipt while it may be shown
    again (its evidence files were stored the first time)."""
    report = Report.objects.filter(submission_token=receipts.token_key(token)).first()
    if report is None:
        return None
    return report, receipts.from_token(token) if _reshow(token) else None


def _reshow(token: uuid.UUID, set_it=False) -> bool:
    """Whether the receipt of ``token``'s report may still be shown again (or, with ``set_it``, allow it).
    Keyed by the token's keyed digest, as the report keeps it. Without the cache (Redis down) the report is
    still stored, and a resend gets no receipt: the safe side."""
    key = f"oversight:reshow:{receipts.token_key(token)}"
    try:
        if set_it:
            cache.set(key, True, RECEIPT_RESHOW_SECONDS)
        return bool(cache.get(key))
    except Exception:  # an unreachable cache must not lose a report
        return False


def _tell_body(report):
    """An external body is told by e-mail that a report waits; the content never goes into the outbox."""
    body = report.body
    if body.is_external and body.email:
        notify("email", body.email, subject=_("New violation report"), body=_(
            "A new violation report (reference %(ref)s) was submitted to %(body)s on the participation platform. "
            "Your officers can read it at %(url)s or ask for an encrypted export."
        ) % {"ref": report.reference, "body": body.name, "url": f"{settings.SITE_URL}/oversight/officer/"})


def login(raw_receipt: str) -> Report | None:
    receipt = receipts.parse(raw_receipt)
    if receipt is None:
        return None
    for report in live_reports().filter(receipt_index=receipts.index(receipt)):
        if receipts.verify(report.receipt_hash, receipt):
            return report
    return None


def can_reporter_write(report) -> bool:
    return report.status != Status.CLOSED


def reporter_message(report, text: str, files) -> Message:
    if not can_reporter_write(report):
        raise ValidationError(_("This report is closed; new messages cannot be added."))
    with transaction.atomic():
        message = Message.objects.create(
            report=report, author=Message.Author.REPORTER, text=text or _("(evidence added)"), created_on=local_today()
        )
        _save_files(report, message, files)
    return message


# --- officers ----------------------------------------------------------------------------------

def officer_reports(user):
    return live_reports().filter(body_id__in=rules.officer_body_ids(user))


def get_report_for(user, pk) -> Report:
    """The report if ``user`` is an officer of its body and it has not expired; PermissionDenied otherwise."""
    report = officer_reports(user).filter(pk=pk).first()
    if report is None:
        raise PermissionDenied
    return report


def read_report(user, pk) -> Report:
    report = get_report_for(user, pk)
    audit.record(user, "oversight.read", report)
    return report


def read_attachment(user, report, attachment_pk) -> tuple[Attachment, bytes]:
    attachment = report.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise PermissionDenied
    with attachment.file.open("rb") as handle:
        data = crypto.decrypt_bytes(handle.read())
    audit.record(user, "oversight.read_attachment", report, after={"attachment": attachment.pk})
    return attachment, data


def officer_reply(user, report, text: str) -> Message:
    with transaction.atomic():
        message = Message.objects.create(
            report=report, author=Message.Author.OFFICER, officer=user, text=text, created_on=local_today()
        )
        if report.status == Status.NEW:
            report.status = Status.IN_REVIEW
            report.save(update_fields=["status"])
        audit.record(user, "oversight.reply", report, after={"message": message.pk})
    return message


def set_status(user, report, status: str) -> None:
    if status not in Status.values:
        raise ValidationError(_("Unknown status."))
    before = report.status
    report.status = status
    report.save(update_fields=["status"])
    audit.record(user, "oversight.status", report, {"status": before}, {"status": status})


def export_report(user, report, passphrase: str, via: str) -> bytes:
    """The sealed export; ``via="email"`` also sends it (without the evidence files, which would
    exceed mail size limits) to the body's configured address."""
    from . import exports

    if not rules.can_export(user, report):
        raise PermissionDenied
    if via == "email" and not report.body.email:
        raise ValidationError(_("This oversight body has no e-mail address; download the export instead."))
    sealed = exports.seal(exports.payload(report, with_files=via != "email"), passphrase)
    if via == "email":
        notify("email", report.body.email, subject=_("Encrypted violation report %(ref)s") % {"ref": report.reference},
               body=_("The encrypted report follows. The passphrase is given to you by telephone.")
               + "\n\n" + sealed.decode("ascii"))
    audit.record(user, "oversight.export", report, after={"via": via})
    return sealed
