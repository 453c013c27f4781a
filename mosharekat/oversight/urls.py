from django.urls import path

from . import officer_views, views

app_name = "oversight"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new_report, name="new"),
    path("report/", views.report, name="report"),
    path("leave/", views.leave, name="leave"),
    path("officer/", officer_views.report_list, name="officer_list"),
    path("officer/<uuid:pk>/", officer_views.report_detail, name="officer_report"),
    path("officer/<uuid:pk>/status/", officer_views.change_status, name="officer_status"),
    path("officer/<uuid:pk>/export/", officer_views.export, name="officer_export"),
    path("officer/<uuid:pk>/files/<int:attachment_pk>/", officer_views.attachment, name="officer_attachment"),
]
