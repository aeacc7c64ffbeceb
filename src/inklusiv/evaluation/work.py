"""The evaluation on the dashboard (registered with the notifications app's registry).

Evaluators and the funder's staff: each open survey that closes within 14 days (or should have
closed already) with its number of responses, each open survey whose invitations wait
unanswered and unreminded for 7 days, and the reports still in draft. Whoever keeps a region's
indicator values (its coordinators and editors, its process coach, the evaluators): the
indicators without a current total for the last completed half-year, due at the end of the
quarter after it. Every part is one query, whatever the number of surveys, invitations,
reports or indicators.
"""

import datetime
from datetime import timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.accounts.models import Role
from inklusiv.notifications.work import WorkItem, day, register
from inklusiv.pilots.models.region import EDITING_ROLES

from . import periods
from .models import EvaluationReport, Indicator, IndicatorValue, Invitation, Survey

# How far ahead a survey's closing day puts it on the list.
CLOSING_AHEAD = timedelta(days=14)
# How long an invitation waits unanswered before a reminder is due.
REMIND_AFTER = timedelta(days=7)


def _group():
    return _("Evaluation")


def last_completed_period(today: datetime.date) -> str:
    """The half-year before the current one: the latest whose values can be complete."""
    return periods.key_for(periods.start(periods.current(today)) - timedelta(days=1))


def values_due(period: str) -> datetime.date:
    """A half-year's values are due at the end of the quarter that follows it (30 September
    for the first half, 31 March for the second)."""
    end = periods.end(period)
    if end.month == 6:
        return datetime.date(end.year, 9, 30)
    return datetime.date(end.year + 1, 3, 31)


def items(user):
    today = timezone.localdate()
    evaluates = user.has_role(Role.EVALUATOR) or user.has_role(Role.FUNDER_STAFF)
    result = []
    if evaluates:
        result += _surveys_closing(today)
        result += _invitations_to_remind(timezone.now())
        result += _draft_reports()
    result += _values_missing(user, today, evaluator=user.has_role(Role.EVALUATOR))
    return result


# --- evaluators and funder staff ------------------------------------------------------------


def _surveys_closing(today):
    closing = (
        Survey.objects.filter(
            status=Survey.Status.OPEN,
            closes_on__isnull=False,
            closes_on__lte=today + CLOSING_AHEAD,
        )
        .annotate(responses_count=Count("responses"))
        .order_by("closes_on", "pk")
        .values_list("slug", "title", "closes_on", "responses_count")
    )
    result = []
    for slug, title, closes_on, count in closing:
        values = {
            "title": title,
            "date": date_format(closes_on, "DATE_FORMAT"),
            "count": count,
        }
        if closes_on < today:
            label = ngettext(
                "“%(title)s” was to close on %(date)s and is still open – %(count)s response",
                "“%(title)s” was to close on %(date)s and is still open – %(count)s responses",
                count,
            )
        else:
            label = ngettext(
                "“%(title)s” closes on %(date)s – %(count)s response so far",
                "“%(title)s” closes on %(date)s – %(count)s responses so far",
                count,
            )
        result.append(
            WorkItem(
                key="evaluation.survey_closing",
                label=label % values,
                count=1,
                url=reverse("evaluation:survey_distribution", args=[slug]),
                due=day(closes_on),
                all_day=True,
                group=_group(),
            )
        )
    return result


def _invitations_to_remind(now):
    cutoff = now - REMIND_AFTER
    waiting = (
        Invitation.objects.filter(survey__status=Survey.Status.OPEN)
        .exclude(status=Invitation.Status.COMPLETED)
        .filter(Q(reminded_at__isnull=True, sent_at__lte=cutoff) | Q(reminded_at__lte=cutoff))
        .values("survey__slug", "survey__title")
        .annotate(waiting=Count("pk"), since=Min("sent_at"))
        .order_by("since", "survey__slug")
    )
    return [
        WorkItem(
            key="evaluation.invitations_to_remind",
            label=ngettext(
                "“%(title)s”: %(count)s invitation unanswered for a week – send a reminder",
                "“%(title)s”: %(count)s invitations unanswered for a week – send a reminder",
                row["waiting"],
            )
            % {"title": row["survey__title"], "count": row["waiting"]},
            count=row["waiting"],
            url=reverse("evaluation:survey_distribution", args=[row["survey__slug"]]),
            group=_group(),
        )
        for row in waiting
    ]


def _draft_reports():
    count = EvaluationReport.objects.filter(status=EvaluationReport.Status.DRAFT).count()
    if not count:
        return []
    return [
        WorkItem(
            key="evaluation.draft_reports",
            label=ngettext(
                "%(count)s evaluation report in draft – not yet released",
                "%(count)s evaluation reports in draft – not yet released",
                count,
            )
            % {"count": count},
            count=count,
            url=reverse("evaluation:reports"),
            group=_group(),
        )
    ]


# --- whoever keeps a region's indicator values ----------------------------------------------


def _values_missing(user, today, *, evaluator: bool):
    """Indicators without a current total for the last completed half-year: per region for its
    keepers; for evaluators one item over all regions (and the programme's own indicators,
    those no region contributes to), leading to the programme's table."""
    period = last_completed_period(today)
    has_value = IndicatorValue.objects.filter(
        indicator=OuterRef("pk"), period=period, category="", is_current=True
    )
    contributed = Indicator.objects.filter(contributes_to=OuterRef("pk"))
    # An indicator owes the period's value once its baseline (or, without one, the indicator
    # itself) dates from before the period's end; a new one owes no values of the past.
    started = Q(baseline_date__lte=periods.end(period)) | Q(
        baseline_date__isnull=True, created_at__date__lte=periods.end(period)
    )
    # Only regions funded during the period owe its values.
    funded = Q(region__isnull=True) | Q(
        region__funding_start__lte=periods.end(period),
        region__funding_end__gte=periods.start(period),
    )
    indicators = (
        Indicator.objects.filter(started, funded)
        .annotate(has_value=Exists(has_value), contributed=Exists(contributed))
        .filter(has_value=False)
    )
    due = day(values_due(period))
    values = {"period": periods.label(period)}
    if evaluator:
        count = indicators.filter(Q(region__isnull=False) | Q(contributed=False)).count()
        if not count:
            return []
        return [
            WorkItem(
                key="evaluation.values_missing",
                label=ngettext(
                    "%(count)s indicator without a value for the %(period)s",
                    "%(count)s indicators without a value for the %(period)s",
                    count,
                )
                % {**values, "count": count},
                count=count,
                url=reverse("evaluation:indicators"),
                due=due,
                all_day=True,
                group=_group(),
            )
        ]
    keeps = Q(region__coach=user) | Q(
        region__members__user=user, region__members__role__in=EDITING_ROLES
    )
    rows = (
        indicators.filter(region__isnull=False)
        .filter(keeps)
        .values("region__slug", "region__name")
        .annotate(missing=Count("pk", distinct=True))
        .order_by("region__name")
    )
    return [
        WorkItem(
            key="evaluation.values_missing",
            label=ngettext(
                "%(region)s: %(count)s indicator without a value for the %(period)s",
                "%(region)s: %(count)s indicators without a value for the %(period)s",
                row["missing"],
            )
            % {**values, "region": row["region__name"], "count": row["missing"]},
            count=row["missing"],
            url=reverse("evaluation:region_indicators", args=[row["region__slug"]]),
            due=due,
            all_day=True,
            group=_group(),
        )
        for row in rows
    ]


register(items)
