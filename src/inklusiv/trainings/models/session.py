"""A dated session of a course: when, where (with the venue's accessibility) or online, how
many seats, until when people may register and cancel, who may register, and which services
for accessibility the organisers offer."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .course import Course, Format

USER = settings.AUTH_USER_MODEL


class Service(models.TextChoices):
    """What the organisers offer and book on request (the booking summary counts them)."""

    SIGN_LANGUAGE = "sign_language", _("Sign-language interpreting (DGS)")
    SPEECH_TO_TEXT = "speech_to_text", _("Speech-to-text interpreting")
    EASY_READ = "easy_read", _("Materials in Leichte Sprache")
    CHILDCARE = "childcare", _("Childcare")
    ASSISTANCE = "assistance", _("Assistance")


class TrainingSession(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone with an account")
        PILOT_MEMBERS = "pilot_members", _("Members of any pilot region")
        REGIONS = "regions", _("Members of the chosen pilot regions")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    trainer = models.ForeignKey(
        USER,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_sessions",
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    quiet_room = models.BooleanField(_("quiet room"), default=False)
    access_notes = models.TextField(_("more about accessibility"), max_length=2000, blank=True)
    # Given only to people with a seat (page, confirmation mail, calendar file).
    online_link = models.URLField(_("link to the online room"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("seats"))
    registration_deadline = models.DateTimeField(_("registration until"))
    cancellation_deadline = models.DateTimeField(_("cancellation until"))
    audience = models.CharField(
        _("who may register"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    regions = models.ManyToManyField(
        "pilots.PilotRegion", verbose_name=_("pilot regions"), blank=True, related_name="+"
    )
    # For pilot members: only these roles in their region (empty: every member).
    member_roles = models.JSONField(_("roles in the region"), default=list, blank=True)
    services = models.JSONField(_("services offered"), default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    # Raised with every change sent to calendars (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    feedback_requested_at = models.DateTimeField(null=True, blank=True)
    needs_purged_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.course}, {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("trainings:session", args=[self.pk])

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.HYBRID)

    @property
    def has_venue(self) -> bool:
        return self.format in (Format.ON_SITE, Format.HYBRID)

    def get_member_roles_display(self) -> list[str]:
        from inklusiv.pilots.models import RegionMember

        labels = dict(RegionMember.Role.choices)
        return [str(labels[code]) for code in self.member_roles if code in labels]

    def get_services_display(self) -> list[str]:
        labels = dict(Service.choices)
        return [str(labels[code]) for code in self.services if code in labels]
