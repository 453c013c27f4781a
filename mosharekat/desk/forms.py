"""Forms validate and normalise (digits, letters) before the services see the data."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mosharekat.catalog import refdata
from mosharekat.catalog.models import Service
from mosharekat.catalog.services import active_service, active_topic
from mosharekat.core.forms import CleanTextMixin, bootstrap
from mosharekat.core.forms import MultipleFileField as _FilesField
from mosharekat.core.models import Unit
from mosharekat.core.validators import clean_mobile, clean_national_id

from .attachments import check_uploads
from .models import CannedAnswer, Kind, Status


class MultipleFileField(_FilesField):
    """Attachments of the desk: checked by content against the desk's limits."""

    def check(self, files):
        return check_uploads(files)


LTR_DIGITS = {"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}


def _service_choices():
    return list(Service.objects.filter(is_active=True).order_by("title").values_list("code", "title"))


class SubmitForm(CleanTextMixin, forms.Form):
    text_fields = ("subject", "body", "contact_name")

    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.RadioSelect)
    # Codes, not querysets: Django copies every field for every form, and copying the two querysets was a
    # quarter of building the form. The options come from the per-process service list; clean_service gives
    # the Service.
    service = forms.ChoiceField(required=False)
    topic = forms.SlugField(required=False, widget=forms.HiddenInput)
    subject = forms.CharField(max_length=200, min_length=3)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=5000, min_length=10)
    is_anonymous = forms.BooleanField(required=False)
    contact_name = forms.CharField(max_length=150, required=False, widget=forms.TextInput({"autocomplete": "name"}))
    mobile = forms.CharField(
        max_length=20, required=False, widget=forms.TextInput({"dir": "ltr", "inputmode": "tel", "autocomplete": "tel"})
    )
    email = forms.EmailField(required=False, widget=forms.EmailInput({"dir": "ltr", "autocomplete": "email"}))
    national_id = forms.CharField(max_length=20, required=False, widget=forms.TextInput(LTR_DIGITS))
    attachments = MultipleFileField()
    token = forms.UUIDField(required=False, widget=forms.HiddenInput)  # see Case.submission_token

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4()
        # The options from the per-process copy (the page is shown to every submitter).
        self.fields["service"].choices = [
            ("", _("No particular service")), *refdata.get("catalog:service-choices", _service_choices)]
        bootstrap(self)

    def clean_service(self):
        code = self.cleaned_data["service"]
        if not code:
            return None
        service = active_service(code)  # the per-process copy, as the API's
        if service is None:  # deactivated since the page was shown
            raise ValidationError(self.fields["service"].error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": code})
        return service

    def clean_topic(self):
        slug = self.cleaned_data["topic"]
        if not slug:
            return None
        topic = active_topic(slug)
        if topic is None:  # the field is hidden: say it above the form
            self.add_error(None, _("This topic no longer takes messages; choose a service or write without one."))
        return topic

    def clean_mobile(self):
        return clean_mobile(self.cleaned_data["mobile"])

    def clean_national_id(self):
        return clean_national_id(self.cleaned_data["national_id"])

    def clean(self):
        data = super().clean()
        if not data.get("is_anonymous") and not (data.get("mobile") or data.get("email")) and not (
            self.has_error("mobile") or self.has_error("email")
        ):
            raise ValidationError(_("Give a mobile number or an e-mail address, or choose to stay anonymous."))
        return data


class TrackForm(forms.Form):
    code = forms.CharField(max_length=40, widget=forms.TextInput(LTR_DIGITS))
    contact = forms.CharField(max_length=254, required=False, widget=forms.TextInput({"dir": "ltr"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class FollowUpForm(CleanTextMixin, forms.Form):
    text_fields = ("body",)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, min_length=2)
    attachments = MultipleFileField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class AnswerForm(CleanTextMixin, forms.Form):
    text_fields = ("body",)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)
    attachments = MultipleFileField()


class NoteForm(CleanTextMixin, forms.Form):
    text_fields = ("body",)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)


class ReassignForm(CleanTextMixin, forms.Form):
    text_fields = ("reason",)
    unit = forms.ModelChoiceField(queryset=Unit.objects.all())
    reason = forms.CharField(max_length=300)


class MergeForm(forms.Form):
    target_code = forms.CharField(max_length=40)


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "—"), *Status.choices], required=False)
    kind = forms.ChoiceField(choices=[("", "—"), *Kind.choices], required=False)
    channel = forms.ChoiceField(required=False)
    service = forms.ModelChoiceField(queryset=Service.objects.all(), required=False)
    overdue = forms.BooleanField(required=False)
    # How words, quotes and digits are matched: desk/search.py; the hint under the form says it in Persian.
    q = forms.CharField(
        max_length=200, required=False, widget=forms.TextInput(attrs={"type": "search", "aria-describedby": "f-q-hint"})
    )

    def __init__(self, *args, **kwargs):
        from mosharekat.catalog.models import Channel

        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "—"), *Channel.choices]
        bootstrap(self)


def canned_answers_for(case):
    return CannedAnswer.objects.filter(unit=case.unit)
