"""The yearly report (Sachbericht): generated figures plus the region's own text, frozen as a
version with a PDF when submitted, acknowledged by the expert or returned with a request."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .region import PilotRegion

USER = settings.AUTH_USER_MODEL


class YearlyReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")

    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("reporting year"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # The region's own text, by section: {"summary": ..., "highlights": ..., "difficulties": ...,
    # "outlook": ...}
    text = models.JSONField(_("text"), default=dict, blank=True)
    change_request = models.TextField(_("changes requested"), max_length=5000, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        ordering = ["region", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="unique_report_per_year")
        ]

    def __str__(self):
        return f"{self.region} {self.year}"


class ReportVersion(models.Model):
    """What was submitted, frozen: the generated figures and the text as JSON, and the PDF."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(encoder=DjangoJSONEncoder)
    pdf = models.FileField(upload_to="pilots/reports/", blank=True)
    submitted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("submitted version of a report")
        verbose_name_plural = _("submitted versions of a report")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_report_version")
        ]

    def __str__(self):
        return f"{self.report} v{self.number}"
