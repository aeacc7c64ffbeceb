"""The form of one survey section, built from its questions. It only collects what was sent;
the answering service checks it (the same check the bulk entry uses) and the view puts the
service's messages on the fields, so the form and paper questionnaires accept the same answers.
"""

from django import forms


def _label(question, easy: bool) -> str:
    return (question.text_easy if easy and question.text_easy else question.text) or question.code


def _choice_label(choice, easy: bool) -> str:
    return choice.label_easy if easy and choice.label_easy else choice.label


class SectionForm(forms.Form):
    """One field per question asked, named by its code; nothing is refused here."""

    def __init__(self, questions, *args, easy=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.easy = easy
        for question in self.questions:
            self.fields[question.code] = self._field(question)

    def _field(self, question):
        kind = question.kind
        label = _label(question, self.easy)
        choices = [
            (str(choice.value), _choice_label(choice, self.easy))
            for choice in question.choices.all()
        ]
        if kind == "multiple":
            # Values are checked by the service, with its own words.
            return _LenientMultipleField(
                label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
            )
        if kind in ("single", "likert"):
            return _LenientChoiceField(
                label=label, required=False, choices=choices, widget=forms.RadioSelect
            )
        if kind == "number":
            return forms.CharField(label=label, required=False, strip=True)
        return forms.CharField(label=label, required=False, strip=True, widget=forms.Textarea)


class _LenientChoiceField(forms.ChoiceField):
    def validate(self, value):
        pass


class _LenientMultipleField(forms.MultipleChoiceField):
    def validate(self, value):
        pass
