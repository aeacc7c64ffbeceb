"""Reads of the selection procedure shared by pages, exports and the API.

Every read that returns applications to a person goes through conflicts.without_conflicts or
the `selection.view_application` permission, so a conflicted person never gets one. Each
function runs a fixed number of queries however many rows there are.
"""

from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery

from inklusiv.applications.models import Application
from inklusiv.applications.selectors import LONG_CALL_AND_STAGE_TEXTS
from inklusiv.calls.models import Criterion

from . import conflicts
from .models import Decision, OpenQuestion, ResearchNote, Review, Score

# What my_reviews shows per row when no review exists yet.
NOT_STARTED = "not_started"


def applications_for_reviewer(user, stage=None):
    """Applications assigned to `user` in their current stage, minus conflicted ones.

    Each carries `review_status` (Review.Status value or NOT_STARTED) and `review_total`.
    Assignments of earlier stages are left out: an application that advanced is reviewed
    anew in its new stage, by whoever is assigned there.
    """
    own_review = Review.objects.filter(
        stage=OuterRef("stage"), application=OuterRef("pk"), reviewer=user
    )
    applications = (
        Application.objects.filter(assignments__reviewer=user, assignments__stage=F("stage"))
        # The stage's own call too: the list labels each round with its call and year.
        .select_related("call", "stage__call", "organisation", "social_space")
        # Lists show titles, not the long texts of calls and stages.
        .defer(*LONG_CALL_AND_STAGE_TEXTS)
        .annotate(
            review_status=Subquery(own_review.values("status")[:1]),
            # Decided in its stage: a conflict can no longer be declared (no link offered).
            decided=Exists(
                Decision.objects.filter(application=OuterRef("pk"), stage=OuterRef("stage"))
            ),
        )
        .order_by("stage__call_id", "stage__position", "reference", "pk")
    )
    if stage is not None:
        applications = applications.filter(stage=stage)
    return conflicts.without_conflicts(applications, user)


def application_for_procedure(user, pk):
    """One application with what its procedure page shows, or None when `user` may not see it.

    None for a missing application and for a refused one alike, so the page answers 404 and
    tells nobody whether the application exists.
    """
    application = (
        Application.objects.select_related(
            "call__initiative", "stage__call", "organisation", "social_space"
        )
        .prefetch_related("partners", "versions")
        .filter(pk=pk)
        .first()
    )
    if application is None or not user.has_perm("selection.view_application", application):
        return None
    return application


def application_for_review(user, pk):
    """The application if `user` is its assigned reviewer in the current stage, else None."""
    application = (
        Application.objects.select_related("call", "stage__call", "organisation", "social_space")
        .filter(pk=pk)
        .first()
    )
    if application is None or not user.has_perm("selection.review_application", application):
        return None
    return application


def criteria_of(stage) -> list[Criterion]:
    return list(Criterion.objects.filter(stage=stage).order_by("position", "pk"))


def _with_scores(reviews):
    return reviews.select_related("reviewer", "stage").prefetch_related(
        Prefetch(
            "scores",
            queryset=Score.objects.select_related("criterion").order_by(
                "criterion__position", "criterion__pk"
            ),
        )
    )


def own_review(user, application) -> Review | None:
    """The person's review of the application in its current stage (draft or submitted)."""
    return (
        _with_scores(Review.objects.filter(stage_id=application.stage_id))
        .filter(application=application, reviewer=user)
        .first()
    )


def visible_reviews(user, application) -> list[Review]:
    """The submitted reviews `user` may read; never anybody else's draft.

    Staff and programme experts read every submitted review of every stage. A commission
    member reads the current stage's: their own once submitted, and the others' only after
    submitting their own, unless the stage lets reviewers see them before.
    """
    if not user.has_perm("selection.view_application", application):
        return []
    submitted = Review.objects.filter(application=application, status=Review.Status.SUBMITTED)
    if not user.has_perm("selection.view_procedure"):
        stage = application.stage
        submitted = submitted.filter(stage=stage)
        if not stage.reviews_visible_before_submit:
            own_submitted = submitted.filter(reviewer=user).exists()
            if not own_submitted:
                submitted = submitted.filter(reviewer=user)
    return list(_with_scores(submitted).order_by("stage__position", "submitted_at", "pk"))


def research_notes(application):
    return ResearchNote.objects.filter(application=application).select_related("author")


def open_questions(application):
    return OpenQuestion.objects.filter(application=application).select_related(
        "author", "answered_by"
    )


def open_question_count(application) -> int:
    return OpenQuestion.objects.filter(
        application=application, status=OpenQuestion.Status.OPEN
    ).count()


def review_counts(applications) -> dict[int, dict]:
    """Per application id: submitted and draft reviews in its current stage (for lists)."""
    rows = Review.objects.filter(
        Q(application__in=applications) & Q(stage=F("application__stage"))
    ).values_list("application_id", "status")
    counts: dict[int, dict] = {}
    for application_id, status in rows:
        entry = counts.setdefault(application_id, {"submitted": 0, "draft": 0})
        entry[status] += 1
    return counts
