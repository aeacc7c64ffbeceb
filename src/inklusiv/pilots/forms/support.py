"""Forms of process support: a coaching session, a task and a strengths/weaknesses profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CoachingSession, Measure, Task
from ..services.support import people_of


class _Date(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
        )


def _text(label, *, required=False, rows=4, max_length=5000, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class SessionForm(forms.Form):
    held_on = _Date(label=_("Date of the session"))
    format = forms.ChoiceField(
        label=_("Format"), choices=CoachingSession.Format.choices, widget=forms.RadioSelect
    )
    participants = _text(_("Participants"), rows=2, max_length=2000)
    topics = _text(_("Topics"), required=True)
    agreements = _text(_("Agreements"))
    next_steps = _text(_("Next steps"))
    internal_note = _text(
        _("Internal note"),
        help_text=_(
            "Only for the process coach, the programme expert and funder staff. "
            "Region members never see it; it is not part of the yearly report."
        ),
    )

    @classmethod
    def initial_for(cls, session) -> dict:
        return {name: getattr(session, name) for name in cls.base_fields}


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        help_text=_("The coach, the programme expert, funder staff or a member of the region."),
    )
    due_on = _Date(label=_("Due on"))
    description = _text(_("Description"), rows=3, max_length=4000)
    measure = forms.ModelChoiceField(label=_("Measure (optional)"), queryset=None, required=False)
    session = forms.ModelChoiceField(
        label=_("Coaching session (optional)"), queryset=None, required=False
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(region)
        self.fields["owner"].label_from_instance = lambda user: user.name or user.email
        self.fields["measure"].queryset = Measure.objects.filter(
            goal__field__region=region
        ).order_by("title")
        self.fields["session"].queryset = region.sessions.order_by("-held_on", "-pk")

    @classmethod
    def initial_for(cls, task: Task) -> dict:
        return {
            "title": task.title,
            "owner": task.owner_id,
            "due_on": task.due_on,
            "description": task.description,
            "measure": task.measure_id,
            "session": task.session_id,
        }


class ProfileForm(forms.Form):
    taken_on = _Date(label=_("As of"))
    label = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("For example “Profile at the start”.")
    )
    strengths = _text(_("Strengths"), required=True, rows=6)
    weaknesses = _text(_("Weaknesses"), required=True, rows=6)
    opportunities = _text(_("Opportunities"), rows=4)
    risks = _text(_("Risks"), rows=4)
