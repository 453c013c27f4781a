import uuid

import jdatetime
from django import forms
from django.utils.translation import gettext_lazy as _

from mosharekat.consultations.forms import normalise_mobile
from mosharekat.core.forms import CleanTextMixin, bootstrap
from mosharekat.core.text import only_digits

from .models import NewsComment


class NewsCommentForm(CleanTextMixin, forms.Form):
    text_fields = ("body", "display_name")
    stance = forms.ChoiceField(label=_("stance"), choices=NewsComment.Stance.choices)
    body = forms.CharField(label=_("comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)
    display_name = forms.CharField(label=_("name shown"), required=False, max_length=100)
    mobile = forms.CharField(label=_("mobile"), required=False, max_length=20)
    code = forms.CharField(label=_("code"), required=False, max_length=10)
    token = forms.UUIDField(required=False, widget=forms.HiddenInput)  # see NewsComment.submission_token

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("token"):
            # Kept when the page comes back after «send code» (initial = what was posted): the same form.
            self.initial["token"] = uuid.uuid4()
        bootstrap(self)

    def clean_mobile(self):
        value = self.cleaned_data.get("mobile", "")
        return normalise_mobile(value) if value.strip() else ""

    def clean_code(self):
        return only_digits(self.cleaned_data.get("code", ""))


class ReplyForm(CleanTextMixin, forms.Form):
    text_fields = ("body",)
    body = forms.CharField(label=_("reply"), widget=forms.Textarea(attrs={"rows": 2}), max_length=3000)


class ReportForm(forms.Form):
    """A Jalali month (year + month) or a range of Jalali dates typed as 1403/01/01."""

    year = forms.CharField(label=_("year"), required=False, max_length=4)
    month = forms.TypedChoiceField(label=_("month"), required=False, coerce=int, empty_value=None,
                                   choices=[("", "—")] + [(i, str(i)) for i in range(1, 13)])
    start = forms.CharField(label=_("from"), required=False, max_length=10)
    end = forms.CharField(label=_("to"), required=False, max_length=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    @staticmethod
    def _date(text):
        try:
            y, m, d = (int(x) for x in only_digits_slash(text).split("/"))
            return jdatetime.date(y, m, d).togregorian()
        except (ValueError, TypeError):
            raise forms.ValidationError(_("Enter a Jalali date such as 1403/01/15.")) from None

    def clean(self):
        from .services import jalali_month

        data = super().clean()
        if data.get("start") and data.get("end"):
            data["range"] = (self._date(data["start"]), self._date(data["end"]))
        elif data.get("year") and data.get("month"):
            data["range"] = jalali_month(int(only_digits(data["year"])), data["month"])
        else:
            raise forms.ValidationError(_("Choose a Jalali month or a range."))
        if data["range"][1] < data["range"][0]:
            raise forms.ValidationError(_("The range ends before it starts."))
        return data


def only_digits_slash(text: str) -> str:
    return "/".join(only_digits(part) for part in text.replace("-", "/").split("/"))


class SendForm(CleanTextMixin, forms.Form):
    text_fields = ("authority",)
    authority = forms.CharField(label=_("competent authority"), max_length=200)
    email = forms.EmailField(label=_("sent to e-mail"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
