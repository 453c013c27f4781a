from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "mosharekat.surveys"
    label = "surveys"
