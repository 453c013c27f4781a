"""Committees, their meetings, attendees and numbered resolutions: the minutes form attached to the
participation strategy (number, weekday, Jalali date, time, place, attendees, topics, resolutions,
next agenda)."""

import jdatetime
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from mosharekat.core.models import Unit

# jdatetime counts weekdays from Saturday (0), as the Persian week does.
WEEKDAYS = ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"]


class Committee(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    unit = models.ForeignKey(Unit, verbose_name=_("secretariat unit"), null=True, blank=True,
                             on_delete=models.SET_NULL)

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return self.name


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT,
                                  related_name="meetings")
    number = models.PositiveIntegerField(_("meeting number"))
    date = models.DateField(_("date"))
    time_from = models.TimeField(_("from"))
    time_to = models.TimeField(_("to"))
    place = models.CharField(_("place"), max_length=300)
    topics = models.TextField(_("topics discussed"), blank=True, help_text=_("One topic per line."))
    next_agenda = models.TextField(_("agenda of the next meeting"), blank=True, help_text=_("One item per line."))
    is_published = models.BooleanField(_("published on the portal"), default=False)

    class Meta:
        ordering = ["-date", "-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="meeting_number_unique"),
            models.CheckConstraint(condition=models.Q(time_to__gt=models.F("time_from")), name="meeting_time_order"),
        ]

    def __str__(self):
        return f"{self.committee} — {self.number}"

    def clean(self):
        if self.time_from and self.time_to and self.time_to <= self.time_from:
            raise ValidationError({"time_to": _("The meeting must end after it starts.")})

    @property
    def weekday(self) -> str:
        """Computed from the date, so it can never disagree with it."""
        return WEEKDAYS[jdatetime.date.fromgregorian(date=self.date).weekday()]

    @staticmethod
    def _lines(text):
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    def topic_lines(self):
        return self._lines(self.topics)

    def agenda_lines(self):
        return self._lines(self.next_agenda)

    def members(self):
        return [a for a in self.attendees.all() if a.is_member]

    def other_attendees(self):
        return [a for a in self.attendees.all() if not a.is_member]


class Attendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    row = models.PositiveSmallIntegerField(_("row"))
    name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    is_member = models.BooleanField(_("committee member"), default=True,
                                    help_text=_("Untick for other attendees (guests, experts)."))

    class Meta:
        ordering = ["-is_member", "row", "id"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")

    def __str__(self):
        return self.name


class Resolution(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="resolutions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    responsible_unit = models.ForeignKey(Unit, verbose_name=_("responsible unit"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="resolutions")
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    link_title = models.CharField(_("approved document"), max_length=300, blank=True,
                                  help_text=_("E.g. a consultation's final text or the participation strategy."))
    link_url = models.URLField(_("document address"), blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="resolution_number_unique")]

    def __str__(self):
        return f"{self.meeting} / {self.number}"

    def is_overdue(self, today) -> bool:
        return self.status in self.OPEN_STATUSES and self.deadline is not None and self.deadline < today
