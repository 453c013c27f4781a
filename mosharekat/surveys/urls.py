from django.urls import path

from . import staff_views, views

app_name = "surveys"
urlpatterns = [
    path("surveys/", views.index, name="index"),
    path("surveys/q/<str:token>/", views.qr_form, name="qr"),
    path("surveys/i/<str:token>/", views.invitation_form, name="invitation"),
    path("surveys/kiosk/<str:key>/", views.kiosk_form, name="kiosk"),
    path("surveys/<slug:slug>/", views.survey_form, name="form"),
    path("accountability/", views.accountability, name="accountability"),
    path("staff/surveys/", staff_views.dashboard, name="dashboard"),
    path("staff/surveys/export.<str:fmt>", staff_views.export, name="export"),
    path("staff/surveys/staff/<int:pk>/", staff_views.staff_results, name="staff_results"),
    path("staff/surveys/units/<int:pk>/", staff_views.unit_results, name="unit_results"),
    path("staff/surveys/units/<int:pk>/quarterly/", staff_views.quarterly, name="quarterly"),
    path("staff/surveys/forms/", staff_views.print_forms, name="print"),
    path("staff/surveys/paper/", staff_views.paper_entry, name="paper"),
]
