"""Drafts open for public critique (clauses 1 and 2 of the participation strategy): documents, their
versions structured into provisions, the comment period, comments, groups of near-duplicates and the
disposition that answers each group."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from mosharekat.core.models import Unit


class DraftDocument(models.Model):
    class Kind(models.TextChoices):
        CIRCULAR = "circular", _("Circular")
        BYLAW = "bylaw", _("Bylaw")
        INSTRUCTION = "instruction", _("Instruction")
        EXECUTIVE_RULE = "executive_rule", _("Executive rule")
        BILL = "bill", _("Bill")

    REGULATION_KINDS = (Kind.CIRCULAR, Kind.BYLAW, Kind.INSTRUCTION, Kind.EXECUTIVE_RULE)

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("owning unit"), on_delete=models.PROTECT,
                             related_name="draft_documents")
    summary = models.TextField(_("summary"), blank=True)
    allow_anonymous = models.BooleanField(_("anonymous comments allowed"), default=False)
    period_days = models.PositiveSmallIntegerField(
        _("comment period in days"), null=True, blank=True,
        help_text=_("Empty: 14 days for regulations, one Jalali month for bills."))
    published_at = models.DateTimeField(_("published for comment"), null=True, blank=True)
    closes_at = models.DateTimeField(_("comment period ends"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued or sent"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("draft document")
        verbose_name_plural = _("draft documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True) | models.Q(closes_at__gt=models.F("published_at")),
                name="draft_period_order",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_bill(self) -> bool:
        return self.kind == self.Kind.BILL

    def is_open(self, now) -> bool:
        """Open for comment: computed from the clock, never stored."""
        return bool(self.published_at and self.closes_at and self.published_at <= now < self.closes_at)

    def has_closed(self, now) -> bool:
        return bool(self.closes_at and now >= self.closes_at)

    def state(self, now) -> str:
        if self.issued_at:
            return "final"
        if self.is_open(now):
            return "open"
        if self.has_closed(now):
            return "closed"
        return "draft"

    def draft_version(self):
        return self.versions.order_by("number").first()

    def latest_version(self):
        return self.versions.order_by("-number").first()


class DraftVersion(models.Model):
    document = models.ForeignKey(DraftDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="draft_version_unique")]

    def __str__(self):
        return f"{self.document} v{self.number}"


class Provision(models.Model):
    """One article (ماده), note (تبصره) or paragraph (بند) of a version, in order, under its parent."""

    class Level(models.TextChoices):
        ARTICLE = "article", _("Article")
        NOTE = "note", _("Note")
        PARAGRAPH = "paragraph", _("Paragraph")

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="provisions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    key = models.CharField(_("key"), max_length=40,
                           help_text=_("Stable across versions, e.g. «a3» or «a3-n1», so the diff can pair them."))
    label = models.CharField(_("label"), max_length=60)
    position = models.PositiveIntegerField(_("position"))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="provision_key_unique")]

    def __str__(self):
        return self.label

    def clean(self):
        if self.parent_id and self.parent.version_id != self.version_id:
            raise ValidationError(_("A provision's parent must belong to the same version."))


class CommentGroup(models.Model):
    """Identical or near-identical comments (campaign form letters): one disposition serves them all."""

    document = models.ForeignKey(DraftDocument, on_delete=models.CASCADE, related_name="groups")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("comment group")
        verbose_name_plural = _("comment groups")

    def __str__(self):
        return f"#{self.pk}"


class Comment(models.Model):
    class Stance(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")
        AMEND = "amend", _("Proposes an amendment")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        REMOVED = "removed", _("Removed")

    document = models.ForeignKey(DraftDocument, on_delete=models.CASCADE, related_name="comments")
    # Drawn when the public form is shown: a browser that re-sends the form after losing the answer gets
    # the comment it already created instead of a second one (see services.submit_comment).
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    provision = models.ForeignKey(Provision, verbose_name=_("provision"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="comments")
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    body = models.TextField(_("comment"))
    replacement_text = models.TextField(_("proposed text"), blank=True)
    mobile = models.CharField(_("mobile"), max_length=11, blank=True)
    display_name = models.CharField(_("name shown"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    removal_reason = models.CharField(_("reason for removal"), max_length=300, blank=True)
    group = models.ForeignKey(CommentGroup, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="comments")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        # The public list pages a draft's comments in this order; 100k comments need the index.
        indexes = [models.Index(fields=["document", "created_at", "id"], name="comment_doc_created")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(stance="amend") | ~models.Q(replacement_text=""), name="amend_has_text"),
            models.CheckConstraint(
                condition=~models.Q(status="removed") | ~models.Q(removal_reason=""), name="removal_has_reason"),
        ]

    def __str__(self):
        return f"{self.document} / {self.pk}"

    @property
    def is_anonymous(self) -> bool:
        return not self.mobile


class Disposition(models.Model):
    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    group = models.OneToOneField(CommentGroup, on_delete=models.CASCADE, related_name="disposition")
    decision = models.CharField(_("decision"), max_length=15, choices=Decision.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey("core.User", null=True, on_delete=models.SET_NULL, verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), auto_now=True)

    class Meta:
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")

    def __str__(self):
        return self.get_decision_display()


class PhoneCode(models.Model):
    """A one-time code sent by SMS to prove a commenter's mobile; only its hash is kept."""

    mobile = models.CharField(_("mobile"), max_length=11, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")

    def __str__(self):
        return self.mobile


class CommentReply(models.Model):
    """The owning unit's official answer to one comment, shown publicly under it."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("reply"))
    author = models.ForeignKey("core.User", null=True, on_delete=models.SET_NULL, verbose_name=_("author"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("official reply")
        verbose_name_plural = _("official replies")

    def __str__(self):
        return f"{self.comment} ← {self.pk}"
