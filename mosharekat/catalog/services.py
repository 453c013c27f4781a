from mosharekat.core.text import search_key

from . import refdata
from .models import Service


def search_services(query: str):
    """Active services whose text holds every word of the query, after Persian folding."""
    qs = Service.objects.filter(is_active=True).select_related("unit")
    for word in search_key(query).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    return qs


def active_service(code: str) -> Service | None:
    """The active service with this national code (with its unit), from the per-process copy."""
    # A NUL would make PostgreSQL refuse the whole query (a 500); no code is that long or has one.
    if not code or "\x00" in code or len(code) > 100:
        return None
    return refdata.get(f"service:{code}", lambda: _active_service(code))


def _active_service(code):
    return Service.objects.filter(is_active=True, code=code).select_related("unit").first()
