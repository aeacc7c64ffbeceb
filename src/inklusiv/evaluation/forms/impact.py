"""Forms of the impact model: the model itself, an element on the staircase, and the upload of a
template. The services check the rules (a step that fits the level, goals of the region); the
forms only carry the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inklusiv.pilots.models import Goal
from inklusiv.pilots.models.region import IMPACT_STEPS

from ..models import Level


class ImpactModelForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    vision = forms.CharField(
        label=_("Impact goal"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The change in society the region wants to see, in a few sentences."),
    )
    vision_easy = forms.CharField(
        label=_("Impact goal in Leichte Sprache"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ElementForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level of the logic model"),
        choices=Level.choices,
        widget=forms.RadioSelect,
    )
    step = forms.TypedChoiceField(
        label=_("Step of the impact staircase"),
        choices=[("", _("No step (inputs)")), *IMPACT_STEPS],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Output: steps 1 to 3, outcome: steps 4 to 6, impact: step 7; inputs have none."
        ),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals of the concept"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        if region is None:
            del self.fields["goals"]
        else:
            self.fields["goals"].queryset = Goal.objects.filter(field__region=region).order_by(
                "field__order", "order", "pk"
            )


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Template (JSON file)"),
        help_text=_(
            "A file downloaded as the template of an impact model on this platform "
            "(at most 200 kB)."
        ),
    )
