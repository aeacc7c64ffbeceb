"""What an applicant sees of the selection: decisions whose letter has been sent."""

from django import template
from django.utils.translation import gettext as _

from ..models import Outcome

register = template.Library()


def _message(decision) -> str:
    if decision.outcome == Outcome.ADVANCE:
        # From the call's (prefetched) stages, so a dashboard of many decisions stays cheap.
        following = next(
            (
                stage
                for stage in sorted(decision.stage.call.stages.all(), key=lambda s: s.position)
                if stage.position > decision.stage.position
            ),
            None,
        )
        if following:
            return _("Your application has been chosen for the next stage: %(stage)s.") % {
                "stage": following.name
            }
        return _("Your application has been chosen for the next stage.")
    if decision.outcome == Outcome.SELECT:
        return _("Your application has been selected.")
    if decision.outcome == Outcome.DECLINE:
        return _("Your application has not been advanced to the next stage.")
    return _("Your application has not been selected.")


@register.simple_tag(takes_context=True)
def sent_decisions(context, application):
    """One entry per decision with a sent letter: the message and the letter in the reader's
    language (or the first one sent). Decisions stay invisible until their letter is out."""
    user = context.get("user")
    language = getattr(user, "language", None) or context.get("LANGUAGE_CODE", "de")
    # The dashboard prefetches decisions with their letters; a single page fetches them here.
    letters = sorted(
        (
            letter
            for decision in application.decisions.all()
            for letter in decision.letters.all()
            if letter.sent_at
        ),
        key=lambda letter: (letter.decision.stage.position, letter.sent_at),
    )
    entries: dict[int, dict] = {}
    for letter in letters:
        entry = entries.setdefault(
            letter.decision_id,
            {"decision": letter.decision, "message": _message(letter.decision), "letter": letter},
        )
        if letter.language == language and entry["letter"].language != language:
            entry["letter"] = letter
    return list(entries.values())
