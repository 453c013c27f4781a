from django import forms
from django.utils.translation import gettext_lazy as _

from mosharekat.core.models import Unit

from .models import Committee, Resolution


class RegisterFilterForm(forms.Form):
    committee = forms.ModelChoiceField(queryset=Committee.objects.all(), required=False, empty_label=_("All"))
    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), required=False, empty_label=_("All"))
    status = forms.ChoiceField(choices=[("", _("All")), *Resolution.Status.choices], required=False)
    overdue = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-select"
            field.widget.attrs.setdefault("class", css)
