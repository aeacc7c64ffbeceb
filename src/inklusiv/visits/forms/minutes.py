"""Forms of the minutes page: the minutes with the answers to the open questions, and the
expert's assessment (the selection's review form, prefixed so both fit on one page)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inklusiv.selection.forms.reviews import ReviewForm
from inklusiv.selection.models import OpenQuestion

MINUTES_BUTTON = "save_minutes"
DRAFT_BUTTON = "save_assessment"
SUBMIT_BUTTON = "submit_assessment"


class MinutesForm(forms.Form):
    """The minutes text, then per open question its state and answer, then "held"."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    minutes = forms.CharField(
        label=_("Minutes"),
        help_text=_("What was discussed and agreed, and who was there."),
        required=False,
        max_length=30000,
        widget=forms.Textarea(attrs={"rows": 14}),
    )

    def __init__(self, *args, questions=(), show_held=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for number, question in enumerate(self.questions, start=1):
            choices = [
                (value, label)
                for value, label in OpenQuestion.Status.choices
                # A clarified question cannot be reopened through selection's service.
                if value != OpenQuestion.Status.OPEN or question.status == OpenQuestion.Status.OPEN
            ]
            self.fields[f"status_{question.pk}"] = forms.ChoiceField(
                label=_("State of question %(number)s") % {"number": number},
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose the state of the question.")},
            )
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=_("Answer to question %(number)s") % {"number": number},
                help_text=_("Required when the question is answered."),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        if show_held:
            self.fields["held"] = forms.BooleanField(
                label=_("The meeting took place"),
                help_text=_(
                    "Marks the meeting as held. The participants' accessibility needs are then "
                    "deleted, as they are no longer needed."
                ),
                required=False,
            )

    @classmethod
    def initial_for(cls, visit, questions) -> dict:
        initial = {"revision": visit.revision, "minutes": visit.minutes}
        for question in questions:
            initial[f"status_{question.pk}"] = question.status
            initial[f"answer_{question.pk}"] = question.answer
        return initial

    def rows(self):
        """(number, question, status field, answer field) for the template."""
        return [
            (number, question, self[f"status_{question.pk}"], self[f"answer_{question.pk}"])
            for number, question in enumerate(self.questions, start=1)
        ]

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            status = cleaned.get(f"status_{question.pk}")
            answer = (cleaned.get(f"answer_{question.pk}") or "").strip()
            if status == OpenQuestion.Status.ANSWERED and not answer:
                self.add_error(f"answer_{question.pk}", _("Please write the answer."))
        return cleaned

    def answers(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            question.pk: (data[f"status_{question.pk}"], data.get(f"answer_{question.pk}", ""))
            for question in self.questions
        }


class AssessmentForm(ReviewForm):
    """The review form of selection, under its own prefix beside the minutes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "assessment")
        super().__init__(*args, **kwargs)
