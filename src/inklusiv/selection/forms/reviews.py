"""Forms of the review page and of the application's procedure page (notes, questions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import OpenQuestion, Review

SUBMIT = "submit"


def _scale_choices(max_score: int) -> list[tuple[str, str]]:
    """1..max with the ends named, and a last choice to take a score back without JavaScript."""
    choices = []
    for value in range(1, max_score + 1):
        if value == 1:
            label = _("%(value)s – lowest") % {"value": value}
        elif value == max_score:
            label = _("%(value)s – highest") % {"value": value}
        else:
            label = str(value)
        choices.append((str(value), label))
    choices.append(("", _("No score yet")))
    return choices


class NeededToSubmitChoiceField(forms.ChoiceField):
    """Shown as required (no "optional" marker: submitting needs it), yet empty in a draft.

    ReviewForm.clean enforces it when the review is submitted.
    """

    def validate(self, value):
        if value in self.empty_values:
            return
        super().validate(value)


class ReviewForm(forms.Form):
    """One score (radio buttons) and one comment per criterion, then the overall verdict.

    Every field is optional for a draft; `submitting` makes scores and the recommendation
    required, so the person learns everything missing at once.
    """

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    recommendation = NeededToSubmitChoiceField(
        label=_("Overall recommendation"),
        choices=[*Review.Recommendation.choices, ("", _("Not decided yet"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, criteria=(), submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.submitting = submitting
        tail = {name: self.fields.pop(name) for name in ("recommendation", "comment")}
        for criterion in self.criteria:
            hint = _("Weight %(weight)s · scale from 1 to %(max)s") % {
                "weight": criterion.weight,
                "max": criterion.max_score,
            }
            if criterion.description:
                hint = f"{criterion.description} ({hint})"
            self.fields[f"score_{criterion.pk}"] = NeededToSubmitChoiceField(
                label=_("Score for “%(criterion)s”") % {"criterion": criterion.name},
                help_text=hint,
                choices=_scale_choices(criterion.max_score),
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields.update(tail)

    def rows(self):
        """(criterion, score field, comment field) for the template, in rubric order."""
        return [
            (criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for criterion in self.criteria:
                name = f"score_{criterion.pk}"
                if name not in self.errors and not cleaned.get(name):
                    self.add_error(
                        name,
                        _("Choose a score from 1 to %(max)s to submit the review.")
                        % {"max": criterion.max_score},
                    )
            if "recommendation" not in self.errors and not cleaned.get("recommendation"):
                self.add_error("recommendation", _("Choose a recommendation to submit the review."))
        return cleaned

    def scores(self) -> dict[int, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            criterion.pk: (
                int(data[f"score_{criterion.pk}"]) if data.get(f"score_{criterion.pk}") else None,
                data.get(f"comment_{criterion.pk}", ""),
            )
            for criterion in self.criteria
        }

    @classmethod
    def initial_for(cls, review) -> dict:
        if review is None:
            return {"revision": 0}
        initial = {
            "revision": review.revision,
            "recommendation": review.recommendation,
            "comment": review.comment,
        }
        for score in review.scores.all():
            initial[f"score_{score.criterion_id}"] = "" if score.value is None else str(score.value)
            initial[f"comment_{score.criterion_id}"] = score.comment
        return initial


class NoteForm(forms.Form):
    source_url = forms.CharField(
        label=_("Source (link)"),
        required=False,
        max_length=500,
        help_text=_("The web address where you found it, starting with https://"),
        # Not autocomplete="url": that token means the user's own home page, and a source
        # about an applicant is never that – the browser must not offer to fill it in.
        widget=forms.URLInput(attrs={"autocomplete": "off"}),
    )
    finding = forms.CharField(
        label=_("Finding"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please describe what you found.")},
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question"),
        help_text=_("What should be clarified with the applicant, for example on site?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please write the question.")},
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (OpenQuestion.Status.ANSWERED, _("Answered")),
            (OpenQuestion.Status.DROPPED, _("No longer relevant")),
        ],
        initial=OpenQuestion.Status.ANSWERED,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose whether the question is answered.")},
    )
    answer = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the question is answered."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == OpenQuestion.Status.ANSWERED
            and not (cleaned.get("answer") or "").strip()
        ):
            self.add_error("answer", _("Please write the answer."))
        return cleaned
