"""Published minutes for everyone; the resolution register for managers and administrators."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from mosharekat.core.calendar import local_today
from mosharekat.core.staff import staff_required

from . import pdf, rules, services
from .forms import RegisterFilterForm
from .models import Meeting


def meeting_list(request):
    return render(request, "committee/list.html", {"meetings": services.published_meetings()})


def _meeting_or_404(request, pk):
    # Administrators may preview minutes before they are published; everyone else sees published ones.
    qs = Meeting.objects.all() if rules.can_preview_unpublished(request.user) else services.published_meetings()
    try:
        return services.meeting_with_minutes(qs, pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def meeting_detail(request, pk):
    meeting = _meeting_or_404(request, pk)
    return render(request, "committee/meeting.html", pdf.minutes_context(meeting))


def minutes_pdf(request, pk):
    meeting = _meeting_or_404(request, pk)
    response = HttpResponse(pdf.render_minutes(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.committee_id}-{meeting.number}.pdf"'
    return response


@staff_required
def register(request):
    if not rules.can_read_register(request.user):
        raise Http404
    form = RegisterFilterForm(request.GET or None)
    today = local_today()
    filters = form.cleaned_data if form.is_valid() else {}
    resolutions = list(services.register(filters, today)[:1000])
    context = {
        "form": form,
        "today": today,
        "rows": [(r, r.is_overdue(today)) for r in resolutions],
        "overdue_count": services.register({}, today).filter(services.overdue_q(today)).count(),
    }
    return render(request, "committee/register.html", context)
