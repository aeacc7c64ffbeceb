"""The inclusion concept: fields of action → goals → measures → milestones, with weights that
say how progress rolls up (see pilots.progress), approved by the steering group and the funder
and versioned after approval."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inklusiv.applications.models import FieldOfAction as LifeArea

from .region import IMPACT_STEPS, PilotRegion, step_validators

USER = settings.AUTH_USER_MODEL

weight_validators = [MinValueValidator(1), MaxValueValidator(100)]
percent_validators = [MinValueValidator(0), MaxValueValidator(100)]


class Concept(models.Model):
    """One concept per region; its status moves by the transition table of its service."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        STEERING_APPROVED = "steering_approved", _("Approved by the steering group")
        APPROVED = "approved", _("Approved by the funder")

    region = models.OneToOneField(PilotRegion, on_delete=models.CASCADE, related_name="concept")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # The latest ConceptVersion's number; 0 before the first approval.
    version = models.PositiveIntegerField(_("version"), default=0)
    steering_approved_at = models.DateTimeField(null=True, blank=True)
    steering_approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("inclusion concept")
        verbose_name_plural = _("inclusion concepts")

    def __str__(self):
        return str(self.region)


class ConceptVersion(models.Model):
    """The whole concept frozen as JSON after an approval or an approved change: who, when, why."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(encoder=DjangoJSONEncoder)
    reason = models.TextField(_("reason for the change"), max_length=2000, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("version of the concept")
        verbose_name_plural = _("versions of the concept")
        ordering = ["concept", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "number"], name="unique_concept_version_number"
            )
        ]

    def __str__(self):
        return f"{self.concept} v{self.number}"


class FieldOfAction(models.Model):
    """A field of action (Lebensbereich) of one region: one of Aktion Mensch's, or its own."""

    region = models.ForeignKey(
        PilotRegion, on_delete=models.CASCADE, related_name="fields_of_action"
    )
    # Blank for a field of the region's own (e.g. "Gesundheit" named differently).
    life_area = models.CharField(
        _("field of life"), max_length=20, choices=LifeArea.choices, blank=True
    )
    name = models.CharField(_("name"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, validators=weight_validators)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["region", "order", "name"]

    def __str__(self):
        return self.name


class Goal(models.Model):
    field = models.ForeignKey(FieldOfAction, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    step = models.PositiveSmallIntegerField(
        _("step of the impact staircase"), choices=IMPACT_STEPS, validators=step_validators
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, validators=weight_validators)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["field", "order", "pk"]

    def __str__(self):
        return self.title


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        PAUSED = "paused", _("Paused")
        DROPPED = "dropped", _("Dropped")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("measure"), max_length=300)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    responsible_actor = models.ForeignKey(
        "pilots.Actor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
        verbose_name=_("responsible actor"),
    )
    responsible_group = models.ForeignKey(
        "pilots.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
        verbose_name=_("responsible working group"),
    )
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=percent_validators
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, validators=weight_validators)
    cost = models.DecimalField(
        _("cost (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["goal", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="measure_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["measure", "due_on", "pk"]

    def __str__(self):
        return self.title
