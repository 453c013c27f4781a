"""Staff pages of the surveys: dashboards and exports, quarterly report, printable forms, paper entry.

Every query of responses starts from ``rules.visible_responses``; a URL naming another staff member or a
unit the user may not read answers 404."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mosharekat.core import audit
from mosharekat.core.models import Unit
from mosharekat.core.staff import staff_required
from mosharekat.core.units import descendant_ids

from . import charts, exports, reports, rules, services, stats
from .forms import DashboardFilterForm, PaperEntryForm, PrintForm, ResponseForm
from .models import Response, Survey

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _board(request, *, member=None, unit=None):
    """The filtered dashboard data shared by the pages and the exports."""
    user = request.user
    units = rules.managed_unit_ids(user)
    form = DashboardFilterForm(request.GET or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    survey = data.get("survey") or services.standard_survey(Survey.Kind.SERVICE)
    first, last = form.period()
    qs = rules.visible_responses(user)
    filters = [(_("Survey"), survey.title), (_("Period"), f"{stats.month_label(first)} – {stats.month_label(last)}")]
    unit = unit or data.get("unit")
    member = member or data.get("staff")
    if unit is not None:
        qs = qs.filter(unit_id__in=descendant_ids(unit.pk))
        filters.append((_("Unit"), unit.name))
    if data.get("service"):
        qs = qs.filter(service=data["service"])
        filters.append((_("Service"), data["service"].title))
    if member is not None:
        qs = qs.filter(staff=member)
        filters.append((_("Staff member"), member.get_full_name() or member.username))
    board = reports.dashboard(qs, survey, first, last)
    return form, survey, board, filters


def _render_board(request, title, *, member=None, unit=None):
    form, survey, board, filters = _board(request, member=member, unit=unit)
    labels = [row["label"] for row in board.monthly]
    query = request.GET.urlencode()
    context = {
        "title": title, "form": form, "survey": survey, "board": board, "filters": filters,
        "count_chart": charts.bar_chart(labels, [row["count"] for row in board.monthly], decimals=0),
        "average_chart": charts.bar_chart(labels, [row["average"] for row in board.monthly], maximum=5),
        "own_only": rules.managed_unit_ids(request.user) == set(),
        "export_query": query, "member": member, "unit": unit,
        "minimum": services_minimum(),
    }
    return render(request, "surveys/staff/dashboard.html", context)


def services_minimum():
    from django.conf import settings

    return settings.SURVEY_MIN_RESPONSES


@staff_required
def dashboard(request):
    """Administrators: everything; managers: their unit and below; other staff: their own results."""
    own = rules.managed_unit_ids(request.user) == set()
    if own:
        return _render_board(request, _("My survey results"), member=request.user)
    return _render_board(request, _("Survey results"))


@staff_required
def staff_results(request, pk):
    member = get_object_or_404(get_user_model(), pk=pk)
    if not rules.can_see_staff_results(request.user, member):
        raise Http404
    return _render_board(request, _("Survey results of %(name)s") % {"name": member.get_full_name() or member.username},
                         member=member)


@staff_required
def unit_results(request, pk):
    unit = get_object_or_404(Unit, pk=pk)
    if not rules.can_see_unit_results(request.user, unit):
        raise Http404
    return _render_board(request, _("Survey results of %(unit)s") % {"unit": unit.name}, unit=unit)


def _scope(request):
    """Exports take the same scope as the page they came from (?unit_pk / ?member_pk, checked again)."""
    member = unit = None
    if request.GET.get("member_pk"):
        member = get_object_or_404(get_user_model(), pk=request.GET["member_pk"])
        if not rules.can_see_staff_results(request.user, member):
            raise Http404
    elif request.GET.get("unit_pk"):
        unit = get_object_or_404(Unit, pk=request.GET["unit_pk"])
        if not rules.can_see_unit_results(request.user, unit):
            raise Http404
    elif rules.managed_unit_ids(request.user) == set():
        member = request.user
    return member, unit


@staff_required
def export(request, fmt):
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    member, unit = _scope(request)
    _form, survey, board, filters = _board(request, member=member, unit=unit)
    title = _("Survey results")
    audit.record(request.user, f"survey.export_{fmt}", survey, after={"filters": dict(filters)})
    if fmt == "xlsx":
        body = exports.dashboard_xlsx(board, title, filters)
        response = HttpResponse(body, content_type=XLSX)
    else:
        body = exports.render_pdf("surveys/pdf/dashboard.html", {"title": title, "board": board, "filters": filters,
                                                                  "levels": range(1, 6)})
        response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{exports.export_name("survey", fmt)}"'
    return response


@staff_required
def quarterly(request, pk):
    """The quarterly report for process improvement and reward/discipline decisions (managers, admins)."""
    unit = get_object_or_404(Unit, pk=pk)
    if not rules.can_see_unit_results(request.user, unit) or rules.managed_unit_ids(request.user) == set():
        raise Http404
    year, quarter = reports.current_quarter()
    try:
        year = int(request.GET.get("year", year))
        quarter = int(request.GET.get("quarter", quarter))
    except ValueError:
        pass
    quarter = min(max(quarter, 1), 4)
    report = reports.quarterly(rules.visible_responses(request.user), descendant_ids(unit.pk), year, quarter)
    context = {"unit": unit, "year": year, "quarter": quarter, "report": report,
               "label": f"{stats.month_label(report['first'])} – {stats.month_label(report['last'])}",
               "years": range(year - 2, year + 1), "quarters": range(1, 5),
               "question_labels": _standard_labels()}
    if request.GET.get("format") == "pdf":
        audit.record(request.user, "survey.export_quarterly", unit, after={"year": year, "quarter": quarter})
        body = exports.render_pdf("surveys/pdf/quarterly.html", context)
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="quarterly-{unit.code}-{year}-q{quarter}.pdf"'
        return response
    return render(request, "surveys/staff/quarterly.html", context)


def _standard_labels():
    return {"process": _("How the work was done"), "accuracy": _("Match with the published information"),
            "behaviour": _("Staff behaviour"), "overall": _("Overall satisfaction")}


@staff_required
def print_forms(request):
    """Choose a service, counter or staff member and download the A5 form carrying its QR code."""
    form = PrintForm(request.GET or None, units=rules.form_unit_ids(request.user))
    if request.GET and form.is_valid():
        data = form.cleaned_data
        url = services.qr_url(data["service"], data["counter"], data["staff"])
        survey = services.standard_survey(Survey.Kind.SERVICE)
        body = exports.render_pdf("surveys/pdf/form_a5.html", {
            "url": url, "qr": exports.qr_data_uri(url), "survey": survey, **data,
            "questions": services.active_questions(survey), "scale": range(1, 6),
        })
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="survey-form-a5.pdf"'
        return response
    return render(request, "surveys/staff/print.html", {"form": form})


@staff_required
def paper_entry(request):
    """Staff type in a paper form; the response is marked as paper and the entry is audited."""
    units = rules.form_unit_ids(request.user)
    survey = services.standard_survey(Survey.Kind.SERVICE)
    target = PaperEntryForm(request.POST or None, units=units, prefix="t")
    answers = ResponseForm(survey, request.POST or None)
    if request.method == "POST":
        target_ok, answers_ok = target.is_valid(), answers.is_valid()
        if target_ok and answers_ok:
            data = target.cleaned_data
            unit = services.unit_for(data["service"], data["counter"], data["staff"])
            if not rules.can_enter_paper(request.user, unit):
                raise Http404
            visit = timezone.make_aware(datetime.datetime.combine(data["visit_date"], datetime.time(12)))
            services.submit_response(
                survey, answers.answers(), source=Response.Source.PAPER, service=data["service"],
                counter=data["counter"], staff=data["staff"], entered_by=request.user,
                submitted_at=visit,
            )
            messages.success(request, _("The paper form is recorded. You can enter the next one."))
            return redirect(reverse("surveys:paper"))
    recent = Response.objects.filter(entered_by=request.user, source=Response.Source.PAPER).select_related(
        "service", "staff")[:10]
    return render(request, "surveys/staff/paper.html", {"target": target, "form": answers, "survey": survey,
                                                        "recent": recent}, status=400 if request.POST else 200)
