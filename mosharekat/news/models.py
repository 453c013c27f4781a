"""News and information items published by public relations, citizens' comments on them, official
replies, and the periodic summary reports sent to the competent authorities (clause 3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mosharekat.core.models import Unit


class NewsItem(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    body = models.TextField(_("text"))
    unit = models.ForeignKey(Unit, verbose_name=_("publishing unit"), on_delete=models.PROTECT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    allow_anonymous = models.BooleanField(_("anonymous comments allowed"), default=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def __str__(self):
        return self.title


class NewsComment(models.Model):
    class Stance(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")
        SUGGESTION = "suggestion", _("Suggestion")
        QUESTION = "question", _("Question")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        REMOVED = "removed", _("Removed")

    item = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="comments")
    # Drawn when the public form is shown: a browser that re-sends the form after losing the answer gets
    # the comment it already created instead of a second one (see services.submit_comment).
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    stance = models.CharField(_("stance"), max_length=12, choices=Stance.choices)
    body = models.TextField(_("comment"))
    mobile = models.CharField(_("mobile"), max_length=11, blank=True)
    display_name = models.CharField(_("name shown"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    removal_reason = models.CharField(_("reason for removal"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("news comment")
        verbose_name_plural = _("news comments")
        constraints = [models.CheckConstraint(
            condition=~models.Q(status="removed") | ~models.Q(removal_reason=""), name="news_removal_has_reason")]

    def __str__(self):
        return f"{self.item} / {self.pk}"


class OfficialReply(models.Model):
    comment = models.ForeignKey(NewsComment, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("reply"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("author"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("official reply")
        verbose_name_plural = _("official replies")

    def __str__(self):
        return f"{self.comment} ← {self.pk}"


class SummaryReport(models.Model):
    """A PR summary of comments for a period, recorded as sent to a competent authority."""

    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    title = models.CharField(_("title"), max_length=200)
    authority = models.CharField(_("competent authority"), max_length=200)
    email = models.EmailField(_("sent to e-mail"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                verbose_name=_("sent by"))
    comment_count = models.PositiveIntegerField(_("comments"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("summary report")
        verbose_name_plural = _("summary reports")
        constraints = [models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="report_range")]

    def __str__(self):
        return self.title
