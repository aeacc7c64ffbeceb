"""Forms of the inclusion concept: fields of action, goals, measures, milestones, the everyday
progress update and the approval. The services check the rules; the forms read the input."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Actor, Goal, Group, Measure
from ..models.concept import LifeArea
from ..models.region import IMPACT_STEPS

REMOVE_BUTTON = "remove"


def _date(**kwargs):
    return forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


def _weight():
    return forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=100,
        initial=1,
        help_text=_(
            "How much this counts beside its siblings: weight 2 counts twice as much as weight 1."
        ),
        error_messages={"required": _("Please enter a weight from 1 to 100.")},
    )


def _order():
    return forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=999,
        initial=0,
        help_text=_("Smaller numbers come first."),
    )


class ReasonMixin(forms.Form):
    """After approval, a change needs a reason, kept with the new version of the concept."""

    def __init__(self, *args, approved=False, **kwargs):
        super().__init__(*args, **kwargs)
        if approved:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the change"),
                help_text=_(
                    "The concept has been approved, so every change makes a new version. "
                    "Say why it changes; the reason is kept with the version."
                ),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )


class FieldOfActionForm(ReasonMixin):
    name = forms.CharField(label=_("Name"), max_length=200)
    life_area = forms.ChoiceField(
        label=_("Field of life"),
        choices=[("", _("– a field of the region's own –")), *LifeArea.choices],
        required=False,
        help_text=_("One of Aktion Mensch's fields of life, or none for a field of your own."),
    )
    weight = _weight()
    order = _order()


class GoalForm(ReasonMixin):
    title = forms.CharField(label=_("Goal"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    step = forms.TypedChoiceField(
        label=_("Step of the impact staircase"),
        choices=[("", _("– please choose –")), *IMPACT_STEPS],
        coerce=int,
        help_text=_("Which step of PHINEO's impact staircase the goal aims at."),
        error_messages={"required": _("Please choose a step of the impact staircase.")},
    )
    weight = _weight()
    order = _order()


class MeasureForm(ReasonMixin):
    title = forms.CharField(label=_("Measure"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=Goal.objects.none())
    responsible_actor = forms.ModelChoiceField(
        label=_("Responsible actor"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("– nobody –"),
    )
    responsible_group = forms.ModelChoiceField(
        label=_("Responsible group"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("– no group –"),
    )
    target_group = forms.CharField(label=_("Target group"), max_length=300, required=False)
    starts_on = _date(label=_("Start"))
    ends_on = _date(label=_("End"))
    weight = _weight()
    cost = forms.DecimalField(
        label=_("Cost (EUR)"), max_digits=10, decimal_places=2, min_value=0, required=False
    )

    def __init__(self, *args, region, with_status=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = (
            Goal.objects.filter(field__region=region)
            .select_related("field")
            .order_by("field__order", "field__name", "order", "pk")
        )
        self.fields["goal"].label_from_instance = lambda goal: f"{goal.field.name}: {goal.title}"
        self.fields["responsible_actor"].queryset = Actor.objects.filter(region=region)
        self.fields["responsible_group"].queryset = Group.objects.filter(region=region)
        if with_status:
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"), choices=Measure.Status.choices, initial="planned"
            )
            self.fields["progress"] = forms.IntegerField(
                label=_("Progress (%)"), min_value=0, max_value=100, initial=0
            )
        if "reason" in self.fields:
            self.order_fields([name for name in self.fields if name != "reason"] + ["reason"])


class MilestoneForm(ReasonMixin):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    due_on = _date(label=_("Due on"))


class RemoveForm(ReasonMixin):
    """Removing an element: after approval with a reason."""


class ProgressForm(forms.Form):
    """The everyday update of a measure: progress and status (and on the measure's own page,
    a milestone reached)."""

    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        error_messages={"required": _("Please enter the progress from 0 to 100.")},
    )
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)

    def __init__(self, *args, measure, milestones=None, **kwargs):
        kwargs.setdefault("initial", {"progress": measure.progress, "status": measure.status})
        super().__init__(*args, **kwargs)
        self.measure = measure
        # Labels name the measure: the concept page has one such form per measure.
        self.fields["progress"].label = _("Progress of “%(measure)s” (%%)") % {
            "measure": measure.title
        }
        self.fields["status"].label = _("Status of “%(measure)s”") % {"measure": measure.title}
        if milestones is not None:
            open_ones = [milestone for milestone in milestones if milestone.done_on is None]
            if open_ones:
                self.fields["milestone"] = forms.TypedChoiceField(
                    label=_("Milestone reached"),
                    choices=[("", _("– none –"))]
                    + [
                        (milestone.pk, f"{milestone.title} ({milestone.due_on:%d.%m.%Y})")
                        for milestone in open_ones
                    ],
                    coerce=int,
                    required=False,
                    help_text=_("Choose a milestone to mark it as reached on the day below."),
                )
                self.fields["done_on"] = _date(
                    label=_("Reached on"), required=False, initial=timezone.localdate
                )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("milestone") and not cleaned.get("done_on"):
            self.add_error("done_on", _("Please enter the day the milestone was reached."))
        return cleaned


class MilestoneDoneForm(forms.Form):
    done_on = _date(label=_("Reached on"), required=False)


class ApprovalForm(forms.Form):
    note = forms.CharField(
        label=_("Note on the approval"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the date and place of the steering group's decision."),
    )


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(label=_("Version A"), coerce=int)
    b = forms.TypedChoiceField(label=_("Version B"), coerce=int)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(number, str(number)) for number in numbers]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices
