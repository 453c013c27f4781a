"""Mail about a case: kept in the outbox like every notification, sent with its own Message-ID and
In-Reply-To/References so the citizen's mail program threads it and their reply finds the case."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from mosharekat.core.models import Notification

from .models import InboundMessage, OutboundMail

log = logging.getLogger(__name__)


def new_message_id(case) -> str:
    from email.utils import make_msgid

    return make_msgid(idstring=f"case{case.pk}", domain=settings.CHANNELS_MAIL_DOMAIN)


def thread_of(case) -> tuple[str, list[str]]:
    """(id to answer, references) of the case's mail conversation, latest message last."""
    mails = case.inbound_messages.filter(channel=InboundMessage.Channel.EMAIL)
    timeline = [(m.received_at, m.external_id) for m in mails]
    timeline += [(m.notification.created_at, m.message_id) for m in case.outbound_mails.select_related("notification")]
    refs = [mid for _at, mid in sorted(timeline) if "@missing-message-id" not in mid]
    inbound = mails.order_by("-pk").first()
    answer_to = inbound.external_id if inbound and "@missing-message-id" not in inbound.external_id else ""
    return answer_to, refs[-10:]


def mailbox_of(case) -> str:
    """The address the citizen wrote to (a service's or the general one): answers come from it."""
    first = case.inbound_messages.filter(channel=InboundMessage.Channel.EMAIL).exclude(recipient="").first()
    if first:
        return first.recipient
    if case.service_id and case.service.email:
        return case.service.email
    return settings.CHANNELS_GENERAL_EMAIL


def send_case_mail(case, subject, body, *, from_address="", in_reply_to="", references=(), auto=False):
    if not case.email:
        return None
    note = Notification.objects.create(
        channel=Notification.Channel.EMAIL, recipient=case.email, subject=subject[:200], body=body
    )
    refs = [r for r in references if r]
    if in_reply_to and in_reply_to not in refs:
        refs.append(in_reply_to)
    OutboundMail.objects.create(
        case=case,
        notification=note,
        message_id=new_message_id(case),
        from_address=from_address or mailbox_of(case),
        in_reply_to=in_reply_to,
        references=" ".join(refs[-10:]),
        auto_submitted=auto,
    )
    transaction.on_commit(lambda: _enqueue(note.pk))
    return note


def _enqueue(pk):
    from .tasks import deliver_case_mail

    try:
        deliver_case_mail.delay(pk)
    except Exception:  # broker down: the row stays pending; the retry task sends it later
        log.warning("case mail %s kept in the outbox only; broker unavailable", pk)


def deliver(note: Notification) -> None:
    """Send one case mail with its threading headers and record the outcome on the outbox row."""
    mail = note.outbound_mail
    note.attempts += 1
    try:
        if settings.NOTIFY_MODE == "outbox":
            note.status = Notification.Status.OUTBOX
        else:
            headers = {"Message-ID": mail.message_id}
            if mail.in_reply_to:
                headers["In-Reply-To"] = mail.in_reply_to
            if mail.references:
                headers["References"] = mail.references
            if mail.auto_submitted:
                headers["Auto-Submitted"] = "auto-replied"  # RFC 3834: other robots must not answer it
            message = EmailMessage(
                note.subject, note.body, mail.from_address or settings.DEFAULT_FROM_EMAIL, [note.recipient],
                headers=headers,
            )
            message.send()
            note.status = Notification.Status.SENT
        note.sent_at = timezone.now()
        note.last_error = ""
    except Exception as exc:  # retried by the task; the error is kept for the administrator
        note.status = Notification.Status.FAILED
        note.last_error = str(exc)[:2000]
    note.save(update_fields=["attempts", "status", "sent_at", "last_error"])
