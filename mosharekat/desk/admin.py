from django.contrib import admin

from mosharekat.core.admin import AuditedAdmin

from .models import CannedAnswer, ResponseTime, RoutingRule


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedAdmin):
    list_display = ("name", "priority", "kind", "topic", "unit", "is_active")
    list_editable = ("priority", "is_active")
    list_filter = ("unit", "kind", "is_active")


@admin.register(CannedAnswer)
class CannedAnswerAdmin(AuditedAdmin):
    list_display = ("title", "unit")
    list_filter = ("unit",)


@admin.register(ResponseTime)
class ResponseTimeAdmin(AuditedAdmin):
    list_display = ("kind", "working_days")
