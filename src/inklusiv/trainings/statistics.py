"""Participation in the trainings, per pilot region and per course: the figures that the
statistics page draws as a chart and lists in a table, and the rows of the participants'
export (which never carries accessibility needs).

Counted are confirmed seats of sessions that took place or will (cancelled sessions, the
waiting list and cancelled registrations are left out); attended and no-shows as checked in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Registration, TrainingSession

Status = Registration.Status
Attendance = Registration.Attendance


@dataclass
class Row:
    label: str
    registrations: int
    attended: int
    no_shows: int
    german: bool = True  # the label is a name written in German (a region, a course title)

    @property
    def not_recorded(self) -> int:
        return self.registrations - self.attended - self.no_shows


@dataclass
class Figures:
    by_region: list[Row]
    by_course: list[Row]
    total: Row

    @property
    def largest(self) -> int:
        """The longest bar of the chart (at least 1, so an empty chart divides safely)."""
        rows = self.by_region + self.by_course
        return max([row.registrations for row in rows] + [1])


def counted(year: int | None = None) -> QuerySet:
    """The registrations the statistics count."""
    registrations = Registration.objects.filter(
        status=Status.CONFIRMED, session__status=TrainingSession.Status.SCHEDULED
    )
    if year:
        # __year reads the start in the current time zone (Berlin).
        registrations = registrations.filter(session__starts_at__year=year)
    return registrations


_COUNTS = {
    "registrations": Count("pk"),
    "attended": Count("pk", filter=Q(attendance=Attendance.PRESENT)),
    "no_shows": Count("pk", filter=Q(attendance=Attendance.NO_SHOW)),
}


def participation(*, year: int | None = None) -> Figures:
    """Per region and per course; two queries, however many registrations there are."""
    registrations = counted(year)
    by_region = []
    without_region = None
    for values in (
        registrations.values("region_id", "region__name")
        .annotate(**_COUNTS)
        .order_by("region__name", "region_id")
    ):
        if values["region_id"] is None:
            without_region = Row(
                str(_("Without a pilot region")),
                values["registrations"],
                values["attended"],
                values["no_shows"],
                german=False,
            )
            continue
        by_region.append(
            Row(
                values["region__name"],
                values["registrations"],
                values["attended"],
                values["no_shows"],
            )
        )
    if without_region is not None:
        by_region.append(without_region)
    by_course = [
        Row(
            values["session__course__title"],
            values["registrations"],
            values["attended"],
            values["no_shows"],
        )
        for values in registrations.values("session__course_id", "session__course__title")
        .annotate(**_COUNTS)
        .order_by("session__course__title", "session__course_id")
    ]
    total = Row(
        str(_("All")),
        sum(row.registrations for row in by_region),
        sum(row.attended for row in by_region),
        sum(row.no_shows for row in by_region),
        german=False,
    )
    return Figures(by_region=by_region, by_course=by_course, total=total)


# --- the export ------------------------------------------------------------------------------

EXPORT_HEADERS = [
    gettext_lazy("Course"),
    gettext_lazy("Session date"),
    gettext_lazy("Name"),
    gettext_lazy("E-mail"),
    gettext_lazy("Pilot region"),
    gettext_lazy("Status"),
    gettext_lazy("Attendance"),
]


def exported(year: int | None = None) -> QuerySet:
    """Every registration of the year (any status), without the accessibility needs."""
    registrations = Registration.objects.all()
    if year:
        registrations = registrations.filter(session__starts_at__year=year)
    return (
        registrations.select_related("session__course", "user", "region")
        .only(
            "status",
            "attendance",
            "session__starts_at",
            "session__course__title",
            "user__name",
            "user__email",
            "region__name",
        )
        .order_by("session__starts_at", "session_id", "user__name", "pk")
    )


def export_rows(registrations: QuerySet, *, as_text: bool):
    """One row per registration; moments as text for CSV, as (naive Berlin) values for XLSX."""
    for registration in registrations.iterator(chunk_size=500):
        starts = timezone.localtime(registration.session.starts_at)
        yield [
            registration.session.course.title,
            starts.strftime("%d.%m.%Y %H:%M") if as_text else starts.replace(tzinfo=None),
            registration.user.name,
            registration.user.email,
            registration.region.name if registration.region else "",
            str(registration.get_status_display()),
            str(registration.get_attendance_display()) if registration.attendance else "",
        ]
