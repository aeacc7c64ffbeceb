"""Forms of the results pages (the filters, read by GET) and of the evaluation reports."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusiv.pilots.models import PilotRegion

from .. import periods
from ..models import EvaluationReport, Survey

FIRST_PERIOD = "2015-H1"


class ResultsFilterForm(forms.Form):
    """Region and breakdown of a results page; `regions` empty on a region's own tab, where
    figures are broken down by breakdown questions only (never by other regions)."""

    region = forms.ChoiceField(label=_("Pilot region"), required=False)
    breakdown = forms.ChoiceField(label=_("Break down by"), required=False)

    def __init__(self, data=None, *, regions=(), splits=(), by_region=True):
        super().__init__(data)
        if regions:
            self.fields["region"].choices = [("", _("All pilot regions"))] + [
                (region.slug, region.name) for region in regions
            ]
        else:
            del self.fields["region"]
        options = [("", _("No breakdown"))]
        if by_region:
            options.append(("region", _("Pilot region")))
        options += [(question.code, question.text) for question in splits]
        self.fields["breakdown"].choices = options

    def value(self, name):
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data.get(name) or ""


def period_choices():
    today = timezone.localdate()
    return periods.choices(FIRST_PERIOD, periods.following(periods.current(today)))


class ReportForm(forms.ModelForm):
    first_period = forms.ChoiceField(label=_("From"))
    last_period = forms.ChoiceField(label=_("Until"))

    class Meta:
        model = EvaluationReport
        fields = [
            "title",
            "region",
            "first_period",
            "last_period",
            "summary",
            "summary_easy",
            "surveys",
        ]
        widgets = {
            "surveys": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 8}),
            "summary_easy": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "region": _("Leave empty for a report on the whole programme."),
            "summary_easy": _(
                "Printed on a page of its own: short sentences, one thought per sentence."
            ),
            "surveys": _("Their results are printed with the minimum group size."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = PilotRegion.objects.order_by("name")
        self.fields["region"].empty_label = _("The whole programme")
        self.fields["surveys"].queryset = Survey.objects.exclude(
            status=Survey.Status.DRAFT
        ).order_by("-wave", "title")
        choices = period_choices()
        self.fields["first_period"].choices = choices
        self.fields["last_period"].choices = choices

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("region", None)
        data["surveys"] = list(data.get("surveys") or [])
        return data
