from django.shortcuts import get_object_or_404, render

from .models import Contact, Service, Topic
from .services import search_services


def service_list(request):
    query = request.GET.get("q", "")[:200]
    services = search_services(query)
    return render(request, "catalog/list.html", {"services": services, "query": query})


def service_detail(request, code):
    service = get_object_or_404(Service.objects.select_related("unit"), code=code, is_active=True)
    return render(request, "catalog/detail.html", {"service": service})


def contacts(request):
    entries = Contact.objects.select_related("unit")
    return render(request, "catalog/contacts.html", {"contacts": entries})


def topic_detail(request, slug):
    """A topic hotline's page: how to reach it by phone, SMS and the web form that routes to it."""
    topic = get_object_or_404(Topic.objects.select_related("unit"), slug=slug, is_active=True)
    return render(request, "catalog/topic.html", {"topic": topic})
