"""Administrators' view of consultations. The owning unit works on its staff pages; here every save is
audited like the rest of the admin, inline rows included."""

from django.contrib import admin

from mosharekat.core import audit
from mosharekat.core.admin import AuditedAdmin

from .models import Comment, CommentReply, Disposition, DraftDocument, DraftVersion, Provision


class AuditedInlinesMixin:
    """Inline rows are saved by save_formset, which AuditedAdmin.save_model does not see."""

    def save_formset(self, request, form, formset, change):
        befores = {obj.pk: audit.snapshot(type(obj).objects.get(pk=obj.pk))
                   for obj in formset.get_queryset() if obj.pk}
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.record(request.user, "admin.delete", obj, befores.get(obj.pk), None)
            obj.delete()
        for obj in instances:
            before = befores.get(obj.pk)
            obj.save()
            audit.record(request.user, "admin.change" if before else "admin.add", obj, before, audit.snapshot(obj))
        formset.save_m2m()


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
class DraftDocumentAdmin(AuditedInlinesMixin, AuditedAdmin):
    list_display = ("title", "kind", "unit", "published_at", "closes_at", "issued_at")
    list_filter = ("kind", "unit")
    search_fields = ("title", "slug")
    inlines = [VersionInline]


@admin.register(DraftVersion)
class DraftVersionAdmin(AuditedInlinesMixin, AuditedAdmin):
    list_display = ("document", "number", "note", "created_at")
    inlines = [ProvisionInline]


class ReplyInline(admin.TabularInline):
    model = CommentReply
    extra = 0
    fields = ("body", "author")


@admin.register(Comment)
class CommentAdmin(AuditedInlinesMixin, AuditedAdmin):
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
