from mosharekat.core.text import search_key

from .models import Service


def search_services(query: str):
    """Active services whose text holds every word of the query, after Persian folding."""
    qs = Service.objects.filter(is_active=True).select_related("unit")
    for word in search_key(query).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    return qs
