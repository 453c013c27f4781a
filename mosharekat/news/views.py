from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

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
    }, status=status)


def item_detail(request, slug):
    return _detail(request, _item(slug))


@require_POST
def request_code(request, slug):
    _item(slug)
    form = CodeRequestForm(request.POST)
    if form.is_valid():
        consultation_services.send_code(form.cleaned_data["mobile"])
        messages.success(request, "کد تأیید به شماره همراه شما پیامک شد.")
    else:
        messages.error(request, "شماره همراه را درست وارد کنید، مانند ۰۹۱۲۱۲۳۴۵۶۷.")
    return redirect("news:item", slug=slug)


@require_POST
def comment(request, slug):
    item = _item(slug)
    form = NewsCommentForm(request.POST)
    if form.is_valid():
        try:
            services.submit_comment(item, services.NewComment(**form.cleaned_data))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "نظر شما ثبت و منتشر شد.")
            return redirect("news:item", slug=slug)
    return _detail(request, item, form, status=400)


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
        messages.success(request, "پاسخ رسمی منتشر شد.")
    return redirect("news:item", slug=comment.item.slug)


@staff_required
@require_POST
def staff_remove(request, pk):
    _pr_only(request)
    comment = get_object_or_404(NewsComment, pk=pk)
    try:
        services.remove_comment(comment, request.user, request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
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
            messages.success(request, "گزارش ثبت و با پست الکترونیک ارسال شد.")
            return redirect(request.get_full_path())
        report = services.build_report(start, end)
        report["send_form"] = send_form
    return render(request, "news/staff_report.html", {
        "form": form, "report": report, "sent": SummaryReport.objects.select_related("sent_by")[:50]})
