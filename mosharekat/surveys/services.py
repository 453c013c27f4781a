"""The verbs of the surveys: the standard questionnaires, one-use links and visit tokens, recording a
response, and inviting the citizen after a case ends. Views, the desk signal and the demo call these."""

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mosharekat.core import audit
from mosharekat.core.notifications import notify

from .models import Answer, Invitation, Kiosk, Question, Response, Survey

log = logging.getLogger(__name__)

INVITATION_DAYS = 30
VISIT_TOKEN_MAX_AGE = 4 * 3600  # an opened form may be sent within four hours
STANDARD_SCALE_CODES = ("process", "accuracy", "behaviour", "overall")
OVERALL = "overall"

# The clause-5 questionnaire. Questions are data: administrators add, reorder or switch off questions in
# the admin; these are created once so every installation starts with what the decree asks.
STANDARD = {
    Survey.Kind.SERVICE: {
        "slug": "service",
        "title": "نظرسنجی رضایت از خدمت",
        "intro": "نظر شما درباره خدمتی که گرفتید به بهبود روندها کمک می‌کند. پاسخ‌ها بی‌نام ثبت می‌شوند.",
        "questions": [
            ("process", "scale", "روند انجام کار چگونه بود؟", "از مراجعه تا دریافت خدمت: سرعت، سادگی و شفافیت مراحل"),
            ("accuracy", "scale",
             "انجام کار چقدر با اطلاعات اعلام‌شده پیشین (شناسنامه خدمت، وب‌گاه، راهنما) تطابق داشت؟", ""),
            ("behaviour", "scale", "رفتار کارکنان با شما چگونه بود؟", ""),
            ("overall", "scale", "در مجموع چقدر از این خدمت رضایت دارید؟", ""),
            ("suggestion", "text", "پیشنهاد یا انتقاد شما برای بهتر شدن کار چیست؟", "اختیاری"),
        ],
    },
    Survey.Kind.SITE: {
        "slug": "site",
        "title": "نظرسنجی درگاه (وب‌گاه)",
        "intro": "نظر شما درباره این درگاه: آیا آنچه می‌خواستید را یافتید؟",
        "questions": [
            ("findability", "scale", "آنچه را می‌خواستید چقدر آسان پیدا کردید؟", ""),
            ("clarity", "scale", "متن‌ها و راهنماهای درگاه چقدر روشن بود؟", ""),
            ("overall", "scale", "در مجموع چقدر از درگاه رضایت دارید؟", ""),
            ("suggestion", "text", "پیشنهاد شما برای بهتر شدن درگاه چیست؟", "اختیاری"),
        ],
    },
}


def ensure_standard_surveys():
    """Create the service and site surveys with their standard questions if they are missing."""
    for kind, spec in STANDARD.items():
        survey, created = Survey.objects.get_or_create(
            slug=spec["slug"], defaults={"kind": kind, "title": spec["title"], "intro": spec["intro"]}
        )
        if created:
            for order, (code, qkind, text, hint) in enumerate(spec["questions"], start=1):
                Question.objects.create(
                    survey=survey, order=order * 10, code=code, kind=qkind, text=text, help_text=hint,
                    required=qkind != "text",
                )


def standard_survey(kind=Survey.Kind.SERVICE) -> Survey | None:
    survey = Survey.objects.filter(kind=kind, is_active=True).order_by("pk").first()
    if survey is None and not Survey.objects.filter(kind=kind).exists():
        ensure_standard_surveys()
        survey = Survey.objects.filter(kind=kind, is_active=True).order_by("pk").first()
    return survey


def active_questions(survey):
    return list(survey.questions.filter(is_active=True))


# --- Refusals a visitor can read ------------------------------------------------------------------


class Refused(ValidationError):
    """A response that is not accepted; the message is shown to the visitor as it is."""


def already_used_message():
    return _("This survey link has already been used. Each link accepts one response; thank you for yours.")


# --- Tokens -----------------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


_qr_signer = signing.Signer(salt="surveys.qr")


def target_token(service=None, counter=None, staff=None) -> str:
    """The signed part of a printed QR code: which service, counter and staff member it is for."""
    data = {k: v for k, v in (("s", getattr(service, "pk", None)), ("c", getattr(counter, "pk", None)),
                               ("u", getattr(staff, "pk", None))) if v}
    # No timestamp: a printed form stays valid, and printing it again gives the same code.
    return _qr_signer.sign_object(data, compress=True)


def read_target(token: str) -> dict | None:
    """The service, counter and staff member named by a QR token, or None if it was altered."""
    from django.contrib.auth import get_user_model

    from mosharekat.catalog.models import Service

    from .models import Counter

    try:
        data = _qr_signer.unsign_object(token)
    except signing.BadSignature:
        return None
    return {
        "service": Service.objects.filter(pk=data.get("s"), is_active=True).select_related("unit").first()
        if data.get("s") else None,
        "counter": Counter.objects.filter(pk=data.get("c"), is_active=True).first() if data.get("c") else None,
        "staff": get_user_model().objects.filter(pk=data.get("u"), is_active=True).first() if data.get("u") else None,
    }


def qr_url(service=None, counter=None, staff=None) -> str:
    return settings.SITE_URL + reverse("surveys:qr", args=[target_token(service, counter, staff)])


_visit_signer = signing.TimestampSigner(salt="surveys.visit")


def new_visit_token() -> str:
    """A one-use token put in every web/QR/kiosk form when it is shown; a response consumes it."""
    return _visit_signer.sign(secrets.token_urlsafe(18))


def read_visit_token(token: str) -> str | None:
    try:
        return _visit_signer.unsign(token or "", max_age=VISIT_TOKEN_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None


# --- Recording responses ----------------------------------------------------------------------------


def unit_for(service=None, counter=None, staff=None, case=None):
    for source in (case, service, counter, staff):
        if source is not None and getattr(source, "unit_id", None):
            return source.unit
    return None


def submit_response(survey, answers: dict, *, source, service=None, counter=None, staff=None, case=None,
                    invitation=None, kiosk=None, visit_nonce=None, entered_by=None, submitted_at=None) -> Response:
    """Store one response. ``answers`` maps Question → value (int score, choice text or free text).

    One response per invitation and per visit token: the invitation is locked and marked used in the
    same transaction, and the visit nonce is unique in the database. The same form sent again with the
    same answers (a double tap, a resend after the answer was lost) gives back the response it stored;
    with other answers it is refused (``resent_response``)."""
    if not survey.is_open():
        raise Refused(_("This survey is closed."))
    try:
        with transaction.atomic():
            if invitation is not None:
                invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
                if invitation.used_at is not None:
                    return _resent_or_refused(survey, answers, invitation=invitation)
                if invitation.expires_at < timezone.now():
                    raise Refused(_("This survey link has expired."))
                case = invitation.case
                service = service or case.service
                staff = staff or invitation.staff
            if kiosk is not None:
                # The kiosk's pace and daily limit hold for new responses, not for the one just recorded
                # sent again: a double tap waits on the kiosk's lock, then finds its twin's response.
                if problem := kiosk_refusal(Kiosk.objects.select_for_update().get(pk=kiosk.pk)):
                    return _resent_or_refused(survey, answers, problem, visit_nonce=visit_nonce)
            response = Response.objects.create(
                survey=survey, source=source, service=service, counter=counter, staff=staff, case=case,
                unit=unit_for(service, counter, staff, case), invitation=invitation, kiosk=kiosk,
                visit_nonce=visit_nonce, entered_by=entered_by, submitted_at=submitted_at or timezone.now(),
            )
            Answer.objects.bulk_create(_answers(response, answers))
            if invitation is not None:
                invitation.used_at = timezone.now()
                invitation.save(update_fields=["used_at"])
            if entered_by is not None:
                audit.record(entered_by, "survey.paper_entry", response, after=audit.snapshot(response))
    except IntegrityError:
        # The unique visit nonce (or invitation) is taken: the same form was sent twice at the same moment.
        return _resent_or_refused(survey, answers, visit_nonce=visit_nonce, invitation=invitation)
    return response


def resent_response(survey, answers: dict, *, visit_nonce=None, invitation=None) -> Response | None:
    """The response this form (its visit token, or its invitation) already stored, when it is sent again
    with the same answers; None when the form stored nothing yet. The same one-use form with other answers
    is a second response, not a resend: refused."""
    if visit_nonce:
        earlier = Response.objects.filter(visit_nonce=visit_nonce).first()
    elif invitation is not None:
        earlier = Response.objects.filter(invitation=invitation).first()
    else:
        return None
    if earlier is None:
        return None
    stored = set(earlier.answers.values_list("question_id", "score", "choice", "text"))
    sent = {(a.question_id, a.score, a.choice, a.text) for a in _answers(None, answers)}
    if earlier.survey_id != survey.pk or stored != sent:
        raise Refused(already_used_message())
    return earlier


def _resent_or_refused(survey, answers, refusal=None, **form) -> Response:
    if earlier := resent_response(survey, answers, **form):
        return earlier
    raise Refused(refusal or already_used_message())


def _answers(response, answers: dict) -> list:
    return [_answer(response, question, value) for question, value in answers.items() if value not in (None, "")]


def _answer(response, question, value):
    if question.kind == Question.Kind.SCALE:
        return Answer(response=response, question=question, score=int(value))
    if question.kind == Question.Kind.CHOICE:
        return Answer(response=response, question=question, choice=str(value)[:200])
    return Answer(response=response, question=question, text=str(value))


def kiosk_refusal(kiosk, now=None) -> str | None:
    """Why a kiosk may not take another response now (daily limit, too quick), or None."""
    now = now or timezone.now()
    if not kiosk.is_active:
        return _("This kiosk is switched off.")
    today_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    taken = Response.objects.filter(kiosk=kiosk, submitted_at__gte=today_start)
    if taken.count() >= kiosk.daily_limit:
        return _("This kiosk has reached its limit of responses for today.")
    last = taken.order_by("-submitted_at").values_list("submitted_at", flat=True).first()
    if last and (now - last).total_seconds() < kiosk.min_seconds_between:
        return _("A response was just recorded on this kiosk; please wait a few seconds and send again.")
    return None


# --- Invitations after a case ends --------------------------------------------------------------------


def invitation_by_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("case", "case__service", "case__unit", "survey", "staff").filter(
        token_hash=_hash(token or "")
    ).first()


def _last_answerer(case):
    from mosharekat.desk.models import Event

    event = case.events.filter(type=Event.Type.ANSWER, author__isnull=False).order_by("-created_at", "-id").first()
    return event.author if event else None


def invite_for_case(case) -> Invitation | None:
    """Invite the citizen, once per case, by SMS and e-mail with a one-use link.

    Called when a case is answered (an answer may also be a refusal) or closed: every ending asks.
    Anonymous cases have no contact, merged duplicates are asked through the case they joined."""
    if case.is_anonymous or not (case.mobile or case.email) or case.merged_into_id:
        return None
    if Invitation.objects.filter(case=case).exists():
        return None
    survey = standard_survey(Survey.Kind.SERVICE)
    if survey is None:
        return None
    token = secrets.token_urlsafe(24)
    now = timezone.now()
    invitation = Invitation.objects.create(
        case=case, survey=survey, token_hash=_hash(token), staff=_last_answerer(case),
        created_at=now, expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
    )
    invitation.token = token  # only in memory: the database keeps the hash
    url = settings.SITE_URL + reverse("surveys:invitation", args=[token])
    text = _("How did we do with your case %(code)s? Please answer a short survey (one use): %(url)s") % {
        "code": case.tracking_code, "url": url}
    notify("sms", case.mobile, text)
    notify("email", case.email, text, subject=_("Your opinion on case %(code)s") % {"code": case.tracking_code})
    return invitation


def invite_safely(case_id):
    """Invite for a case by id (from the desk signal); a failure is logged and never reaches the desk."""
    from mosharekat.desk.models import Case

    try:
        with transaction.atomic():
            case = Case.objects.filter(pk=case_id).first()
            return invite_for_case(case) if case is not None else None
    except Exception:
        log.exception("survey invitation for case %s failed", case_id)
        return None
