from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    """E-mail, SMS, phone and voicemail intake: adapters that call the desk (arrows point to the desk)."""

    name = "mosharekat.channels"
    label = "channels"
    verbose_name = _("Channels")

    def ready(self):
        checks.register(check_messenger)


def check_messenger(app_configs=None, **kwargs):
    from django.conf import settings

    if getattr(settings, "DESK_CITIZEN_MESSENGER", "") != "mosharekat.channels.messenger.tell_citizen":
        return [
            checks.Warning(
                "DESK_CITIZEN_MESSENGER does not point at the channels app: e-mail and SMS cases get the "
                "desk's generic message, without mail threading.",
                id="channels.W001",
            )
        ]
    return []
