from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("staff/report/", views.staff_report, name="staff_report"),
    path("staff/comments/<int:pk>/reply/", views.staff_reply, name="staff_reply"),
    path("staff/comments/<int:pk>/remove/", views.staff_remove, name="staff_remove"),
    path("<slug:slug>/", views.item_detail, name="item"),
    path("<slug:slug>/code/", views.request_code, name="request_code"),
    path("<slug:slug>/comment/", views.comment, name="comment"),
]
