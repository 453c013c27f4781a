from django.db import models
from django.utils.translation import gettext_lazy as _

from mosharekat.desk.models import Case


class ApiKey(models.Model):
    """A client's key for the Open311 API. Only its SHA-256 is kept, so a database leak gives no usable key."""

    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=8, db_index=True, help_text=_("The key's first characters."))
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None


class ApiSubmission(models.Model):
    """Which key submitted a case: a key lists only its own requests, since every code is an access secret."""

    key = models.ForeignKey(ApiKey, verbose_name=_("API key"), on_delete=models.PROTECT, related_name="submissions")
    case = models.OneToOneField(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="api_submission")
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    # The client's Idempotency-Key (empty when none was sent) and a digest of the request's fields: a retry
    # with the same key replays this case. The unique constraint, not a lookup, stops racing duplicates.
    idempotency_key = models.CharField(_("idempotency key"), max_length=255, blank=True, default="")
    request_digest = models.CharField(_("request digest"), max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("API submission")
        verbose_name_plural = _("API submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="api_one_case_per_idempotency_key",
            )
        ]

    def __str__(self):
        return f"{self.key.prefix}… → {self.case.tracking_code}"
