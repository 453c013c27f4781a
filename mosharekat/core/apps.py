from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mosharekat.core"
    label = "core"
    verbose_name = "Organization"

    def ready(self):
        from . import signals  # noqa: F401  connects the audit receivers
