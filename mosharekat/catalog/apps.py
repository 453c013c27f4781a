from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "mosharekat.catalog"
    label = "catalog"
    verbose_name = "Service catalogue"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import refdata

        refdata.connect(post_save, post_delete)
