"""Form pieces every app uses: several files in one field, and Bootstrap classes on widgets."""

from django import forms

from .text import clean_text


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several optional files; subclasses give ``check(files)`` the app's own content rules."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return self.check([super(MultipleFileField, self).clean(f, initial) for f in files if f])

    def check(self, files):
        return files


def bootstrap(form):
    """Bootstrap classes on every widget, so templates stay simple."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.RadioSelect, forms.CheckboxInput)):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class CleanTextMixin:
    """Store Persian text one way (ی/ک, no control characters) whatever keyboard typed it."""

    text_fields = ()

    def clean(self):
        data = super().clean()
        for name in self.text_fields:
            if isinstance(data.get(name), str):
                data[name] = clean_text(data[name])
        return data
