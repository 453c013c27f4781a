from django.db import models
from django.utils.translation import gettext_lazy as _

from mosharekat.core.models import Unit
from mosharekat.core.text import search_key


class Channel(models.TextChoices):
    """Ways a citizen reaches the organization; cases and service cards share this list."""

    WEB = "web", _("Web portal")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    PHONE = "phone", _("Phone")
    VOICEMAIL = "voicemail", _("Voicemail")
    IN_PERSON = "in_person", _("In person")
    API = "api", _("API (Open311)")


class Topic(models.Model):
    """A subject with its own hotline, keyword or page (e.g. a national programme); routes to its unit."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    unit = models.ForeignKey(Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Hotlines: a dedicated phone line / SMS number and an SMS keyword point calls and texts at the topic.
    phone_line = models.CharField(
        _("phone line"), max_length=30, blank=True, help_text=_("The topic's own phone or SMS number, if any.")
    )
    sms_keyword = models.CharField(
        _("SMS keyword"), max_length=50, blank=True, help_text=_("A text starting with this word goes to the topic.")
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sms_keyword"], condition=~models.Q(sms_keyword=""), name="topic_unique_sms_keyword"
            )
        ]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class Service(models.Model):
    """A service identity card (شناسنامه خدمت)."""

    title = models.CharField(_("title"), max_length=250)
    code = models.CharField(_("national service code"), max_length=30, unique=True)
    description = models.TextField(_("description"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="services"
    )
    email = models.EmailField(_("dedicated e-mail address"), blank=True)
    required_documents = models.TextField(_("required documents"), blank=True, help_text=_("One per line."))
    steps = models.TextField(_("steps"), blank=True, help_text=_("One per line, in order."))
    expected_duration = models.CharField(_("expected duration"), max_length=200, blank=True)
    fees = models.CharField(_("fees"), max_length=200, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["title"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = search_key(" ".join([self.title, self.code, self.description, self.legal_basis]))
        super().save(*args, **kwargs)

    @property
    def document_list(self):
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]

    @property
    def step_list(self):
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    def channel_labels(self):
        labels = dict(Channel.choices)
        return [labels[c] for c in self.channels if c in labels]


class Contact(models.Model):
    """An entry of the contact directory («ارتباط با ما»): a manager or deputy."""

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contact directory")

    def __str__(self):
        return f"{self.title} — {self.name}"
