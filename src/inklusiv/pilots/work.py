"""Work items of the pilot phase, for the dashboards.

Everyone: their own open tasks. Process coaches: coaching sessions coming up and their regions
without a session for six weeks. Programme experts (their regions) and funder staff (all): each
region that is amber or red on the traffic light, and reports waiting to be read; staff also the
programme at a glance and selected applications not yet started. Network coordinators: what is
due in their region this month. Every part is a fixed number of queries.
"""

import calendar
from datetime import timedelta

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.accounts.models import Role
from inklusiv.notifications.work import WorkItem, day, register

from . import selectors
from .models import (
    CoachingSession,
    Measure,
    Milestone,
    Phase,
    PilotRegion,
    RegionMember,
    Task,
    YearlyReport,
)

# A region without a coaching session for this long needs one.
SESSION_GAP = timedelta(weeks=6)
UPCOMING_SESSIONS = timedelta(days=14)


def _group():
    return _("Pilot regions")


def items(user):
    today = timezone.localdate()
    result = _my_tasks(user, today)
    if user.has_role(Role.PROCESS_COACH):
        result += _coach(user, today)
    staff = user.has_role(Role.FUNDER_STAFF)
    if staff or user.has_role(Role.PROGRAMME_EXPERT):
        regions = PilotRegion.objects.all() if staff else PilotRegion.objects.filter(expert=user)
        result += _traffic_lights(regions, today)
        result += _reports_to_read(regions)
    if staff:
        result += _programme()
    result += _coordinator(user, today)
    return result


def _my_tasks(user, today):
    row = Task.objects.filter(owner=user, status=Task.Status.OPEN).aggregate(
        count=Count("pk"), due=Min("due_on"), overdue=Count("pk", filter=Q(due_on__lt=today))
    )
    count = row["count"]
    if not count:
        return []
    return [
        WorkItem(
            key="pilots.my_tasks",
            label=ngettext("%(count)s open task", "%(count)s open tasks", count) % {"count": count},
            count=count,
            url=reverse("pilots:my_tasks"),
            due=day(row["due"]),
            all_day=True,
            group=_group(),
        )
    ]


def _coach(user, today):
    regions = PilotRegion.objects.filter(coach=user)
    upcoming = CoachingSession.objects.filter(
        region__coach=user, held_on__gte=today, held_on__lte=today + UPCOMING_SESSIONS
    ).aggregate(count=Count("pk"), due=Min("held_on"))
    result = []
    if upcoming["count"]:
        count = upcoming["count"]
        result.append(
            WorkItem(
                key="pilots.sessions_upcoming",
                label=ngettext(
                    "%(count)s coaching session in the next 14 days",
                    "%(count)s coaching sessions in the next 14 days",
                    count,
                )
                % {"count": count},
                count=count,
                url=reverse("pilots:list"),
                due=day(upcoming["due"]),
                all_day=True,
                group=_group(),
            )
        )
    last = CoachingSession.objects.filter(region=OuterRef("pk"), held_on__lte=today)
    quiet = regions.annotate(
        last_session=Subquery(last.order_by("-held_on").values("held_on")[:1])
    ).filter(Q(last_session__isnull=True) | Q(last_session__lt=today - SESSION_GAP))
    for region in quiet.only("pk", "name", "slug", "started_at"):
        since = region.last_session or timezone.localdate(region.started_at)
        result.append(
            WorkItem(
                key="pilots.session_gap",
                label=(
                    _("%(region)s: no coaching session since %(date)s")
                    if region.last_session
                    else _("%(region)s: no coaching session yet")
                )
                % {"region": region.name, "date": date_format(since, "SHORT_DATE_FORMAT")},
                count=1,
                url=reverse("pilots:support", args=[region.slug]),
                due=day(since + SESSION_GAP),
                all_day=True,
                group=_group(),
            )
        )
    return result


def _late_parts(region) -> list[str]:
    parts = []
    if region.overdue_measures:
        parts.append(
            ngettext(
                "%(count)s measure overdue", "%(count)s measures overdue", region.overdue_measures
            )
            % {"count": region.overdue_measures}
        )
    if region.missed_milestones:
        parts.append(
            ngettext(
                "%(count)s milestone missed",
                "%(count)s milestones missed",
                region.missed_milestones,
            )
            % {"count": region.missed_milestones}
        )
    if region.reports_overdue:
        parts.append(
            ngettext(
                "%(count)s yearly report overdue",
                "%(count)s yearly reports overdue",
                region.reports_overdue,
            )
            % {"count": region.reports_overdue}
        )
    if region.reports_returned:
        parts.append(
            ngettext(
                "%(count)s yearly report returned for changes",
                "%(count)s yearly reports returned for changes",
                region.reports_returned,
            )
            % {"count": region.reports_returned}
        )
    if region.reports_due:
        parts.append(
            ngettext(
                "%(count)s yearly report due soon",
                "%(count)s yearly reports due soon",
                region.reports_due,
            )
            % {"count": region.reports_due}
        )
    return parts


def _traffic_lights(regions, today):
    result = []
    for region in selectors.with_health(regions.only("pk", "name", "slug"), today):
        level = selectors.traffic_light(region)
        if level == "green":
            continue
        result.append(
            WorkItem(
                key="pilots.traffic_light",
                label=_("%(region)s: %(problems)s")
                % {"region": region.name, "problems": ", ".join(_late_parts(region))},
                count=region.overdue_measures
                + region.missed_milestones
                + region.reports_overdue
                + region.reports_returned
                + region.reports_due,
                url=reverse("pilots:region", args=[region.slug]),
                due=day(region.next_report_due),
                all_day=True,
                group=_group(),
                level=level,
            )
        )
    return result


def _reports_to_read(regions):
    row = YearlyReport.objects.filter(
        region__in=regions, status=YearlyReport.Status.SUBMITTED
    ).aggregate(count=Count("pk"), first=Min("submitted_at"), last=Max("pk"))
    count = row["count"]
    if not count:
        return []
    if count == 1:
        report = (
            YearlyReport.objects.select_related("region")
            .only("pk", "region__slug")
            .get(pk=row["last"])
        )
        url = reverse("pilots:report", args=[report.region.slug, report.pk])
    else:
        url = reverse("pilots:list")
    return [
        WorkItem(
            key="pilots.reports_to_read",
            label=ngettext(
                "%(count)s yearly report waits to be read and acknowledged",
                "%(count)s yearly reports wait to be read and acknowledged",
                count,
            )
            % {"count": count},
            count=count,
            url=url,
            group=_group(),
        )
    ]


def _programme():
    result = []
    waiting = selectors.startable_applications().count()
    if waiting:
        result.append(
            WorkItem(
                key="pilots.start_regions",
                label=ngettext(
                    "%(count)s selected application waits to become a pilot region",
                    "%(count)s selected applications wait to become pilot regions",
                    waiting,
                )
                % {"count": waiting},
                count=waiting,
                url=reverse("pilots:list"),
                group=_group(),
            )
        )
    totals = PilotRegion.objects.aggregate(
        count=Count("pk"),
        amount=Sum("approved_amount"),
        **{phase.value: Count("pk", filter=Q(phase=phase)) for phase in Phase},
    )
    if totals["count"]:
        phases = ", ".join(f"{totals[phase.value]} {phase.label}" for phase in Phase)
        result.append(
            WorkItem(
                key="pilots.programme",
                label=ngettext(
                    "%(count)s pilot region (%(phases)s), %(amount)s € approved",
                    "%(count)s pilot regions (%(phases)s), %(amount)s € approved",
                    totals["count"],
                )
                % {
                    "count": totals["count"],
                    "phases": phases,
                    "amount": f"{totals['amount'] or 0:,.0f}".replace(",", "."),
                },
                count=totals["count"],
                url=reverse("pilots:list"),
                group=_group(),
            )
        )
    return result


def _coordinator(user, today):
    """What is due this month in the regions the person coordinates or edits."""
    mine = RegionMember.objects.filter(
        user=user, role__in=[RegionMember.Role.COORDINATOR, RegionMember.Role.EDITOR]
    ).values("region")
    month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    milestones = Milestone.objects.filter(
        measure__goal__field__region__in=mine,
        done_on__isnull=True,
        due_on__lte=month_end,
        measure__status__in=selectors.OPEN_MEASURE_STATUSES,
    )
    measures = Measure.objects.filter(
        goal__field__region__in=mine,
        ends_on__lte=month_end,
        status__in=selectors.OPEN_MEASURE_STATUSES,
    )
    reports = YearlyReport.objects.filter(region__in=mine).filter(
        Q(status=YearlyReport.Status.DRAFT, due_on__lte=month_end)
        | Q(status=YearlyReport.Status.CHANGES_REQUESTED)
    )
    rows = {
        "milestones": milestones.aggregate(count=Count("pk"), due=Min("due_on")),
        "measures": measures.aggregate(count=Count("pk"), due=Min("ends_on")),
        # A report returned for changes waits for its revision, not for its old date.
        "reports": reports.aggregate(
            count=Count("pk"), due=Min("due_on", filter=Q(status=YearlyReport.Status.DRAFT))
        ),
    }
    if not any(row["count"] for row in rows.values()):
        return []
    region = PilotRegion.objects.filter(pk__in=mine).only("slug").order_by("name").first()
    result = []
    labels = {
        "milestones": (
            "pilots.milestones_due",
            lambda n: ngettext(
                "%(count)s milestone due by the end of the month",
                "%(count)s milestones due by the end of the month",
                n,
            ),
            "concept",
        ),
        "measures": (
            "pilots.measures_ending",
            lambda n: ngettext(
                "%(count)s measure should be finished by the end of the month",
                "%(count)s measures should be finished by the end of the month",
                n,
            ),
            "concept",
        ),
        "reports": (
            "pilots.reports_due",
            lambda n: ngettext(
                "%(count)s yearly report to write or revise",
                "%(count)s yearly reports to write or revise",
                n,
            ),
            "reports",
        ),
    }
    for name, row in rows.items():
        if not row["count"]:
            continue
        key, label, page = labels[name]
        result.append(
            WorkItem(
                key=key,
                label=label(row["count"]) % {"count": row["count"]},
                count=row["count"],
                url=reverse(f"pilots:{page}", args=[region.slug]),
                due=day(row["due"]),
                all_day=True,
                group=_group(),
            )
        )
    return result


register(items)
