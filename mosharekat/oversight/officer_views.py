"""Oversight officers' pages. Every report is fetched through ``services.get_report_for`` so a
report of another body, an expired one, or any report for a non-officer (administrators and
managers included) answers 404, whatever the URL."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import access, exports, rules, services
from .forms import ExportForm, ReplyForm, StatusForm


def officer_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rules.is_officer(request.user):
            raise Http404
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            raise Http404 from None

    return access.private(wrapper)


@officer_required
def report_list(request):
    reports = services.officer_reports(request.user)
    status = request.GET.get("status", "")
    if status:
        reports = reports.filter(status=status)
    context = {"reports": reports[:500], "bodies": request.user.oversight_bodies.all(),
               "status_form": StatusForm(initial={"status": status}), "status": status}
    return render(request, "oversight/officer_list.html", context)


@officer_required
def report_detail(request, pk):
    if request.method == "POST":
        current = services.get_report_for(request.user, pk)
        form = ReplyForm(request.POST)
        if form.is_valid():
            services.officer_reply(request.user, current, form.cleaned_data["text"])
            messages.success(request, _("Your question or answer was sent to the reporter."))
            return redirect("oversight:officer_report", pk=current.pk)
    else:
        form = ReplyForm()
    current = services.read_report(request.user, pk)  # audited on every read
    context = {
        "report": current,
        "thread": current.messages.select_related("officer").prefetch_related("attachments"),
        "first_files": current.attachments.filter(message__isnull=True),
        "form": form,
        "status_form": StatusForm(initial={"status": current.status}),
        "can_export": rules.can_export(request.user, current),
    }
    return render(request, "oversight/officer_report.html", context, status=400 if form.errors else 200)


@officer_required
def attachment(request, pk, attachment_pk):
    current = services.get_report_for(request.user, pk)
    item, data = services.read_attachment(request.user, current, attachment_pk)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="evidence-{item.pk}.{item.name.rsplit(".", 1)[-1]}"'
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@officer_required
def change_status(request, pk):
    current = services.get_report_for(request.user, pk)  # first, so other bodies' reports are 404 for any method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_status(request.user, current, form.cleaned_data["status"])
        messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect("oversight:officer_report", pk=current.pk)


@officer_required
def export(request, pk):
    current = services.get_report_for(request.user, pk)
    if not rules.can_export(request.user, current):
        raise Http404
    form = ExportForm(request.POST or None, initial={"passphrase": exports.new_passphrase(), "via": "download"})
    if request.method == "POST" and form.is_valid():
        via = form.cleaned_data["via"]
        try:
            sealed = services.export_report(request.user, current, form.cleaned_data["passphrase"], via)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if via == "download":
                response = HttpResponse(sealed, content_type="application/octet-stream")
                response["Content-Disposition"] = f'attachment; filename="oversight-report-{current.reference}.json"'
                return response
            messages.success(request, _("The encrypted report was sent to %(email)s. Give the passphrase to the "
                                        "body by telephone.") % {"email": current.body.email})
            return redirect("oversight:officer_report", pk=current.pk)
    return render(request, "oversight/export.html", {"report": current, "form": form},
                  status=400 if form.errors else 200)
