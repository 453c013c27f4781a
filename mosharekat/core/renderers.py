"""The form renderer: Django's own widget templates in their Jinja2 version (the same HTML, compared page by
page, for a quarter to a third less CPU on the submit form, whose 11 widgets were most of its cost —
bench/README.md). Templates that exist only for Django's template engine (the admin's widgets) are
rendered by it, as with Django's default renderer."""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


class FormRenderer(Jinja2):
    @cached_property
    def _django(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._django.get_template(template_name)
