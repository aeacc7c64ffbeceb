"""Indicators with a baseline, targets per half-year and values per half-year (and per
category of a disaggregation). A value is never overwritten: a correction adds a row and the
old one stays in the history, marked as replaced."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inklusiv.pilots.models import FieldOfAction, Goal, PilotRegion
from inklusiv.pilots.models.region import IMPACT_STEPS, step_validators

from ..periods import KEY_LENGTH

USER = settings.AUTH_USER_MODEL


class Unit(models.TextChoices):
    COUNT = "count", _("Number")
    PEOPLE = "people", _("People")
    PERCENT = "percent", _("Percent")
    EURO = "euro", _("Euro")
    HOURS = "hours", _("Hours")
    SCALE = "scale", _("Points on a scale")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Aggregation(models.TextChoices):
    """How a programme indicator's value follows from its regions' values."""

    SUM = "sum", _("Sum of the regions")
    MEAN = "mean", _("Mean of the regions")


# The disaggregations an indicator may be broken down by, with their fixed categories (fixed so
# regions stay comparable). Category keys are stored with the values.
DISAGGREGATIONS = {
    "disability": (
        _("With or without disability"),
        {"with": _("with disability"), "without": _("without disability")},
    ),
    "age_group": (
        _("Age group"),
        {
            "under_18": _("under 18"),
            "18_64": _("18 to 64"),
            "65_plus": _("65 and older"),
        },
    ),
    "sector": (
        _("Sector"),
        {
            "administration": _("Public administration"),
            "civil_society": _("Civil society and associations"),
            "business": _("Business"),
            "science": _("Science"),
            "self_advocacy": _("Self-advocacy of people with disabilities"),
            "other": _("Other"),
        },
    ),
}


class Indicator(models.Model):
    # Empty: an indicator of the programme (its values roll up from the regions' indicators
    # that contribute to it, or are entered by the evaluator).
    region = models.ForeignKey(
        PilotRegion,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("pilot region"),
    )
    code = models.CharField(_("short name"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition"), max_length=4000)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(_("decimal places"), default=0)
    minimum = models.DecimalField(
        _("smallest possible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("largest possible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    direction = models.CharField(_("direction of change"), max_length=10, choices=Direction.choices)
    data_source = models.CharField(_("data source"), max_length=500)
    verification = models.CharField(_("means of verification"), max_length=500, blank=True)
    # Keys of DISAGGREGATIONS.
    disaggregations = models.JSONField(_("disaggregation"), default=list, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("date of the baseline"), null=True, blank=True)
    step = models.PositiveSmallIntegerField(
        _("step of the impact staircase"), choices=IMPACT_STEPS, validators=step_validators
    )
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="indicators", verbose_name=_("goals")
    )
    # The field of action it belongs to (for the filters); a goal's field when goals are linked.
    field = models.ForeignKey(
        FieldOfAction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name=_("field of action"),
    )
    contributes_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        verbose_name=_("programme indicator it contributes to"),
        limit_choices_to={"region__isnull": True},
    )
    aggregation = models.CharField(
        _("roll-up of the regions"),
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["region", "order", "code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="unique_indicator_code"),
            models.CheckConstraint(
                condition=models.Q(minimum__isnull=True)
                | models.Q(maximum__isnull=True)
                | models.Q(maximum__gte=models.F("minimum")),
                name="indicator_range_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(_("period"), max_length=KEY_LENGTH)
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator_id", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_target_period")
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period}: {self.value}"


class IndicatorValue(models.Model):
    """A measured value; `category` is empty for the total, else "dimension:category"."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(_("period"), max_length=KEY_LENGTH)
    category = models.CharField(_("category"), max_length=60, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=500)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    entered_by = models.ForeignKey(
        USER, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered"))
    # Set when a correction replaced this value; the current value has none.
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("value of an indicator")
        verbose_name_plural = _("values of indicators")
        ordering = ["indicator_id", "period", "category", "-entered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "category"],
                condition=models.Q(is_current=True),
                name="one_current_value_per_period_and_category",
            )
        ]
        indexes = [models.Index(fields=["indicator", "is_current", "period"])]

    def __str__(self):
        return f"{self.indicator.code} {self.period} {self.category}: {self.value}"
