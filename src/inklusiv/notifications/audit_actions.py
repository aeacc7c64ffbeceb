"""What the notifications app's audit keys mean, for the readable audit log."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions

from .models import Preference


def _kind_labels():
    from .kinds import all_kinds

    return {kind.key: kind.label for kind in all_kinds()}


_FIELDS = {
    "kind": Field(_("Notification"), choices=_kind_labels),
    "choice": Field(_("Delivery"), choices=Preference.Choice),
    "by": Field(
        _("Unsubscribed through"), choices={"link": _("the unsubscribe link in an e-mail")}
    ),
}

register_actions(
    {
        "notification_preference_changed": Action(
            _("Notification setting changed"), fields=_FIELDS
        ),
        "notification_unsubscribed": Action(_("Unsubscribed from e-mails"), fields=_FIELDS),
    }
)
