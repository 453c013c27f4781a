from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import AuditEntry, Notification
from .rules import can_read_audit_log, can_read_outbox
from .staff import staff_required


def home(request):
    from mosharekat.catalog.models import Service, Topic

    services = Service.objects.filter(is_active=True).only("title", "code")[:6]
    topics = Topic.objects.filter(is_active=True).only("name", "slug")
    return render(request, "core/home.html", {"services": services, "topics": topics})


def rate_limited(request, exception=None):
    return render(request, "core/error.html", {"title": _("Too many attempts"),
                  "text": _("Please try again in a few minutes.")}, status=429)


def not_found(request, exception=None):
    return render(request, "core/error.html", {"title": _("No such page"),
                  "text": _("The address is wrong or you have no access to it.")}, status=404)


def forbidden(request, exception=None):
    return not_found(request, exception)


@staff_required
def audit_log(request):
    if not can_read_audit_log(request.user):
        raise Http404
    entries = AuditEntry.objects.select_related("actor")
    if request.GET.get("type"):
        entries = entries.filter(target_type=request.GET["type"])
    if request.GET.get("id"):
        entries = entries.filter(target_id=request.GET["id"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "staff/audit_log.html", {"page": page})


@staff_required
def outbox(request):
    if not can_read_outbox(request.user):
        raise Http404
    page = Paginator(Notification.objects.all(), 50).get_page(request.GET.get("page"))
    return render(request, "staff/outbox.html", {"page": page})
