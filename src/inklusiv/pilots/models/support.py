"""Process support: the coach's session log, tasks, and the strengths/weaknesses profile."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .region import PilotRegion

USER = settings.AUTH_USER_MODEL


class CoachingSession(models.Model):
    class Format(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        ONLINE = "online", _("Online")
        PHONE = "phone", _("By phone")
        WORKSHOP = "workshop", _("Workshop")

    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    participants = models.TextField(_("participants"), max_length=2000, blank=True)
    topics = models.TextField(_("topics"), max_length=5000)
    agreements = models.TextField(_("agreements"), max_length=5000, blank=True)
    next_steps = models.TextField(_("next steps"), max_length=5000, blank=True)
    # Seen only by the region's coach and the funder's side, never by region members.
    internal_note = models.TextField(_("internal note"), max_length=5000, blank=True)
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["region", "-held_on", "-pk"]

    def __str__(self):
        return f"{self.region} {self.held_on:%Y-%m-%d}"


class Task(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    owner = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="pilot_tasks", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    measure = models.ForeignKey(
        "pilots.Measure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("measure"),
    )
    session = models.ForeignKey(
        CoachingSession,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("coaching session"),
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    # The last reminder mailed, so the daily job reminds at most once a day and once per stage.
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["region", "status", "due_on", "pk"]

    def __str__(self):
        return self.title


class Profile(models.Model):
    """The strengths/weaknesses profile of a region's social space, at the start and later."""

    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="profiles")
    taken_on = models.DateField(_("as of"))
    label = models.CharField(_("title"), max_length=200)
    strengths = models.TextField(_("strengths"), max_length=5000)
    weaknesses = models.TextField(_("weaknesses"), max_length=5000)
    opportunities = models.TextField(_("opportunities"), max_length=5000, blank=True)
    risks = models.TextField(_("risks"), max_length=5000, blank=True)
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("strengths and weaknesses profile")
        verbose_name_plural = _("strengths and weaknesses profiles")
        ordering = ["region", "-taken_on"]

    def __str__(self):
        return self.label
