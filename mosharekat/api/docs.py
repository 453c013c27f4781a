"""The OpenAPI document at /api/schema/ (JSON) and the page that browses it at /api/docs/ (Swagger UI)."""

from functools import cache

from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import schema as spec
from .jsonapi import json_view, respond


@cache
def _document() -> dict:
    return spec.document()


@json_view("GET", "HEAD")
def schema(request):
    response = respond(_document())
    response["Access-Control-Allow-Origin"] = "*"  # public, no credentials: lets other tools load it
    return response


@require_safe
def page(request):
    # Swagger UI reads the URL from a data attribute in docs.js: the site's CSP forbids inline scripts.
    return render(request, "api/docs.html")
