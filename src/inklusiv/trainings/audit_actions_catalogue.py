"""What the trainings' audit keys about the catalogue and its organisers mean: courses and
sessions written, accessibility needs read, participants exported."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions, register_names
from inklusiv.pilots.models import RegionMember

from .models import Format, Service, TrainingSession

_COURSE = {
    "title": _("Title"),
    "description": _("Description"),
    "learning_goals": _("Learning goals"),
    "target_group": _("Target group"),
    "format": Field(_("Format"), choices=Format),
    "length_minutes": _("Length in minutes"),
    "trainer": Field(_("Trainer"), model="accounts.User"),
    "summary_easy": _("Summary in Leichte Sprache"),
    "published": _("Published"),
}
_SESSION = {
    "starts_at": _("Starts"),
    "ends_at": _("Ends"),
    "format": Field(_("Format"), choices=Format),
    "trainer": Field(_("Trainer"), model="accounts.User"),
    "venue": _("Venue"),
    "address": _("Address"),
    "step_free": _("Step-free access"),
    "accessible_toilet": _("Accessible toilet"),
    "induction_loop": _("Induction loop"),
    "quiet_room": _("Quiet room"),
    "access_notes": _("More about accessibility"),
    "online_link": _("Link to the online room"),
    "capacity": _("Seats"),
    "registration_deadline": _("Registration until"),
    "cancellation_deadline": _("Cancellation until"),
    "audience": Field(_("Who may register"), choices=TrainingSession.Audience),
    "regions": Field(_("Pilot regions"), model="pilots.PilotRegion"),
    "member_roles": Field(_("Roles in the region"), choices=RegionMember.Role),
    "services": Field(_("Services offered"), choices=Service),
    "status": Field(_("Status"), choices=TrainingSession.Status),
}
_NEEDS_VIEWED = {
    "registrations": Field(_("Whose needs were shown"), model="trainings.Registration"),
}
_EXPORT = {
    "format": _("File format"),
    "year": _("Year"),
    "rows": _("Rows"),
}

register_actions(
    {
        "training_course_created": Action(_("Course created"), fields=_COURSE),
        "training_course_updated": Action(_("Course changed"), fields=_COURSE),
        "training_session_created": Action(_("Training session created"), fields=_SESSION),
        "training_session_updated": Action(_("Training session changed"), fields=_SESSION),
        "training_session_cancelled": Action(_("Training session cancelled"), fields=_SESSION),
        "training_needs_viewed": Action(
            _("Accessibility needs of a training session read"), fields=_NEEDS_VIEWED
        ),
        "training_participants_exported": Action(
            _("Participants of the trainings exported"), fields=_EXPORT
        ),
    }
)

# A registration is named by its person and session, a session by its course: loaded with them.
register_names(
    {
        "trainings.Registration": ("user", "session__course"),
        "trainings.TrainingSession": ("course",),
    }
)
