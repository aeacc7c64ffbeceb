"""The survey builder's forms: a survey's settings, a section, a question with its answer
options as rows (no JavaScript needed to add one: empty rows wait below the filled ones), its
skip logic and its sign-language video; the address list for invitations; the copy."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inklusiv.pilots.models import Measure, PilotRegion

from ..models import Question, Survey
from ..services.invitations import split_addresses
from ..services.surveys import VIDEO_TYPES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EMPTY_ROWS = 4
MIN_ROWS = 8


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_easy = forms.CharField(
        label=_("Title in Leichte Sprache"), max_length=200, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind of survey"), choices=Survey.Kind.choices, widget=forms.RadioSelect
    )
    series = forms.CharField(
        label=_("Series"),
        max_length=200,
        required=False,
        help_text=_("Surveys of one series are compared over time, e.g. “Einstellungsbefragung”."),
    )
    wave = forms.IntegerField(
        label=_("Year of the wave"), required=False, min_value=2000, max_value=2100
    )
    intro = forms.CharField(
        label=_("Introduction"), max_length=4000, required=False, widget=forms.Textarea
    )
    intro_easy = forms.CharField(
        label=_("Introduction in Leichte Sprache"),
        max_length=4000,
        required=False,
        widget=forms.Textarea,
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Pilot regions"),
        queryset=PilotRegion.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each region gets its own public link and its own response count."),
    )
    measure = forms.ModelChoiceField(
        label=_("Measure"),
        queryset=Measure.objects.select_related("goal__field__region").order_by(
            "goal__field__region__name", "title"
        ),
        required=False,
        help_text=_("For a questionnaire on a measure: the measure it asks about."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous answers"),
        required=False,
        help_text=_(
            "Answers cannot be linked to an invitation: no link, no invitation and no time "
            "finer than the day is stored with them."
        ),
    )
    min_group_size = forms.IntegerField(
        label=_("Minimum group size"),
        min_value=3,
        max_value=100,
        help_text=_("No figure is shown for fewer answers than this."),
    )
    opens_on = forms.DateField(label=_("Open from"), required=False, widget=DATE)
    closes_on = forms.DateField(label=_("Open until"), required=False, widget=DATE)

    FIELD_NAMES = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].label_from_instance = lambda m: (
            f"{m.goal.field.region.name}: {m.title}"
        )

    @classmethod
    def initial_for(cls, survey: Survey) -> dict:
        return {
            **{name: getattr(survey, name) for name in cls.base_fields if name != "regions"},
            "regions": list(survey.regions.all()),
        }

    def data_for_service(self) -> dict:
        return dict(self.cleaned_data)


class CopyForm(forms.Form):
    title = forms.CharField(label=_("Title of the new survey"), max_length=200)
    wave = forms.IntegerField(
        label=_("Year of the wave"), required=False, min_value=2000, max_value=2100
    )


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_easy = forms.CharField(
        label=_("Title in Leichte Sprache"), max_length=200, required=False
    )
    intro = forms.CharField(
        label=_("Introduction"), max_length=2000, required=False, widget=forms.Textarea
    )
    intro_easy = forms.CharField(
        label=_("Introduction in Leichte Sprache"),
        max_length=2000,
        required=False,
        widget=forms.Textarea,
    )


class QuestionForm(forms.Form):
    """A question; its answer options are numbered rows choice_<n>_code/label/label_easy."""

    kind = forms.ChoiceField(
        label=_("Kind of question"), choices=Question.Kind.choices, widget=forms.RadioSelect
    )
    code = forms.CharField(
        label=_("Variable name"),
        max_length=32,
        help_text=_(
            "The column name in the exports: a letter first, then letters, digits or "
            "underscores, e.g. “einst1”."
        ),
    )
    text = forms.CharField(
        label=_("Question"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    text_easy = forms.CharField(
        label=_("Question in Leichte Sprache"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    help_text = forms.CharField(
        label=_("Hint"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    help_text_easy = forms.CharField(
        label=_("Hint in Leichte Sprache"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    required = forms.BooleanField(label=_("Answer required"), required=False)
    number_min = forms.DecimalField(
        label=_("Smallest number"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("Only for numbers."),
    )
    number_max = forms.DecimalField(
        label=_("Largest number"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("Only for numbers."),
    )
    number_decimals = forms.BooleanField(label=_("Decimals allowed"), required=False)
    is_breakdown = forms.BooleanField(
        label=_("Use for breakdowns"),
        required=False,
        help_text=_("Results can be shown by the answers to this question."),
    )
    show_if_question = forms.ChoiceField(
        label=_("Ask only if the answer to this question …"),
        required=False,
        help_text=_("Only choice questions and Likert scales of earlier sections can be chosen."),
    )
    show_if_values = forms.MultipleChoiceField(
        label=_("… was one of these answers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sign_video = forms.FileField(
        label=_("Video in German Sign Language"),
        required=False,
        help_text=_("MP4 or WebM, at most 200 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{e}" for es in VIDEO_TYPES.values() for e in es)}
        ),
    )
    remove_video = forms.BooleanField(label=_("Remove the video"), required=False)

    MAIN_FIELDS = (
        "kind",
        "code",
        "text",
        "text_easy",
        "help_text",
        "help_text_easy",
        "required",
        "number_min",
        "number_max",
        "number_decimals",
        "is_breakdown",
    )

    def __init__(self, *args, earlier=(), question=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sign_video"].widget = forms.FileInput(
            attrs=self.fields["sign_video"].widget.attrs
        )
        if question is None or not question.sign_video:
            del self.fields["remove_video"]
        self.earlier = {str(q.pk): q for q in earlier}
        self.fields["show_if_question"].choices = [("", _("Always ask"))] + [
            (str(q.pk), f"{q.code}: {q.text[:80]}") for q in earlier
        ]
        self.fields["show_if_values"].choices = [
            (f"{q.pk}:{choice.value}", f"{q.code} = {choice.label}")
            for q in earlier
            for choice in q.choices.all()
        ]
        existing = list(question.choices.all()) if question is not None else []
        self.rows = max(MIN_ROWS, len(existing) + EMPTY_ROWS)
        if not self.is_bound and question is not None:
            for number, choice in enumerate(existing):
                self.initial[f"choice_{number}_code"] = choice.value
                self.initial[f"choice_{number}_label"] = choice.label
                self.initial[f"choice_{number}_label_easy"] = choice.label_easy
        for number in range(self.rows):
            shown = number + 1
            self.fields[f"choice_{number}_code"] = forms.IntegerField(
                label=_("Option %(number)s: code") % {"number": shown},
                required=False,
                min_value=0,
                max_value=32767,
            )
            self.fields[f"choice_{number}_label"] = forms.CharField(
                label=_("Option %(number)s: label") % {"number": shown},
                required=False,
                max_length=300,
            )
            self.fields[f"choice_{number}_label_easy"] = forms.CharField(
                label=_("Option %(number)s: label in Leichte Sprache") % {"number": shown},
                required=False,
                max_length=300,
            )

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        initial = {name: getattr(question, name) for name in cls.MAIN_FIELDS}
        if question.show_if_question_id:
            initial["show_if_question"] = str(question.show_if_question_id)
            initial["show_if_values"] = [
                f"{question.show_if_question_id}:{value}" for value in question.show_if_values
            ]
        return initial

    def main_fields(self):
        return [self[name] for name in self.MAIN_FIELDS]

    def choice_rows(self):
        return [
            (
                number + 1,
                [
                    self[f"choice_{number}_code"],
                    self[f"choice_{number}_label"],
                    self[f"choice_{number}_label_easy"],
                ],
            )
            for number in range(self.rows)
        ]

    def clean(self):
        cleaned = super().clean()
        rows = []
        for number in range(self.rows):
            code = cleaned.get(f"choice_{number}_code")
            label = (cleaned.get(f"choice_{number}_label") or "").strip()
            easy = (cleaned.get(f"choice_{number}_label_easy") or "").strip()
            if code is None and not label and not easy:
                continue
            if code is None:
                # An option without a code gets the next free one: 1, 2, 3 …
                taken = {row[0] for row in rows} | {
                    cleaned.get(f"choice_{n}_code") for n in range(self.rows)
                }
                code = next(value for value in range(1, 32767) if value not in taken)
            if not label:
                self.add_error(
                    f"choice_{number}_label", _("Please give this answer option a label.")
                )
            rows.append((code, label, easy))
        self.choices = rows
        chosen = cleaned.get("show_if_question") or ""
        pairs = [value.split(":", 1) for value in cleaned.get("show_if_values") or []]
        questions = {pk for pk, _value in pairs}
        if not chosen and len(questions) == 1:
            chosen = questions.pop()
            questions = {chosen}
        if chosen and questions - {chosen}:
            self.add_error(
                "show_if_values",
                _("Please choose answers of the question chosen above only."),
            )
        self.condition = self.earlier.get(chosen)
        self.condition_values = [int(value) for pk, value in pairs if pk == chosen]
        return cleaned

    def data_for_service(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.MAIN_FIELDS}
        data["show_if_question"] = self.condition
        data["show_if_values"] = self.condition_values
        if self.cleaned_data.get("sign_video"):
            data["sign_video"] = self.cleaned_data["sign_video"]
        elif self.cleaned_data.get("remove_video"):
            data["sign_video"] = False
        return data


class InviteForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Pilot region"), queryset=PilotRegion.objects.none())
    emails = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=100_000,
        help_text=_("One address per line, or separated by commas."),
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = survey.regions.order_by("name")

    def clean_emails(self):
        valid, invalid = split_addresses(self.cleaned_data["emails"])
        if invalid:
            raise forms.ValidationError(
                _("These are not e-mail addresses: %(invalid)s. Please correct them.")
                % {"invalid": ", ".join(invalid)}
            )
        if not valid:
            raise forms.ValidationError(_("Please give at least one e-mail address."))
        return valid
