from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mosharekat.api"
    label = "api"
    verbose_name = "API"
