"""Public consultation pages and the owning unit's staff pages; thin over ``services``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mosharekat.core import audit
from mosharekat.core.staff import staff_required

from . import exports, limits, policy, review, rules, services, tasks
from .forms import CodeRequestForm, CommentForm, DispositionForm, PublishForm, ReplyForm
from .models import Comment, CommentGroup, DraftDocument
from .staff_views import back

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COMMENTS_PER_PAGE = 50


def _public(slug):
    return get_object_or_404(DraftDocument.objects.select_related("unit"), slug=slug, published_at__isnull=False)


def document_list(request):
    now = timezone.now()
    docs = list(DraftDocument.objects.filter(published_at__isnull=False).select_related("unit"))
    sections = {"open": [], "closed": [], "final": []}
    for d in docs:
        sections.setdefault(d.state(now), []).append(d)
    return render(request, "consultations/list.html", {"sections": sections, "now": now})


def _detail_context(request, document, form=None):
    now = timezone.now()
    version = document.draft_version()
    provisions = list(version.provisions.all()) if version else []
    comments = document.comments.select_related("provision", "group__disposition").prefetch_related("replies")
    return {
        "document": document, "version": version, "provisions": provisions, "now": now,
        "is_open": document.is_open(now), "countdown": services.countdown(document, now),
        "form": form or CommentForm(provisions=provisions),
        "comments": _comment_page(request, comments),
        "final": document.latest_version() if document.issued_at else None,
    }


def _comment_page(request, comments):
    """A page of comments, never all of them: a draft may draw 100 000. The page's ids are found first
    (a narrow sort, fast even 2 000 pages deep), then only that page's rows are read in full."""
    page = Paginator(comments.values_list("id", flat=True), COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(comments.filter(id__in=list(page.object_list)))
    return page


def document_detail(request, slug):
    document = _public(slug)
    return render(request, "consultations/document.html", _detail_context(request, document))


def moderation_policy(request):
    grounds = [(number, name, description) for number, (_code, name, description) in enumerate(policy.GROUNDS, 1)]
    return render(request, "consultations/policy.html", {"grounds": grounds})


def _provisions(document):
    version = document.draft_version()
    return list(version.provisions.all()) if version else []


@require_POST
def request_code(request, slug):
    """The code button sits in the comment form: the page comes back with everything typed kept."""
    document = _public(slug)
    form = CommentForm(initial=request.POST.dict(), provisions=_provisions(document))
    code = CodeRequestForm(request.POST)
    status = 200
    if not document.is_open(timezone.now()):
        messages.error(request, _("The comment period of this draft has ended."))
    elif not code.is_valid():
        messages.error(request, _("Enter your mobile number correctly, e.g. 09121234567."))
        status = 400
    elif not limits.code_allowed(request, code.cleaned_data["mobile"]):
        messages.error(request, limits.CODE_LIMITED)
        status = 429
    else:
        services.send_code(code.cleaned_data["mobile"])
        messages.success(request, _("A confirmation code was sent to your mobile by SMS; type it in the «Code» field."))
    return render(request, "consultations/document.html", _detail_context(request, document, form), status=status)


@require_POST
def comment(request, slug):
    document = _public(slug)
    version = document.draft_version()
    provisions = list(version.provisions.all()) if version else []
    form = CommentForm(request.POST, provisions=provisions)
    status = 400
    if not document.is_open(timezone.now()):
        form.add_error(None, _("The comment period of this draft has ended; new comments are not accepted."))
    elif form.is_valid():
        new = _new_comment(form.cleaned_data, provisions)
        # The limit is asked first (no lookup for every comment); a form it refuses may be one already
        # stored and sent again (a double tap, a resend after the answer was lost): that is answered as
        # the first send was, not with "too many comments".
        if not limits.comment_allowed(request, new.mobile) and not services.resent(document, new):
            form.add_error(None, limits.COMMENT_LIMITED)
            status = 429
        else:
            try:
                services.submit_comment(document, new)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your comment is registered and published. Thank you for taking part."))
                return redirect("consultations:document", slug=slug)
    return render(request, "consultations/document.html", _detail_context(request, document, form), status=status)


def _new_comment(data, provisions) -> services.NewComment:
    provision = next((p for p in provisions if p.pk == data["provision"]), None)
    return services.NewComment(
        stance=data["stance"], body=data["body"], provision=provision, replacement_text=data["replacement_text"],
        mobile=data["mobile"], code=data["code"], display_name=data["display_name"], token=data["token"])


def version_diff(request, slug):
    document = _public(slug)
    old, new = document.draft_version(), document.latest_version()
    if not old or old == new:
        raise Http404
    return render(request, "consultations/diff.html",
                  {"document": document, "old": old, "new": new, "rows": services.diff(old, new)})


def report(request, slug):
    document = _public(slug)
    return render(request, "consultations/report.html", services.response_report(document))


def report_pdf(request, slug):
    document = _public(slug)
    response = HttpResponse(exports.report_pdf(services.response_report(document)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="response-{document.slug}.pdf"'
    return response


def report_xlsx(request, slug):
    document = _public(slug)
    response = HttpResponse(exports.report_xlsx(services.response_report(document)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="response-{document.slug}.xlsx"'
    return response


# --- staff ------------------------------------------------------------------------------------------

def _managed(request, pk):
    document = get_object_or_404(DraftDocument, pk=pk)
    if not rules.can_manage(request.user, document):
        raise Http404
    return document


@staff_required
def staff_document(request, pk):
    """Groups, not every comment: one row per group of identical letters, 25 a page (see ``review``)."""
    document = _managed(request, pk)
    provisions = _provisions(document)
    filters = review.Filters.from_query(request.GET, {str(p.pk) for p in provisions})
    return render(request, "consultations/staff_document.html", {
        "document": document, "state": document.state(timezone.now()),
        "rows": review.group_rows(document, filters, request.GET.get("page")), "filters": filters,
        "stances": Comment.Stance.choices, "missing": services.undisposed_comments(document).count(),
        **_staff_forms(), "provisions": provisions, "can_diff": document.versions.count() > 1,
    })


@staff_required
def staff_group_comments(request, pk, group_pk):
    """The members of one group, paged, each with its reply and removal forms; one disposition for all."""
    document = _managed(request, pk)
    group = get_object_or_404(CommentGroup.objects.select_related("disposition"), pk=group_pk, document=document)
    page = review.group_comments_page(group, request.GET.get("page"))
    return render(request, "consultations/staff_group.html", {
        "document": document, "group": group, "comments": page, "first": group.comments.order_by("id").first(),
        **_staff_forms(),
    })


def _staff_forms():
    return {"form": DispositionForm(), "removal_form": policy.RemovalForm(), "reply_form": ReplyForm(),
            "publish_form": PublishForm()}


@staff_required
@require_POST
def staff_group(request, pk):
    """Grouping 100 000 comments takes seconds: it runs as a background job whose progress the page shows."""
    document = _managed(request, pk)
    job = tasks.start_grouping(document, request.user)
    audit.record(request.user, "consultation.group_comments.start", document, None, {"job": job.pk})
    messages.info(request, _("Grouping the comments has started; this page shows its progress."))
    return redirect("consultations:staff_document", pk=pk)


@staff_required
@require_POST
def staff_dispose(request, pk, comment_pk):
    document = _managed(request, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, document=document)
    form = DispositionForm(request.POST)
    if form.is_valid():
        try:
            services.record_disposition(services.group_for(comment), request.user, **form.cleaned_data)
            messages.success(request, _("The disposition is recorded."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Enter the decision and its reason."))
    return back(request, pk)


@staff_required
@require_POST
def staff_remove(request, pk, comment_pk):
    document = _managed(request, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, document=document)
    form = policy.RemovalForm(request.POST)
    if form.is_valid():
        services.remove_comment(comment, request.user, form.reason())
        messages.success(request, _("The comment was removed with its reason."))
    else:
        messages.error(request, _("Choose a ground of the moderation policy as the reason for removal."))
    return back(request, pk)


@staff_required
@require_POST
def staff_issue(request, pk):
    document = _managed(request, pk)
    try:
        services.issue(document, request.user)
        messages.success(request, _("The issued document is recorded."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("consultations:staff_document", pk=pk)


@staff_required
def staff_comments_xlsx(request, pk):
    document = _managed(request, pk)
    data = exports.comments_xlsx(document, include_hidden=request.GET.get("hidden") == "1")
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="comments-{document.slug}.xlsx"'
    return response
