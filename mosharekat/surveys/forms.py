"""Survey forms: built from the survey's questions (data, not code); digits and letters normalised."""


import jdatetime
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mosharekat.catalog.models import Service
from mosharekat.core.models import Unit
from mosharekat.core.text import clean_text, latin_digits, persian_digits

from . import stats
from .models import Counter, Question, Survey

SCALE_LABELS = {1: _("Very bad"), 2: _("Bad"), 3: _("Fair"), 4: _("Good"), 5: _("Very good")}


class ScaleField(forms.TypedChoiceField):
    """1–5; accepts Persian and Arabic-Indic digits as well («۵»)."""

    def __init__(self, **kwargs):
        choices = [(str(n), f"{persian_digits(n)} — {SCALE_LABELS[n]}") for n in range(5, 0, -1)]
        super().__init__(choices=choices, coerce=int, widget=forms.RadioSelect, **kwargs)
        self.error_messages["required"] = _("Choose a score from 1 to 5.")
        self.error_messages["invalid_choice"] = _("Choose a score from 1 to 5.")

    def to_python(self, value):
        return latin_digits(super().to_python(value)).strip()


class ResponseForm(forms.Form):
    """One field per active question, named ``q<pk>``."""

    def __init__(self, survey, data=None, *args, **kwargs):
        self.survey = survey
        self.questions = list(survey.questions.filter(is_active=True))
        if data is not None:
            # Persian/Arabic digits («۵») become Latin before binding, so a re-shown form keeps the choice.
            data = data.copy()
            for question in self.questions:
                name = f"q{question.pk}"
                if question.kind == Question.Kind.SCALE and name in data:
                    data[name] = latin_digits(data[name]).strip()
        super().__init__(data, *args, **kwargs)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = self._field(question)

    @staticmethod
    def _field(question):
        common = {"required": question.required, "label": question.text, "help_text": question.help_text}
        if question.kind == Question.Kind.SCALE:
            return ScaleField(**common)
        if question.kind == Question.Kind.CHOICE:
            field = forms.ChoiceField(choices=[(c, c) for c in question.choice_list()], widget=forms.RadioSelect,
                                      **common)
            field.error_messages["required"] = _("Choose one of the options.")
            return field
        field = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                                **common)
        field.error_messages["max_length"] = _("Please keep the text under 2000 characters.")
        return field

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.TEXT and isinstance(data.get(name), str):
                data[name] = clean_text(data[name])
        return data

    def answers(self):
        return {q: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    def bound_questions(self):
        """(question, bound field) pairs for the template."""
        return [(q, self[f"q{q.pk}"]) for q in self.questions]


class ServiceChoiceForm(forms.Form):
    """The public entry point: which service the visitor is rating (optional)."""

    service = forms.ModelChoiceField(
        queryset=Service.objects.filter(is_active=True), to_field_name="code", required=False,
        empty_label=_("Choose the service"), widget=forms.Select(attrs={"class": "form-select"}),
    )


def month_choices(count=24):
    current = stats.month_key(timezone.localdate())
    keys = [stats.shift_month(current, -i) for i in range(count)]
    return [(f"{y}-{m:02d}", stats.month_label((y, m))) for y, m in keys]


def parse_month(value):
    value = latin_digits(value or "").replace("/", "-").strip()
    try:
        year, month = (int(part) for part in value.split("-"))
    except ValueError:
        return None
    return (year, month) if 1 <= month <= 12 and 1300 < year < 1600 else None


class DashboardFilterForm(forms.Form):
    survey = forms.ModelChoiceField(queryset=Survey.objects.all(), required=False, empty_label=None)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, empty_label=_("All units"))
    service = forms.ModelChoiceField(queryset=Service.objects.none(), required=False,
                                     empty_label=_("All services"))
    staff = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False,
                                   empty_label=_("All staff"))
    start = forms.ChoiceField(required=False)
    end = forms.ChoiceField(required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit_qs = Unit.objects.all() if units is None else Unit.objects.filter(pk__in=units)
        self.fields["unit"].queryset = unit_qs
        self.fields["service"].queryset = Service.objects.filter(unit__in=unit_qs)
        self.fields["staff"].queryset = get_user_model().objects.filter(unit__in=unit_qs, is_active=True).order_by(
            "last_name", "first_name")
        self.fields["staff"].label_from_instance = lambda u: u.get_full_name() or u.username
        choices = month_choices()
        self.fields["start"].choices = self.fields["end"].choices = choices
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select")
        if units is not None and not units:  # own results only: no unit, service or staff choice
            for name in ("unit", "staff"):
                del self.fields[name]

    def period(self, default_months=6):
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        first, last = parse_month(data.get("start")), parse_month(data.get("end"))
        current = stats.month_key(timezone.localdate())
        last = last or current
        first = first or stats.shift_month(last, -(default_months - 1))
        if first > last:
            first, last = last, first
        return first, last


def jalali_to_date(value):
    value = latin_digits(value or "").replace("-", "/").strip()
    try:
        year, month, day = (int(p) for p in value.split("/"))
        return jdatetime.date(year, month, day).togregorian()
    except (ValueError, TypeError):
        return None


class PaperEntryForm(forms.Form):
    """What is written at the top of a paper form, typed in by staff."""

    service = forms.ModelChoiceField(queryset=Service.objects.none(), required=False,
                                     empty_label=_("No particular service"))
    counter = forms.ModelChoiceField(queryset=Counter.objects.none(), required=False, empty_label=_("No counter"))
    staff = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False,
                                   empty_label=_("Not named"))
    visit_date = forms.CharField(max_length=12, widget=forms.TextInput({"dir": "ltr", "inputmode": "numeric"}),
                                 help_text=_("e.g. 1403/05/20"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit_qs = Unit.objects.all() if units is None else Unit.objects.filter(pk__in=units)
        self.fields["service"].queryset = Service.objects.filter(unit__in=unit_qs, is_active=True)
        self.fields["counter"].queryset = Counter.objects.filter(unit__in=unit_qs, is_active=True)
        self.fields["staff"].queryset = get_user_model().objects.filter(unit__in=unit_qs, is_active=True)
        self.fields["staff"].label_from_instance = lambda u: u.get_full_name() or u.username
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if isinstance(field.widget, forms.Select)
                                          else "form-control")

    def clean_visit_date(self):
        day = jalali_to_date(self.cleaned_data["visit_date"])
        if day is None:
            raise forms.ValidationError(_("Write the date as year/month/day in the Jalali calendar, e.g. 1403/05/20."))
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of the visit cannot be in the future."))
        return day

    def clean(self):
        data = super().clean()
        if not (data.get("service") or data.get("counter") or data.get("staff")):
            raise forms.ValidationError(_("Choose the service, the counter or the staff member named on the form."))
        return data


class PrintForm(forms.Form):
    service = forms.ModelChoiceField(queryset=Service.objects.none(), required=False, to_field_name="code",
                                     empty_label=_("No particular service"))
    counter = forms.ModelChoiceField(queryset=Counter.objects.none(), required=False, empty_label=_("No counter"))
    staff = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False,
                                   empty_label=_("Not named"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit_qs = Unit.objects.all() if units is None else Unit.objects.filter(pk__in=units)
        self.fields["service"].queryset = Service.objects.filter(unit__in=unit_qs, is_active=True)
        self.fields["counter"].queryset = Counter.objects.filter(unit__in=unit_qs, is_active=True)
        self.fields["staff"].queryset = get_user_model().objects.filter(unit__in=unit_qs, is_active=True)
        self.fields["staff"].label_from_instance = lambda u: u.get_full_name() or u.username
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select")

    def clean(self):
        data = super().clean()
        if not (data.get("service") or data.get("counter") or data.get("staff")):
            raise forms.ValidationError(_("Choose a service, a counter or a staff member for the form."))
        return data
