"""Satisfaction surveys (Article 9 clause 5): surveys and their questions are data, responses are tied to
the service, unit, staff member or counter that served the visitor and, after a case, to that case."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mosharekat.catalog.models import Service
from mosharekat.core.models import Unit
from mosharekat.desk.models import Case

SCALE = range(1, 6)  # 1 = very dissatisfied … 5 = very satisfied
SATISFIED_FROM = 4  # a response "satisfied" scores 4 or 5


class Survey(models.Model):
    class Kind(models.TextChoices):
        SERVICE = "service", _("Service satisfaction")
        SITE = "site", _("Portal (site) survey")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    slug = models.SlugField(_("address"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.title

    def is_open(self, today=None) -> bool:
        """Open is computed from the dates, never stored."""
        today = today or timezone.localdate()
        if not self.is_active:
            return False
        if self.opens_on and today < self.opens_on:
            return False
        return not (self.closes_on and today > self.closes_on)


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale 1–5")
        CHOICE = "choice", _("Multiple choice")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    code = models.SlugField(
        _("code"), max_length=40, blank=True,
        help_text=_("Set for the standard questions (process, accuracy, behaviour, overall, suggestion); "
                    "leave empty for questions you add."),
    )
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SCALE)
    choices = models.TextField(_("choices"), blank=True, help_text=_("For multiple choice: one choice per line."))
    required = models.BooleanField(_("required"), default=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["survey", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"], condition=~models.Q(code=""), name="survey_question_code_unique"
            )
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.CHOICE and len(self.choice_list()) < 2:
            raise ValidationError(_("A multiple-choice question needs at least two choices, one per line."))


class Counter(models.Model):
    """A service counter (باجه) where visitors are served; printed forms and kiosks can name it."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="counters")
    name = models.CharField(_("name"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["unit", "name"]
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self):
        return f"{self.name} — {self.unit}"


def new_kiosk_key():
    return secrets.token_urlsafe(24)


class Kiosk(models.Model):
    """A tablet at the counter that shows the survey to one visitor after another, with a daily limit."""

    name = models.CharField(_("name"), max_length=100)
    key = models.CharField(_("device key"), max_length=64, unique=True, default=new_kiosk_key, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    service = models.ForeignKey(Service, verbose_name=_("service"), null=True, blank=True, on_delete=models.SET_NULL)
    counter = models.ForeignKey(Counter, verbose_name=_("counter"), null=True, blank=True, on_delete=models.SET_NULL)
    daily_limit = models.PositiveIntegerField(_("responses per day"), default=150)
    min_seconds_between = models.PositiveIntegerField(_("minimum seconds between responses"), default=20)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["unit", "name"]
        verbose_name = _("kiosk")
        verbose_name_plural = _("kiosks")

    def __str__(self):
        return self.name


class Invitation(models.Model):
    """A one-use link sent to the citizen after their case is answered, refused or closed."""

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="survey_invitation"
    )
    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self):
        return f"{self.case.tracking_code}"


class Response(models.Model):
    class Source(models.TextChoices):
        WEB = "web", _("Web")
        INVITATION = "invitation", _("Invitation link")
        QR = "qr", _("QR code")
        KIOSK = "kiosk", _("Kiosk")
        PAPER = "paper", _("Paper form")

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="responses")
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    service = models.ForeignKey(Service, verbose_name=_("service"), null=True, blank=True, on_delete=models.SET_NULL)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="survey_responses",
    )
    counter = models.ForeignKey(Counter, verbose_name=_("counter"), null=True, blank=True, on_delete=models.SET_NULL)
    case = models.ForeignKey(Case, verbose_name=_("case"), null=True, blank=True, on_delete=models.SET_NULL)
    invitation = models.OneToOneField(
        Invitation, verbose_name=_("invitation"), null=True, blank=True, on_delete=models.SET_NULL
    )
    kiosk = models.ForeignKey(Kiosk, verbose_name=_("kiosk"), null=True, blank=True, on_delete=models.SET_NULL)
    # The one-use visit token of the web/QR/kiosk form: unique, so a form sent twice stores one response
    # (the resend with the same answers is thanked again, other answers under it are refused: services).
    visit_nonce = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "submitted_at"]),
            models.Index(fields=["service", "submitted_at"]),
            models.Index(fields=["staff", "submitted_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source="paper") | models.Q(entered_by__isnull=False),
                name="survey_paper_response_has_clerk",
            )
        ]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{self.survey} #{self.pk}"

    @property
    def is_paper(self):
        return self.source == self.Source.PAPER


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_one_answer_per_question"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="survey_score_on_scale",
            ),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.score or self.choice or self.text[:30]}"
