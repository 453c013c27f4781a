from django.db import models
from django.utils.translation import gettext_lazy as _

from mosharekat.core.models import Notification
from mosharekat.desk.models import Case


class InboundMessage(models.Model):
    """Every message a channel accepted, stored before anything is acknowledged.

    The (channel, external id) pair is unique: a mail server or SMS provider that delivers the same
    message again (same Message-ID, same provider message id) never creates a second case.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received, not yet processed")
        CASE = "case", _("Created a case")
        FOLLOW_UP = "follow_up", _("Added to a case")
        IGNORED = "ignored", _("Ignored")
        LIMITED = "limited", _("Refused by the rate limit")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    external_id = models.CharField(_("message id"), max_length=255)
    sender = models.CharField(_("sender"), max_length=254, blank=True)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    raw = models.BinaryField(_("raw message"), editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    case = models.ForeignKey(
        Case, verbose_name=_("case"), null=True, blank=True, on_delete=models.SET_NULL, related_name="inbound_messages"
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "external_id"], name="channels_inbound_unique_external_id")
        ]
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")

    def __str__(self):
        return f"{self.channel} {self.external_id}"


class OutboundMail(models.Model):
    """A mail the platform sent about a case: its Message-ID lets replies thread into the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outbound_mails")
    notification = models.OneToOneField(Notification, on_delete=models.CASCADE, related_name="outbound_mail")
    message_id = models.CharField(max_length=255, unique=True)
    from_address = models.CharField(max_length=254)
    in_reply_to = models.CharField(max_length=255, blank=True)
    references = models.TextField(blank=True)
    auto_submitted = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.message_id
