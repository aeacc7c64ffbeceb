"""Forms of the registration for a training session: who takes part (oneself or, for region
coordinators, a colleague), for which pilot region, and the accessibility needs with their own
consent (health data, Art. 9 GDPR); the same needs part lets a participant change them later."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Need, TrainingSession

MYSELF = "self"

CONSENT_LABEL = _("I agree that my accessibility needs are stored for this session")
CONSENT_HELP = _(
    "This is information about your health (Art. 9 GDPR). Only the organisers of this session "
    "read it, so that they can book what you need; every reading is recorded. It is deleted "
    "after the session. You can withdraw your consent at any time by removing the tick and "
    "saving; your needs are then deleted."
)


def need_choices(session: TrainingSession) -> list[tuple[str, str]]:
    """The services this session offers, plus a step-free seat where it has a venue."""
    labels = dict(Need.choices)
    choices = [(code, labels[code]) for code in session.services if code in labels]
    if session.has_venue:
        choices.append((Need.STEP_FREE.value, Need.STEP_FREE.label))
    return choices


class NeedsForm(forms.Form):
    """The accessibility needs and the separate consent, required only if a need is given."""

    needs = forms.MultipleChoiceField(
        label=_("What do you need to take part?"),
        help_text=_("Tick everything that applies. You can leave this empty."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    details = forms.CharField(
        label=_("Anything else we should know or arrange"),
        help_text=_("For example which sign language, or what kind of assistance."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    consent = forms.BooleanField(label=CONSENT_LABEL, help_text=CONSENT_HELP, required=False)

    def __init__(self, session: TrainingSession, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["needs"].choices = need_choices(session)
        if not self.fields["needs"].choices:
            # Nothing to tick: only the free text remains.
            del self.fields["needs"]

    def clean(self):
        cleaned = super().clean()
        given = bool(cleaned.get("needs")) or bool((cleaned.get("details") or "").strip())
        if given and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _(
                    "Please agree that your accessibility needs are stored, or remove them. "
                    "Without your consent we cannot keep them."
                ),
            )
        cleaned.setdefault("needs", [])
        return cleaned

    def needs_given(self) -> list[str]:
        return list(self.cleaned_data.get("needs") or [])


class RegistrationForm(NeedsForm):
    """Registering for a session. `members` are the colleagues the actor may register (empty
    for everyone but region coordinators); `regions` the pilot regions to choose from (the
    field appears only when there is a choice)."""

    person = forms.ChoiceField(label=_("Who takes part?"), required=False)
    region = forms.ChoiceField(
        label=_("For which pilot region?"),
        help_text=_("The participation is counted for this region."),
        required=False,
    )

    field_order = ["person", "region", "needs", "details", "consent"]

    def __init__(self, session, *args, actor, members=(), regions=(), myself=True, **kwargs):
        super().__init__(session, *args, **kwargs)
        self.actor = actor
        self.myself = myself
        self.members = {str(member.pk): member for member in members if member.pk != actor.pk}
        self.regions = {str(region.pk): region for region in regions}
        if self.members:
            choices = [(pk, member.name or member.email) for pk, member in self.members.items()]
            if myself:
                name = actor.name or actor.email
                choices.insert(0, (MYSELF, _("Myself (%(name)s)") % {"name": name}))
                self.fields["person"].initial = MYSELF
            else:
                # Already registered themself: only a colleague is left to choose.
                choices.insert(0, ("", _("Please choose")))
                self.fields["person"].required = True
            self.fields["person"].choices = choices
            self.fields["person"].help_text = _(
                "As a coordinator you may also register a colleague of your pilot region."
            )
        else:
            del self.fields["person"]
        if len(self.regions) > 1:
            self.fields["region"].choices = [("", _("Please choose"))] + [
                (pk, region.name) for pk, region in self.regions.items()
            ]
            self.fields["region"].required = True
        else:
            del self.fields["region"]
        if self.members:
            if "needs" in self.fields:
                self.fields["needs"].label = _("What does the person taking part need?")
            self.fields["consent"].label = _(
                "The person taking part agrees that their accessibility needs are stored for "
                "this session"
            )
        self.order_fields(self.field_order)

    def chosen_user(self):
        """The person to register: None means the actor."""
        value = self.cleaned_data.get("person") or MYSELF
        return None if value == MYSELF else self.members.get(value)

    def chosen_region(self):
        return self.regions.get(self.cleaned_data.get("region") or "")

    def clean_person(self):
        value = self.cleaned_data.get("person") or MYSELF
        if value == MYSELF and not self.myself:
            raise forms.ValidationError(_("Please choose a person from the list."))
        if value != MYSELF and value not in self.members:
            raise forms.ValidationError(_("Please choose a person from the list."))
        return value
