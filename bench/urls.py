"""The product's URLs plus the ceiling view: a minimal Django view doing one INSERT (bench only)."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt
@require_POST
def insert_one(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_ceiling (body) VALUES (%s) RETURNING id", [request.POST.get("body", "")])
        (pk,) = cursor.fetchone()
    return HttpResponse(str(pk), status=201, content_type="text/plain")


urlpatterns = [
    path("bench/insert/", insert_one),
    path("", include("mosharekat.urls")),
]
