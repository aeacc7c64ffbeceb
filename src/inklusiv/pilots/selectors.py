"""Reads of the pilot regions that pages (and later the API) share."""

from datetime import timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from inklusiv.accounts.models import Role
from inklusiv.applications.models import Application, Status

from .models import Measure, Milestone, PilotRegion, RegionMember, YearlyReport


def regions_for(user):
    """The regions `user` may see: all for the funder's staff and the evaluator; their own for
    experts, coaches and members."""
    regions = PilotRegion.objects.select_related("organisation", "expert", "coach")
    if not (user and user.is_authenticated and user.is_active):
        return regions.none()
    if user.has_role(Role.FUNDER_STAFF) or user.has_role(Role.EVALUATOR):
        return regions
    membership = RegionMember.objects.filter(region=OuterRef("pk"), user=user)
    return regions.filter(Q(expert=user) | Q(coach=user) | Q(Exists(membership)))


def startable_applications():
    """Selected applications that are not yet pilot regions, for staff to start."""
    return (
        Application.objects.filter(status=Status.SELECTED, pilot_region__isnull=True)
        .select_related("organisation", "social_space", "call")
        .order_by("social_space__name")
    )


def members_of(region):
    return (
        RegionMember.objects.filter(region=region)
        .select_related("user")
        .order_by("role", "user__name")
    )


# --- how a region is doing: the traffic light -------------------------------------------------

# A paused measure is on hold by decision (the steering group's): it is not late, and
# neither are its milestones, until it runs again.
OPEN_MEASURE_STATUSES = ("planned", "running")
OPEN_REPORT_STATUSES = ("draft", "changes_requested")
# A report is "due" this many days before its date, so the region sees it coming.
REPORT_WARNING_DAYS = 30
# From this many overdue measures and missed milestones together, a region is red.
RED_THRESHOLD = 3


def _count(queryset, region_field: str):
    """A correlated COUNT(*) per region, as one subquery column."""
    return Subquery(
        queryset.filter(**{region_field: OuterRef("pk")})
        .order_by()
        .values(region_field)
        .annotate(count=Count("pk"))
        .values("count")[:1],
        output_field=IntegerField(),
    )


def with_health(regions, today=None):
    """Annotate each region with what is late or due: overdue measures (end passed, still
    planned or running), missed milestones (due passed, not done, of such a measure), reports
    overdue and reports due within REPORT_WARNING_DAYS. One query, whatever the number of
    regions."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=REPORT_WARNING_DAYS)
    measures = Measure.objects.filter(ends_on__lt=today, status__in=OPEN_MEASURE_STATUSES)
    milestones = Milestone.objects.filter(
        due_on__lt=today, done_on__isnull=True, measure__status__in=OPEN_MEASURE_STATUSES
    )
    drafts = YearlyReport.objects.filter(status=YearlyReport.Status.DRAFT)
    returned = YearlyReport.objects.filter(status=YearlyReport.Status.CHANGES_REQUESTED)
    return regions.annotate(
        overdue_measures=Coalesce(_count(measures, "goal__field__region"), 0),
        missed_milestones=Coalesce(_count(milestones, "measure__goal__field__region"), 0),
        # A report is overdue while it has not been submitted after its date; one returned
        # for changes was submitted in time and waits for its revision.
        reports_overdue=Coalesce(_count(drafts.filter(due_on__lt=today), "region"), 0),
        reports_due=Coalesce(
            _count(drafts.filter(due_on__gte=today, due_on__lte=soon), "region"), 0
        ),
        reports_returned=Coalesce(_count(returned, "region"), 0),
        next_report_due=Subquery(
            drafts.filter(region=OuterRef("pk"), due_on__gte=today)
            .order_by("due_on")
            .values("due_on")[:1]
        ),
    )


def traffic_light(region) -> str:
    """red: a report overdue or RED_THRESHOLD late measures and milestones; amber: anything late,
    a report due soon or returned for changes; green: nothing."""
    late = region.overdue_measures + region.missed_milestones
    if region.reports_overdue or late >= RED_THRESHOLD:
        return "red"
    if late or region.reports_due or region.reports_returned:
        return "amber"
    return "green"
