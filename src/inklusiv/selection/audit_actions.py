"""What the selection app's audit keys mean, for the readable audit log."""

from django.utils.translation import gettext_lazy as _

from inklusiv.applications.models import FieldOfAction
from inklusiv.core.audit import Action, Field, register_actions, register_fields, register_names

from .models import Outcome

_REVIEW_FIELDS = {
    "total": Field(_("Total score"), decimal=True),
    "scores": Field(_("Scores"), key_model="calls.Criterion"),
}

register_actions(
    {
        "assignment_added": _("Review assigned"),
        "assignment_removed": _("Review assignment removed"),
        "assignment_automatic": Action(
            _("Reviews assigned automatically"),
            fields={
                "created": _("New assignments"),
                "applications": _("Applications"),
                "pairs": Field(
                    _("Assignments (application – reviewer)"),
                    model=("applications.Application", "accounts.User"),
                ),
                "loads": Field(_("Reviews per member"), key_model="accounts.User"),
                "method": Field(
                    _("Method"),
                    choices={"flow": _("Minimum-cost flow"), "cp-sat": _("CP-SAT solver")},
                ),
            },
        ),
        "review_submitted": Action(_("Review submitted"), fields=_REVIEW_FIELDS),
        "review_draft_saved": Action(_("Review draft saved"), fields=_REVIEW_FIELDS),
        "review_excluded_for_conflict": _("Review no longer counted (conflict of interest)"),
        "review_reminders_sent": Action(
            _("Reminders of outstanding reviews sent"),
            fields={
                "reviews_due_at": _("Reviews due"),
                "reminded_before_due_date": Field(
                    _("Reminded before the due date"), model="accounts.User"
                ),
                "reminded_after_due_date": Field(
                    _("Reminded after the due date"), model="accounts.User"
                ),
            },
        ),
        "letter_template_saved": _("Letter template saved"),
        "letter_batch_queued": _("Letters queued for sending"),
        "letter_batch_cancelled": Action(
            _("Sending of letters cancelled"), values_of="selection.LetterBatch"
        ),
        "decision_letter_sent": _("Letter sent"),
        "research_note_added": _("Research note added"),
        "open_question_added": _("Open question added"),
        "open_question_answered": Action(
            _("Open question answered"), values_of="selection.OpenQuestion"
        ),
        "commission_member_added": _("Commission member added"),
        "commission_member_changed": _("Commission member changed"),
        "commission_member_removed": Action(
            _("Commission member removed"),
            fields={
                "assigned_applications": Field(
                    _("Assignments removed"), model="applications.Application"
                )
            },
        ),
        "conflict_recorded": Action(
            _("Conflict of interest recorded"),
            fields={
                "assignments_removed_in_stages": Field(
                    _("Assignments removed in stages"), model="calls.Stage"
                ),
                "reviews_excluded": Field(_("Reviews no longer counted"), model="selection.Review"),
            },
        ),
        "decision_recorded": _("Decision recorded"),
        "selection_batch_decision": _("Decisions taken for the whole stage"),
        "ranking_exported": _("Ranking exported"),
    }
)

register_fields(
    {
        "expertise": Field(_("Expertise (fields of action)"), choices=FieldOfAction),
        "outcome": Field(_("Outcome"), choices=Outcome),
        "decision": Field(_("Decision"), model="selection.Decision"),
        "letter": Field(_("Letter"), model="selection.Letter"),
        "note": Field(_("Research note"), model="selection.ResearchNote"),
        "question": Field(_("Open question"), model="selection.OpenQuestion"),
        "conflict": Field(_("Conflict of interest"), model="selection.ConflictOfInterest"),
        "counted_in_ranking": _("Counted in the ranking"),
        "source_url": _("Source (web address)"),
        "answer": _("Answer"),
        "send_after": _("Sent from"),
        "advanced": _("Advanced"),
        "declined": _("Not advanced"),
        "k": _("Reviews per application"),
        "expertise_match": _("Matches of expertise"),
        "new_with_matching_expertise": _("New assignments with matching expertise"),
        "max_load": _("Most reviews for one member"),
        "optimal": _("Optimal solution"),
        "seconds": _("Computing time (seconds)"),
        "objective": _("Objective value"),
        "normalise": _("Normalised scores"),
        "max_reviews": _("Most reviews"),
    }
)

register_names(
    {
        "selection.Decision": ("application__organisation", "application__call"),
        "selection.Review": ("reviewer", "application__organisation", "application__call"),
        "selection.ConflictOfInterest": (
            "user",
            "application__organisation",
            "application__call",
        ),
        "selection.LetterBatch": ("stage",),
    }
)
