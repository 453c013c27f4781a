from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import keys
from .models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "prefix")
    fields = readonly_fields = ("name", "prefix", "key_hash", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        # A key is shown only once, at creation: `manage.py create_api_key NAME` prints it.
        return False

    def has_delete_permission(self, request, obj=None):
        # Revoke instead: the key's submissions and the audit trail keep pointing at it.
        return False

    def has_change_permission(self, request, obj=None):
        # Nothing on a key is edited; the change permission only guards the revoke action on the list.
        return obj is None and super().has_change_permission(request)

    @admin.action(description=_("Revoke the selected API keys"), permissions=["change"])
    def revoke(self, request, queryset):
        count = sum(keys.revoke(key, request.user) for key in queryset.filter(revoked_at__isnull=True))
        self.message_user(
            request, ngettext("%(count)d key revoked.", "%(count)d keys revoked.", count) % {"count": count},
            messages.SUCCESS,
        )
