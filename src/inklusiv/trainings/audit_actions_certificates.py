"""What the trainings' audit keys about certificates and feedback mean. Giving feedback is
never audited: an entry with its actor and moment would link the person to the answer."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions

register_actions(
    {
        "training_certificate_issued": Action(
            _("Certificate of attendance issued"),
            fields={
                "number": _("Certificate number"),
                "language": Field(
                    _("Language of the certificate"),
                    choices={"de": _("German"), "en": _("English")},
                ),
            },
        ),
        "training_certificates_queued": Action(
            _("Certificates of a session started"),
            fields={"total": _("Total")},
        ),
        "training_feedback_exported": Action(
            _("Feedback results exported"),
            fields={"rows": _("Rows")},
        ),
    }
)
