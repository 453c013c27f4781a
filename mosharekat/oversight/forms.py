"""Forms validate and normalise (Persian/Arabic digits and letters) before the services see the data."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mosharekat.core.forms import CleanTextMixin, MultipleFileField, bootstrap

from . import receipts, sanitize
from .models import OversightBody, ReporterRole, Status


class EvidenceField(MultipleFileField):
    """Several files; each is checked by content and stripped of metadata here, in the form."""

    def check(self, files):
        return sanitize.clean_uploads(files)


class FormTokenField(forms.UUIDField):
    """The form's one-time token (see Report.submission_token). One that is not a UUID (a page opened
    before tokens were UUIDs, or altered) is no token: the report is still sent, only not recognised
    if sent again. A reporter must never be stopped by a field they cannot see."""

    widget = forms.HiddenInput

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            return None


class ReportForm(CleanTextMixin, forms.Form):
    text_fields = ("subject", "text", "named_unit", "name", "contact")

    body = forms.ModelChoiceField(
        queryset=OversightBody.objects.filter(is_active=True), widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": _("Choose the oversight body that should receive the report.")},
    )
    subject = forms.CharField(max_length=200, min_length=3)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=20000, min_length=20)
    named_unit = forms.CharField(max_length=300, required=False)
    evidence = EvidenceField()
    identify = forms.BooleanField(required=False)
    reporter_role = forms.ChoiceField(choices=[("", _("Prefer not to say")), *ReporterRole.choices], required=False)
    name = forms.CharField(max_length=150, required=False, widget=forms.TextInput({"autocomplete": "off"}))
    contact = forms.CharField(max_length=254, required=False, widget=forms.TextInput({"autocomplete": "off"}))
    form_token = FormTokenField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = uuid.uuid4()  # random: no link to the reporter, kept nowhere
        self.fields["body"].label_from_instance = lambda body: f"{body.name} ({body.get_kind_display()})"
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if data.get("identify"):
            if not data.get("name"):
                self.add_error("name", _("Give your name, or untick «identify me» to stay anonymous."))
        elif data.get("name") or data.get("contact"):
            # Never store an identity the reporter did not choose to give, and never drop it silently.
            raise ValidationError(_("You wrote a name or contact detail but chose to stay anonymous. "
                                    "Tick «identify me» to send them, or clear them."))
        return data

    def identity(self) -> str:
        data = self.cleaned_data
        if not data.get("identify"):
            return ""
        return "\n".join(part for part in (data.get("name"), data.get("contact")) if part)


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        max_length=60, widget=forms.TextInput({"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Enter your receipt number.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean_receipt(self):
        value = self.cleaned_data["receipt"]
        if receipts.parse(value) is None:
            raise ValidationError(_("This receipt number is not valid; it has 21 digits. Please check them."))
        return value


class MessageForm(CleanTextMixin, forms.Form):
    text_fields = ("text",)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=10000, required=False)
    evidence = EvidenceField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if not data.get("text") and not data.get("evidence") and not self.has_error("evidence"):
            raise ValidationError(_("Write a message or attach a file."))
        return data


class ReplyForm(CleanTextMixin, forms.Form):
    text_fields = ("text",)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=10000, min_length=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class ExportForm(forms.Form):
    passphrase = forms.CharField(min_length=16, max_length=100, widget=forms.TextInput({"dir": "ltr"}))
    via = forms.ChoiceField(choices=[("download", _("Download")), ("email", _("E-mail"))], widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
