"""The owning unit's work on a draft: its text typed as articles, notes and paragraphs (ماده، تبصره، بند),
editing while unpublished, publishing with an optional period, and the revised version.

The text is one plain text area, the way legal drafts are already written:

    ماده ۱ - …
    تبصره ۱ - …
    بند الف - …

Keys come from the labels («ماده ۳» → a3, its «تبصره ۱» → a3-n1, «بند ب» → a3-pب), so a revised version
typed the same way pairs with the draft in the diff even when provisions are added or removed."""

import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mosharekat.core import audit
from mosharekat.core.text import latin_digits, persian_digits

from . import services
from .models import DraftDocument, Provision

RESERVED_SLUGS = {"staff", "policy"}  # public URLs under /consultations/ that a draft must not shadow
WORDS = {"ماده": Provision.Level.ARTICLE, "تبصره": Provision.Level.NOTE, "بند": Provision.Level.PARAGRAPH}
# A heading: the word, an optional label (number, «واحده», a letter), then a separator or the line's end.
HEADING = re.compile(r"^\s*(ماده|تبصره|بند)(?:\s+([^\s\-–—:.)]+))?\s*(?:[-–—:.)]\s*|$)(.*)$")


@dataclass
class _Item:
    key: str
    level: str
    label: str
    text: str
    parent_key: str | None
    line: int


def _heading(word, token, article, line_no):
    level = WORDS[word]
    token = latin_digits(token or "")
    if level == Provision.Level.ARTICLE:
        if not token:
            raise ValidationError(_("Line %(line)s: number the article, e.g. «ماده ۲ - …».")
                                  % {"line": persian_digits(line_no)})
        return f"a{token}", word + " " + persian_digits(token), None
    if article is None:
        raise ValidationError(_("Line %(line)s: a note or paragraph must come under an article.")
                              % {"line": persian_digits(line_no)})
    suffix = "n" if level == Provision.Level.NOTE else "p"
    label = f"{word} {persian_digits(token)}" if token else word
    return f"{article.key}-{suffix}{token or 1}", label, article.key


def parse(text: str) -> list[tuple]:
    """Provisions as ``services.add_version`` takes them: (key, level, label, text, parent_key)."""
    items, article = [], None
    for line_no, line in enumerate((text or "").splitlines(), start=1):
        match = HEADING.match(line)
        if match:
            key, label, parent = _heading(match[1], match[2], article, line_no)
            item = _Item(key, WORDS[match[1]], label, match[3].strip(), parent, line_no)
            if item.level == Provision.Level.ARTICLE:
                article = item
            items.append(item)
        elif line.strip():
            if not items:
                raise ValidationError(_("The text must start with an article, e.g. «ماده ۱ - …»."))
            items[-1].text = f"{items[-1].text}\n{line.strip()}".strip()
    if not items:
        raise ValidationError(_("Write the text of the draft: at least one article, e.g. «ماده ۱ - …»."))
    _check(items)
    return [(i.key, i.level, i.label, i.text, i.parent_key) for i in items]


def _check(items):
    seen = set()
    for item in items:
        where = {"line": persian_digits(item.line), "label": item.label}
        if item.key in seen:
            raise ValidationError(_("Line %(line)s: «%(label)s» appears twice in the same place.") % where)
        if not item.text:
            raise ValidationError(_("Line %(line)s: «%(label)s» has no text.") % where)
        seen.add(item.key)


def as_text(version) -> str:
    """A version written back the way ``parse`` reads it, to edit or to start the revised version from."""
    if version is None:
        return ""
    return "\n".join(f"{p.label} - {p.text}" for p in version.provisions.all())


def _new_slug(kind):
    while True:
        slug = f"{kind.replace('_', '-')}-{secrets.token_hex(3)}"
        if not DraftDocument.objects.filter(slug=slug).exists():
            return slug


@transaction.atomic
def save_draft(document: DraftDocument, provisions, actor) -> DraftDocument:
    """Create the draft, or replace its text and details while it is still unpublished."""
    creating = document.pk is None
    if not creating and DraftDocument.objects.filter(pk=document.pk, published_at__isnull=False).exists():
        raise ValidationError(_("A published draft cannot be edited; add a revised version instead."))
    before = None if creating else audit.snapshot(DraftDocument.objects.get(pk=document.pk))
    document.slug = document.slug or _new_slug(document.kind)
    document.save()
    audit.record(actor, "consultation.create" if creating else "consultation.edit", document, before,
                 audit.snapshot(document))
    document.versions.all().delete()  # unpublished: nobody has commented on this text yet
    services.add_version(document, provisions, actor)
    return document


@transaction.atomic
def publish(document: DraftDocument, actor, period_days: int | None = None, now=None) -> DraftDocument:
    """Open the comment period; ``period_days`` replaces the default (14 days, or a Jalali month for bills)."""
    if period_days and period_days != document.period_days and not document.published_at:
        before = audit.snapshot(document, ["period_days"])
        document.period_days = period_days
        document.save(update_fields=["period_days"])
        audit.record(actor, "consultation.period", document, before, audit.snapshot(document, ["period_days"]))
    return services.publish(document, actor, now=now)


def revise(document: DraftDocument, provisions, actor, note="", now=None):
    """The revised version answers the comments, so it comes once the period has ended, before issuing."""
    from django.utils import timezone

    now = now or timezone.now()
    if document.issued_at:
        raise ValidationError(_("The document is already issued."))
    if not document.has_closed(now):
        raise ValidationError(_("The revised version is added after the comment period ends, "
                                "so that it can answer every comment."))
    return services.add_version(document, provisions, actor, note=note)
