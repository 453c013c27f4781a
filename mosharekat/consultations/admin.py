"""Administrators' view of consultations. The owning unit works on its staff pages; here every save is
audited like the rest of the admin, inline rows included."""

from django.contrib import admin

from mosharekat.core.admin import AuditedAdmin

from .models import Comment, CommentReply, Disposition, DraftDocument, DraftVersion, Provision


class VersionInline(admin.TabularInline):
    model = DraftVersion
    extra = 0
    fields = ("number", "note")


class ProvisionInline(admin.TabularInline):
    model = Provision
    extra = 0
    fields = ("position", "level", "key", "label", "text", "parent")
    raw_id_fields = ("parent",)


@admin.register(DraftDocument)
class DraftDocumentAdmin(AuditedAdmin):
    list_display = ("title", "kind", "unit", "published_at", "closes_at", "issued_at")
    list_filter = ("kind", "unit")
    search_fields = ("title", "slug")
    inlines = [VersionInline]


@admin.register(DraftVersion)
class DraftVersionAdmin(AuditedAdmin):
    list_display = ("document", "number", "note", "created_at")
    inlines = [ProvisionInline]


class ReplyInline(admin.TabularInline):
    model = CommentReply
    extra = 0
    fields = ("body", "author")


@admin.register(Comment)
class CommentAdmin(AuditedAdmin):
    list_display = ("pk", "document", "provision", "stance", "status", "created_at")
    list_filter = ("status", "stance", "document")
    search_fields = ("body",)
    raw_id_fields = ("document", "provision", "group")
    inlines = [ReplyInline]


@admin.register(Disposition)
class DispositionAdmin(AuditedAdmin):
    list_display = ("group", "decision", "decided_by", "decided_at")
    list_filter = ("decision",)
    raw_id_fields = ("group", "decided_by")
