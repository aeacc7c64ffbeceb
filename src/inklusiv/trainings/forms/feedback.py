"""The anonymous questionnaire after a training: five ratings from 1 to 5 and two texts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import FeedbackResponse
from ..results import QUESTIONS

RATING_CHOICES = [
    ("1", _("1 – very poor")),
    ("2", _("2 – poor")),
    ("3", _("3 – fair")),
    ("4", _("4 – good")),
    ("5", _("5 – very good")),
]
TEXT_HINT = _("Optional. Please do not name anyone, yourself included: the answers are anonymous.")


class FeedbackForm(forms.Form):
    liked = forms.CharField(
        label=_("What was good?"),
        help_text=TEXT_HINT,
        required=False,
        max_length=FeedbackResponse._meta.get_field("liked").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    improve = forms.CharField(
        label=_("What could be better?"),
        help_text=TEXT_HINT,
        required=False,
        max_length=FeedbackResponse._meta.get_field("improve").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = {
            key: forms.ChoiceField(
                label=label,
                choices=RATING_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose a rating from 1 to 5.")},
            )
            for key, label in QUESTIONS
        }
        # The ratings first, in the order of the questions; the texts after them.
        self.fields = {**ratings, **self.fields}

    @property
    def rating_fields(self):
        return [self[key] for key, _label in QUESTIONS]

    @property
    def text_fields(self):
        return [self["liked"], self["improve"]]
