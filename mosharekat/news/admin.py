"""Public relations' news items and their comments in the admin; every save is audited."""

from django.contrib import admin

from mosharekat.core.admin import AuditedAdmin, ReadOnlyAdmin

from .models import NewsComment, NewsItem, OfficialReply, SummaryReport


@admin.register(NewsItem)
class NewsItemAdmin(AuditedAdmin):
    list_display = ("title", "unit", "published_at", "allow_anonymous")
    search_fields = ("title", "slug")


class OfficialReplyInline(admin.TabularInline):
    model = OfficialReply
    extra = 0
    fields = ("body", "author")


@admin.register(NewsComment)
class NewsCommentAdmin(AuditedAdmin):
    list_display = ("pk", "item", "stance", "status", "created_at")
    list_filter = ("status", "stance")
    search_fields = ("body",)
    raw_id_fields = ("item",)
    inlines = [OfficialReplyInline]


@admin.register(SummaryReport)
class SummaryReportAdmin(ReadOnlyAdmin):
    """Sent reports are a record: read only."""

    list_display = ("title", "start", "end", "authority", "sent_at", "sent_by")
