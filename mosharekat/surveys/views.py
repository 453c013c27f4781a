"""Public survey forms (web, QR, invitation, kiosk) and the public accountability page. Thin: the rules
are in ``services``, ``reports`` and ``stats``."""

import functools
import hashlib

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page
from django_ratelimit.core import is_ratelimited

from . import charts, reports, services, stats
from .forms import ResponseForm, ServiceChoiceForm
from .models import Kiosk, Response, Survey

DEVICE_COOKIE = "survey_done"
DEVICE_COOKIE_DAYS = 1
SUBMIT_RATE = "20/h"  # per client address, web and QR forms (kiosks have their own daily limit)


def index(request):
    service_survey = services.standard_survey(Survey.Kind.SERVICE)
    site_survey = services.standard_survey(Survey.Kind.SITE)
    return render(request, "surveys/index.html", {
        "service_survey": service_survey, "site_survey": site_survey, "choice": ServiceChoiceForm(),
    })


# --- The per-device limit of the open forms (web and QR) ---------------------------------------------


def _device_done(request) -> set:
    value = request.get_signed_cookie(DEVICE_COOKIE, default="", salt="surveys.device")
    day, _sep, keys = value.partition("|")
    return set(keys.split(",")) if day == timezone.localdate().isoformat() and keys else set()


def _remember_device(request, response, key):
    keys = sorted(_device_done(request) | {key})[-50:]
    response.set_signed_cookie(
        DEVICE_COOKIE, f"{timezone.localdate().isoformat()}|{','.join(keys)}", salt="surveys.device",
        max_age=DEVICE_COOKIE_DAYS * 86400, httponly=True, samesite="Lax",
    )


def _target_key(prefix, *parts):
    raw = ":".join(str(p) for p in (prefix, *parts))
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


# --- One view body for every kind of form ------------------------------------------------------------


def _form_page(request, survey, *, source, context, device_key=None, submit_kwargs=None, kiosk=None):
    """Show the form with a fresh one-use visit token; on POST validate, record, thank."""
    base = {"survey": survey, "source": source, "kiosk": kiosk, **context}
    if not survey.is_open():
        return _refused(request, base, _("This survey is not open now."), 410)
    if request.method == "POST":
        return _post(request, survey, base, source=source, device_key=device_key, submit_kwargs=submit_kwargs or {},
                     kiosk=kiosk)
    if device_key and device_key in _device_done(request):
        return _refused(request, base, _device_done_message(), 409)
    return render(request, "surveys/form.html", {**base, "form": ResponseForm(survey),
                                                 "visit": services.new_visit_token(),
                                                 "thanked": bool(request.GET.get("thanks"))})


def _post(request, survey, base, *, source, device_key, submit_kwargs, kiosk):
    form = ResponseForm(survey, request.POST)
    visit = request.POST.get("visit", "")
    nonce = None if submit_kwargs.get("invitation") is not None else services.read_visit_token(visit)
    thanks = functools.partial(_thanks, request, base, kiosk=kiosk, device_key=device_key)

    def refuse(message, status):
        # A form this device or address may not send any more may be the response just recorded, sent again
        # (a double tap, the answer lost on the way): that is thanked as the first send was. Looked up only
        # here, once a limit refuses, not for every response.
        earlier = _resent(survey, form, visit_nonce=nonce)
        return thanks(earlier) if earlier else _refused(request, base, message, status)

    if device_key and device_key in _device_done(request):
        return refuse(_device_done_message(), 409)
    if nonce is None and submit_kwargs.get("invitation") is None:
        # The form is older than four hours or was altered: keep the answers, issue a new token.
        form.is_valid()
        return render(request, "surveys/form.html", {**base, "stale": True, "form": form,
                                                     "visit": services.new_visit_token()}, status=400)
    if device_key and is_ratelimited(request, group="surveys.submit", key="ip", rate=SUBMIT_RATE, method="POST",
                                     increment=True):
        return refuse(_("Many responses came from this address in the last hour; please try again later."), 429)
    if not form.is_valid():
        return render(request, "surveys/form.html", {**base, "form": form, "visit": visit}, status=400)
    try:
        response = services.submit_response(survey, form.answers(), source=source, kiosk=kiosk,
                                             visit_nonce=nonce, **submit_kwargs)
    except services.Refused as refusal:
        return _refused(request, base, refusal.messages[0], 409)
    return thanks(response)


def _device_done_message():
    return _("A response to this survey was already sent from this device today. Thank you for taking part.")


def _refused(request, base, message, status):
    return render(request, "surveys/refused.html", {**base, "message": message}, status=status)


def _thanks(request, base, response, *, kiosk=None, device_key=None):
    """The answer to a recorded response, the same for its first send and for a resend: the kiosk's form
    returns empty with its thank-you note; the web and QR forms show the thank-you page and mark the device."""
    if kiosk is not None:
        return redirect(f"{request.path}?thanks=1")
    page = render(request, "surveys/thanks.html", {**base, "response": response})
    if device_key:
        _remember_device(request, page, device_key)
    return page


def _resent(survey, form, **one_use):
    """The response this one-use form already stored, when it is sent again with the same answers; None
    otherwise (a form with other answers gets the caller's refusal)."""
    if not form.is_valid():
        return None
    try:
        return services.resent_response(survey, form.answers(), **one_use)
    except services.Refused:
        return None


def survey_form(request, slug):
    """The open form reached from the home page; the visitor may name the service."""
    survey = get_object_or_404(Survey, slug=slug)
    choice = ServiceChoiceForm(request.GET or request.POST or None)
    service = choice.cleaned_data.get("service") if choice.is_valid() else None
    if survey.kind != Survey.Kind.SERVICE:
        service, choice = None, None
    return _form_page(
        request, survey, source=Response.Source.WEB, context={"service": service, "choice": choice},
        device_key=_target_key("web", survey.pk, service.pk if service else ""),
        submit_kwargs={"service": service},
    )


def qr_form(request, token):
    """The link printed as a QR code on a paper form: the service, counter and staff member come filled in."""
    target = services.read_target(token)
    if target is None:
        raise Http404
    survey = services.standard_survey(Survey.Kind.SERVICE)
    if survey is None:
        raise Http404
    return _form_page(request, survey, source=Response.Source.QR, context=target,
                      device_key=_target_key("qr", token), submit_kwargs=target)


def invitation_form(request, token):
    invitation = services.invitation_by_token(token)
    if invitation is None:
        raise Http404
    case = invitation.case
    context = {"service": case.service, "staff": invitation.staff, "case": case, "invitation": invitation}
    if invitation.used_at is not None:
        form = ResponseForm(invitation.survey, request.POST or None)
        if request.method == "POST" and (earlier := _resent(invitation.survey, form, invitation=invitation)):
            base = {"survey": invitation.survey, "source": Response.Source.INVITATION, "kiosk": None, **context}
            return _thanks(request, base, earlier)  # the same form sent again (a double tap, a lost answer)
        return render(request, "surveys/refused.html", {
            "survey": invitation.survey, **context, "message": services.already_used_message()}, status=409)
    if invitation.expires_at < timezone.now():
        return render(request, "surveys/refused.html", {
            "survey": invitation.survey, **context, "message": _("This survey link has expired.")},
            status=410)
    return _form_page(request, invitation.survey, source=Response.Source.INVITATION, context=context,
                      submit_kwargs={"invitation": invitation})


def kiosk_form(request, key):
    """A tablet at the counter: the form returns empty after each response; the device has a daily limit."""
    kiosk = get_object_or_404(Kiosk.objects.select_related("service", "counter", "unit"), key=key, is_active=True)
    survey = services.standard_survey(Survey.Kind.SERVICE)
    if survey is None:
        raise Http404
    context = {"service": kiosk.service, "counter": kiosk.counter, "kiosk_unit": kiosk.unit}
    return _form_page(request, survey, source=Response.Source.KIOSK, context=context, kiosk=kiosk,
                      submit_kwargs={"service": kiosk.service, "counter": kiosk.counter})


# --- Public accountability ---------------------------------------------------------------------------


PERIODS = (6, 12)


@cache_page(600)
def accountability(request):
    """Public and anonymous; cached ten minutes (per URL) because the figures change slowly."""
    try:
        months = int(request.GET.get("months", 6))
    except ValueError:
        months = 6
    months = months if months in PERIODS else 6
    first, last = reports.default_period(months)
    data = reports.accountability(first, last)
    org = data["organization"]
    labels = [row["label"] for row in org["monthly"]]
    context = {
        "data": data, "months": months, "periods": PERIODS,
        "first_label": stats.month_label(first), "last_label": stats.month_label(last),
        "received_chart": charts.bar_chart(labels, [row["received"] for row in org["monthly"]], decimals=0),
        "deadline_chart": charts.bar_chart(labels, [row["within_deadline"] for row in org["monthly"]],
                                           maximum=1, percent=True),
        "satisfaction_chart": charts.bar_chart(
            labels, [row["satisfaction"]["average"] for row in org["monthly"]], maximum=5),
        "levels": range(1, 6),
    }
    return render(request, "surveys/accountability.html", context)
