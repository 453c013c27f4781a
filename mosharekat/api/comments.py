"""JSON API for public consultation (issue 4): read a draft and its comments, ask for an SMS code and
comment. The rules are the web form's, in consultations.services; these views only read JSON and answer it.

A comment that arrives after the comment period is refused with 409 ``consultation_closed`` — checked
here before anything else, and again inside services.submit_comment, which every way in goes through.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mosharekat.consultations import limits as participation
from mosharekat.consultations import services
from mosharekat.consultations.models import Comment, DraftDocument
from mosharekat.core.text import clean_text, only_digits
from mosharekat.core.validators import clean_mobile

from . import limits
from .jsonapi import Problem, json_view, read_json, respond, string
from .open311 import when

MAX_TEXT = 5000  # the web form's limits, so a comment fits whichever door it came through
MAX_NAME = 100
PAGE_SIZE, MAX_PAGE_SIZE = 50, 100
COMMENT_FIELDS = {"stance", "body", "provision", "replacement_text", "display_name", "mobile", "code"}
CLOSED = "The comment period of this draft has ended; comments are no longer accepted."


def _rate(name: str, default: str) -> str:
    return getattr(settings, name, default)


def _document(slug: str) -> DraftDocument:
    """A draft published for comment (open, closed or final); drafts not yet published do not exist here."""
    document = DraftDocument.objects.select_related("unit").filter(slug=slug, published_at__isnull=False).first()
    if document is None:
        raise Problem(404, "not_found", "No draft published for comment has this address.")
    return document


def _is_plain(value: str) -> bool:
    """No NUL (PostgreSQL refuses it in a query) nor lone surrogate (no database can encode it): no key has one."""
    return clean_text(value) == value


def _unknown_field(data: dict, known: set) -> None:
    unknown = sorted(clean_text(name)[:50] for name in set(data) - known)  # cleaned: JSON keys may hold anything
    if unknown:
        raise Problem(422, "unknown_field", f"Unknown field: {unknown[0]}.", unknown[0])


def _refuse_if_closed(document: DraftDocument) -> None:
    if not document.is_open(timezone.now()):
        raise Problem(409, "consultation_closed", CLOSED)


# --- documents ------------------------------------------------------------------------------------


def provision_doc(p) -> dict:
    return {"key": p.key, "level": p.level, "label": p.label, "text": p.text,
            "parent": p.parent.key if p.parent_id else None}


def consultation_doc(document: DraftDocument, request) -> dict:
    now = timezone.now()
    version = document.draft_version()
    provisions = version.provisions.select_related("parent") if version else []
    return {
        "slug": document.slug, "title": document.title, "kind": document.kind, "summary": document.summary,
        "unit": document.unit.name, "state": document.state(now), "is_open": document.is_open(now),
        "published_at": when(document.published_at), "closes_at": when(document.closes_at),
        "allow_anonymous": document.allow_anonymous,
        "provisions": [provision_doc(p) for p in provisions],
        "comments_url": request.build_absolute_uri(reverse("json_api:comments", args=[document.slug])),
    }


def comment_doc(c: Comment) -> dict:
    """A published comment, or the trace of a removed one: that it was removed and why, never its text."""
    removed = c.status == Comment.Status.REMOVED
    disposition = getattr(c.group, "disposition", None) if c.group_id else None
    return {
        "id": c.pk, "status": c.status, "created_at": when(c.created_at),
        "provision": c.provision.key if c.provision_id else None,
        "provision_label": c.provision.label if c.provision_id else None,
        "stance": c.stance,
        "body": None if removed else c.body,
        "replacement_text": None if removed else (c.replacement_text or None),
        "display_name": None if removed else (c.display_name or None),
        "verified": bool(c.mobile),  # the number itself is never shown
        "removal_reason": c.removal_reason if removed else None,
        "disposition": None if removed or disposition is None else {
            "decision": disposition.decision, "reason": disposition.reason},
        "replies": [] if removed else [
            {"body": r.body, "created_at": when(r.created_at), "official": True} for r in c.replies.all()],
    }


# --- views ----------------------------------------------------------------------------------------


@json_view("GET")
def consultation(request, slug):
    limits.check_rate(request, "api-read", _rate("API_READ_RATE", "300/10m"))
    return respond(consultation_doc(_document(slug), request))


@json_view("GET", "POST")
def comments(request, slug):
    if request.method == "POST":
        return _create(request, _document(slug))
    limits.check_rate(request, "api-read", _rate("API_READ_RATE", "300/10m"))
    return _list(request, _document(slug))


def _int_param(request, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    digits = only_digits(raw) if raw.strip().isdigit() else ""
    if not digits or len(digits) > 18 or not low <= int(digits) <= high:
        raise Problem(400, "invalid_parameter", f"{name} must be a whole number from {low} to {high}.", name)
    return int(digits)


def _list(request, document):
    """Oldest first, by pages of ``limit``; ``next`` continues after the last id (stable while people comment)."""
    after = _int_param(request, "after", 0, 0, 2**62)
    limit = _int_param(request, "limit", PAGE_SIZE, 1, MAX_PAGE_SIZE)
    found = (document.comments.filter(pk__gt=after).select_related("provision", "group__disposition")
             .prefetch_related("replies").order_by("pk"))
    provision = request.GET.get("provision", "")
    if provision:
        usable = _is_plain(provision) and len(provision) <= 40
        found = found.filter(provision__key=provision) if usable else found.none()
    page = list(found[: limit + 1])
    more, page = len(page) > limit, page[:limit]
    next_url = None
    if more:
        query = request.GET.copy()
        query["after"] = str(page[-1].pk)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return respond({"comments": [comment_doc(c) for c in page], "next": next_url})


def _mobile(data) -> str:
    try:
        return clean_mobile(string(data, "mobile", 30))
    except ValidationError:
        raise Problem(422, "invalid_field", "mobile must be an Iranian mobile number such as 09121234567.",
                      "mobile") from None


def _provision(data, document):
    key = data.get("provision")
    if key is None or key == "":
        return None
    version = document.draft_version()
    usable = isinstance(key, str) and _is_plain(key) and len(key) <= 40
    found = version.provisions.filter(key=key).first() if usable and version else None
    if found is None:
        raise Problem(422, "invalid_field", "provision is not the key of a provision of this draft.", "provision")
    return found


def new_comment(data: dict, document: DraftDocument) -> services.NewComment:
    """The comment in ``data``, checked field by field with the web form's rules."""
    _unknown_field(data, COMMENT_FIELDS)
    stance = string(data, "stance", 10, required=True)
    if stance not in Comment.Stance.values:
        raise Problem(422, "invalid_field", "stance must be agree, disagree or amend.", "stance")
    body = string(data, "body", MAX_TEXT, required=True)
    replacement = string(data, "replacement_text", MAX_TEXT)
    if stance == Comment.Stance.AMEND and not replacement:
        raise Problem(422, "missing_field", "An amendment needs the proposed text in replacement_text.",
                      "replacement_text")
    mobile = _mobile(data)
    code = only_digits(string(data, "code", 10))
    if mobile and not code:
        raise Problem(422, "missing_field", "code (the one-time code sent by SMS to mobile) is required.", "code")
    if not mobile and not document.allow_anonymous:
        raise Problem(422, "identity_required",
                      "This draft accepts comments from verified mobile numbers only: send mobile and code.", "mobile")
    return services.NewComment(stance=stance, body=body, provision=_provision(data, document),
                               replacement_text=replacement, mobile=mobile, code=code,
                               display_name=string(data, "display_name", MAX_NAME))


def _create(request, document):
    data = read_json(request)
    _refuse_if_closed(document)
    comment = new_comment(data, document)
    if not participation.comment_allowed(request, comment.mobile):  # the web form's counters, shared
        raise Problem(429, "rate_limited", "Too many comments from this address or with this number; "
                                           "try again in a few minutes.")
    try:
        created = services.submit_comment(document, comment)
    except services.ConsultationClosed:  # the period ended while this request was on its way
        raise Problem(409, "consultation_closed", CLOSED) from None
    except ValidationError as exc:  # what is left after the checks above is the one-time code
        raise Problem(422, "code_rejected" if comment.mobile else "comment_rejected", " ".join(exc.messages),
                      "code" if comment.mobile else None) from None
    return respond(comment_doc(created), status=201)


@json_view("POST")
def codes(request, slug):
    """Send a one-time code by SMS to prove a mobile number; limited per address and per number."""
    document = _document(slug)
    data = read_json(request)
    _unknown_field(data, {"mobile"})
    _refuse_if_closed(document)
    mobile = _mobile(data)
    if not mobile:
        raise Problem(422, "missing_field", "mobile is required.", "mobile")
    if not participation.code_allowed(request, mobile):  # the web form's counters: one allowance per number
        raise Problem(429, "rate_limited", "Too many codes were asked for this number or from this address; "
                                           "try again later.")
    services.send_code(mobile)
    return respond({"mobile": mobile, "expires_in_seconds": services.CODE_MINUTES * 60}, status=202)
