"""Forms of the formal check, the decisions and the letter templates."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from inklusiv.applications.models import Application

from ..services import letters


class FormalCheckForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Is the application formally eligible?"),
        choices=[
            ("eligible", _("Yes, formally eligible")),
            ("ineligible", _("No, formally ineligible")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose whether the application is eligible.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the application is ineligible; the applicant will read it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("result") == "ineligible" and not data.get("reason", "").strip():
            self.add_error("reason", _("Please say why the application is ineligible."))
        return data


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a decision.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("It appears in the decision letter."),
        error_messages={"required": _("Please give a reason for the decision.")},
    )
    confirm_over_quota = forms.BooleanField(
        label=_("I confirm that this decision may exceed the stage's quota."),
        required=False,
    )

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcomes


class BatchDecisionForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many go on?"),
        min_value=0,
        help_text=_(
            "The best-ranked applications up to this number go on; all others still "
            "waiting for a decision do not. The stage's quota is filled in."
        ),
        error_messages={"required": _("Please enter how many applications go on.")},
    )
    reason_advance = forms.CharField(
        label=_("Reason for the applications that go on"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason_decline = forms.CharField(
        label=_("Reason for the applications that do not go on"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm_over_quota = forms.BooleanField(
        label=_("I confirm that more applications than the quota may go on."),
        required=False,
    )

    def __init__(self, *args, waiting: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"].validators.append(
            MaxValueValidator(
                waiting,
                message=ngettext_lazy(
                    "Only %(limit_value)s application is waiting for a decision.",
                    "Only %(limit_value)s applications are waiting for a decision.",
                    "limit_value",
                ),
            )
        )


class LetterTemplateForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        error_messages={"required": _("Please enter a subject.")},
    )
    body = forms.CharField(
        label=_("Text of the letter"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Separate paragraphs with an empty line."),
        error_messages={"required": _("Please enter the text of the letter.")},
    )
    application = forms.ModelChoiceField(
        label=_("Preview for which application?"),
        queryset=Application.objects.none(),
        required=False,
        help_text=_("Choose an application and press “Preview” to see the letter it gets."),
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = (
            Application.objects.filter(call=call)
            .exclude(reference="")
            .select_related("organisation")
            .order_by("reference")
        )
        self.fields["application"].label_from_instance = lambda application: (
            f"{application.reference} – {application.organisation.name}"
        )

    def _checked(self, name):
        text = self.cleaned_data[name]
        problem = letters.placeholder_error(text)
        if problem:
            raise forms.ValidationError(problem)
        return text

    def clean_subject(self):
        return self._checked("subject")

    def clean_body(self):
        return self._checked("body")
