"""Writing a review: drafts, submission with the total, and the lock afterwards.

The total is the weighted mean of the scores on a common scale of 1 to 5 points
(NORMAL_SCALE): each score is divided by its criterion's highest score and multiplied by 5,
so a criterion scored on 1–10 counts as much as one on 1–5 of the same weight. With every
criterion on the default 1–5 scale this is exactly the plain weighted mean of the scores.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusiv.applications.models import FINAL_STATES, Application
from inklusiv.calls.models import Criterion
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError

from ..models import Assignment, Review, Score

NORMAL_SCALE = 5
TOTAL_PLACES = Decimal("0.001")


class ReviewConflict(DomainError):
    """The review was saved elsewhere (another tab) since the form was loaded."""

    def __init__(self, message, *, current: Review):
        super().__init__(message)
        self.current = current


def compute_total(criteria, values: dict[int, int]) -> Decimal | None:
    """Weighted mean of the scores, each normalised to 1..NORMAL_SCALE (see module doc).

    Criteria with weight 0 count only when every weight is 0 (then all count equally).
    """
    if not criteria:
        return None
    weights = {criterion.pk: criterion.weight for criterion in criteria}
    if not any(weights.values()):
        weights = dict.fromkeys(weights, 1)
    numerator = Decimal(0)
    for criterion in criteria:
        value = values[criterion.pk]
        normalised = Decimal(value) * NORMAL_SCALE / Decimal(criterion.max_score)
        numerator += weights[criterion.pk] * normalised
    total = numerator / sum(weights.values())
    return total.quantize(TOTAL_PLACES, rounding=ROUND_HALF_UP)


def _check_scores(criteria, scores: dict) -> dict[int, tuple[int | None, str]]:
    """Scores of the stage's criteria only, each within its scale."""
    known = {criterion.pk: criterion for criterion in criteria}
    unknown = set(scores) - set(known)
    if unknown:
        raise DomainError(_("A score refers to a criterion that this stage does not have."))
    checked = {}
    for pk, (value, comment) in scores.items():
        criterion = known[pk]
        if value is not None and not 1 <= int(value) <= criterion.max_score:
            raise DomainError(
                _("The score for “%(criterion)s” must be between 1 and %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_score},
                field=f"score_{pk}",
            )
        comment = (comment or "").strip()
        if len(comment) > 3000:
            raise DomainError(
                _("The comment on “%(criterion)s” is longer than 3,000 characters.")
                % {"criterion": criterion.name},
                field=f"comment_{pk}",
            )
        checked[pk] = (None if value is None else int(value), comment)
    return checked


def _check_complete(criteria, values: dict, recommendation: str) -> None:
    """A submitted review has a score for every criterion and a recommendation."""
    if not criteria:
        raise DomainError(
            _(
                "This stage has no review criteria yet, so reviews cannot be submitted. "
                "Please save your review as a draft and ask the funder's staff."
            )
        )
    for criterion in criteria:
        if values.get(criterion.pk) is None:
            raise DomainError(
                _("Please choose a score for “%(criterion)s” before submitting.")
                % {"criterion": criterion.name},
                field=f"score_{criterion.pk}",
            )
    if not recommendation:
        raise DomainError(
            _("Please choose an overall recommendation before submitting."),
            field="recommendation",
        )


def _snapshot(review: Review, values: dict) -> dict:
    return {
        "status": review.status,
        "recommendation": review.recommendation,
        "total": str(review.total) if review.total is not None else None,
        "scores": {str(pk): value for pk, value in values.items()},
    }


def save_review(
    *,
    actor,
    application: Application,
    revision: int,
    scores: dict[int, tuple[int | None, str]],
    recommendation: str = "",
    comment: str = "",
    submit: bool = False,
) -> Review:
    """Save the actor's review of `application` in its current stage; submit locks it.

    `revision` is the review's revision the form was loaded with (0 when there was none):
    a save based on an older one raises ReviewConflict. `scores` maps criterion ids to
    (score or None, comment); criteria left out keep what was saved.
    """
    if not actor.has_perm("selection.review_application", application):
        raise PermissionDenied
    if recommendation and recommendation not in Review.Recommendation.values:
        raise DomainError(_("Please choose one of the recommendations."), field="recommendation")
    comment = (comment or "").strip()
    if len(comment) > 5000:
        raise DomainError(
            _("The overall comment is longer than 5,000 characters."), field="comment"
        )
    with transaction.atomic():
        # The assignment row is the lock: two saves of the same review queue up here, and an
        # assignment removed meanwhile ends the right to review.
        # The application is read afresh: it may have moved to the next stage meanwhile,
        # and a review always belongs to the stage the application is in now.
        application = Application.objects.get(pk=application.pk)
        locked = (
            Assignment.objects.select_for_update()
            .select_related("stage")
            .filter(application=application, reviewer=actor, stage_id=application.stage_id)
            .first()
        )
        if locked is None:
            raise PermissionDenied
        if application.status in FINAL_STATES:
            raise DomainError(
                _("The procedure for this application has ended; reviews can no longer change.")
            )
        stage = locked.stage
        criteria = list(Criterion.objects.filter(stage=stage).order_by("position", "pk"))
        checked = _check_scores(criteria, scores)
        review = Review.objects.filter(stage=stage, application=application, reviewer=actor).first()
        if review is not None and review.status == Review.Status.SUBMITTED:
            raise DomainError(
                _("This review has been submitted and can no longer be changed."),
            )
        current_revision = review.revision if review is not None else 0
        if current_revision != revision:
            raise ReviewConflict(
                _(
                    "You or someone else saved this review (for example in another tab) while "
                    "you were editing it. Your entries are still in the form below; what was "
                    "saved is shown beside it. Compare both, then save again."
                ),
                current=review,
            )
        stored = {score.criterion_id: score for score in review.scores.all()} if review else {}
        values = {pk: score.value for pk, score in stored.items()}
        values.update({pk: value for pk, (value, _comment) in checked.items()})
        if submit:
            _check_complete(criteria, values, recommendation)
        before = _snapshot(review, {pk: s.value for pk, s in stored.items()}) if review else {}
        if review is None:
            review = Review(stage=stage, application=application, reviewer=actor)
        review.recommendation = recommendation
        review.comment = comment
        if submit:
            review.status = Review.Status.SUBMITTED
            review.submitted_at = timezone.now()
            review.total = compute_total(criteria, values)
        review.revision = F("revision") + 1 if review.pk else 1
        review.save()
        review.refresh_from_db()
        for pk, (value, score_comment) in checked.items():
            Score.objects.update_or_create(
                review=review,
                criterion_id=pk,
                defaults={"value": value, "comment": score_comment},
            )
        audit.record(
            actor=actor,
            obj=review,
            action="review_submitted" if submit else "review_draft_saved",
            before=before,
            after=_snapshot(review, values),
        )
    return review
