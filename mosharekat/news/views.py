from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mosharekat.consultations import limits, policy
from mosharekat.consultations import services as consultation_services
from mosharekat.consultations.forms import CodeRequestForm
from mosharekat.core.staff import staff_required

from . import rules, services
from .forms import NewsCommentForm, ReplyForm, ReportForm, SendForm
from .models import NewsComment, SummaryReport


def item_list(request):
    return render(request, "news/list.html", {"items": services.published_items()})


def _item(slug):
    return get_object_or_404(services.published_items(), slug=slug)


def _detail(request, item, form=None, status=200):
    comments = item.comments.prefetch_related("replies")
    return render(request, "news/item.html", {
        "item": item, "comments": comments, "form": form or NewsCommentForm(),
        "is_pr": rules.is_public_relations(request.user), "reply_form": ReplyForm(),
        "removal_form": policy.RemovalForm(),
    }, status=status)


def item_detail(request, slug):
    return _detail(request, _item(slug))


@require_POST
def request_code(request, slug):
    """The code button sits in the comment form: the page comes back with everything typed kept."""
    item = _item(slug)
    code = CodeRequestForm(request.POST)
    status = 200
    if not code.is_valid():
        messages.error(request, _("Enter your mobile number correctly, e.g. 09121234567."))
        status = 400
    elif not limits.code_allowed(request, code.cleaned_data["mobile"]):
        messages.error(request, limits.CODE_LIMITED)
        status = 429
    else:
        consultation_services.send_code(code.cleaned_data["mobile"])
        messages.success(request, _("A confirmation code was sent to your mobile by SMS; type it in the "
                                    "«Confirmation code» field."))
    return _detail(request, item, NewsCommentForm(initial=request.POST.dict()), status=status)


@require_POST
def comment(request, slug):
    item = _item(slug)
    form = NewsCommentForm(request.POST)
    if not form.is_valid():
        return _detail(request, item, form, status=400)
    new = services.NewComment(**form.cleaned_data)
    # The limit is asked first (no lookup for every comment); a form it refuses may be one already stored
    # and sent again (a double tap, a resend after the answer was lost): answered as the first send was.
    if not limits.comment_allowed(request, new.mobile) and not services.resent(item, new):
        form.add_error(None, limits.COMMENT_LIMITED)
        return _detail(request, item, form, status=429)
    try:
        services.submit_comment(item, new)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _detail(request, item, form, status=400)
    messages.success(request, _("Your comment is registered and published."))
    return redirect("news:item", slug=slug)


def _pr_only(request):
    if not rules.is_public_relations(request.user):
        raise Http404


@staff_required
@require_POST
def staff_reply(request, pk):
    _pr_only(request)
    comment = get_object_or_404(NewsComment, pk=pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        services.reply(comment, request.user, form.cleaned_data["body"])
        messages.success(request, _("The official reply is published."))
    else:
        messages.error(request, _("Write the text of the official reply."))
    return redirect("news:item", slug=comment.item.slug)


@staff_required
@require_POST
def staff_remove(request, pk):
    _pr_only(request)
    comment = get_object_or_404(NewsComment, pk=pk)
    form = policy.RemovalForm(request.POST)
    if form.is_valid():
        services.remove_comment(comment, request.user, form.reason())
        messages.success(request, _("The comment was removed with its reason."))
    else:
        messages.error(request, _("Choose a ground of the moderation policy as the reason for removal."))
    return redirect("news:item", slug=comment.item.slug)


@staff_required
def staff_report(request):
    _pr_only(request)
    form = ReportForm(request.GET or None)
    report = None
    if form.is_valid():
        start, end = form.cleaned_data["range"]
        if request.GET.get("format") == "pdf":
            response = HttpResponse(services.report_pdf(services.build_report(start, end)),
                                    content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="news-summary-{start:%Y%m%d}.pdf"'
            return response
        send_form = SendForm(request.POST or None)
        if request.method == "POST" and send_form.is_valid():
            services.send_report(request.user, start, end, **send_form.cleaned_data)
            messages.success(request, _("The report is recorded and sent by e-mail."))
            return redirect(request.get_full_path())
        report = services.build_report(start, end)
        report["send_form"] = send_form
    return render(request, "news/staff_report.html", {
        "form": form, "report": report, "sent": SummaryReport.objects.select_related("sent_by")[:50]})
