from mosharekat.core.text import search_key

from . import refdata
from .models import Service, Topic


def search_services(query: str):
    """Active services whose text holds every word of the query, after Persian folding."""
    qs = Service.objects.filter(is_active=True).select_related("unit")
    for word in search_key(query).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    return qs


def active_service(code: str) -> Service | None:
    """The active service with this national code (with its unit), from the per-process copy."""
    if _unusable(code):
        return None
    return refdata.get(f"service:{code}", lambda: _active_service(code))


def _unusable(key: str) -> bool:
    # A NUL would make PostgreSQL refuse the whole query (a 500); no code or slug is that long or has one.
    return not key or "\x00" in key or len(key) > 100


def active_topic(slug: str) -> Topic | None:
    """The active topic with this slug (the links of topic hotlines and campaigns), or None."""
    return None if _unusable(slug) else Topic.objects.filter(slug=slug, is_active=True).first()


def _active_service(code):
    return Service.objects.filter(is_active=True, code=code).select_related("unit").first()
