"""Administrators add and change surveys, questions (scale, choice, text), counters and kiosks without code.
Every change goes to the audit log through ``AuditedAdmin``."""

from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mosharekat.core.admin import AuditedAdmin, ReadOnlyAdmin

from .models import Counter, Invitation, Kiosk, Question, Response, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1
    fields = ("order", "text", "kind", "choices", "help_text", "required", "is_active", "code")


@admin.register(Survey)
class SurveyAdmin(AuditedAdmin):
    list_display = ("title", "kind", "slug", "is_active", "opens_on", "closes_on")
    list_filter = ("kind", "is_active")
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(AuditedAdmin):
    list_display = ("text", "survey", "kind", "order", "required", "is_active")
    list_filter = ("survey", "kind", "is_active")
    search_fields = ("text",)


@admin.register(Counter)
class CounterAdmin(AuditedAdmin):
    list_display = ("name", "unit", "is_active")
    list_filter = ("unit", "is_active")


@admin.register(Kiosk)
class KioskAdmin(AuditedAdmin):
    list_display = ("name", "unit", "service", "counter", "daily_limit", "is_active")
    list_filter = ("unit", "is_active")
    readonly_fields = ("kiosk_address",)

    @admin.display(description=_("address to open on the tablet"))
    def kiosk_address(self, obj):
        return settings.SITE_URL + reverse("surveys:kiosk", args=[obj.key]) if obj.pk else "—"


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("case", "created_at", "expires_at", "used_at")
    readonly_fields = ("case", "survey", "staff", "created_at", "expires_at", "used_at")
    exclude = ("token_hash",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ("pk", "survey", "submitted_at", "source", "service", "unit", "staff")
    list_filter = ("survey", "source", "unit")
