import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mosharekat.core.forms import CleanTextMixin, bootstrap
from mosharekat.core.text import only_digits

from .drafting import RESERVED_SLUGS, parse
from .models import Comment, Disposition, DraftDocument


def normalise_mobile(value: str) -> str:
    digits = only_digits(value)
    if digits.startswith("98") and len(digits) == 12:
        digits = "0" + digits[2:]
    if not re.fullmatch(r"09\d{9}", digits):
        raise forms.ValidationError(_("Enter a mobile number such as 09121234567."))
    return digits


class CodeRequestForm(forms.Form):
    mobile = forms.CharField(label=_("mobile"), max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean_mobile(self):
        return normalise_mobile(self.cleaned_data["mobile"])


class CommentForm(CleanTextMixin, forms.Form):
    text_fields = ("body", "replacement_text", "display_name")

    provision = forms.TypedChoiceField(label=_("provision"), required=False, coerce=int, empty_value=None)
    stance = forms.ChoiceField(label=_("stance"), choices=Comment.Stance.choices, widget=forms.RadioSelect)
    body = forms.CharField(label=_("comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    replacement_text = forms.CharField(label=_("proposed text"), required=False, max_length=5000,
                                       widget=forms.Textarea(attrs={"rows": 3}))
    display_name = forms.CharField(label=_("name shown"), required=False, max_length=100)
    mobile = forms.CharField(label=_("mobile"), required=False, max_length=20)
    code = forms.CharField(label=_("code"), required=False, max_length=10)
    token = forms.UUIDField(required=False, widget=forms.HiddenInput)  # see Comment.submission_token

    def __init__(self, *args, provisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("token"):
            # Kept when the page comes back after «send code» (initial = what was posted): the same form.
            self.initial["token"] = uuid.uuid4()
        self.fields["provision"].choices = [("", _("The whole draft"))] + [(p.pk, p.label) for p in provisions]
        bootstrap(self)

    def clean_mobile(self):
        value = self.cleaned_data.get("mobile", "")
        return normalise_mobile(value) if value.strip() else ""

    def clean_code(self):
        return only_digits(self.cleaned_data.get("code", ""))

    def clean(self):
        data = super().clean()
        if data.get("stance") == Comment.Stance.AMEND and not (data.get("replacement_text") or "").strip():
            self.add_error("replacement_text", _("An amendment needs the proposed text."))
        return data


class DispositionForm(CleanTextMixin, forms.Form):
    text_fields = ("reason",)
    decision = forms.ChoiceField(label=_("decision"), choices=Disposition.Decision.choices)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=3000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class RemovalForm(CleanTextMixin, forms.Form):
    text_fields = ("reason",)
    reason = forms.CharField(label=_("reason for removal"), max_length=300)


class ProvisionTextMixin:
    """A draft's text typed as lines («ماده ۱ - …») becomes ``cleaned_data["provisions"]``."""

    def clean(self):
        data = super().clean()
        if data.get("text"):
            try:
                data["provisions"] = parse(data["text"])
            except ValidationError as exc:
                self.add_error("text", exc)
        return data


class DraftForm(ProvisionTextMixin, CleanTextMixin, forms.ModelForm):
    """A draft's details and its whole text, typed as articles, notes and paragraphs."""

    text_fields = ("title", "summary", "text")
    text = forms.CharField(label=_("text of the draft"), max_length=200_000,
                           widget=forms.Textarea(attrs={"rows": 14, "aria-describedby": "text_format"}))

    class Meta:
        model = DraftDocument
        fields = ["kind", "title", "unit", "summary", "allow_anonymous", "slug"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["slug"].required = False
        bootstrap(self)

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This address is used by the site; choose another."))
        return slug


class PublishForm(forms.Form):
    period_days = forms.IntegerField(label=_("comment period in days"), required=False, min_value=1,
                                     max_value=365, widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class RevisionForm(ProvisionTextMixin, CleanTextMixin, forms.Form):
    text_fields = ("note", "text")
    note = forms.CharField(label=_("note"), required=False, max_length=300)
    text = forms.CharField(label=_("text of the revised version"), max_length=200_000,
                           widget=forms.Textarea(attrs={"rows": 14, "aria-describedby": "text_format"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)



class ReplyForm(CleanTextMixin, forms.Form):
    text_fields = ("body",)
    body = forms.CharField(label=_("official reply"), widget=forms.Textarea(attrs={"rows": 2}), max_length=3000)
