"""KERN form rendering, one-line fields for every form, and the accessibility feedback form."""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils import timezone as django_timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters (line breaks and tabs among them) and the Unicode line and
# paragraph separators. A browser cannot put them into an <input>; only a crafted request can.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

SINGLE_LINE_MESSAGE = _(
    "This field must not contain line breaks or control characters. Please write it on one line."
)


def is_single_line(field: forms.Field) -> bool:
    """A text field shown as a one-line input (every CharField but those with a textarea)."""
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea)


def refuse_control_characters(value) -> None:
    """The check every single-line field runs on its cleaned value."""
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise forms.ValidationError(SINGLE_LINE_MESSAGE, code="control_characters")


def install_single_line_check() -> None:
    """Make every single-line CharField in the project refuse control characters.

    A name like "Petra\\r\\nBcc: …" would otherwise be stored and later start a new header
    line in a mail, a new row in a CSV export or a new property in a calendar file. Hooking
    CharField.clean once (from CoreConfig.ready) covers our forms, every ModelForm, allauth's
    and the admin's without touching each of them; textareas keep their line breaks.
    """
    original = forms.CharField.clean
    if getattr(original, "single_line_check", False):
        return

    def clean(self, value):
        cleaned = original(self, value)
        if is_single_line(self):
            refuse_control_characters(cleaned)
        return cleaned

    clean.single_line_check = True
    forms.CharField.clean = clean


class KernFormRenderer(DjangoTemplates):
    """Renders every Django form with KERN UX markup and GOV.UK-style errors."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class AccessibilityFeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("Which barrier did you find?"),
        help_text=_("Describe what did not work and what you were trying to do."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    page_url = forms.CharField(
        label=_("On which page?"),
        required=False,
        max_length=500,
        help_text=_("The address of the page or its title."),
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Only if you would like an answer."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def berlin_moment(day, clock):
    """The aware moment of a wall-clock date and time in Europe/Berlin.

    Refuses the hour that does not exist when clocks go forward (last Sunday in March) and
    the hour that happens twice when they go back (last Sunday in October): a deadline must
    mean one moment, and guessing would move it by an hour.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    naive = datetime.combine(day, clock)
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != naive:
        raise forms.ValidationError(
            _(
                "%(time)s does not exist on %(date)s: the clocks go forward that night. "
                "Please choose a time before 2:00 or from 3:00."
            ),
            code="nonexistent_time",
            params={"time": clock.strftime("%H:%M"), "date": day.strftime("%d.%m.%Y")},
        )
    if first.utcoffset() != second.utcoffset():
        raise forms.ValidationError(
            _(
                "%(time)s happens twice on %(date)s: the clocks go back that night. "
                "Please choose a time before 2:00 or from 3:00."
            ),
            code="ambiguous_time",
            params={"time": clock.strftime("%H:%M"), "date": day.strftime("%d.%m.%Y")},
        )
    return first


class BerlinMomentMixin:
    """Forms with pairs of date and time inputs (`<name>_date`, `<name>_time`) per moment.

    Two native inputs instead of one datetime-local: each gets its own label and error, and
    both are usable without JavaScript and by keyboard in every browser.
    """

    moment_fields: tuple[str, ...] = ()

    def add_moment_fields(self, name: str, label, *, required=True, initial=None):
        local = django_timezone.localtime(initial) if initial else None
        self.fields[f"{name}_date"] = forms.DateField(
            label=format_lazy("{}: {}", label, _("date")),
            required=required,
            initial=local.date() if local else None,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
        self.fields[f"{name}_time"] = forms.TimeField(
            label=format_lazy("{}: {}", label, _("time (Berlin)")),
            required=required,
            initial=local.time().replace(second=0, microsecond=0) if local else None,
            widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            help_text=_("Hours and minutes, for example 23:59"),
        )

    def clean_moment(self, name: str):
        day = self.cleaned_data.get(f"{name}_date")
        clock = self.cleaned_data.get(f"{name}_time")
        if day is None or clock is None:
            return None
        try:
            return berlin_moment(day, clock)
        except forms.ValidationError as error:
            self.add_error(f"{name}_time", error)
            return None


def add_domain_error(form: forms.Form, error, fields: dict | None = None) -> None:
    """Show a service's DomainError on the form: on its field where the form has it (`fields`
    renames a service's field to the form's), otherwise above the form."""
    field = (fields or {}).get(error.field, error.field)
    form.add_error(field if field in form.fields else None, str(error))
