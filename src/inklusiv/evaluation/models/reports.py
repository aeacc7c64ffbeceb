"""The evaluation's reports: per region and for the programme (region empty), for a span of
periods, with the evaluator's summary and a page in Leichte Sprache; the PDF is rendered from
the figures of the moment it is downloaded."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inklusiv.pilots.models import PilotRegion

from ..periods import KEY_LENGTH

USER = settings.AUTH_USER_MODEL


class EvaluationReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RELEASED = "released", _("Released")

    region = models.ForeignKey(
        PilotRegion,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluation_reports",
        verbose_name=_("pilot region"),
    )
    title = models.CharField(_("title"), max_length=200)
    first_period = models.CharField(_("from"), max_length=KEY_LENGTH)
    last_period = models.CharField(_("until"), max_length=KEY_LENGTH)
    summary = models.TextField(_("summary"), max_length=10000, blank=True)
    summary_easy = models.TextField(_("summary in Leichte Sprache"), max_length=6000, blank=True)
    surveys = models.ManyToManyField(
        "evaluation.Survey", blank=True, related_name="reports", verbose_name=_("surveys")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")
        ordering = ["region_id", "-last_period", "pk"]

    def __str__(self):
        return self.title
