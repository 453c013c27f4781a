from django.contrib import admin

from .models import InboundMessage


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    """What arrived by mail and SMS and what became of it (read-only: the record of intake)."""

    list_display = ("received_at", "channel", "sender", "subject", "status", "reason", "case")
    list_filter = ("channel", "status")
    search_fields = ("sender", "subject", "external_id", "case__tracking_code")
    readonly_fields = [f.name for f in InboundMessage._meta.fields if f.name != "raw"]
    exclude = ("raw",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
