"""Forms of a region's own pages: starting it, its settings, its phase and its members."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from inklusiv.accounts.models import Role

from ..models import Phase, PilotRegion, RegionMember
from ..services.regions import PHASE_TRANSITIONS

User = get_user_model()


def _people(role):
    return User.objects.filter(role_grants__role=role, is_active=True).order_by("name")


class _Date(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
        )


class FundingMixin(forms.Form):
    funding_start = _Date(label=_("When does the funding start?"))
    funding_end = _Date(label=_("When does the funding end?"))
    approved_amount = forms.DecimalField(
        label=_("Approved amount (EUR)"),
        help_text=_("At most 600,000 euros for the whole funding period."),
        min_value=0,
        max_value=600000,
        decimal_places=2,
        max_digits=10,
    )
    expert = forms.ModelChoiceField(
        label=_("Responsible programme expert"), queryset=User.objects.none()
    )
    coach = forms.ModelChoiceField(
        label=_("Process coach"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("You can also choose the coach later."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = _people(Role.PROGRAMME_EXPERT)
        self.fields["coach"].queryset = _people(Role.PROCESS_COACH)


class StartRegionForm(FundingMixin):
    pass


class RegionSettingsForm(FundingMixin):
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    summary = forms.CharField(
        label=_("Summary for the public profile"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
    )
    summary_easy = forms.CharField(
        label=_("Summary in Leichte Sprache"),
        help_text=_("Short sentences, one statement per sentence, common words."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
    )

    def __init__(self, *args, may_change_expert: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_change_expert:
            self.fields["expert"].disabled = True


def settings_initial(region: PilotRegion) -> dict:
    return {
        name: getattr(region, name)
        for name in (
            "funding_start",
            "funding_end",
            "approved_amount",
            "expert",
            "coach",
            "contact_name",
            "contact_email",
            "contact_phone",
            "summary",
            "summary_easy",
        )
    }


class PhaseForm(forms.Form):
    new_phase = forms.ChoiceField(label=_("Which phase does the region move to?"))
    reason = forms.CharField(
        label=_("Why?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The reason is kept with the change and shown in the region's history."),
    )

    def __init__(self, *args, region: PilotRegion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_phase"].choices = [
            (phase.value, phase.label) for phase in PHASE_TRANSITIONS[Phase(region.phase)]
        ]


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Someone without an account gets an invitation to choose a password."),
    )
    name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role in the region"), choices=RegionMember.Role.choices)


class RemoveMemberForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the role removed? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Kept in the region's history."),
    )
