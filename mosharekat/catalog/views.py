from django.shortcuts import get_object_or_404, render

from .models import Contact, Service
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
