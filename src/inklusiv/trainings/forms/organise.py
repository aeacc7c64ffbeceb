"""Forms of the organisers' pages: checking one person in, and the year of the statistics."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Registration

FIRST_YEAR = 2017


class CheckInForm(forms.Form):
    registration = forms.IntegerField(widget=forms.HiddenInput)
    attendance = forms.ChoiceField(
        choices=[
            (Registration.Attendance.PRESENT, Registration.Attendance.PRESENT.label),
            (Registration.Attendance.NO_SHOW, Registration.Attendance.NO_SHOW.label),
        ]
    )


def year_choices():
    this_year = timezone.localdate().year
    return [("", _("All years"))] + [
        (str(year), str(year)) for year in range(max(this_year + 1, FIRST_YEAR), FIRST_YEAR - 1, -1)
    ]


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"), choices=year_choices, coerce=int, empty_value=None, required=False
    )

    def chosen_year(self):
        return self.cleaned_data.get("year") if self.is_valid() else None
