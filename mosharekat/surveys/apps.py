from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "mosharekat.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        # The desk does not know the surveys (arrows point to core): the surveys listen to the
        # desk's case history and invite the citizen when a case is answered, refused or closed.
        from mosharekat.desk.models import Event

        from . import signals

        post_save.connect(signals.case_event_saved, sender=Event, dispatch_uid="surveys.invite_after_case")
        post_migrate.connect(signals.create_standard_surveys, sender=self, dispatch_uid="surveys.standard")
