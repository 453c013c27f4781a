"""The verbs of public consultation: publish a draft, comment, moderate, group, dispose, revise, issue."""

import datetime
import difflib
import hashlib
import secrets
from array import array
from dataclasses import dataclass

import jdatetime
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from mosharekat.core import audit, resend
from mosharekat.core.calendar import jalali
from mosharekat.core.notifications import notify
from mosharekat.core.text import local_digits

from . import bulk, grouping
from .models import Comment, CommentGroup, CommentReply, Disposition, DraftDocument, DraftVersion, PhoneCode, Provision

REGULATION_DAYS = 14
CODE_MINUTES = 10
CODE_ATTEMPTS = 5


class ConsultationClosed(ValidationError):
    pass


# --- the comment period -------------------------------------------------------------------------

def add_jalali_months(day: datetime.date, months: int) -> datetime.date:
    """Same day number ``months`` Jalali months later, clamped to the month's length (31 → 30/29)."""
    j = jdatetime.date.fromgregorian(date=day)
    index = j.month - 1 + months
    year, month = j.year + index // 12, index % 12 + 1
    length = 31 if month <= 6 else 30 if month <= 11 else (30 if jdatetime.date(year, 1, 1).isleap() else 29)
    return jdatetime.date(year, month, min(j.day, length)).togregorian()


def last_comment_day(kind: str, published_on: datetime.date, period_days: int | None = None) -> datetime.date:
    """The last calendar day citizens may comment: 14 days for regulations, one Jalali month for bills."""
    if period_days:
        return published_on + datetime.timedelta(days=period_days)
    if kind == DraftDocument.Kind.BILL:
        return add_jalali_months(published_on, 1)
    return published_on + datetime.timedelta(days=REGULATION_DAYS)


def closing_time(kind, published_at, period_days=None) -> datetime.datetime:
    """Midnight (local time) after the last comment day."""
    local = timezone.localtime(published_at)
    end = last_comment_day(kind, local.date(), period_days) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(end, datetime.time()), local.tzinfo)


def countdown(document, now) -> dict | None:
    if not document.is_open(now):
        return None
    left = document.closes_at - now
    return {"days": left.days, "hours": left.seconds // 3600, "minutes": left.seconds % 3600 // 60}


@transaction.atomic
def publish(document: DraftDocument, actor=None, now=None) -> DraftDocument:
    if document.published_at:
        raise ValidationError(_("This draft is already published for comment."))
    if not document.versions.exists():
        raise ValidationError(_("A draft needs a text before it is published."))
    now = now or timezone.now()
    today = timezone.localdate(now)
    if last_comment_day(document.kind, today, document.period_days) < last_comment_day(document.kind, today):
        # The strategy sets the minimum: a unit may give citizens longer, never shorter.
        raise ValidationError(_("The comment period cannot be shorter than two weeks for a regulation "
                                "or one month for a bill."))
    before = audit.snapshot(document, ["published_at", "closes_at"])
    document.published_at = now
    document.closes_at = closing_time(document.kind, document.published_at, document.period_days)
    document.save(update_fields=["published_at", "closes_at"])
    after = audit.snapshot(document, ["published_at", "closes_at"])
    audit.record(actor, "consultation.publish", document, before, after)
    return document


# --- identity: one-time SMS codes ---------------------------------------------------------------

def _hash(mobile, code):
    return hashlib.sha256(f"{mobile}:{code}".encode()).hexdigest()


def send_code(mobile: str, now=None) -> None:
    now = now or timezone.now()
    code = f"{secrets.randbelow(10**6):06d}"
    PhoneCode.objects.create(mobile=mobile, code_hash=_hash(mobile, code),
                             expires_at=now + datetime.timedelta(minutes=CODE_MINUTES))
    notify("sms", mobile, _("Mosharekat code: %(code)s") % {"code": code})


def check_code(mobile: str, code: str, now=None) -> bool:
    """True once per code; wrong guesses count against the latest code."""
    now = now or timezone.now()
    with transaction.atomic():
        latest = (PhoneCode.objects.select_for_update()
                  .filter(mobile=mobile, used_at__isnull=True, expires_at__gt=now).first())
        if latest is None or latest.attempts >= CODE_ATTEMPTS:
            return False
        if not secrets.compare_digest(latest.code_hash, _hash(mobile, code)):
            PhoneCode.objects.filter(pk=latest.pk).update(attempts=latest.attempts + 1)
            return False
        PhoneCode.objects.filter(pk=latest.pk).update(used_at=now)
        return True


def store_verified(mobile: str, code: str, now, create, find):
    """``create()``'s record once ``mobile``'s SMS code checks out (no code without a mobile), or the one a
    twin of this form, sent at the same moment, stored first (``find()``); ValidationError when the code is
    wrong (that failed attempt is kept: it counts).

    The code is checked in the insert's transaction: the twin waits on the code's row lock until this record
    is stored, and then finds it (core.resend.store_once)."""

    def store():
        with transaction.atomic():
            if mobile and not check_code(mobile, code, now):
                return None
            return create()

    record = resend.store_once(store, find)
    if record is None:
        raise ValidationError(_("The code is wrong or has expired; ask for a new one."))
    return record


# --- comments ----------------------------------------------------------------------------------

@dataclass
class NewComment:
    stance: str
    body: str
    provision: Provision | None = None
    replacement_text: str = ""
    mobile: str = ""
    code: str = ""
    display_name: str = ""
    token: object = None  # the web form's one-time token (Comment.submission_token)


def submit_comment(document: DraftDocument, data: NewComment, now=None) -> Comment:
    """Every way in (form, API, a page left open) ends here, so closing is enforced once, on the server.

    The same form sent again (a double tap, a resend after a timeout) gives back the comment it already
    created: its SMS code is spent by then, so this is looked at before anything else."""
    now = now or timezone.now()
    if earlier := resent(document, data):
        return earlier
    if not document.is_open(now):
        raise ConsultationClosed(_("The comment period of this draft has ended; comments are no longer accepted."))
    if data.provision is not None and data.provision.version.document_id != document.pk:
        raise ValidationError(_("That article is not part of this draft."))
    if data.stance == Comment.Stance.AMEND and not data.replacement_text.strip():
        raise ValidationError(_("An amendment needs the proposed text."))
    if not data.mobile and not document.allow_anonymous:
        raise ValidationError(_("This draft accepts comments from verified mobile numbers only."))
    return store_verified(data.mobile, data.code, now, lambda: Comment.objects.create(
        document=document, provision=data.provision, stance=data.stance, body=data.body,
        replacement_text=_replacement(data), mobile=data.mobile, display_name=data.display_name,
        submission_token=_content_token(document, data),
    ), lambda: resent(document, data))


def _replacement(data: NewComment) -> str:
    return data.replacement_text if data.stance == Comment.Stance.AMEND else ""


def _content_token(document, data: NewComment):
    """What the comment keeps of its form's token: the same comment sent again finds it, a rewritten one
    (the form reopened with Back) is a new comment (see core.resend)."""
    if not data.token:
        return None
    return resend.content_token(data.token, document.pk, getattr(data.provision, "pk", None), data.stance,
                                data.body, _replacement(data), data.mobile, data.display_name)


def resent(document, data: NewComment) -> Comment | None:
    """The comment this very form, with this very content, already created (the view asks too, when the
    comment limit refuses: a resend is answered as the first send was)."""
    token = _content_token(document, data)
    return Comment.objects.filter(submission_token=token).first() if token else None


def remove_comment(comment: Comment, actor, reason: str) -> Comment:
    if not reason.strip():
        raise ValidationError(_("Say which rule of the moderation policy the comment broke."))
    before = audit.snapshot(comment, ["status", "removal_reason"])
    comment.status, comment.removal_reason = Comment.Status.REMOVED, reason
    comment.save(update_fields=["status", "removal_reason"])
    after = audit.snapshot(comment, ["status", "removal_reason"])
    audit.record(actor, "consultation.remove_comment", comment, before, after)
    return comment


def restore_comment(comment: Comment, actor) -> Comment:
    before = audit.snapshot(comment, ["status", "removal_reason"])
    comment.status, comment.removal_reason = Comment.Status.PUBLISHED, ""
    comment.save(update_fields=["status", "removal_reason"])
    audit.record(actor, "consultation.restore_comment", comment, before, audit.snapshot(comment, ["status"]))
    return comment


def reply(comment: Comment, actor, body: str) -> CommentReply:
    """The owning unit answers a comment publicly, as the organization's official answer."""
    if not body.strip():
        raise ValidationError(_("Write the reply."))
    if comment.status != Comment.Status.PUBLISHED:
        raise ValidationError(_("A removed comment cannot be answered."))
    answer = CommentReply.objects.create(comment=comment, body=body, author=actor)
    audit.record(actor, "consultation.reply", answer, None, audit.snapshot(answer))
    return answer


# --- grouping and dispositions --------------------------------------------------------------------

PROGRESS_EVERY = 5_000


def group_comments(document: DraftDocument, actor=None, *, progress=None) -> int:
    """Regroup the comments not yet answered; groups that have a disposition keep their members.
    Returns the number of open groups.

    Comments are streamed (ids and text only) and grouping runs outside the transaction, so 100 000
    comments fit in memory and ``progress(phase, done, total)`` can be seen by staff while it runs;
    the writes are one transaction of set-based statements (see ``bulk``)."""
    report = progress or (lambda phase, done, total: None)
    answered = Disposition.objects.filter(group__document=document).values("group_id")
    open_comments = (Comment.objects.filter(document=document, status=Comment.Status.PUBLISHED)
                     .exclude(group__in=answered))
    total = open_comments.count()
    report("grouping", 0, total)
    ids = array("q")

    def texts():
        for n, (pk, body, replacement) in enumerate(_pages(open_comments), start=1):
            ids.append(pk)
            if n % PROGRESS_EVERY == 0:
                report("grouping", n, total)
            yield f"{body} {replacement}"

    labels = grouping.group(texts())
    report("saving", 0, len(ids))
    with transaction.atomic():
        stale = list(CommentGroup.objects.filter(document=document, disposition__isnull=True)
                     .values_list("pk", flat=True))
        index: dict = {}
        for label in labels:
            index.setdefault(label, len(index))
        pks = bulk.create_groups(document, len(index))
        # Comments move straight from their old open group to the new one (one pass over the rows);
        # deleting the old groups then only detaches comments not regrouped, e.g. removed ones.
        bulk.assign_groups(ids, array("q", (pks[index[label]] for label in labels)))
        for start in range(0, len(stale), 5_000):
            CommentGroup.objects.filter(pk__in=stale[start:start + 5_000]).delete()
        audit.record(actor, "consultation.group_comments", document, None, {"groups": len(pks)})
    bulk.refresh_statistics()
    report("saving", len(ids), len(ids))
    return len(pks)


def _pages(comments, size=5_000):
    """(id, body, replacement_text) in id order, a page at a time (keyset): bounded memory and plain
    queries, where a server-side cursor let PostgreSQL pick a slow first-rows plan."""
    last = 0
    while True:
        page = list(comments.filter(id__gt=last).order_by("id").values_list("id", "body", "replacement_text")[:size])
        yield from page
        if len(page) < size:
            return
        last = page[-1][0]


def group_for(comment: Comment) -> CommentGroup:
    if comment.group_id is None:
        comment.group = CommentGroup.objects.create(document=comment.document)
        comment.save(update_fields=["group"])
    return comment.group


def record_disposition(group: CommentGroup, actor, decision: str, reason: str) -> Disposition:
    if not reason.strip():
        raise ValidationError(_("A disposition needs its reason."))
    if group.document.issued_at:
        raise ValidationError(_("The document is already issued."))
    with transaction.atomic():
        existing = Disposition.objects.filter(group=group).first()
        before = audit.snapshot(existing) if existing else None
        disposition, _created = Disposition.objects.update_or_create(
            group=group, defaults={"decision": decision, "reason": reason, "decided_by": actor})
        audit.record(actor, "consultation.disposition", disposition, before, audit.snapshot(disposition))
    return disposition


def undisposed_comments(document):
    return document.comments.filter(status=Comment.Status.PUBLISHED).filter(
        group__disposition__isnull=True)


# --- versions, diff, issuing ----------------------------------------------------------------------

@transaction.atomic
def add_version(document, provisions, actor=None, note="") -> DraftVersion:
    """``provisions``: (key, level, label, text, parent_key) in reading order."""
    number = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = DraftVersion.objects.create(document=document, number=number, note=note)
    made = {}
    for position, (key, level, label, text, parent_key) in enumerate(provisions, start=1):
        made[key] = Provision.objects.create(version=version, key=key, level=level, label=label, text=text,
                                             position=position, parent=made.get(parent_key))
    audit.record(actor, "consultation.add_version", version, None, {"provisions": len(provisions)})
    return version


def diff(old: DraftVersion, new: DraftVersion) -> list[dict]:
    """Per provision: unchanged, changed (with word-level opcodes), added or removed; paired by key."""
    before = {p.key: p for p in old.provisions.all()}
    after = list(new.provisions.all())
    rows = []
    for p in after:
        o = before.pop(p.key, None)
        if o is None:
            rows.append({"key": p.key, "label": p.label, "status": "added", "parts": [("insert", p.text)]})
        elif o.text == p.text:
            rows.append({"key": p.key, "label": p.label, "status": "same", "parts": [("equal", p.text)]})
        else:
            rows.append({"key": p.key, "label": p.label, "status": "changed", "parts": word_diff(o.text, p.text)})
    for o in before.values():
        rows.append({"key": o.key, "label": o.label, "status": "removed", "parts": [("delete", o.text)]})
    return rows


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    wa, wb = a.split(), b.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("equal", " ".join(wa[i1:i2])))
        if op in ("delete", "replace"):
            parts.append(("delete", " ".join(wa[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(("insert", " ".join(wb[j1:j2])))
    return parts


def issue(document: DraftDocument, actor, now=None) -> DraftDocument:
    """Mark the document issued (ابلاغ) or sent: only after its period ended and every comment is answered."""
    now = now or timezone.now()
    if document.issued_at:
        raise ValidationError(_("The document is already issued."))
    if not document.has_closed(now):
        raise ValidationError(_("The comment period has not ended yet; the document cannot be issued before it does."))
    missing = undisposed_comments(document).count()
    if missing:
        raise ValidationError(_("%(n)s comments have no disposition yet.") % {"n": local_digits(missing)})
    before = audit.snapshot(document, ["issued_at"])
    document.issued_at = now
    document.save(update_fields=["issued_at"])
    audit.record(actor, "consultation.issue", document, before, audit.snapshot(document, ["issued_at"]))
    return document


# --- the response-to-comments report --------------------------------------------------------------

def response_report(document: DraftDocument) -> dict:
    comments = document.comments.filter(status=Comment.Status.PUBLISHED)
    # Totals, stances and removals from one aggregate pass over the draft's comments.
    by_stance, removed = {}, 0
    for row in document.comments.order_by().values("status", "stance").annotate(n=Count("id")):
        if row["status"] == Comment.Status.PUBLISHED:
            by_stance[row["stance"]] = by_stance.get(row["stance"], 0) + row["n"]
        else:
            removed += row["n"]
    by_article = list(comments.values("provision__label", "provision__position").annotate(n=Count("id"))
                      .order_by("provision__position"))
    groups = (CommentGroup.objects.filter(document=document).select_related("disposition")
              .annotate(size=Count("comments")).filter(size__gt=0).order_by("-size", "id"))
    # One example per group (its first comment), chosen by the database: never load every comment.
    first_ids = (comments.filter(group__document=document).order_by().values("group_id")
                 .annotate(first=Min("id")).values("first"))
    examples = {c.group_id: c for c in comments.filter(id__in=Subquery(first_ids)).select_related("provision")}
    return {
        "document": document,
        "total": sum(by_stance.values()),
        "stances": [(label, by_stance.get(value, 0)) for value, label in Comment.Stance.choices],
        "by_article": by_article,
        "groups": [(g, examples.get(g.pk), getattr(g, "disposition", None)) for g in groups],
        "removed": removed,
        "issued_jalali": jalali(document.issued_at) if document.issued_at else None,
    }
