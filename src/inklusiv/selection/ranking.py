"""The ranking of one stage: each application's mean score, spread and rank from the
submitted reviews, optionally normalised per reviewer (z-scores), with the quota line.

Two or three queries whatever the number of applications: the applications (with their
organisation, social space and this stage's decision), the submitted reviews as plain values,
and — only when a review lacks its stored total — those reviews' scores. Everything else is
arithmetic in Python.

The measures, as the ranking page explains them:

- mean: the mean of the reviews' totals (Review.total, the weighted mean of the criteria's
  scores on a common scale of 1–5, stored when a review is submitted; recomputed the same way
  from the scores and the criteria's weights and scales when a total is missing).
- spread: the lowest and highest total and their difference (range), and the population
  standard deviation of the totals (0 with one review).
- normalised (z): per reviewer, z = (total − the reviewer's mean) / the reviewer's standard
  deviation, both over the reviewer's submitted reviews in this stage (among the applications
  ranked). A reviewer with one review, or who gave every application the same total, gets
  z = 0: their reviews say nothing about how the applications differ. An application's z is
  the mean of its reviews' z. This removes the difference between harsh and lenient reviewers.
- rank: by the chosen measure, highest first; equal values (to 9 decimal places) share a rank
  and the next rank skips (competition ranking: 1, 2, 2, 4). Applications without a
  submitted review have no rank and come last.
- conflicts declared late: a submitted review whose reviewer declared (or staff recorded) a
  conflict of interest with the application before the stage's decision on it does not count;
  staff see how many reviews were left out. After the decision, a conflict can no longer be
  recorded (services.commission.declare_conflict), so a decided ranking never changes.
- within quota: rank ≤ the stage's quota. When tied applications sit on both sides of the
  quota line, all of them share a rank within the quota; they are flagged, because then more
  applications than the quota are "within" it and staff must break the tie.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from inklusiv.applications.models import Application, Status
from inklusiv.calls.models import Stage

from .models import ConflictOfInterest, Decision, Review, Score

# Two values equal to this many decimal places are a tie: the float arithmetic of different
# but equal sums must not split them.
TIE_PRECISION = 9
# The common scale of review totals (see services.reviews).
NORMAL_SCALE = 5
# Read once: TextChoices.values builds a new list on every access.
RECOMMENDATIONS = tuple(Review.Recommendation.values)


@dataclass
class RankedApplication:
    application: Application
    mean: float | None
    count: int
    minimum: float | None
    maximum: float | None
    deviation: float | None
    z_mean: float | None
    recommendations: dict[str, int]
    decision: str  # Outcome value of this stage's decision, "" when undecided
    rank: int | None = None
    tied: bool = False
    within_quota: bool = False
    # Tied with applications on the other side of the quota line.
    tie_across_quota: bool = False

    @property
    def spread(self) -> float | None:
        """The range of the totals (highest − lowest)."""
        if self.minimum is None:
            return None
        return self.maximum - self.minimum

    @property
    def measure(self) -> float | None:
        """Set by rank(): the value the rank is based on."""
        return self._measure

    _measure: float | None = field(default=None, repr=False)


@dataclass
class Ranking:
    stage: Stage
    normalise: bool
    rows: list[RankedApplication]
    quota: int | None
    # How many rows are within the quota (more than the quota when a tie crosses the line).
    within_quota_count: int = 0
    tie_across_quota: bool = False
    # Submitted reviews left out because their reviewer declared a conflict of interest after
    # submitting: application id → how many.
    excluded_reviews: dict[int, int] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]


def ranked_applications(stage: Stage) -> QuerySet:
    """The applications a stage's ranking shows: those in review in it, and those with a
    decision in it (they may have moved on to the next stage or withdrawn since)."""
    decided = Decision.objects.filter(stage=stage).values("application_id")
    return Application.objects.filter(stage=stage, status=Status.IN_REVIEW) | (
        Application.objects.filter(pk__in=decided)
    )


def _population_deviation(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))


def _totals_from_scores(review_ids: list[int]) -> dict[int, float]:
    """Totals for reviews whose total was not stored (one query), computed as
    services.reviews.compute_total does: each score brought to the scale 1–5, then the
    weighted mean."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    scores = Score.objects.filter(review_id__in=review_ids, value__isnull=False).values_list(
        "review_id", "value", "criterion__weight", "criterion__max_score"
    )
    for review_id, value, weight, max_score in scores:
        sums[review_id][0] += weight * value * NORMAL_SCALE / (max_score or NORMAL_SCALE)
        sums[review_id][1] += weight
    return {
        review_id: weighted / weights for review_id, (weighted, weights) in sums.items() if weights
    }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _z_scores(reviews: list[dict]) -> dict[int, float]:
    """z per review id, normalised per reviewer over the given reviews."""
    by_reviewer: dict[int, list[dict]] = defaultdict(list)
    for review in reviews:
        by_reviewer[review["reviewer_id"]].append(review)
    z = {}
    for own in by_reviewer.values():
        totals = [review["total"] for review in own]
        deviation = _population_deviation(totals) if len(totals) > 1 else 0.0
        mean = sum(totals) / len(totals)
        for review in own:
            z[review["pk"]] = (review["total"] - mean) / deviation if deviation > 1e-12 else 0.0
    return z


def rank(stage: Stage, *, normalise: bool = False, applications: QuerySet | None = None) -> Ranking:
    """The stage's ranking, best first; unreviewed applications last, without a rank.

    `applications` narrows the ranking to a subset (e.g. without a person's conflicts of
    interest): ranks, reviewers' normalisation and the quota line then count only that subset,
    so nothing about the left-out applications can be read from gaps in the ranks.
    """
    base = ranked_applications(stage)
    if applications is not None:
        base = base.filter(pk__in=applications.values("pk"))
    decision = Decision.objects.filter(application=OuterRef("pk"), stage=stage)
    rows_qs = (
        base.select_related("organisation", "social_space")
        .only(
            "pk",
            "reference",
            "status",
            "stage_id",
            "organisation__name",
            "social_space__name",
            "social_space__kind",
            "social_space__state",
        )
        .annotate(
            decision_outcome=Subquery(decision.values("outcome")[:1]),
            decided_at=Subquery(decision.values("decided_at")[:1]),
        )
        .order_by("reference", "pk")
    )
    application_list = list(rows_qs)
    reviews = list(
        Review.objects.filter(
            stage=stage, status=Review.Status.SUBMITTED, application__in=base.values("pk")
        ).values("pk", "application_id", "reviewer_id", "total", "recommendation")
    )
    reviews, excluded = _without_late_conflicts(reviews, application_list)
    missing = [review["pk"] for review in reviews if review["total"] is None]
    computed = _totals_from_scores(missing) if missing else {}
    usable = []
    for review in reviews:
        total = review["total"]
        if total is None:
            total = computed.get(review["pk"])
        if total is None:
            continue  # submitted without any score: nothing to rank by
        review["total"] = float(total) if isinstance(total, Decimal) else total
        usable.append(review)
    z = _z_scores(usable) if normalise else {}

    per_application: dict[int, list[dict]] = defaultdict(list)
    recommendations: dict[int, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(RECOMMENDATIONS, 0)
    )
    for review in reviews:
        if review["recommendation"] in RECOMMENDATIONS:
            recommendations[review["application_id"]][review["recommendation"]] += 1
    for review in usable:
        per_application[review["application_id"]].append(review)

    rows = []
    for application in application_list:
        own = per_application.get(application.pk, [])
        totals = [review["total"] for review in own]
        row = RankedApplication(
            application=application,
            mean=sum(totals) / len(totals) if totals else None,
            count=len(totals),
            minimum=min(totals) if totals else None,
            maximum=max(totals) if totals else None,
            deviation=_population_deviation(totals) if totals else None,
            z_mean=_mean([z[review["pk"]] for review in own]) if normalise else None,
            recommendations=recommendations[application.pk],
            decision=application.decision_outcome or "",
        )
        row._measure = row.z_mean if normalise else row.mean
        rows.append(row)
    ranking = _ranked(stage, rows, normalise=normalise)
    ranking.excluded_reviews = excluded
    return ranking


def _without_late_conflicts(reviews: list[dict], applications) -> tuple[list[dict], dict]:
    """The reviews minus those whose reviewer has a recorded conflict of interest with the
    application from before the stage's decision on it (one query, only when there are
    reviews), and how many were left out per application."""
    if not reviews:
        return reviews, {}
    decided_at = {application.pk: application.decided_at for application in applications}
    recorded = ConflictOfInterest.objects.filter(
        application_id__in={review["application_id"] for review in reviews},
        user_id__in={review["reviewer_id"] for review in reviews},
    ).values_list("user_id", "application_id", "created_at")
    conflicted = {
        (user_id, application_id)
        for user_id, application_id, created_at in recorded
        if decided_at.get(application_id) is None or created_at < decided_at[application_id]
    }
    if not conflicted:
        return reviews, {}
    kept, excluded = [], defaultdict(int)
    for review in reviews:
        if (review["reviewer_id"], review["application_id"]) in conflicted:
            excluded[review["application_id"]] += 1
        else:
            kept.append(review)
    return kept, dict(excluded)


def _ranked(stage: Stage, rows: list[RankedApplication], *, normalise: bool) -> Ranking:
    """Sort, give competition ranks, mark ties and the quota line."""

    def key(row):
        measure = row._measure
        return (measure is None, -(round(measure, TIE_PRECISION) if measure is not None else 0))

    rows.sort(key=key)  # stable: within a tie, the reference order of the query remains
    groups: dict[float, list[RankedApplication]] = defaultdict(list)
    for position, row in enumerate(rows, start=1):
        if row._measure is None:
            continue
        value = round(row._measure, TIE_PRECISION)
        if value not in groups:
            groups[value] = []
            first_position = position
        row.rank = first_position
        groups[value].append(row)
    quota = stage.quota
    ranking = Ranking(stage=stage, normalise=normalise, rows=rows, quota=quota)
    for group in groups.values():
        if len(group) > 1:
            for row in group:
                row.tied = True
        if quota is None:
            continue
        first = group[0].rank
        last_position = first + len(group) - 1
        if first <= quota:
            for row in group:
                row.within_quota = True
            ranking.within_quota_count += len(group)
            if last_position > quota:
                ranking.tie_across_quota = True
                for row in group:
                    row.tie_across_quota = True
    return ranking
