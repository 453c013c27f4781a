from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "mosharekat.committee"
    label = "committee"
