from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from . import audit
from .models import AuditEntry, Holiday, Job, Notification, NotificationAttachment, Unit, User

admin.site.site_header = _("Mosharekat administration")
admin.site.site_title = _("Mosharekat")


class AuditedAdmin(admin.ModelAdmin):
    """Administrators' changes go to the same audit log as every other staff action."""

    def save_model(self, request, obj, form, change):
        before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        audit.record(request.user, "admin.change" if change else "admin.add", obj, before, audit.snapshot(obj))

    def delete_model(self, request, obj):
        audit.record(request.user, "admin.delete", obj, audit.snapshot(obj), None)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record(request.user, "admin.delete", obj, audit.snapshot(obj), None)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        # Inline rows are saved here, not through save_model: audit them one by one too.
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.record(request.user, "admin.delete", obj, audit.snapshot(obj), None)
            obj.delete()
        for obj in instances:
            before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if obj.pk else None
            obj.save()
            audit.record(request.user, "admin.change" if before else "admin.add", obj, before, audit.snapshot(obj))
        formset.save_m2m()


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("name", "code", "parent", "is_triage")
    list_filter = ("is_triage",)
    search_fields = ("name", "code")


@admin.register(User)
class StaffAdmin(AuditedAdmin, UserAdmin):
    list_display = ("username", "first_name", "last_name", "unit", "role", "is_active")
    list_filter = ("role", "unit", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("Organization", {"fields": ("unit", "role", "title")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, ("Organization", {"fields": ("unit", "role", "title")}))

    def save_model(self, request, obj, form, change):
        before = audit.snapshot(User.objects.get(pk=obj.pk), exclude_password()) if change else None
        admin.ModelAdmin.save_model(self, request, obj, form, change)
        audit.record(request.user, "admin.change" if change else "admin.add", obj, before,
                     audit.snapshot(obj, exclude_password()))


def exclude_password():
    return [f.name for f in User._meta.concrete_fields if f.name != "password"]


@admin.register(Holiday)
class HolidayAdmin(AuditedAdmin):
    list_display = ("date", "name")


@admin.register(AuditEntry)
class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody edits after the fact (audit entries, sent reports, survey answers): view only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "target_type", "target_repr")
    list_filter = ("action", "target_type")


class NotificationAttachmentInline(admin.TabularInline):
    model = NotificationAttachment
    fields = ("filename", "content_type", "size")
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description="size (bytes)")
    def size(self, obj):
        return len(obj.content or b"")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "recipient", "status")
    list_filter = ("channel", "status")
    readonly_fields = [f.name for f in Notification._meta.fields]
    inlines = [NotificationAttachmentInline]

    def has_add_permission(self, request):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: jobs are started from the staff pages and written by their tasks."""

    list_display = ("created_at", "kind", "target_repr", "unit", "started_by", "state", "done", "total")
    list_filter = ("kind", "state")
    readonly_fields = [f.name for f in Job._meta.fields]

    @admin.display(description="record")
    def target_repr(self, obj):
        return f"{obj.target_type} #{obj.target_id}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
