"""Forms of the network page: the date the network is shown for, an actor, a tie."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Actor, Sector, Tie

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _date(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages={"invalid": _("Please enter a date, for example 1.3.2017.")},
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        **DATE_WIDGET,
    )


class NetworkDateForm(forms.Form):
    """The day the network is shown for (GET parameter `am`)."""

    am = _date(_("Network on"), required=False, help_text=_("Empty: today."))


class ActorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Organisation or person"), choices=Actor.Kind.choices, widget=forms.RadioSelect
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Please choose")), *Sector.choices]
    )
    description = forms.CharField(
        label=_("Role in the network"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    joined_on = _date(_("Joined the network on"))
    left_on = _date(
        _("Left the network on"),
        required=False,
        help_text=_(
            "Only when the actor has left. It stays in the network's history; its open ties "
            "end on the same day."
        ),
    )
    public = forms.BooleanField(
        label=_("The actor agreed to be shown on the region's public profile"), required=False
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            # A new actor has not left; ending comes later, on its edit page.
            del self.fields["left_on"]

    @staticmethod
    def initial_for(network_actor: Actor) -> dict:
        return {
            name: getattr(network_actor, name)
            for name in (
                "name",
                "kind",
                "sector",
                "description",
                "contact_name",
                "contact_email",
                "joined_on",
                "left_on",
                "public",
            )
        }


class TieForm(forms.Form):
    """A new tie: its two actors, kind and dates. On the edit page the actors are fixed."""

    source = forms.ModelChoiceField(
        label=_("Network actor"), queryset=Actor.objects.none(), empty_label=_("Please choose")
    )
    target = forms.ModelChoiceField(
        label=_("Connected with"), queryset=Actor.objects.none(), empty_label=_("Please choose")
    )
    kind = forms.ChoiceField(
        label=_("Kind of tie"), choices=Tie.Kind.choices, widget=forms.RadioSelect
    )
    began_on = _date(_("Began on"))
    ended_on = _date(
        _("Ended on"),
        required=False,
        help_text=_("Only when the tie has ended. It stays in the network's history."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, region=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["source"]
            del self.fields["target"]
            return
        actors = Actor.objects.filter(region=region).order_by("name")
        self.fields["source"].queryset = actors
        self.fields["target"].queryset = actors

    def clean(self):
        cleaned = super().clean()
        source, target = cleaned.get("source"), cleaned.get("target")
        if source is not None and source == target:
            self.add_error("target", _("A tie connects two different actors."))
        return cleaned

    @staticmethod
    def initial_for(tie: Tie) -> dict:
        return {name: getattr(tie, name) for name in ("kind", "began_on", "ended_on", "note")}
