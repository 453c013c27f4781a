"""Administrators configure oversight bodies and their officers. Reports are deliberately not
registered: the admin must not become a way around the officers-only rule."""

from django.contrib import admin

from mosharekat.core.admin import AuditedAdmin

from .models import OversightBody


@admin.register(OversightBody)
class OversightBodyAdmin(AuditedAdmin):
    list_display = ("name", "kind", "email", "retention_days", "is_active")
    list_filter = ("kind", "is_active")
    filter_horizontal = ("officers",)

    def save_related(self, request, form, formsets, change):
        # Officers decide who reads reports, so changes to the list are audited too.
        before = sorted(form.instance.officers.values_list("username", flat=True)) if change else []
        super().save_related(request, form, formsets, change)
        after = sorted(form.instance.officers.values_list("username", flat=True))
        if before != after:
            from mosharekat.core import audit

            audit.record(request.user, "admin.officers", form.instance, {"officers": before}, {"officers": after})
