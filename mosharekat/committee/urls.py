from django.urls import path

from . import views

app_name = "committee"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("register/", views.register, name="register"),
]
