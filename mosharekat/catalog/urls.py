from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("services/", views.service_list, name="list"),
    path("services/<str:code>/", views.service_detail, name="detail"),
    path("contact/", views.contacts, name="contacts"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
]
