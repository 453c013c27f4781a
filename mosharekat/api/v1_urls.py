"""Everything under /api/: the OpenAPI description, its browsable page and the JSON API (version 1)."""

from django.urls import path, re_path

from . import comments, docs, jsonapi

app_name = "json_api"

urlpatterns = [
    path("schema/", docs.schema, name="schema"),
    path("docs/", docs.page, name="docs"),
    path("v1/consultations/<slug:slug>", comments.consultation, name="consultation"),
    path("v1/consultations/<slug:slug>/comments", comments.comments, name="comments"),
    path("v1/consultations/<slug:slug>/codes", comments.codes, name="codes"),
    # Last: any other path under /api/v1/ is a JSON 404, so clients always get the error format.
    re_path(r"^v1/", jsonapi.unknown, name="unknown"),
]
