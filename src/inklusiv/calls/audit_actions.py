"""What the calls app's audit keys mean, for the readable audit log."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import register_actions

register_actions(
    {
        "initiative_created": _("Initiative created"),
        "initiative_changed": _("Initiative changed"),
        "initiative_deleted": _("Initiative deleted"),
        "call_created": _("Call created"),
        "call_changed": _("Call changed"),
        "call_deleted": _("Call deleted"),
        "call_published": _("Call published"),
        "call_unpublished": _("Call withdrawn from publication"),
        "stage_created": _("Stage created"),
        "stage_changed": _("Stage changed"),
        "stage_deleted": _("Stage deleted"),
        "criterion_created": _("Review criterion created"),
        "criterion_changed": _("Review criterion changed"),
        "criterion_deleted": _("Review criterion deleted"),
        "question_created": _("Question created"),
        "question_changed": _("Question changed"),
        "question_deleted": _("Question deleted"),
    }
)
