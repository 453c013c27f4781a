"""``/healthz`` for load balancers and monitors: is this app process able to serve (database and cache
reachable)? It answers 200 or 503 with one word per dependency and never any detail of the error, so it
can be exposed without leaking hosts, versions or secrets."""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache() -> bool:
    # A write and a read: a cache that accepts connections but cannot store is not healthy either.
    key, token = "healthz", secrets.token_hex(8)
    cache.set(key, token, 30)
    return cache.get(key) == token


@require_safe
def healthz(request):
    checks = {}
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            checks[name] = "ok" if check() else "failing"
        except Exception:  # any failure means "not ready"; the reason goes to the log, not to the caller
            log.exception("health check %s failed", name)
            checks[name] = "failing"
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "failing", **checks}, status=200 if healthy else 503)
    add_never_cache_headers(response)
    return response
