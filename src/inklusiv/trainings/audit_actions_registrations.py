"""What the trainings' audit keys about registrations, offers and attendance mean."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions

from .models import Registration

_REGISTRATION = {
    "session": Field(_("Session"), model="trainings.TrainingSession"),
    "user": Field(_("Participant"), model="accounts.User"),
    "region": Field(_("Pilot region"), model="pilots.PilotRegion"),
}

register_actions(
    {
        "training_registered": Action(_("Registered for a training"), fields=_REGISTRATION),
        "training_waitlisted": Action(
            _("Put on the waiting list of a training"), fields=_REGISTRATION
        ),
        "training_needs_stated": _("Accessibility needs for a training stated"),
        "training_needs_removed": _("Accessibility needs for a training removed"),
        "training_registration_cancelled": _("Registration for a training cancelled"),
        "training_seat_offered": Action(
            _("Seat in a training offered"),
            fields={"offer_expires_at": _("Offer valid until")},
        ),
        "training_offer_accepted": _("Seat offer accepted"),
        "training_offer_declined": _("Seat offer declined"),
        "training_offer_expired": _("Seat offer expired"),
        "training_attendance_recorded": Action(
            _("Attendance recorded"),
            fields={"attendance": Field(_("Attendance"), choices=Registration.Attendance.choices)},
        ),
        "training_needs_deleted": Action(
            _("Accessibility needs deleted after the session"),
            fields={"count": _("Number deleted")},
        ),
    }
)
