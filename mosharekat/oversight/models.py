"""Oversight bodies and the violation reports sent to them (Article 9, clause 1).

Everything a reporter writes is in ``EncryptedTextField`` columns or encrypted files. Dates are
kept to the day: exact timestamps could be matched against a web server's access log and so undo
anonymity. Reports are never registered in the Django admin.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import EncryptedTextField


class OversightBody(models.Model):
    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        EXTERNAL = "external", _("External")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Encrypted exports of reports are sent here."))
    retention_days = models.PositiveIntegerField(
        _("retention (days)"), default=730, help_text=_("Reports are deleted this many days after submission.")
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("officers"), blank=True, related_name="oversight_bodies",
        limit_choices_to={"role": "oversight"},
    )
    is_active = models.BooleanField(_("accepts reports"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("oversight body")
        verbose_name_plural = _("oversight bodies")
        constraints = [
            models.CheckConstraint(condition=models.Q(retention_days__gte=1), name="body_retention_positive")
        ]

    def __str__(self):
        return self.name

    @property
    def is_external(self):
        return self.kind == self.Kind.EXTERNAL


class ReporterRole(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    EMPLOYEE = "employee", _("Employee of the organization")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("Under review")
    CLOSED = "closed", _("Closed")


class Report(models.Model):
    # A random id: report URLs cannot be enumerated, and ids say nothing about how many reports exist.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    body = models.ForeignKey(OversightBody, verbose_name=_("oversight body"), on_delete=models.PROTECT,
                             related_name="reports")
    created_on = models.DateField(_("submitted on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    subject = EncryptedTextField(_("subject"))
    text = EncryptedTextField(_("text"))
    named_unit = EncryptedTextField(_("unit or person concerned"), blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=True)
    identity = EncryptedTextField(_("identity"), blank=True)
    # Citizen or employee: an employee reporting on their own agency is itself sensitive, so encrypted too.
    reporter_role = EncryptedTextField(_("reporter"), blank=True)
    # Only a slow hash of the receipt; ``receipt_index`` (a short keyed digest) finds the row to check.
    receipt_hash = models.CharField(max_length=200)
    receipt_index = models.CharField(max_length=16, db_index=True)
    # A keyed digest of the form's one-time token (a random UUID drawn when the form is shown, kept nowhere
    # else): the same form sent again finds this report instead of making a second one. Says nothing of
    # who sent it or when.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_on"]
        verbose_name = _("violation report")
        verbose_name_plural = _("violation reports")

    def __str__(self):
        # Used by the audit log: an opaque reference, never the report's content.
        return f"report {str(self.pk)[:8]}"

    @property
    def reference(self):
        return str(self.pk)[:8]

    def expires_on(self) -> datetime.date:
        return self.created_on + datetime.timedelta(days=self.body.retention_days)


class Message(models.Model):
    class Author(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        OFFICER = "officer", _("Oversight officer")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    # The officer is known to the organization; the reporter never is.
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    text = EncryptedTextField(_("text"))
    created_on = models.DateField(_("date"))

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"message {self.pk}"


def _attachment_path(instance, filename):
    return f"oversight/{uuid.uuid4().hex}.bin"


class Attachment(models.Model):
    """Evidence: the file on disk is Fernet-encrypted after its metadata was stripped."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    name = EncryptedTextField(_("file name"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"attachment {self.pk}"
