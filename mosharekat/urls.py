from django.contrib import admin
from django.urls import include, path

from mosharekat.core import health, job_views
from mosharekat.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("", include("mosharekat.catalog.urls")),
    path("desk/", include("mosharekat.desk.urls")),
    path("staff/jobs/<int:pk>/", job_views.job_status, name="job_status"),
    path("staff/", include("mosharekat.desk.staff_urls")),
    path("open311/v2/", include("mosharekat.api.urls")),
    path("api/", include("mosharekat.api.v1_urls")),
    path("", include("mosharekat.surveys.urls")),
    path("oversight/", include("mosharekat.oversight.urls")),
    path("committee/", include("mosharekat.committee.urls")),
    path("consultations/", include("mosharekat.consultations.urls")),
    path("news/", include("mosharekat.news.urls")),
    path("channels/", include("mosharekat.channels.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "mosharekat.core.views.not_found"
handler403 = "mosharekat.core.views.forbidden"
