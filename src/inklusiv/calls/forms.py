"""Staff forms for initiatives, calls, stages, criteria and questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inklusiv.core.forms import BerlinMomentMixin

from .models import Call, Criterion, Initiative, Question, Stage

TEXTAREA = {"rows": 5}


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["name", "slug", "funder", "description_de", "description_en"]
        widgets = {
            "description_de": forms.Textarea(attrs=TEXTAREA),
            "description_en": forms.Textarea(attrs=TEXTAREA),
        }


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "initiative",
            "slug",
            "title_de",
            "title_en",
            "summary_de",
            "summary_en",
            "purpose_de",
            "purpose_en",
            "eligibility_de",
            "eligibility_en",
            "easy_read_summary",
            "reference_prefix",
            "reference_year",
            "retention_months",
        ]
        widgets = {
            name: forms.Textarea(attrs=TEXTAREA)
            for name in [
                "summary_de",
                "summary_en",
                "purpose_de",
                "purpose_en",
                "eligibility_de",
                "eligibility_en",
                "easy_read_summary",
            ]
        }

    def clean_reference_prefix(self):
        prefix = self.cleaned_data["reference_prefix"].strip().upper()
        if not prefix.isalnum():
            raise forms.ValidationError(
                _("Use letters and digits only, for example KI."), code="prefix"
            )
        return prefix

    def clean_reference_year(self):
        year = self.cleaned_data["reference_year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year such as 2027."), code="year")
        return year


class PublishForm(forms.Form):
    publish = forms.BooleanField(required=False, widget=forms.HiddenInput)


class StageForm(BerlinMomentMixin, forms.ModelForm):
    class Meta:
        model = Stage
        fields = [
            "name_de",
            "name_en",
            "description_de",
            "description_en",
            "quota",
            "reviewers_per_application",
            "max_reviews_per_reviewer",
            "reviews_visible_before_submit",
            "requires_site_visit",
        ]
        widgets = {
            "description_de": forms.Textarea(attrs=TEXTAREA),
            "description_en": forms.Textarea(attrs=TEXTAREA),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance if self.instance.pk else None
        self.add_moment_fields("opens", _("Opens"), initial=instance and instance.opens_at)
        self.add_moment_fields("closes", _("Closes"), initial=instance and instance.closes_at)
        self.add_moment_fields(
            "reviews_due",
            _("Reviews due"),
            required=False,
            initial=instance and instance.reviews_due_at,
        )
        self.fields["reviews_due_date"].help_text = _(
            "By when the commission should have submitted its reviews. Reviewers with reviews "
            "outstanding get a reminder before and one the day after. Leave empty for no due date."
        )
        # The opening and closing belong after the names, the review due date among the
        # review settings.
        for name in [
            "quota",
            "reviewers_per_application",
            "max_reviews_per_reviewer",
            "reviews_due_date",
            "reviews_due_time",
            "reviews_visible_before_submit",
            "requires_site_visit",
        ]:
            self.fields[name] = self.fields.pop(name)

    def clean(self):
        cleaned = super().clean()
        opens = self.clean_moment("opens")
        closes = self.clean_moment("closes")
        if opens and closes and closes <= opens:
            self.add_error("closes_date", _("The stage must close after it opens."))
        # Set before the model validation that follows clean(), so form.save() is complete.
        if opens and closes:
            self.instance.opens_at, self.instance.closes_at = opens, closes
        self.instance.reviews_due_at = self._clean_reviews_due(closes)
        return cleaned

    def _clean_reviews_due(self, closes):
        """The review due date, or None when both of its inputs are empty."""
        day_given = bool(self.data.get(self.add_prefix("reviews_due_date"), "").strip())
        time_given = bool(self.data.get(self.add_prefix("reviews_due_time"), "").strip())
        if not (day_given or time_given):
            return None
        if day_given and not time_given:
            self.add_error(
                "reviews_due_time",
                _("Enter the time the reviews are due as well, for example 23:59."),
            )
            return None
        if time_given and not day_given:
            self.add_error("reviews_due_date", _("Enter the day the reviews are due as well."))
            return None
        due = self.clean_moment("reviews_due")
        if due and closes and due <= closes:
            # Reviews start once the applications are in, so a due date before the stage
            # closes is a typing error.
            self.add_error(
                "reviews_due_date", _("The reviews can only be due after the stage closes.")
            )
            return None
        return due


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "name_de",
            "name_en",
            "description_de",
            "description_en",
            "weight",
            "max_score",
            "position",
        ]
        widgets = {
            "description_de": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_weight(self):
        weight = self.cleaned_data["weight"]
        if weight < 1:
            raise forms.ValidationError(_("The weight must be at least 1."), code="weight")
        return weight

    def clean_max_score(self):
        score = self.cleaned_data["max_score"]
        if not 2 <= score <= 10:
            raise forms.ValidationError(
                _("The highest score must be between 2 and 10."), code="max_score"
            )
        return score


CHOICE_KINDS = {Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE}
TEXT_KINDS = {Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "kind",
            "label_de",
            "label_en",
            "help_de",
            "help_en",
            "required",
            "max_length",
            "date_bound",
            "options",
            "position",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "help_de": forms.Textarea(attrs={"rows": 3}),
            "help_en": forms.Textarea(attrs={"rows": 3}),
            "options": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        options = [line for line in (cleaned.get("options") or "").splitlines() if line.strip()]
        if kind in CHOICE_KINDS and len(options) < 2:
            self.add_error("options", _("A choice needs at least two options, one per line."))
        if kind not in CHOICE_KINDS:
            cleaned["options"] = ""
        if kind != Question.Kind.DATE:
            cleaned["date_bound"] = ""
        if kind not in TEXT_KINDS:
            cleaned["max_length"] = None
        elif cleaned.get("max_length") is not None and cleaned["max_length"] < 1:
            self.add_error("max_length", _("The maximum length must be at least 1."))
        return cleaned
