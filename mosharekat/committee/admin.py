"""Staff keep the minutes in the admin; every change, inline rows included, goes to the audit log."""

from django.contrib import admin
from django.db import models

from mosharekat.core.admin import AuditedAdmin

from .models import Attendee, Committee, Meeting, Resolution


class HttpsUrlMixin:
    """Addresses typed without a scheme become https:// (Django 6's default, chosen now)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 2


class ResolutionInline(HttpsUrlMixin, admin.StackedInline):
    model = Resolution
    extra = 1
    fields = (("number", "status"), "text", ("responsible_unit", "deadline"), ("link_title", "link_url"))


@admin.register(Committee)
class CommitteeAdmin(AuditedAdmin):
    list_display = ("name", "unit")


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ("committee", "number", "date", "is_published")
    list_filter = ("committee", "is_published")
    inlines = [AttendeeInline, ResolutionInline]


@admin.register(Resolution)
class ResolutionAdmin(HttpsUrlMixin, AuditedAdmin):
    list_display = ("meeting", "number", "responsible_unit", "deadline", "status")
    list_filter = ("status", "responsible_unit", "meeting__committee")
    list_editable = ("status",)
    search_fields = ("text",)
