"""Reads about review due dates: which reviews are outstanding, per reviewer and stage.

A review is outstanding when it is assigned in a stage, not submitted, the application is
still in that stage and open (not withdrawn or decided), and the reviewer has no conflict of
interest with it. The reminders, staff's progress page, the member's own list and the
dashboard all count with these functions, so they never disagree. Each runs a fixed number
of queries however many assignments there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from inklusiv.applications.models import FINAL_STATES, Application
from inklusiv.calls.models import Stage

from .models import Assignment, CommissionMember, Decision, Review, ReviewReminder
from .services.commission import stage_conflicts


def _assignment_rows(assignments):
    """(stage, reviewer, application, open, submitted) for each assignment, minus conflicts.

    `open`: the application is still in the assignment's stage, not in a final state and not
    yet decided there, so the review can still be written and still counts. Six queries: the
    assignments, the submitted reviews, the decisions and the three of stage_conflicts.
    """
    rows = list(
        assignments.values_list(
            "stage_id",
            "reviewer_id",
            "application_id",
            "application__stage_id",
            "application__status",
            "application__organisation_id",
        )
    )
    if not rows:
        return []
    submitted = set(
        Review.objects.filter(
            status=Review.Status.SUBMITTED,
            stage_id__in=assignments.values("stage_id"),
        ).values_list("stage_id", "reviewer_id", "application_id")
    )
    decided = set(
        Decision.objects.filter(stage_id__in=assignments.values("stage_id")).values_list(
            "stage_id", "application_id"
        )
    )
    # stage_conflicts reads only pk and organisation_id of each application.
    applications = {
        application_id: Application(pk=application_id, organisation_id=organisation_id)
        for _stage, _reviewer, application_id, _in, _status, organisation_id in rows
    }
    conflicted = stage_conflicts(
        {reviewer for _stage, reviewer, *_rest in rows},
        applications.values(),
        ids=assignments.values("application_id"),
    )
    result = []
    for stage_id, reviewer_id, application_id, current_stage_id, status, _org in rows:
        if (application_id, reviewer_id) in conflicted:
            continue
        result.append(
            (
                stage_id,
                reviewer_id,
                application_id,
                current_stage_id == stage_id
                and status not in FINAL_STATES
                and (stage_id, application_id) not in decided,
                (stage_id, reviewer_id, application_id) in submitted,
            )
        )
    return result


def outstanding_counts(stages, *, reviewer=None) -> dict[tuple[int, int], int]:
    """Outstanding reviews per (stage id, reviewer id) in the given stages (a queryset), of
    everyone or of one reviewer."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    assignments = Assignment.objects.filter(
        stage__in=stages, application__stage=F("stage")
    ).exclude(application__status__in=list(FINAL_STATES))
    if reviewer is not None:
        assignments = assignments.filter(reviewer=reviewer)
    for stage_id, reviewer_id, _application, is_open, is_submitted in _assignment_rows(assignments):
        if is_open and not is_submitted:
            counts[(stage_id, reviewer_id)] += 1
    return dict(counts)


@dataclass(frozen=True)
class StageDue:
    """A reviewer's outstanding reviews in one stage, with the stage's due date."""

    stage: Stage
    outstanding: int

    @property
    def due(self) -> datetime.datetime | None:
        return self.stage.reviews_due_at

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.now()


def outstanding_for_reviewer(user) -> list[StageDue]:
    """The person's outstanding reviews per stage, the earliest due date first (none last)."""
    if not (user and user.is_authenticated):
        return []
    counts = outstanding_counts(
        Stage.objects.filter(assignments__reviewer=user).values("pk"), reviewer=user
    )
    mine = {stage_id: n for (stage_id, _reviewer), n in counts.items()}
    if not mine:
        return []
    stages = Stage.objects.filter(pk__in=mine).select_related("call")
    result = [StageDue(stage, mine[stage.pk]) for stage in stages]
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(result, key=lambda row: (row.due or far, row.stage.position, row.stage.pk))


@dataclass
class ReviewerProgress:
    """One reviewer's progress in a stage, for staff's progress page."""

    reviewer: object
    is_member: bool = True
    assigned: int = 0
    submitted: int = 0
    outstanding: int = 0
    overdue: int = 0
    reminders: list = field(default_factory=list)  # ReviewReminder, newest first

    @property
    def last_reminder(self):
        return self.reminders[0] if self.reminders else None


def progress_per_reviewer(stage, *, now=None) -> list[ReviewerProgress]:
    """Every commission member of the stage (and anyone else assigned in it) with their counts.

    assigned: the assignments in this stage without a conflict of interest; submitted: those
    with a submitted review; outstanding: those still open for a review (see the module
    docstring); overdue: the outstanding ones once the stage's due date has passed.
    """
    now = now or timezone.now()
    overdue = stage.reviews_due_at is not None and stage.reviews_due_at < now
    people = {}
    members = CommissionMember.objects.filter(stage=stage).select_related("user")
    for member in members:
        people[member.user_id] = ReviewerProgress(reviewer=member.user)
    rows = _assignment_rows(Assignment.objects.filter(stage=stage))
    missing = {reviewer_id for _s, reviewer_id, *_rest in rows} - set(people)
    if missing:
        # Assigned without a seat (e.g. the seat was given up after submitting).
        for user in get_user_model().objects.filter(pk__in=missing):
            people[user.pk] = ReviewerProgress(reviewer=user, is_member=False)
    for _stage, reviewer_id, _application, is_open, is_submitted in rows:
        entry = people[reviewer_id]
        entry.assigned += 1
        if is_submitted:
            entry.submitted += 1
        elif is_open:
            entry.outstanding += 1
            if overdue:
                entry.overdue += 1
    for reminder in ReviewReminder.objects.filter(stage=stage).order_by("-sent_at", "-pk"):
        if reminder.reviewer_id in people:
            people[reminder.reviewer_id].reminders.append(reminder)
    return sorted(people.values(), key=lambda row: (str(row.reviewer).lower(), row.reviewer.pk))
