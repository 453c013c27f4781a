"""Thin views: the SMS webhook, the phone operator's page and the voicemail upload."""

import hmac
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from mosharekat.catalog.models import Channel
from mosharekat.core.models import Role
from mosharekat.core.staff import staff_required
from mosharekat.desk import services
from mosharekat.desk.models import Kind

from . import context, mailin, smsin
from .forms import PhoneCallForm, VoicemailForm
from .sms import gateway

log = logging.getLogger(__name__)
OPERATOR_ROLES = {Role.TRIAGE, Role.STAFF, Role.MANAGER, Role.ADMIN}


def _secret_ok(request) -> bool:
    expected = settings.CHANNELS_SMS_WEBHOOK_SECRET
    given = request.headers.get("X-Webhook-Secret") or request.GET.get("secret") or ""
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


@csrf_exempt
@require_http_methods(["GET", "POST"])
def sms_inbound(request):
    """The provider's webhook. Authenticated by a shared secret; a retried message id changes nothing."""
    if not _secret_ok(request):
        return HttpResponseForbidden("forbidden")
    data = request.POST if request.method == "POST" else request.GET
    message = gateway().parse_inbound(data)
    if not message.message_id or not message.sender:
        return HttpResponseBadRequest("messageid and from are required")
    result = smsin.ingest(message)
    return HttpResponse("duplicate" if result.duplicate else "ok", content_type="text/plain")


def operator_required(view):
    @staff_required
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_administrator or request.user.role in OPERATOR_ROLES):
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _registered(request, case):
    request.session["channels_registered"] = {"code": case.tracking_code, "anonymous": case.is_anonymous}


@operator_required
def phone_new(request):
    """Register a call as a case on the caller's behalf; the code is shown to read back and sent by SMS."""
    form = PhoneCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        sub = services.Submission(
            kind=d["kind"], subject=d["subject"], body=d["body"], channel=Channel.PHONE, service=d["service"],
            topic=d["topic"], contact_name=d["contact_name"], mobile=d["mobile"], email=d["email"],
            is_anonymous=d["is_anonymous"],
        )
        try:
            case = services.submit_case(sub, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _registered(request, case)
            return redirect("channels:phone_new")
    registered = request.session.pop("channels_registered", None)
    return render(request, "channels/phone_new.html", {"form": form, "registered": registered})


@operator_required
def voicemail_new(request):
    """Upload a recording as a voicemail case (for an exchange that cannot send mail)."""
    form = VoicemailForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        mobile, other = mailin.caller_number(d["caller"])
        number = mobile or other or _("unknown number")
        body = _("Voicemail from %(number)s.") % {"number": number}
        if d["note"]:
            body += "\n\n" + d["note"]
        sub = services.Submission(
            kind=Kind.CRITICISM, subject=_("Voicemail from %(number)s") % {"number": number}, body=body,
            channel=Channel.VOICEMAIL, mobile=mobile, is_anonymous=not mobile, files=[d["recording"]],
        )
        with context.intake(acknowledge=bool(mobile)):
            case = services.submit_case(sub, actor=request.user)
        _registered(request, case)
        return redirect("channels:voicemail_new")
    registered = request.session.pop("channels_registered", None)
    return render(request, "channels/voicemail_new.html", {"form": form, "registered": registered})
