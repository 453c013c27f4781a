from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mosharekat.catalog.models import Service, Topic
from mosharekat.core.validators import clean_mobile
from mosharekat.desk.attachments import check_upload
from mosharekat.desk.forms import CleanTextMixin, bootstrap
from mosharekat.desk.models import Kind

from .keywords import DEFAULT_KIND

PHONE_INPUT = {"dir": "ltr", "inputmode": "tel", "autocomplete": "off"}


class PhoneCallForm(CleanTextMixin, forms.Form):
    """An operator registers a call on the caller's behalf."""

    text_fields = ("subject", "body", "contact_name")

    kind = forms.ChoiceField(label=_("kind"), choices=Kind.choices, initial=DEFAULT_KIND)
    service = forms.ModelChoiceField(
        label=_("service"), queryset=Service.objects.filter(is_active=True), required=False,
        empty_label=_("No particular service"),
    )
    topic = forms.ModelChoiceField(
        label=_("topic"), queryset=Topic.objects.filter(is_active=True), required=False, empty_label=_("No topic"),
    )
    subject = forms.CharField(label=_("subject"), max_length=200, min_length=3)
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, min_length=5)
    contact_name = forms.CharField(label=_("caller's name"), max_length=150, required=False)
    mobile = forms.CharField(
        label=_("caller's mobile"), max_length=20, required=False, widget=forms.TextInput(PHONE_INPUT)
    )
    email = forms.EmailField(label=_("caller's e-mail"), required=False, widget=forms.EmailInput({"dir": "ltr"}))
    is_anonymous = forms.BooleanField(label=_("the caller stays anonymous"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean_mobile(self):
        return clean_mobile(self.cleaned_data.get("mobile", ""))

    def clean(self):
        data = super().clean()
        if not data.get("is_anonymous") and not (data.get("mobile") or data.get("email")):
            raise ValidationError(_("Give the caller's mobile or e-mail, or mark the call anonymous."))
        return data


class VoicemailForm(forms.Form):
    """Staff upload a recording the exchange could not mail."""

    recording = forms.FileField(label=_("recording"))
    caller = forms.CharField(
        label=_("caller's number"), max_length=20, required=False, widget=forms.TextInput(PHONE_INPUT)
    )
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean_recording(self):
        upload = self.cleaned_data["recording"]
        content_type, name = check_upload(upload)
        if not content_type.startswith("audio/"):
            raise ValidationError(_("Upload an audio recording (MP3, WAV or OGG)."))
        return upload, content_type, name
