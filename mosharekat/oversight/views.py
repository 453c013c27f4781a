"""Reporter pages: submit a report, get the receipt once, come back with it, exchange messages.

Every view is wrapped in ``access.private`` (no-referrer, no-store). Nothing here reads
REMOTE_ADDR or the user agent, and nothing is logged.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, receipts, services
from .forms import MessageForm, ReceiptForm, ReportForm
from .models import OversightBody


@access.private
def index(request):
    form = ReceiptForm(request.POST or None)
    if request.method == "POST":
        raw = request.POST.get("receipt", "")
        attempt = access.start_login(request, raw)
        if attempt is None:
            return render(request, "core/error.html", {
                "title": _("Too many attempts"),
                "text": _("To protect the reports, signing in with a receipt is paused for now. Please try again in "
                          "an hour."),
            }, status=429)
        if form.is_valid():
            report = services.login(form.cleaned_data["receipt"])
            if report is not None:
                attempt.release()
                access.grant(request, report)
                return redirect("oversight:report")
            form.add_error("receipt", _("No report matches this receipt. Check the digits; a report is also "
                                        "deleted when its retention period ends."))
        else:
            attempt.release()  # a malformed receipt is told apart without a lookup: not a guess
    context = {"form": form, "bodies": OversightBody.objects.filter(is_active=True)}
    return render(request, "oversight/index.html", context, status=400 if form.errors else 200)


@access.private
def new_report(request):
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # The same form sent again gets the report it created and the same receipt (services.submit_report).
            report, receipt = services.submit_report(services.Draft(
                body=data["body"], subject=data["subject"], text=data["text"], named_unit=data["named_unit"],
                is_anonymous=not data["identify"], identity=form.identity(),
                reporter_role=data["reporter_role"], files=data["evidence"], token=data["form_token"],
            ))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if receipt is None:  # sent again long after: whoever holds this browser now gets neither
                return render(request, "oversight/already_sent.html", {"report": report})
            access.grant(request, report)
            # The receipt exists only in this response: never in the session, a redirect or a log.
            return render(request, "oversight/receipt.html", {
                "report": report, "receipt": receipt, "receipt_grouped": receipts.grouped(receipt),
            })
    return render(request, "oversight/new.html", {"form": form}, status=400 if form.errors else 200)


def _granted_report(request):
    pk = access.granted_report_id(request)
    return services.live_reports().filter(pk=pk).first() if pk else None


@access.private
def report(request):
    current = _granted_report(request)
    if current is None:
        messages.info(request, _("Enter your receipt to open your report."))
        return redirect("oversight:index")
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reporter_message(current, form.cleaned_data["text"], form.cleaned_data["evidence"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your message was added to the report."))
            return redirect("oversight:report")
    context = {
        "report": current,
        "thread": current.messages.prefetch_related("attachments"),
        "first_files": current.attachments.filter(message__isnull=True),
        "form": form,
        "can_write": services.can_reporter_write(current),
    }
    return render(request, "oversight/report.html", context, status=400 if form.errors else 200)


@access.private
@require_POST
def leave(request):
    access.revoke(request)
    return redirect("oversight:index")
