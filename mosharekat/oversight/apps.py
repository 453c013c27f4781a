from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "mosharekat.oversight"
    label = "oversight"
    verbose_name = _("Violation reports")

    def ready(self):
        from . import signals  # noqa: F401  connects the file clean-up
