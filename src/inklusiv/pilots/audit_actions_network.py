"""What the network audit keys of the pilot regions mean, for the readable audit log."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions, register_names

from .models import Actor, Sector, Tie

_ACTOR_FIELDS = {
    "name": _("Name"),
    "kind": Field(_("Organisation or person"), choices=Actor.Kind),
    "sector": Field(_("Sector"), choices=Sector),
    "description": _("Role in the network"),
    "contact_name": _("Contact person"),
    "contact_email": _("Contact e-mail"),
    "joined_on": _("Joined the network on"),
    "left_on": _("Left the network on"),
    "public": _("Agreed to be shown in public"),
}
_TIE_FIELDS = {
    "source": Field(_("Network actor"), model="pilots.Actor"),
    "target": Field(_("Connected with"), model="pilots.Actor"),
    "kind": Field(_("Kind of tie"), choices=Tie.Kind),
    "began_on": _("Began on"),
    "ended_on": _("Ended on"),
    "note": _("Note"),
}

register_actions(
    {
        "pilot_actor_added": Action(_("Actor added to the network"), fields=_ACTOR_FIELDS),
        "pilot_actor_changed": Action(_("Network actor changed"), fields=_ACTOR_FIELDS),
        "pilot_tie_added": Action(_("Tie added to the network"), fields=_TIE_FIELDS),
        "pilot_tie_changed": Action(_("Tie changed"), fields=_TIE_FIELDS),
    }
)
# A tie is named by its two actors.
register_names({"pilots.Tie": ("source", "target")})
