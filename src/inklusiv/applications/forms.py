"""Forms of the application steps; each carries the revision it was loaded at."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inklusiv.calls.models import Question
from inklusiv.core.exceptions import DomainError

from .models import Application, Concept, FieldOfAction, Partner, SocialSpace
from .uploads import ACCEPT_ATTRIBUTE, check_upload

TEXT_LIMIT = 4000


class RevisionMixin(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class UploadField(forms.FileField):
    """A file checked by content and size as soon as the form is cleaned."""

    widget = forms.FileInput

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ACCEPT_ATTRIBUTE}

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                check_upload(upload)
            except DomainError as error:
                raise forms.ValidationError(str(error)) from error
        return upload


class BoundDateField(forms.DateField):
    """A date that must lie from today on, or up to today (today in Berlin), if the question
    says so: a planned start in the past is a typing slip, not an answer."""

    def __init__(self, *args, bound: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.bound = bound

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        today = timezone.localdate()
        if self.bound == Question.DateBound.FROM_TODAY and value < today:
            raise forms.ValidationError(
                _("Please enter today (%(today)s) or a later date."),
                code="past_date",
                params={"today": date_format(today, "SHORT_DATE_FORMAT")},
            )
        if self.bound == Question.DateBound.UNTIL_TODAY and value > today:
            raise forms.ValidationError(
                _("Please enter today (%(today)s) or an earlier date."),
                code="future_date",
                params={"today": date_format(today, "SHORT_DATE_FORMAT")},
            )


class WholeNumberField(forms.IntegerField):
    """A count typed as people write it: "31.000", "31,000" and "31 000" all mean 31000."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(ch for ch in value if ch not in " .,'\u00a0\u202f")
        return super().to_python(value)


class ContactForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["contact_name", "contact_email", "contact_phone"]
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].required = True
        self.fields["contact_email"].required = True


class SocialSpaceForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = SocialSpace
        fields = ["kind", "name", "state", "population", "ags"]
        field_classes = {"population": WholeNumberField}
        widgets = {
            "kind": forms.RadioSelect,
            "ags": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 8}),
        }
        help_texts = {
            "name": _("For example „Neuruppin“ or „Köln-Chorweiler“."),
            "population": _("Approximate number of inhabitants, digits only."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = self.fields["kind"].choices[1:]
        self.fields["population"].error_messages["invalid"] = _(
            "Enter the population as a whole number, for example 31000."
        )


class ConceptForm(RevisionMixin, forms.ModelForm):
    fields_of_action = forms.MultipleChoiceField(
        label=_("Fields of action"),
        choices=FieldOfAction.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select every field of life your work will address."),
        error_messages={"required": _("Select at least one field of action.")},
    )

    class Meta:
        model = Concept
        fields = ["starting_situation", "goals", "fields_of_action", "approach", "expected_network"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6})
            for name in ["starting_situation", "goals", "approach", "expected_network"]
        }
        help_texts = {
            "starting_situation": _(
                "What is the situation in your social space today? Where are the barriers?"
            ),
            "goals": _("What should be different for people with and without disabilities?"),
            "approach": _("How do you want to work together, step by step?"),
            "expected_network": _(
                "Who else should join: associations, businesses, science, administration?"
            ),
        }


class PartnerForm(RevisionMixin, forms.ModelForm):
    letter = UploadField(
        label=_("Letter of intent"),
        required=False,
        help_text=_("PDF, image or office document, at most 10 MB."),
    )
    remove_letter = forms.BooleanField(label=_("Remove the letter of intent"), required=False)

    class Meta:
        model = Partner
        fields = ["name", "sector", "kind", "contact_name", "contact_email", "role"]
        widgets = {
            "sector": forms.RadioSelect,
            "role": forms.Textarea(attrs={"rows": 3}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = self.fields["sector"].choices[1:]
        if not (self.instance.pk and self.instance.letter_of_intent_id):
            del self.fields["remove_letter"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the application?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Please tell us why you withdraw.")},
    )


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("For which organisation do you apply?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the organisation that applies.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


def _question_field(question: Question) -> forms.Field:
    common = {"label": question.label, "required": question.required, "help_text": question.help}
    kind = question.kind
    if kind == Question.Kind.SHORT_TEXT:
        return forms.CharField(max_length=question.max_length or 300, **common)
    if kind == Question.Kind.LONG_TEXT:
        # The field template states the limit and counts down to it (core/forms/field.html).
        limit = question.max_length or TEXT_LIMIT
        return forms.CharField(max_length=limit, widget=forms.Textarea(attrs={"rows": 6}), **common)
    if kind == Question.Kind.NUMBER:
        return forms.DecimalField(
            widget=forms.TextInput(attrs={"inputmode": "decimal"}), localize=True, **common
        )
    if kind == Question.Kind.DATE:
        return BoundDateField(
            bound=question.date_bound, widget=forms.DateInput(attrs={"type": "date"}), **common
        )
    if kind == Question.Kind.SINGLE_CHOICE:
        return forms.ChoiceField(
            choices=question.option_choices(), widget=forms.RadioSelect, **common
        )
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=question.option_choices(), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == Question.Kind.YES_NO:
        return forms.ChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
        )
    return UploadField(**common)


class AnswersForm(RevisionMixin):
    """The questions a stage adds; built from its Question rows."""

    def __init__(self, *args, questions, stored: dict, attachments: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            field = _question_field(question)
            value = stored.get(question.key)
            if question.kind == Question.Kind.FILE:
                # A file already given need not be uploaded again.
                field.required = question.required and not value
                field.current = attachments.get(value)
            elif value not in (None, ""):
                self.initial.setdefault(question.key, value)
            self.fields[question.key] = field

    def values(self) -> tuple[dict, dict]:
        """(answers as JSON values, uploads by question key)."""
        values, files = {}, {}
        for question in self.questions:
            value = self.cleaned_data.get(question.key)
            if question.kind == Question.Kind.FILE:
                if value:
                    files[question.key] = value
                continue
            if value is None:
                value = ""
            elif question.kind == Question.Kind.NUMBER:
                value = str(value)
            elif question.kind == Question.Kind.DATE:
                value = value.isoformat()
            values[question.key] = value
        return values, files
