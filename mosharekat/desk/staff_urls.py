from django.contrib.auth import views as auth_views
from django.urls import path

from mosharekat.core import views as core_views

from . import staff_views as views

app_name = "staff"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="staff/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="home"), name="logout"),
    path("", views.inbox, name="inbox"),
    path("overdue/", views.overdue, name="overdue"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/start/", views.start, name="start"),
    path("cases/<int:pk>/answer/", views.answer, name="answer"),
    path("cases/<int:pk>/note/", views.note, name="note"),
    path("cases/<int:pk>/reassign/", views.reassign, name="reassign"),
    path("cases/<int:pk>/close/", views.close, name="close"),
    path("cases/<int:pk>/merge/", views.merge, name="merge"),
    path("cases/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("audit/", core_views.audit_log, name="audit"),
    path("outbox/", core_views.outbox, name="outbox"),
]
