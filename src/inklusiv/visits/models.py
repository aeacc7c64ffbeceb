"""On-site meetings (Vor-Ort-Gespräche) of a stage: the round with its window and travel
assumptions, one meeting per application, its participants, the availability poll, the
experts' travel availability, accessibility needs, calendar feeds and the minutes.

The scheduling itself lives in schedule_solver.py (free of Django); services/ translate between
these rows and its Instance/Schedule, and every change goes through a service.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inklusiv.applications.models import Application, Partner
from inklusiv.calls.models import Stage

USER = settings.AUTH_USER_MODEL


def new_token() -> str:
    # 32 bytes of randomness: the token alone opens a poll or a calendar feed.
    return secrets.token_urlsafe(32)


def round_label(stage: Stage) -> str:
    """A stage with its call and year, e.g. "2. Zweite Runde – Kommune Inklusiv (2016)": an
    expert working in two calls must tell their rounds apart in every list, title and mail."""
    call = stage.call
    year = str(call.reference_year)
    title = call.title
    return f"{stage} – {title}" if year in title else f"{stage} – {title} ({year})"


class VisitRound(models.Model):
    """The on-site meetings of one stage and the assumptions the optimiser schedules with."""

    stage = models.OneToOneField(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="visit_round"
    )
    window_start = models.DateTimeField(_("meetings from"))
    window_end = models.DateTimeField(_("meetings until"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length of a meeting (minutes)"), default=180
    )
    speed_kmh = models.PositiveSmallIntegerField(_("average travel speed (km/h)"), default=60)
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer between two meetings (minutes)"), default=30
    )
    max_per_day = models.PositiveSmallIntegerField(
        _("meetings per expert and day, at most"), default=2
    )
    # Poll slots offered each day, as "HH:MM" times (Europe/Berlin).
    slot_times = models.JSONField(_("start times offered each day"), default=list, blank=True)
    poll_closes_at = models.DateTimeField(_("poll answers until"), null=True, blank=True)
    organiser = models.ForeignKey(
        USER,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The last optimiser run, shown until the next one.
    run_status = models.CharField(max_length=20, blank=True)
    run_objective = models.FloatField(null=True, blank=True)
    run_bound = models.FloatField(null=True, blank=True)
    run_seconds = models.FloatField(null=True, blank=True)
    run_travel_days = models.PositiveIntegerField(null=True, blank=True)
    run_if_need_be = models.PositiveIntegerField(null=True, blank=True)
    run_explanations = models.JSONField(default=list, blank=True)
    run_at = models.DateTimeField(null=True, blank=True)
    run_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("round of on-site meetings")
        verbose_name_plural = _("rounds of on-site meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gt=models.F("window_start")),
                name="visit_round_window_ends_after_start",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return round_label(self.stage)


class Visit(models.Model):
    """One application's on-site meeting."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("being planned")
        CONFIRMED = "confirmed", _("confirmed")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    round = models.ForeignKey(
        VisitRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="visits"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="visits"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNING
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    place = models.CharField(
        _("meeting place"),
        max_length=200,
        blank=True,
        help_text=_("For example: Rathaus, Sitzungssaal 2 (ground floor, step-free entrance)."),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=180)
    proposed_start = models.DateTimeField(_("proposed start"), null=True, blank=True)
    pinned_start = models.DateTimeField(_("fixed start"), null=True, blank=True)
    # What participants were last told; null until the first invitation goes out.
    start = models.DateTimeField(_("start"), null=True, blank=True)
    # RFC 5545 SEQUENCE of the last invitation, update or cancellation sent.
    sequence = models.PositiveIntegerField(default=0)
    invited_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), max_length=2000, blank=True)
    minutes = models.TextField(_("minutes"), max_length=30000, blank=True)
    minutes_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minutes_at = models.DateTimeField(_("minutes recorded"), null=True, blank=True)
    # Optimistic locking of the minutes: two experts typing at once must not overwrite.
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("on-site meeting")
        verbose_name_plural = _("on-site meetings")
        ordering = ["round", "application__reference"]
        constraints = [
            models.UniqueConstraint(fields=["round", "application"], name="one_visit_per_round")
        ]

    def __str__(self):
        return (
            f"{self.application.reference} ({self.city})"
            if self.city
            else str(self.application.reference)
        )

    @property
    def end(self):
        return self.start + timedelta(minutes=self.duration_minutes) if self.start else None

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address(self) -> str:
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.place, self.street, town) if part)


class Participant(models.Model):
    """Someone invited to a meeting: an expert, a commission member, the applicant's contact
    or one of its partners. People without an account reach their poll and calendar by the
    secret token."""

    class Kind(models.TextChoices):
        EXPERT = "expert", _("programme expert")
        COMMISSION = "commission", _("commission member")
        CONTACT = "contact", _("applicant's contact")
        PARTNER = "partner", _("partner")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("taking part as"), max_length=12, choices=Kind.choices)
    user = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="visit_seats"
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="de"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    polled_at = models.DateTimeField(_("asked"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["visit", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "email"], name="one_seat_per_visit_and_email")
        ]

    def __str__(self):
        return self.name

    @property
    def answers_poll(self) -> bool:
        # Experts give their travel availability instead of answering each meeting's poll.
        return self.kind != self.Kind.EXPERT


class PollSlot(models.Model):
    """A start time offered in a meeting's availability poll."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField(_("start"))

    class Meta:
        verbose_name = _("proposed time")
        verbose_name_plural = _("proposed times")
        ordering = ["visit", "start"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "start"], name="one_slot_per_visit_and_start")
        ]

    def __str__(self):
        return f"{self.visit_id} {self.start:%Y-%m-%d %H:%M}"


class PollAnswer(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("yes")
        IF_NEED_BE = "if_need_be", _("if need be")
        NO = "no", _("no")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    slot = models.ForeignKey(PollSlot, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("poll answer")
        verbose_name_plural = _("poll answers")
        constraints = [
            models.UniqueConstraint(fields=["participant", "slot"], name="one_answer_per_slot")
        ]

    def __str__(self):
        return f"{self.participant_id} {self.slot_id} {self.answer}"


class Availability(models.Model):
    """When a programme expert can travel for a round's meetings, from leaving home to being
    back."""

    round = models.ForeignKey(VisitRound, on_delete=models.CASCADE, related_name="availabilities")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="visit_availabilities")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("travel availability")
        verbose_name_plural = _("travel availabilities")
        ordering = ["round", "user", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="availability_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.user} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


class TravelBase(models.Model):
    """Where an expert sets off from; the trip there and back must fit the availability."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="travel_base")
    city = models.CharField(_("town"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("travel base")
        verbose_name_plural = _("travel bases")

    def __str__(self):
        return f"{self.user}: {self.city}"


class AccessibilityNeed(models.Model):
    """What a participant needs to take part, given with explicit consent. Only the meeting's
    organisers read it, and it is deleted once the meeting is over (health-related data,
    Art. 9 GDPR: kept no longer than needed)."""

    class Need(models.TextChoices):
        SIGN_LANGUAGE = "sign_language", _("sign-language interpreter")
        STEP_FREE = "step_free", _("step-free access")
        EASY_READ = "easy_read", _("materials in Leichte Sprache (easy read)")
        ASSISTANCE = "assistance", _("assistance")
        HEARING_LOOP = "hearing_loop", _("hearing loop")
        SPEECH_TO_TEXT = "speech_to_text", _("speech-to-text interpreting")
        OTHER = "other", _("something else (please describe)")

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="accessibility_need"
    )
    needs = models.JSONField(_("needs"), default=list, blank=True)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    consent_at = models.DateTimeField(_("consent given"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("accessibility need")
        verbose_name_plural = _("accessibility needs")

    def __str__(self):
        return f"{self.participant}: {', '.join(self.needs)}"

    def get_needs_display(self) -> list[str]:
        labels = dict(self.Need.choices)
        return [str(labels.get(code, code)) for code in self.needs]


class CalendarFeed(models.Model):
    """A person's subscription calendar of their meetings, opened by a secret token."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
