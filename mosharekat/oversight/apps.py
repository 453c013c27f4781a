from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "mosharekat.oversight"
    label = "oversight"
