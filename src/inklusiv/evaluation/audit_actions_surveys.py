"""What the evaluation's audit keys about surveys mean: the builder's writes (surveys,
sections, questions, status) and their distribution (invitations, reminders)."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions

from .models import Question, Survey

_SURVEY = {
    "title": _("Title"),
    "title_easy": _("Title in Leichte Sprache"),
    "kind": Field(_("Kind"), choices=Survey.Kind),
    "series": _("Series"),
    "wave": _("Year of the wave"),
    "intro": _("Introduction"),
    "intro_easy": _("Introduction in Leichte Sprache"),
    "measure": Field(_("Measure"), model="pilots.Measure"),
    "anonymous": _("Anonymous answers"),
    "min_group_size": _("Minimum group size"),
    "opens_on": _("Open from"),
    "closes_on": _("Open until"),
    "regions": Field(_("Pilot regions"), model="pilots.PilotRegion"),
    "status": Field(_("Status"), choices=Survey.Status),
    "copy_of": Field(_("Copy of"), model="evaluation.Survey"),
}
_SECTION = {
    "title": _("Title"),
    "title_easy": _("Title in Leichte Sprache"),
    "intro": _("Introduction"),
    "intro_easy": _("Introduction in Leichte Sprache"),
    "survey": Field(_("Survey"), model="evaluation.Survey"),
    "questions": _("Questions"),
}
_QUESTION = {
    "code": _("Variable name"),
    "kind": Field(_("Kind of question"), choices=Question.Kind),
    "text": _("Question"),
    "text_easy": _("Question in Leichte Sprache"),
    "help_text": _("Hint"),
    "help_text_easy": _("Hint in Leichte Sprache"),
    "required": _("Answer required"),
    "number_min": _("Smallest number"),
    "number_max": _("Largest number"),
    "number_decimals": _("Decimals allowed"),
    "is_breakdown": _("Use for breakdowns"),
    "show_if_question": Field(_("Only if the answer to"), model="evaluation.Question"),
    "show_if_values": _("Was one of"),
    "sign_video": _("Video in German Sign Language"),
    "choices": _("Answer options"),
    "section": Field(_("Section"), model="evaluation.Section"),
}
_INVITATIONS = {
    "region": Field(_("Pilot region"), model="pilots.PilotRegion"),
    "count": _("Total"),
}

register_actions(
    {
        "evaluation_survey_created": Action(_("Survey created"), fields=_SURVEY),
        "evaluation_survey_updated": Action(_("Survey changed"), fields=_SURVEY),
        "evaluation_survey_opened": Action(_("Survey opened"), fields=_SURVEY),
        "evaluation_survey_closed": Action(_("Survey closed"), fields=_SURVEY),
        "evaluation_survey_reopened": Action(_("Survey reopened"), fields=_SURVEY),
        "evaluation_survey_copied": Action(_("Survey copied for a new wave"), fields=_SURVEY),
        "evaluation_section_created": Action(_("Survey section created"), fields=_SECTION),
        "evaluation_section_updated": Action(_("Survey section changed"), fields=_SECTION),
        "evaluation_section_removed": Action(
            _("Survey section removed"), values_of="evaluation.Section", fields=_SECTION
        ),
        "evaluation_question_created": Action(_("Survey question created"), fields=_QUESTION),
        "evaluation_question_updated": Action(_("Survey question changed"), fields=_QUESTION),
        "evaluation_question_removed": Action(
            _("Survey question removed"), values_of="evaluation.Question", fields=_QUESTION
        ),
        "evaluation_invitations_sent": Action(_("Survey invitations sent"), fields=_INVITATIONS),
        "evaluation_invitations_reminded": Action(_("Survey reminders sent"), fields=_INVITATIONS),
    }
)
