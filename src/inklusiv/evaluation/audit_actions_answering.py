"""What the evaluation's audit keys about answers mean. Respondents' own steps are never
audited (an entry's time and object would tie an anonymous response to its link); only the
bulk entry of paper questionnaires by an evaluator is."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions

register_actions(
    {
        "evaluation_responses_recorded": Action(
            _("Survey answers entered in bulk"),
            fields={
                "region": Field(_("Pilot region"), model="pilots.PilotRegion"),
                "responses": _("Responses"),
                "submitted_on": _("Date of the answers"),
            },
        ),
    }
)
