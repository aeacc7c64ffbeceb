"""The commission's work on a stage: members, conflicts, assignments, reviews, research,
open questions, decisions and letters.

Only selection/services.py writes these models; application status changes go through
applications/workflow.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inklusiv.applications.models import Application
from inklusiv.calls.models import Call, Criterion, Stage

USER = settings.AUTH_USER_MODEL


class CommissionMember(models.Model):
    """A person who reviews in one stage, with their fields of expertise."""

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="commission_members"
    )
    user = models.ForeignKey(
        USER, verbose_name=_("person"), on_delete=models.CASCADE, related_name="commission_seats"
    )
    # Codes of applications.models.FieldOfAction.
    expertise = models.JSONField(_("expertise (fields of action)"), default=list, blank=True)
    max_reviews = models.PositiveSmallIntegerField(
        _("most reviews"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the stage's limit."),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")
        ordering = ["stage", "user__name"]
        constraints = [models.UniqueConstraint(fields=["stage", "user"], name="one_seat_per_stage")]

    def __str__(self):
        return f"{self.user} – {self.stage}"


class ConflictOfInterest(models.Model):
    """A declared conflict (Befangenheit); automatic ones are derived, see selectors."""

    class Source(models.TextChoices):
        DECLARED = "declared", _("Declared by the member")
        STAFF = "staff", _("Recorded by staff")

    user = models.ForeignKey(
        USER, verbose_name=_("person"), on_delete=models.CASCADE, related_name="conflicts"
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "application"], name="one_conflict_per_person_and_application"
            )
        ]

    def __str__(self):
        return f"{self.user} ↔ {self.application}"


class Assignment(models.Model):
    """Who reviews which application in which stage."""

    class Method(models.TextChoices):
        MANUAL = "manual", _("by hand")
        AUTOMATIC = "automatic", _("automatically")

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="assignments")
    method = models.CharField(_("assigned"), max_length=10, choices=Method.choices)
    assigned_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "application", "reviewer"], name="one_assignment_per_reviewer"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.application}"


class Review(models.Model):
    """One reviewer's scores and comments on one application in one stage."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    class Recommendation(models.TextChoices):
        ADVANCE = "advance", _("Recommend")
        UNDECIDED = "undecided", _("Undecided")
        DECLINE = "decline", _("Do not recommend")

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="reviews")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    recommendation = models.CharField(
        _("overall recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("overall comment"), max_length=5000, blank=True)
    # Weighted mean of the scores, set when the review is submitted (for the ranking).
    total = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "application", "reviewer"], name="one_review_per_reviewer"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} – {self.application}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=3000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class ReviewReminder(models.Model):
    """A reminder about outstanding reviews sent to one reviewer for one stage.

    At most one of each kind per stage and person (the constraint makes a re-run or a second
    worker send nothing twice); `sent_on` is the Berlin day, for at most one mail a day.
    """

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        AFTER = "after", _("After the due date")

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="review_reminders"
    )
    reviewer = models.ForeignKey(
        USER, verbose_name=_("person"), on_delete=models.CASCADE, related_name="review_reminders"
    )
    kind = models.CharField(_("reminder"), max_length=10, choices=Kind.choices)
    # How many reviews were outstanding when it was sent.
    outstanding = models.PositiveIntegerField(_("outstanding reviews"))
    sent_at = models.DateTimeField(_("sent"))
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "reviewer", "kind"], name="one_review_reminder_of_each_kind"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "sent_on"], name="review_reminder_by_day")]

    def __str__(self):
        return f"{self.reviewer} – {self.stage} ({self.get_kind_display()})"


class ResearchNote(models.Model):
    """What the commission found out about an applicant, e.g. on the internet."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="research_notes"
    )
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    source_url = models.URLField(_("source (link)"), max_length=500, blank=True)
    finding = models.TextField(_("finding"), max_length=5000)
    created_at = models.DateTimeField(_("noted"), auto_now_add=True)

    class Meta:
        verbose_name = _("research note")
        verbose_name_plural = _("research notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.finding[:80]


class OpenQuestion(models.Model):
    """A question to clarify with the applicant, e.g. at the on-site meeting."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        DROPPED = "dropped", _("No longer relevant")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="open_questions"
    )
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("question"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    answered_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        verbose_name = _("open question")
        verbose_name_plural = _("open questions")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


class Outcome(models.TextChoices):
    ADVANCE = "advance", _("Advanced to the next stage")
    DECLINE = "decline", _("Not advanced")
    SELECT = "select", _("Selected")
    REJECT = "reject", _("Not selected")


class Decision(models.Model):
    """The outcome of a stage for one application, with its reason."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("reason"), max_length=5000, blank=True)
    decided_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"], name="one_decision_per_stage")
        ]

    def __str__(self):
        return f"{self.application}: {self.get_outcome_display()}"


class LetterTemplate(models.Model):
    """The text of a decision letter per call, outcome and language, with placeholders."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="letter_templates")
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "outcome", "language"], name="one_template_per_outcome_language"
            )
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.language})"


def letter_path(instance, filename):
    return f"letters/{instance.application_id}/{filename}"


class Letter(models.Model):
    """A decision letter as sent: text, PDF and when it went out."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="letters")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    language = models.CharField(max_length=2)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    pdf = models.FileField(upload_to=letter_path, blank=True)
    recipients = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class LetterBatch(models.Model):
    """Letters sent in the background, with their progress for the progress bar."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Sending")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="letter_batches")
    decisions = models.ManyToManyField(Decision, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Held back until then, so staff can still cancel a batch sent by mistake.
    send_after = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("letter batch")
        verbose_name_plural = _("letter batches")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.stage}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * (self.done + self.failed) / self.total) if self.total else 100

    @property
    def held_back(self) -> bool:
        """Confirmed but not yet due: staff may still cancel it."""
        from django.utils import timezone

        return (
            self.status == self.Status.QUEUED
            and self.send_after is not None
            and self.send_after > timezone.now()
        )
