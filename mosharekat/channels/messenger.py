"""How the desk's acknowledgements and answers reach citizens who came by e-mail, SMS, phone or
voicemail. The desk calls ``tell_citizen`` (settings.DESK_CITIZEN_MESSENGER) before its generic text;
True means the message was taken care of here. ``tell_citizen.handles(case)`` tells beforehand."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from mosharekat.catalog.models import Channel
from mosharekat.core.notifications import notify
from mosharekat.desk.models import Event

from . import context, mailout, sms

SMS_CHANNELS = (Channel.SMS, Channel.PHONE, Channel.VOICEMAIL)


def track_url() -> str:
    return settings.SITE_URL + reverse("desk:track")


def _latest_answer(case):
    last = case.events.order_by("-id").first()
    return last if last is not None and last.type == Event.Type.ANSWER else None


def handles(case) -> bool:
    """Whether the case's channel carries its own conversation; asked by the desk before it stores a case
    (to know whether to store the generic acknowledgement with it)."""
    return (case.channel == Channel.EMAIL and bool(case.email)) or (case.channel in SMS_CHANNELS and bool(case.mobile))


def tell_citizen(case, text) -> bool:
    if not handles(case):
        return False
    if case.channel == Channel.EMAIL:
        _by_mail(case)
    else:
        _by_sms(case)
    return True


tell_citizen.handles = handles


def _mail_subject(case) -> str:
    subject = case.subject if case.subject.lower().startswith("re:") else f"Re: {case.subject}"
    return _("[Case %(code)s] %(subject)s") % {"code": case.tracking_code, "subject": subject}


def _by_mail(case):
    intake = context.current()
    answer = _latest_answer(case)
    in_reply_to, references = mailout.thread_of(case)
    if answer is None:
        if intake is not None and not intake.acknowledge:
            return  # auto-replies, lists and bulk mail get no acknowledgement (RFC 3834)
        body = _(
            "Your message is registered as case %(code)s. Keep this tracking code: you read the answer with it "
            "and your e-mail address at %(url)s. To add to the case, reply to this mail."
        ) % {"code": case.tracking_code, "url": track_url()}
        if intake is not None:
            in_reply_to = intake.message_id or in_reply_to
            references = [*intake.references, *references]
        mailout.send_case_mail(
            case, _mail_subject(case), body, from_address=intake.mailbox if intake else "",
            in_reply_to=in_reply_to, references=references, auto=True,
        )
    else:
        body = _("The answer to your case %(code)s:") % {"code": case.tracking_code}
        body += f"\n\n{answer.body}\n\n"
        if answer.attachments.exists():
            body += _("Files are attached to the answer; read them at %(url)s.") % {"url": track_url()} + "\n"
        body += _("To write back, reply to this mail.")
        mailout.send_case_mail(case, _mail_subject(case), body, in_reply_to=in_reply_to, references=references)
    notify("sms", case.mobile, sms_text(case, answer))


def sms_text(case, answer=None) -> str:
    """The SMS for an acknowledgement or an answer; an answer too long for the segment budget becomes a link."""
    url = track_url()
    if answer is None:
        return _("Registered. Tracking code: %(code)s\n%(url)s") % {"code": case.tracking_code, "url": url}
    full = _("Answer to case %(code)s:\n%(body)s") % {"code": case.tracking_code, "body": answer.body}
    if sms.fits(full):
        return full
    return _("The answer to case %(code)s is ready: %(url)s") % {"code": case.tracking_code, "url": url}


def _by_sms(case):
    intake = context.current()
    answer = _latest_answer(case)
    if answer is None and intake is not None and not intake.acknowledge:
        return
    notify("sms", case.mobile, sms_text(case, answer))
    if case.email:
        mailout.send_case_mail(case, _mail_subject(case), sms_text(case, answer))
