from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "mosharekat.catalog"
    label = "catalog"
    verbose_name = "Service catalogue"
