"""Public views of the service desk: submit, track, follow up. Thin: the work is in services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mosharekat.catalog.services import active_topic

from . import access, blank_form, services, tracking
from .forms import FollowUpForm, SubmitForm, TrackForm
from .models import Attachment, Case

# What desk/submitted.html shows (a field it uses that is not here costs a query of its own).
SUBMITTED_SHOWS = ("tracking_code", "subject", "kind", "is_anonymous", "mobile", "due_date", "unit__name")


def submit(request):
    if (page := blank_form.response(request, SubmitForm)) is not None:
        return page
    initial = {"service": request.GET.get("service"), "topic": request.GET.get("topic"), "kind": "request"}
    form = SubmitForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sub = services.Submission(
            kind=data["kind"], subject=data["subject"], body=data["body"], service=data["service"],
            topic=data["topic"],
            contact_name=data["contact_name"], mobile=data["mobile"], email=data["email"],
            national_id=data["national_id"], is_anonymous=data["is_anonymous"], files=data["attachments"],
            token=data["token"],
        )
        case = services.submit_case(sub)
        access.grant(request, case, submitted=True)
        return access.remember(request, redirect("desk:submitted"))
    slug = form["topic"].value()
    topic = active_topic(slug)
    return render(request, "desk/submit.html", {"form": form, "topic": topic}, status=400 if form.errors else 200)


def submitted(request):
    pk = access.submitted_case_id(request)
    # By primary key, only what the page shows, no ordering: compiling the query for all 37 columns of
    # the case and its unit, ordered, cost Django more than PostgreSQL took to run it.
    found = Case.objects.select_related("unit").only(*SUBMITTED_SHOWS).filter(pk=pk).order_by()[:1] if pk else []
    case = next(iter(found), None)
    if case is None:
        return redirect("desk:submit")
    return render(request, "desk/submitted.html", {"case": case})


def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = access.start_lookup(request)
        if attempt is None:
            return render(request, "core/error.html", {
                "title": _("Too many attempts"), "text": _("Please try again a little later.")}, status=429)
        case = services.lookup(form.cleaned_data["code"], form.cleaned_data["contact"])
        if case is not None:
            attempt.release()
            access.grant(request, case)
            return access.remember(request, redirect("desk:case", pk=case.pk))
        if tracking.parse(form.cleaned_data["code"]) is None:
            form.add_error("code", _("This tracking code is not valid; please check its digits."))
        else:
            form.add_error(None, _("No case matches this tracking code and contact detail."))
    return render(request, "desk/track.html", {"form": form}, status=400 if form.errors else 200)


def case_detail(request, pk):
    if not access.granted(request, pk):
        raise Http404
    case = services.surviving(get_object_or_404(Case, pk=pk))
    form = FollowUpForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.citizen_follow_up(case, form.cleaned_data["body"], form.cleaned_data["attachments"])
            messages.success(request, _("Your message was added to the case."))
            return redirect("desk:case", pk=case.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    context = {
        "case": case,
        "events": services.public_events(case),
        "form": form,
        "can_write": services.can_citizen_write(case),
    }
    return render(request, "desk/case.html", context, status=400 if form.errors else 200)


def attachment(request, pk, attachment_pk):
    if not access.granted(request, pk):
        raise Http404
    case = services.surviving(get_object_or_404(Case, pk=pk))
    item = get_object_or_404(Attachment, pk=attachment_pk, case=case, event__is_public=True)
    return access.serve_attachment(item)
