from django.urls import path

from . import staff_views, views

app_name = "consultations"
urlpatterns = [
    path("", views.document_list, name="list"),
    # Fixed addresses before the drafts' own (drafting.RESERVED_SLUGS keeps drafts off them).
    path("policy/", views.moderation_policy, name="policy"),
    path("staff/", staff_views.staff_list, name="staff_list"),
    path("staff/new/", staff_views.staff_new, name="staff_new"),
    path("<slug:slug>/", views.document_detail, name="document"),
    path("<slug:slug>/code/", views.request_code, name="request_code"),
    path("<slug:slug>/comment/", views.comment, name="comment"),
    path("<slug:slug>/diff/", views.version_diff, name="diff"),
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<slug:slug>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("staff/<int:pk>/", views.staff_document, name="staff_document"),
    path("staff/<int:pk>/group/", views.staff_group, name="staff_group"),
    path("staff/<int:pk>/groups/<int:group_pk>/", views.staff_group_comments, name="staff_group_comments"),
    path("staff/<int:pk>/dispose/<int:comment_pk>/", views.staff_dispose, name="staff_dispose"),
    path("staff/<int:pk>/remove/<int:comment_pk>/", views.staff_remove, name="staff_remove"),
    path("staff/<int:pk>/issue/", views.staff_issue, name="staff_issue"),
    path("staff/<int:pk>/comments.xlsx", views.staff_comments_xlsx, name="staff_comments_xlsx"),
    path("staff/<int:pk>/edit/", staff_views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/publish/", staff_views.staff_publish, name="staff_publish"),
    path("staff/<int:pk>/revise/", staff_views.staff_revise, name="staff_revise"),
    path("staff/<int:pk>/reply/<int:comment_pk>/", staff_views.staff_reply, name="staff_reply"),
]
