from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "mosharekat.desk"
    label = "desk"
    verbose_name = "Service desk"
