from django import forms
from django.contrib import admin

from mosharekat.core.admin import AuditedAdmin

from .models import Channel, Contact, Service, Topic


class ServiceForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(choices=Channel.choices, required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Service
        fields = ("title", "code", "description", "unit", "email", "required_documents", "steps",
                  "expected_duration", "fees", "legal_basis", "channels", "is_active")


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    form = ServiceForm
    list_display = ("title", "code", "unit", "email", "is_active")
    list_filter = ("unit", "is_active")
    search_fields = ("title", "code")


@admin.register(Topic)
class TopicAdmin(AuditedAdmin):
    list_display = ("name", "slug", "unit", "is_active")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Contact)
class ContactAdmin(AuditedAdmin):
    list_display = ("title", "name", "unit", "phone", "extension", "email", "order")
    list_editable = ("order",)
