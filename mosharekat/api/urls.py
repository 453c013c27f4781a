from django.urls import re_path

from . import views

app_name = "api"

# GeoReport v2 picks the format by extension: /services.json, /requests/123.xml.
FORMAT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^services" + FORMAT, views.service_list, name="services"),
    re_path(r"^services/(?P<code>[^/]+)" + FORMAT, views.service_definition, name="service"),
    re_path(r"^requests" + FORMAT, views.service_requests, name="requests"),
    re_path(r"^requests/(?P<code>[^/]+)" + FORMAT, views.service_request, name="request"),
    # Last: a client's wrong path (or a code with a «/» in it) still gets an answer it can parse.
    re_path(r"^.*" + FORMAT, views.unknown, name="unknown"),
]
