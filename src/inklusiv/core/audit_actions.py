"""What the core app's audit keys mean, for the readable audit log."""

from django.utils.translation import gettext_lazy as _

from .audit import Field, action_labels, register_actions, register_fields

register_actions(
    {
        "feedback_received": _("Barrier report received"),
        "outbox_listed": _("Outbox read (list of mails)"),
        "outbox_message_read": _("Mail in the outbox opened"),
        "audit_log_exported": _("Audit log exported"),
    }
)

register_fields(
    {
        "messages": _("Mails"),
        "recipients": _("Recipients"),
        "filters": _("Filters"),
        "person": _("Person"),
        "content_type_id": Field(_("Kind of object"), model="contenttypes.ContentType"),
        "action": Field(_("Action"), choices=action_labels),
        "since": _("From (date)"),
        "until": _("Until (date)"),
    }
)
