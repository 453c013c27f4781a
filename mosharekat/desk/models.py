import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mosharekat.catalog.models import Channel, Service, Topic
from mosharekat.core.models import Unit


class Kind(models.TextChoices):
    REQUEST = "request", _("Request")
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")
    CRITICISM = "criticism", _("Criticism")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)


class Case(models.Model):
    """One submission to the service desk, whatever channel it came through."""

    tracking_code = models.CharField(_("tracking code"), max_length=24, unique=True)
    # Drawn when the web form is shown: a browser that re-sends the form after losing the answer gets the
    # case it already created instead of a second one.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    service = models.ForeignKey(Service, verbose_name=_("service"), null=True, blank=True, on_delete=models.SET_NULL)
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL)
    # Indexed by the unit-first indexes below, which also answer PROTECT's check on a unit's deletion.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cases", db_index=False
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    mobile = models.CharField(_("mobile"), max_length=11, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    national_id = models.CharField(_("national ID"), max_length=10, blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    routing_reason = models.CharField(_("routing reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    due_date = models.DateField(_("due date"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged",
        db_index=False,  # see the partial index below
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), null=True, blank=True, on_delete=models.SET_NULL,
        db_index=False,  # see the partial index below
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "-created_at"]),
            models.Index(fields=["status", "due_date"]),
            # Staff inbox (services.visible_cases + staff_views.inbox): newest first, merged cases hidden;
            # one index for administrators, one per unit, one for the status counts, one for overdue.
            # The trigram index for search is PostgreSQL-only: see migration 0002.
            models.Index(
                fields=["-created_at", "-id"], condition=models.Q(merged_into__isnull=True), name="case_inbox_all"
            ),
            models.Index(
                fields=["unit", "-created_at", "-id"], condition=models.Q(merged_into__isnull=True),
                name="case_inbox_unit",
            ),
            models.Index(
                fields=["unit", "status"], condition=models.Q(merged_into__isnull=True), name="case_unit_status_live"
            ),
            models.Index(  # open cases are never merged (a merge closes); the id makes counts index-only
                fields=["unit", "due_date", "id"], name="case_open_due",
                condition=models.Q(status__in=OPEN_STATUSES, merged_into__isnull=True),
            ),
            # Most cases are never merged, registered by staff or sent from a web form: indexing only the rows
            # that have a value keeps every other submission from writing an index entry (bench/README.md).
            models.Index(fields=["merged_into"], condition=models.Q(merged_into__isnull=False), name="case_merged"),
            models.Index(
                fields=["created_by"], condition=models.Q(created_by__isnull=False), name="case_registered_by"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["submission_token"], condition=models.Q(submission_token__isnull=False),
                name="case_submission_token_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(is_anonymous=True) | ~models.Q(mobile="", email=""),
                name="case_identified_has_contact",
            )
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return f"{self.tracking_code} — {self.subject}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


def attachment_path(instance, filename):
    # A random name: nothing about the citizen or the case can be read or guessed from the path.
    return f"desk/{uuid.uuid4().hex}"


class Event(models.Model):
    """The case history: messages both ways, internal notes and every state change."""

    class Type(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        CITIZEN_MESSAGE = "citizen_message", _("Message from the citizen")
        ANSWER = "answer", _("Answer")
        NOTE = "note", _("Internal note")
        STATUS = "status", _("Status change")
        ROUTED = "routed", _("Routed")
        REOPENED = "reopened", _("Reopened")
        MERGED = "merged", _("Merged")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=20, choices=Type.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    body = models.TextField(blank=True)
    is_public = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.type} #{self.pk}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class RoutingRule(models.Model):
    """Administrators' routing: phrases, kind and topic point a case to a unit; lower priority wins first."""

    name = models.CharField(_("name"), max_length=200)
    keywords = models.TextField(_("keywords or phrases"), blank=True, help_text=_("One per line; any one matches."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE)
    priority = models.PositiveIntegerField(_("priority"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["priority", "id"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if not (self.keywords.strip() or self.kind or self.topic_id):
            raise ValidationError(_("A rule needs keywords, a kind or a topic; otherwise it would catch every case."))

    def keyword_list(self):
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


class CannedAnswer(models.Model):
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="canned_answers")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["title"]
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")

    def __str__(self):
        return self.title


class ResponseTime(models.Model):
    """The legal response time of a kind of case, in working days."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("working days"), default=10)

    class Meta:
        verbose_name = _("response time")
        verbose_name_plural = _("response times")

    def __str__(self):
        return f"{self.kind}: {self.working_days}"
