"""News verbs: comment (same identity and moderation rules as consultations), reply officially, and
build / send the public-relations summary report."""

import datetime
from collections import Counter
from dataclasses import dataclass

import jdatetime
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mosharekat.consultations import grouping
from mosharekat.consultations.services import store_verified
from mosharekat.core import audit, resend
from mosharekat.core.notifications import notify

from .models import NewsComment, NewsItem, OfficialReply, SummaryReport


def published_items(now=None):
    return NewsItem.objects.filter(published_at__lte=now or timezone.now())


@dataclass
class NewComment:
    stance: str
    body: str
    mobile: str = ""
    code: str = ""
    display_name: str = ""
    token: object = None  # the web form's one-time token (NewsComment.submission_token)


def submit_comment(item: NewsItem, data: NewComment, now=None) -> NewsComment:
    """Store a citizen's comment. The same form sent again (a double tap, a resend after a timeout) gives
    back the comment it already created: its SMS code is spent by then, so this is looked at first."""
    now = now or timezone.now()
    if earlier := resent(item, data):
        return earlier
    if not item.published_at or item.published_at > now:
        raise ValidationError(_("This item is not published."))
    if not data.mobile and not item.allow_anonymous:
        raise ValidationError(_("This item accepts comments from verified mobile numbers only."))
    return store_verified(data.mobile, data.code, now, lambda: NewsComment.objects.create(
        item=item, stance=data.stance, body=data.body, mobile=data.mobile, display_name=data.display_name,
        submission_token=_content_token(item, data),
    ), lambda: resent(item, data))


def _content_token(item, data: NewComment):
    """What the comment keeps of its form's token: the same comment sent again finds it, a rewritten one
    (the form reopened with Back) is a new comment (see core.resend)."""
    if not data.token:
        return None
    return resend.content_token(data.token, item.pk, data.stance, data.body, data.mobile, data.display_name)


def resent(item, data: NewComment) -> NewsComment | None:
    """The comment this very form, with this very content, already created (the view asks too, when the
    comment limit refuses: a resend is answered as the first send was)."""
    token = _content_token(item, data)
    return NewsComment.objects.filter(submission_token=token).first() if token else None


def reply(comment: NewsComment, actor, body: str) -> OfficialReply:
    if not body.strip():
        raise ValidationError(_("Write the reply."))
    answer = OfficialReply.objects.create(comment=comment, body=body, author=actor)
    audit.record(actor, "news.reply", answer, None, audit.snapshot(answer))
    return answer


def remove_comment(comment: NewsComment, actor, reason: str) -> NewsComment:
    if not reason.strip():
        raise ValidationError(_("Say which rule of the moderation policy the comment broke."))
    before = audit.snapshot(comment, ["status", "removal_reason"])
    comment.status, comment.removal_reason = NewsComment.Status.REMOVED, reason
    comment.save(update_fields=["status", "removal_reason"])
    after = audit.snapshot(comment, ["status", "removal_reason"])
    audit.record(actor, "news.remove_comment", comment, before, after)
    return comment


def jalali_month(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    start = jdatetime.date(year, month, 1)
    following = jdatetime.date(year + month // 12, month % 12 + 1, 1)
    return start.togregorian(), following.togregorian() - datetime.timedelta(days=1)


def build_report(start: datetime.date, end: datetime.date, examples_per_theme: int = 2) -> dict:
    """Items, comment counts and stances for the range, and the main themes: groups of near-duplicate
    comments, largest first, each with example comments."""
    comments = list(NewsComment.objects.filter(
        status=NewsComment.Status.PUBLISHED, created_at__date__gte=start, created_at__date__lte=end,
    ).select_related("item").order_by("id"))
    labels = grouping.group(c.body for c in comments)
    themes: dict = {}
    for comment, label in zip(comments, labels, strict=True):
        themes.setdefault(label, []).append(comment)
    ordered = sorted(themes.values(), key=len, reverse=True)
    per_item = Counter(c.item_id for c in comments)
    items = [(item, per_item[item.pk]) for item in NewsItem.objects.filter(pk__in=per_item)]
    stances = Counter(c.stance for c in comments)
    return {
        "start": start, "end": end, "total": len(comments),
        "items": sorted(items, key=lambda pair: -pair[1]),
        "stances": [(label, stances.get(value, 0)) for value, label in NewsComment.Stance.choices],
        "themes": [{"size": len(g), "examples": g[:examples_per_theme]} for g in ordered[:20]],
        "duplicates": sum(len(g) for g in ordered if len(g) > 1),
    }


def report_pdf(report: dict) -> bytes:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from mosharekat.core.pdf import FONT_DIR, font_fetcher

    context = dict(report, font_regular=(FONT_DIR / "Vazirmatn-Regular.woff2").as_uri(),
                   font_bold=(FONT_DIR / "Vazirmatn-Bold.woff2").as_uri())
    return HTML(string=render_to_string("news/report_pdf.html", context), url_fetcher=font_fetcher()).write_pdf()


def send_report(actor, start, end, authority: str, email: str, title: str = "") -> SummaryReport:
    """Record that the summary went to ``authority`` and e-mail it there as a PDF, through the outbox
    (kept, delivered in the background and retried like every other message)."""
    report = build_report(start, end)
    pdf = report_pdf(report)
    with transaction.atomic():
        record = SummaryReport.objects.create(
            start=start, end=end, authority=authority, email=email, sent_by=actor,
            title=title or _("Summary of citizens' comments"), comment_count=report["total"])
        audit.record(actor, "news.send_report", record, None, audit.snapshot(record))
        notify("email", email, _("The summary report of citizens' comments is attached."), subject=record.title,
               attachments=[(f"summary-{start:%Y%m%d}-{end:%Y%m%d}.pdf", pdf, "application/pdf")])
    return record
