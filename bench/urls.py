"""The product's URLs plus the ceilings (bench only): minimal Django views doing one INSERT.

- ``/bench/insert/``: one POST, one INSERT (the API's ceiling);
- ``/bench/form/``: what a browser does, minimally: GET a form carrying a CSRF token, POST it (CSRF checked,
  one INSERT, redirect), GET the answer page (one SELECT) — the browser path's ceiling, request for request.
"""

from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import include, path
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


def _insert(body):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_ceiling (body) VALUES (%s) RETURNING id", [body])
        return cursor.fetchone()[0]


@csrf_exempt
@require_POST
def insert_one(request):
    return HttpResponse(str(_insert(request.POST.get("body", ""))), status=201, content_type="text/plain")


def form(request):
    if request.method == "POST":
        return HttpResponseRedirect(f"/bench/form/{_insert(request.POST.get('body', ''))}/")
    token = escape(get_token(request))
    return HttpResponse('<!doctype html><form method="post"><input type="hidden" name="csrfmiddlewaretoken" '
                        f'value="{token}"><textarea name="body"></textarea><button>send</button></form>')


def answer(request, pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM bench_ceiling WHERE id = %s", [pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return HttpResponse(f'<!doctype html><p id="tracking-code" data-code="{row[0]}">{row[0]}</p>')


urlpatterns = [
    path("bench/insert/", insert_one),
    path("bench/form/", form),
    path("bench/form/<int:pk>/", answer),
    path("", include("mosharekat.urls")),
]
