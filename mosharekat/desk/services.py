"""The verbs of the service desk. Views, the API, channels and commands call these; nothing else
writes cases. Every staff verb writes the audit log."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from mosharekat.catalog import refdata
from mosharekat.core import audit, resend, rows
from mosharekat.core.calendar import add_working_days, local_today
from mosharekat.core.models import Holiday
from mosharekat.core.notifications import message, notify, queue
from mosharekat.core.text import clean_text, search_key
from mosharekat.core.validators import clean_mobile

from . import signals, tracking
from .models import OPEN_STATUSES, Attachment, Case, Event, ResponseTime, Status
from .routing import route

AUDITED_FIELDS = ("status", "unit", "due_date", "merged_into", "answered_at", "closed_at")


@dataclass
class Submission:
    """What a citizen (or an operator on their behalf) submits, already validated and normalised."""

    kind: str
    subject: str
    body: str
    channel: str = "web"
    service: object = None
    topic: object = None
    contact_name: str = ""
    mobile: str = ""
    email: str = ""
    national_id: str = ""
    is_anonymous: bool = False
    files: list = field(default_factory=list)  # (upload, content_type, safe_name) from attachments.check_uploads
    token: object = None  # the web form's one-time token (Case.submission_token)
    records: list = field(default_factory=list)  # unsaved rows with a `case` key, stored with the case (all or none)


def response_days(kind: str) -> int:
    days = refdata.get("desk:response-days", lambda: dict(ResponseTime.objects.values_list("kind", "working_days")))
    return days.get(kind) or settings.DESK_DEFAULT_RESPONSE_DAYS


def _upcoming_holidays() -> frozenset:
    # From a week back, with no upper bound: the copy outlives the day it was read on (until a holiday is
    # saved, or refdata.MAX_AGE) and must still hold every holiday after "today" then.
    since = local_today() - datetime.timedelta(days=7)
    return frozenset(Holiday.objects.filter(date__gte=since).values_list("date", flat=True))


def due_date(kind: str):
    """The legal answer date of a case of ``kind`` submitted (or reopened) today."""
    today = local_today()
    return refdata.get(f"desk:due:{kind}:{today}", lambda: add_working_days(
        today, response_days(kind), refdata.get("desk:holidays", _upcoming_holidays)))


def _search_text(case) -> str:
    parts = [case.tracking_code, case.subject, case.body, case.contact_name, case.mobile, case.email]
    return search_key(" ".join(parts))


def _save_files(case, event, files):
    for upload, content_type, name in files:
        Attachment.objects.create(
            case=case, event=event, file=upload, name=name, content_type=content_type, size=upload.size
        )


def submit_case(sub: Submission, actor=None) -> Case:
    """Store a submission, route it, set its due date and tell the citizen the tracking code."""
    if sub.is_anonymous:
        sub.contact_name = sub.mobile = sub.email = sub.national_id = ""
    elif not (sub.mobile or sub.email):
        raise ValidationError(_("Give a mobile number or an e-mail address, or choose to stay anonymous."))
    destination = route(service=sub.service, topic=sub.topic, kind=sub.kind, subject=sub.subject, body=sub.body)
    for _attempt in range(5):  # a code collision is astronomically rare; retry rather than fail
        case = _new_case(sub, destination, actor)
        try:
            notes = _store(case, sub, destination, actor)
            break
        except IntegrityError:
            if Case.objects.filter(tracking_code=case.tracking_code).exists():
                continue
            # The same form sent again (a double tap, a resend after a lost answer, or both at once) meets
            # its first case on the unique token: looked up only then, not before every submission.
            if sub.token and (earlier := _resent(sub)):
                return earlier
            raise
    else:
        raise RuntimeError("could not draw an unused tracking code")
    if notes is None:  # a channel that carries its own conversation sends the acknowledgement itself
        _messenger()(case, _registered(case))
    queue(notes or [])
    signals.case_submitted.send(Case, case=case)
    return case


def _new_case(sub: Submission, destination, actor) -> Case:
    case = Case(
        tracking_code=tracking.new_code(sub.is_anonymous),
        submission_token=_content_token(sub),
        kind=sub.kind,
        channel=sub.channel,
        service=sub.service,
        topic=sub.topic,
        unit=destination.unit,
        subject=clean_text(sub.subject),
        body=clean_text(sub.body),
        contact_name=clean_text(sub.contact_name),
        mobile=sub.mobile,
        email=sub.email,
        national_id=sub.national_id,
        is_anonymous=sub.is_anonymous,
        routing_reason=destination.reason,
        due_date=due_date(sub.kind),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    case.search_text = _search_text(case)
    return case


def _store(case, sub: Submission, destination, actor):
    """Insert the case with its first events, the caller's rows (``sub.records``) and the citizen's
    acknowledgement, in one statement where nothing else must join them; the outbox rows, or None when
    the citizen's channel sends the acknowledgement itself."""
    # The first routing is told by the submission's own event (one row fewer per case); a reassignment
    # later is a ROUTED event of its own.
    events = [Event(case=case, type=Event.Type.SUBMITTED, body=case.body, is_public=True,
                    data={"to": case.unit.name, "reason": destination.reason})]
    for record in sub.records:
        record.case = case
    messenger = _messenger()
    notes = None if messenger and messenger.handles(case) else _acknowledgements(case)
    if not sub.files and not case.created_by:
        rows.insert_together(case, [*events, *sub.records], notes or [])
        return notes
    with transaction.atomic():
        rows.insert_together(case, [*events, *sub.records], notes or [])
        _save_files(case, events[0], sub.files)
        if case.created_by:
            audit.record(actor, "case.register", case, after=audit.snapshot(case, AUDITED_FIELDS))
    return notes


def _content_token(sub: Submission):
    """What the case keeps of its form's token: the same text sent again finds the case, a rewritten one
    (the form reopened with the browser's Back button) is a new case under a token of its own (core.resend)."""
    return resend.content_token(sub.token, clean_text(sub.subject), clean_text(sub.body)) if sub.token else None


def _resent(sub: Submission):
    """The case this form, with this text, already created."""
    token = _content_token(sub)
    return Case.objects.filter(submission_token=token).first() if token else None


def _messenger():
    # A channel that carries its own conversation (an e-mail thread, SMS) sends its messages itself. It is
    # named in settings (DESK_CITIZEN_MESSENGER), so the desk never imports the channels app.
    path = getattr(settings, "DESK_CITIZEN_MESSENGER", "")
    return import_string(path) if path else None


def _tell_citizen(case, text):
    messenger = _messenger()
    if messenger and messenger(case, text):
        return
    message_text = f"{text}\n{settings.SITE_URL}{reverse('desk:track')}"
    notify("sms", case.mobile, message_text)
    notify("email", case.email, message_text, subject=_("Service desk: case %(code)s") % {"code": case.tracking_code})


def _registered(case) -> str:
    return _("Your submission is registered. Tracking code: %(code)s") % {"code": case.tracking_code}


def _acknowledgements(case) -> list:
    """The unsaved outbox rows telling the citizen the tracking code, by SMS and e-mail where given."""
    text = f"{_registered(case)}\n{settings.SITE_URL}{reverse('desk:track')}"
    subject = _("Service desk: case %(code)s") % {"code": case.tracking_code}
    return [note for note in (message("sms", case.mobile, text), message("email", case.email, text, subject))
            if note is not None]


# --- Finding a case from the public side ------------------------------------------------------


def surviving(case: Case) -> Case:
    """Follow merges so an old code leads to the case that now carries the conversation."""
    seen = set()
    while case.merged_into_id and case.pk not in seen:
        seen.add(case.pk)
        case = case.merged_into
    return case


def lookup(code_text: str, contact: str = "") -> Case | None:
    """The case a citizen may open with this code and the mobile/e-mail they gave, or None."""
    code = tracking.parse(code_text)
    if code is None:
        return None
    # The code is unique: no ordering, no join (a merged case is rare; surviving() follows it then).
    case = next(iter(Case.objects.filter(tracking_code=code).order_by()[:1]), None)
    if case is None:
        return None
    if not case.is_anonymous:
        contact = (contact or "").strip()
        try:
            mobile = clean_mobile(contact) if "@" not in contact else ""
        except ValidationError:
            mobile = ""
        matches = (mobile and mobile == case.mobile) or ("@" in contact and contact.lower() == case.email.lower())
        if not matches:
            return None
    return surviving(case)


def public_events(case: Case):
    return case.events.filter(is_public=True).prefetch_related("attachments")


def can_citizen_write(case: Case) -> bool:
    """A citizen may add to an open case, or reopen an answered/closed one within the reopen window."""
    if case.status in OPEN_STATUSES:
        return True
    ended = case.closed_at or case.answered_at
    return ended is not None and (timezone.now() - ended).days < settings.DESK_REOPEN_DAYS


def citizen_follow_up(case: Case, body: str, files=()) -> Event:
    if not can_citizen_write(case):
        raise ValidationError(
            _("This case was closed more than %(days)s days ago; please submit a new one.")
            % {"days": settings.DESK_REOPEN_DAYS}
        )
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        event = Event.objects.create(case=case, type=Event.Type.CITIZEN_MESSAGE, body=clean_text(body), is_public=True)
        _save_files(case, event, files)
        if case.status not in OPEN_STATUSES:
            Event.objects.create(case=case, type=Event.Type.REOPENED, is_public=True, data={"from": case.status})
            case.status = Status.IN_PROGRESS
            case.closed_at = None
            case.due_date = due_date(case.kind)
        case.search_text = search_key(case.search_text + " " + body)
        case.save()
    signals.citizen_wrote.send(Case, case=case, event=event)
    return event


# --- Staff verbs ---------------------------------------------------------------------------------


def _change(case, actor, action, mutate, event_type, body="", is_public=False, data=None):
    """Apply ``mutate`` to a locked case, record the event and the audit entry with before/after.

    Without ``mutate`` (an internal note) the case row is not saved: its ``updated_at`` is public (Open311's
    updated_datetime) and must not show that staff wrote something internal."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        before = audit.snapshot(locked, AUDITED_FIELDS)
        if mutate:
            mutate(locked)
            locked.save()
        event = Event.objects.create(
            case=locked, type=event_type, author=actor, body=body, is_public=is_public, data=data or {}
        )
        audit.record(actor, action, locked, before=before, after=audit.snapshot(locked, AUDITED_FIELDS))
    return locked, event


def _require_open(case):
    if case.merged_into_id:
        raise ValidationError(_("This case was merged into another; work on that one."))


def start(case, actor):
    _require_open(case)
    if case.status != Status.NEW:
        raise ValidationError(_("Only a new case can be taken up."))

    def mutate(c):
        c.status = Status.IN_PROGRESS

    return _change(case, actor, "case.start", mutate, Event.Type.STATUS, data={"to": Status.IN_PROGRESS})[0]


def answer(case, actor, body, files=()):
    """Publish an answer the citizen reads with the tracking code, and tell them it is there."""
    _require_open(case)
    body = clean_text(body)
    if not body:
        raise ValidationError(_("The answer is empty."))

    def mutate(c):
        c.status = Status.ANSWERED
        c.answered_at = timezone.now()

    case, event = _change(case, actor, "case.answer", mutate, Event.Type.ANSWER, body=body, is_public=True)
    _save_files(case, event, files)
    _tell_citizen(case, _("An answer to your case %(code)s is ready.") % {"code": case.tracking_code})
    signals.case_answered.send(Case, case=case, event=event)
    return case


def add_note(case, actor, body):
    body = clean_text(body)
    if not body:
        raise ValidationError(_("The note is empty."))
    return _change(case, actor, "case.note", None, Event.Type.NOTE, body=body)[0]


def reassign(case, actor, unit, reason):
    _require_open(case)
    reason = clean_text(reason)
    if not reason:
        raise ValidationError(_("Say why the case is moved to another unit."))
    if unit.pk == case.unit_id:
        raise ValidationError(_("The case is already with this unit."))
    data = {"from": case.unit.name, "to": unit.name, "reason": reason}

    def mutate(c):
        c.unit = unit
        c.routing_reason = reason[:300]

    return _change(case, actor, "case.reassign", mutate, Event.Type.ROUTED, body=reason, data=data)[0]


def close(case, actor):
    _require_open(case)
    if case.status == Status.CLOSED:
        raise ValidationError(_("The case is already closed."))

    def mutate(c):
        c.status = Status.CLOSED
        c.closed_at = timezone.now()

    case = _change(case, actor, "case.close", mutate, Event.Type.STATUS, is_public=True, data={"to": Status.CLOSED})[0]
    signals.case_closed.send(Case, case=case)
    return case


def same_citizen(a: Case, b: Case) -> bool:
    return bool((a.mobile and a.mobile == b.mobile) or (a.email and a.email.lower() == b.email.lower()))


def merge(duplicate, target, actor):
    """Fold a duplicate into another case; the duplicate's code keeps working and leads to the target."""
    _require_open(duplicate)
    target = surviving(target)
    if target.pk == duplicate.pk:
        raise ValidationError(_("A case cannot be merged into itself."))
    if not same_citizen(duplicate, target):
        # The duplicate's code opens the surviving case: another citizen's text must not be shown to them.
        raise ValidationError(_("Only cases from the same mobile number or e-mail address can be merged."))

    def mutate(c):
        c.merged_into = target
        c.status = Status.CLOSED
        c.closed_at = timezone.now()

    data = {"into": target.tracking_code}
    _change(duplicate, actor, "case.merge", mutate, Event.Type.MERGED, is_public=True, data=data)
    Event.objects.create(case=target, type=Event.Type.MERGED, author=actor, data={"from": duplicate.tracking_code})
    return target


# --- Staff views of the desk ---------------------------------------------------------------------


def visible_cases(user):
    """Every query of cases by staff starts here: the permission is in the queryset."""
    from mosharekat.core.rules import visible_unit_ids

    units = visible_unit_ids(user)
    qs = Case.objects.select_related("unit", "service")
    if units is None:
        return qs
    return qs.filter(unit_id__in=units)


def overdue_q(today=None):
    """Overdue is computed from the date: still open and past its due date."""
    return Q(status__in=OPEN_STATUSES, due_date__lt=today or local_today())


def get_case_for(user, pk) -> Case:
    case = visible_cases(user).filter(pk=pk).first()
    if case is None:
        raise PermissionDenied  # turned into a 404 by the views, so existence is not revealed
    return case
