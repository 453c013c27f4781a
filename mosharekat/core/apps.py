from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mosharekat.core"
    label = "core"
    verbose_name = "Organization"
