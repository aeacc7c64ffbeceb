"""Forms of the yearly report: opening a year, the region's text, and the expert's review."""

from django import forms
from django.utils.translation import gettext_lazy as _

SECTION_HELP = {
    "summary": _("What happened in the region this year, in a few paragraphs. Required."),
    "highlights": _("What went especially well."),
    "difficulties": _("What was hard, and how the region dealt with it."),
    "outlook": _("What the region plans for the next year."),
}


class OpenReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Reporting year"), coerce=int, choices=())

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class ReportTextForm(forms.Form):
    def __init__(self, *args, labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in labels.items():
            self.fields[key] = forms.CharField(
                label=label,
                help_text=SECTION_HELP.get(key, ""),
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 8 if key == "summary" else 5}),
            )


ACKNOWLEDGE = "acknowledge"
REQUEST_CHANGES = "request_changes"


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (ACKNOWLEDGE, _("Acknowledge the report")),
            (REQUEST_CHANGES, _("Ask the region for changes")),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Note or requested changes"),
        help_text=_("Required when you ask for changes: say what the region should change."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == REQUEST_CHANGES and not (cleaned.get("text") or "").strip():
            self.add_error("text", _("Please say what should be changed."))
        return cleaned
