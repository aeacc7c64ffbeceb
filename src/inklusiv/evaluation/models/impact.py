"""The impact model (Wirkungsmodell): for one region, or for the programme (region empty), the
logic model's levels (input, output, outcome, impact) with the PHINEO impact staircase's steps,
linked to the concept's goals. The region's goals, measures and indicators fill it in; its own
elements add what the concept does not hold (inputs, the impact the programme aims at)."""

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inklusiv.pilots.models import Goal, PilotRegion
from inklusiv.pilots.models.region import IMPACT_STEPS

USER = settings.AUTH_USER_MODEL


class Level(models.TextChoices):
    # The logic model's own words: "Outcome" elsewhere means a result ("Ergebnis").
    INPUT = "input", pgettext_lazy("logic model", "Input")
    OUTPUT = "output", pgettext_lazy("logic model", "Output")
    OUTCOME = "outcome", pgettext_lazy("logic model", "Outcome")
    IMPACT = "impact", pgettext_lazy("logic model", "Impact")


# Which staircase steps belong to which level (PHINEO: output 1–3, outcome 4–6, impact 7).
LEVEL_STEPS = {
    Level.INPUT: (),
    Level.OUTPUT: (1, 2, 3),
    Level.OUTCOME: (4, 5, 6),
    Level.IMPACT: (7,),
}


def level_of(step: int) -> str:
    for level, steps in LEVEL_STEPS.items():
        if step in steps:
            return level
    raise ValueError(step)


class ImpactModel(models.Model):
    region = models.OneToOneField(
        PilotRegion,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="impact_model",
        verbose_name=_("pilot region"),
    )
    title = models.CharField(_("title"), max_length=200)
    # The change the region (or the programme) wants to see in society, in a few sentences.
    vision = models.TextField(_("impact goal"), max_length=4000, blank=True)
    vision_easy = models.TextField(_("impact goal in Leichte Sprache"), max_length=4000, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("impact model")
        verbose_name_plural = _("impact models")
        constraints = [
            # One model per region and one for the programme (the row without a region).
            models.UniqueConstraint(
                Coalesce("region", Value(0)), name="one_impact_model_per_region_or_programme"
            )
        ]

    def __str__(self):
        return self.title


class ImpactElement(models.Model):
    model = models.ForeignKey(ImpactModel, on_delete=models.CASCADE, related_name="elements")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    # Empty for inputs; otherwise one of the level's steps (LEVEL_STEPS, checked by the service).
    step = models.PositiveSmallIntegerField(
        _("step of the impact staircase"), choices=IMPACT_STEPS, null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="impact_elements", verbose_name=_("goals of the concept")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("element of the impact model")
        verbose_name_plural = _("elements of the impact model")
        ordering = ["model_id", "order", "pk"]

    def __str__(self):
        return self.title
