"""What the structures audit keys of the pilot regions mean, for the readable audit log."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions, register_names

from .models import Group, RegionDocument

_GROUP = {
    "kind": Field(_("Kind of group"), choices=Group.Kind),
    "name": _("Name"),
    "topic": _("Topic"),
    "field_of_action": Field(_("Field of action"), model="pilots.FieldOfAction"),
    "spokesperson": _("Spokesperson"),
    "founded_on": _("Founded on"),
    "dissolved_on": _("Dissolved on"),
    "members": Field(_("Members"), model="pilots.Actor"),
}
_MEETING = {
    "meeting": Field(_("Meeting"), model="pilots.GroupMeeting"),
    "held_on": _("Date and time"),
    "place": _("Place"),
    "minutes": _("Minutes"),
    "decisions": _("Decisions"),
}
_DOCUMENT = {
    "document": Field(_("Document"), model="pilots.RegionDocument"),
    "kind": Field(_("Kind of document"), choices=RegionDocument.Kind),
    "title": _("Title"),
    "name": _("File name"),
}

register_names({"pilots.GroupMeeting": ("group",)})

register_actions(
    {
        "pilot_group_created": Action(_("Group founded"), fields=_GROUP),
        "pilot_group_updated": Action(_("Group changed"), fields=_GROUP),
        "pilot_meeting_recorded": Action(_("Group meeting recorded"), fields=_MEETING),
        "pilot_meeting_updated": Action(_("Group meeting changed"), fields=_MEETING),
        "pilot_document_uploaded": Action(_("Document of the region uploaded"), fields=_DOCUMENT),
        "pilot_document_deleted": Action(_("Document of the region removed"), fields=_DOCUMENT),
        "pilot_document_downloaded": Action(
            _("Document of the region downloaded"), fields=_DOCUMENT
        ),
    }
)
