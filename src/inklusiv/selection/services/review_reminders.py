"""Reminders about outstanding reviews: once before a stage's due date, once after it.

Run daily (task or `manage.py send_review_reminders`, e.g. by cron). For each stage with a
review due date, a reviewer with outstanding reviews (see selection.review_deadlines) gets
- the "before" reminder from REVIEW_REMINDER_DAYS_BEFORE days before the due date until it
  passes (a run missed on the exact day catches up the next day), and
- the "after" reminder from the day after the due date, for up to AFTER_WINDOW_DAYS days (a
  stage whose due date passed long ago is not reminded about any more).
Each reminder goes at most once per stage and person (ReviewReminder's unique constraint, so a
re-run or a second worker sends nothing twice) and a person gets at most one reminder mail a
day: the reminders of several stages due the same day go out together in one mail, and one
that becomes due on a day the person was already reminded waits for the next run.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation

from inklusiv.calls.models import Stage
from inklusiv.core import audit

from ..models import ReviewReminder
from ..review_deadlines import outstanding_counts

KIND = "selection.review_reminder"
TEMPLATE = "selection/email/review_reminder"
AFTER_WINDOW_DAYS = 7


def days_before() -> int:
    return getattr(settings, "REVIEW_REMINDER_DAYS_BEFORE", 3)


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight in Berlin at the start of `day`, as an aware moment."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def reminder_due(stage: Stage, now: datetime.datetime) -> str | None:
    """Which reminder (ReviewReminder.Kind value) the stage calls for at `now`, if any."""
    if stage.reviews_due_at is None:
        return None
    today = timezone.localdate(now)
    due_day = timezone.localdate(stage.reviews_due_at)
    if now < stage.reviews_due_at:
        if today >= due_day - datetime.timedelta(days=days_before()):
            return ReviewReminder.Kind.BEFORE
        return None
    if due_day < today <= due_day + datetime.timedelta(days=AFTER_WINDOW_DAYS):
        return ReviewReminder.Kind.AFTER
    # The due date passed earlier today: the "after" reminder waits for tomorrow.
    return None


@dataclass
class RunResult:
    mails: int = 0
    reminders: int = 0
    deferred: int = 0  # people already reminded today; their reminder follows on the next run


def _candidate_stages(now: datetime.datetime) -> list[Stage]:
    today = timezone.localdate(now)
    earliest = _start_of(today - datetime.timedelta(days=AFTER_WINDOW_DAYS))
    latest = _start_of(today + datetime.timedelta(days=days_before() + 1))
    stages = Stage.objects.filter(
        reviews_due_at__gte=earliest, reviews_due_at__lt=latest
    ).select_related("call__initiative")
    return [stage for stage in stages if reminder_due(stage, now)]


def _context(user, entries) -> dict:
    """The mail's context in the person's language; plain values, so it can be stored."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        rows = [
            {
                "stage": entry["stage"].label,
                "count": entry["count"],
                "due": formats.date_format(
                    timezone.localtime(entry["stage"].reviews_due_at), "DATETIME_FORMAT"
                ),
                "after": entry["kind"] == ReviewReminder.Kind.AFTER,
            }
            for entry in entries
        ]
        url = settings.SITE_URL + reverse("selection:my_reviews")
    return {
        "name": user.get_short_name(),
        "stages": rows,
        "total": sum(row["count"] for row in rows),
        "funder": entries[0]["stage"].call.initiative.funder,
        "url": url,
    }


def _send(user, context: dict, stage: Stage) -> None:
    """Through the notifications app where it exists (preferences: digest or off)."""
    try:
        from inklusiv.notifications.services import notify
    except ImportError:  # pragma: no cover - the notifications app without its service
        from inklusiv.core.mail import send_templated_mail

        send_templated_mail(
            template=TEMPLATE,
            to=[user.email],
            context=context,
            language=user.language or settings.LANGUAGE_CODE,
        )
        return
    notify(
        kind=KIND,
        recipients=[user],
        context=context,
        obj=stage,
        link=context["url"].removeprefix(settings.SITE_URL),
    )


def _remind(user, entries, now: datetime.datetime) -> bool:
    """Record and send one person's reminders; False when they were reminded today already."""
    today = timezone.localdate(now)
    try:
        with transaction.atomic():
            # The person's row orders two runs for the same person: the second sees the
            # first one's reminders and sends nothing.
            list(get_user_model().objects.select_for_update().filter(pk=user.pk).values("pk"))
            if ReviewReminder.objects.filter(reviewer=user, sent_on=today).exists():
                return False
            ReviewReminder.objects.bulk_create(
                [
                    ReviewReminder(
                        stage=entry["stage"],
                        reviewer=user,
                        kind=entry["kind"],
                        outstanding=entry["count"],
                        sent_at=now,
                        sent_on=today,
                    )
                    for entry in entries
                ]
            )
            # Sent inside the transaction: a failing mail rolls the record back, so the
            # next run tries again instead of believing it was sent.
            _send(user, _context(user, entries), entries[0]["stage"])
    except IntegrityError:
        # Another run recorded (and sent) one of these reminders meanwhile.
        return False
    return True


def send_review_reminders(*, now: datetime.datetime | None = None) -> RunResult:
    """Send the reminders that are due at `now` (default: now); see the module docstring."""
    now = now or timezone.now()
    result = RunResult()
    stages = {stage.pk: stage for stage in _candidate_stages(now)}
    if not stages:
        return result
    counts = outstanding_counts(Stage.objects.filter(pk__in=stages))
    already = set(
        ReviewReminder.objects.filter(stage_id__in=stages).values_list(
            "stage_id", "reviewer_id", "kind"
        )
    )
    per_person = defaultdict(list)
    for (stage_id, reviewer_id), count in sorted(counts.items()):
        stage = stages[stage_id]
        kind = reminder_due(stage, now)
        if count and (stage_id, reviewer_id, kind) not in already:
            per_person[reviewer_id].append({"stage": stage, "kind": kind, "count": count})
    if not per_person:
        return result
    people = get_user_model().objects.filter(pk__in=per_person, is_active=True)
    sent_per_stage = defaultdict(lambda: defaultdict(list))
    for user in people.order_by("pk"):
        entries = sorted(
            per_person[user.pk],
            key=lambda entry: (entry["stage"].reviews_due_at, entry["stage"].pk),
        )
        if _remind(user, entries, now):
            result.mails += 1
            result.reminders += len(entries)
            for entry in entries:
                sent_per_stage[entry["stage"].pk][entry["kind"]].append(user.pk)
        else:
            result.deferred += 1
    with transaction.atomic():
        for stage_id, kinds in sent_per_stage.items():
            # One entry per stage and run: who was reminded, so staff can tell reviewers
            # what they were sent (the audit page shows the people's names).
            audit.record(
                actor=None,
                obj=stages[stage_id],
                action="review_reminders_sent",
                after={
                    "reviews_due_at": stages[stage_id].reviews_due_at.isoformat(),
                    "reminded_before_due_date": sorted(kinds.get(ReviewReminder.Kind.BEFORE, [])),
                    "reminded_after_due_date": sorted(kinds.get(ReviewReminder.Kind.AFTER, [])),
                },
            )
    return result
