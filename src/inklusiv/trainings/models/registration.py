"""Who takes part: a registration holds a seat, waits for one or has been offered one; its
accessibility needs (health data, Art. 9 GDPR) live apart and are deleted after the session;
certificates exist only for checked-in participants."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .session import Service, TrainingSession

USER = settings.AUTH_USER_MODEL


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Seat confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Offer expired")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        PRESENT = "present", _("Present")
        NO_SHOW = "no_show", _("Did not come")

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_registrations")
    # Who registered: the person themself or a colleague of their region.
    registered_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    # The pilot region the person takes part for (participation per region).
    region = models.ForeignKey(
        "pilots.PilotRegion",
        verbose_name=_("pilot region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    # The waiting list's order: when the person joined it.
    waiting_since = models.DateTimeField(null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, blank=True, default=""
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    # Only whether feedback was given; the answers carry no link to the person.
    feedback_given = models.BooleanField(default=False)
    # The calendar sequence last sent to this person (updates go out above it).
    sequence_sent = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_registration_per_person"),
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.user} – {self.session}"

    @property
    def has_seat(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def attended(self) -> bool:
        return self.attendance == self.Attendance.PRESENT


class Need(models.TextChoices):
    """What a participant may ask for: the session's services, a step-free seat, or more."""

    SIGN_LANGUAGE = Service.SIGN_LANGUAGE.value, Service.SIGN_LANGUAGE.label
    SPEECH_TO_TEXT = Service.SPEECH_TO_TEXT.value, Service.SPEECH_TO_TEXT.label
    EASY_READ = Service.EASY_READ.value, Service.EASY_READ.label
    CHILDCARE = Service.CHILDCARE.value, Service.CHILDCARE.label
    ASSISTANCE = Service.ASSISTANCE.value, Service.ASSISTANCE.label
    STEP_FREE = "step_free", _("A step-free seat")


class AccessibilityNeed(models.Model):
    """Given with explicit consent; read only by the session's organisers (every read is
    audited) and deleted once the session is over."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="accessibility_need"
    )
    needs = models.JSONField(_("needs"), default=list, blank=True)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    consent_at = models.DateTimeField(_("consent given"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("accessibility need")
        verbose_name_plural = _("accessibility needs")

    def __str__(self):
        return f"{self.registration}: {', '.join(self.needs)}"

    def get_needs_display(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(code, code)) for code in self.needs]


class Certificate(models.Model):
    """A certificate of attendance, rendered once in the participant's language."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="certificate"
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    language = models.CharField(max_length=5)
    pdf = models.FileField(upload_to="trainings/certificates/", blank=True)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.number


class CertificateBatch(models.Model):
    """Certificates of a whole session, issued in the background, with their progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Issuing")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="certificate_batches"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.session}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * (self.done + self.failed) / self.total) if self.total else 100
