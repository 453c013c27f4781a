from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("submit/", views.submit, name="submit"),
    path("submitted/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("track/case/<int:pk>/", views.case_detail, name="case"),
    path("track/case/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
]
