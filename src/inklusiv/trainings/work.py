"""Trainings on the dashboard (registered with the notifications app's registry).

Participants: the sessions they have a seat for in the next 30 days, seats offered to them
(with the offer's expiry: urgent), feedback they can still give on a session of the last 30
days, and certificates issued to them in the last 30 days. Organisers (people with the
trainer role for the sessions they teach, as the session's or the course's trainer; funder
staff for all): each session of the next 14 days with its seats
and waiting list, and whether accessibility services are to be booked (the booking summary
is not empty); and each session held in the last 30 days whose attendance has not been
recorded for everyone with a seat. Every part is a fixed number of queries: one for the
participant, one more when exactly one offer waits (its link opens the offer), two for an
organiser.
"""

from datetime import timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.accounts.models import Role
from inklusiv.notifications.work import WorkItem, register

from . import selectors
from .models import AccessibilityNeed, Registration, TrainingSession

# What a participant sees coming, and how long feedback and new certificates stay on the list.
SEATS_AHEAD = timedelta(days=30)
FEEDBACK_WITHIN = timedelta(days=30)
CERTIFICATES_NEW = timedelta(days=30)
# What an organiser sees coming, and how long a session without attendance stays on the list.
ORGANISER_AHEAD = timedelta(days=14)
CHECK_IN_WITHIN = timedelta(days=30)

Status = Registration.Status
PRESENT = Registration.Attendance.PRESENT


def _group():
    return _("Trainings")


def items(user):
    now = timezone.now()
    result = _participant(user, now)
    staff = user.has_role(Role.FUNDER_STAFF)
    if staff or user.has_role(Role.TRAINER):
        sessions = TrainingSession.objects.filter(status=TrainingSession.Status.SCHEDULED)
        if not staff:
            sessions = sessions.filter(Q(trainer=user) | Q(course__trainer=user))
        result += _sessions_soon(sessions, now)
        result += _attendance_missing(sessions, now)
    return result


# --- participants ---------------------------------------------------------------------------


def _participant(user, now):
    upcoming = Q(
        status=Status.CONFIRMED,
        session__status=TrainingSession.Status.SCHEDULED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + SEATS_AHEAD,
    )
    offers = Q(status=Status.OFFERED, offer_expires_at__gt=now)
    feedback = Q(
        attendance=PRESENT,
        feedback_given=False,
        session__starts_at__lte=now,
        session__ends_at__gt=now - FEEDBACK_WITHIN,
    )
    certificates = Q(attendance=PRESENT, certificate__issued_at__gt=now - CERTIFICATES_NEW)
    row = Registration.objects.filter(user=user).aggregate(
        upcoming=Count("pk", filter=upcoming),
        upcoming_due=Min("session__starts_at", filter=upcoming),
        offers=Count("pk", filter=offers),
        offers_due=Min("offer_expires_at", filter=offers),
        one_offer=Min("pk", filter=offers),
        feedback=Count("pk", filter=feedback),
        certificates=Count("pk", filter=certificates),
    )
    mine = reverse("trainings:mine")
    result = []
    if row["offers"]:
        count = row["offers"]
        url = mine
        if count == 1:
            from .services.registrations import offer_token

            offer = Registration.objects.only("pk", "offered_at").get(pk=row["one_offer"])
            url = reverse("trainings:offer", args=[offer_token(offer)])
        result.append(
            WorkItem(
                key="trainings.seat_offered",
                label=ngettext(
                    "%(count)s seat offered to you – accept it before the offer expires",
                    "%(count)s seats offered to you – accept them before the offers expire",
                    count,
                )
                % {"count": count},
                count=count,
                url=url,
                due=row["offers_due"],
                group=_group(),
            )
        )
    if row["upcoming"]:
        count = row["upcoming"]
        result.append(
            WorkItem(
                key="trainings.upcoming",
                label=ngettext(
                    "%(count)s training session with your seat in the next 30 days",
                    "%(count)s training sessions with your seat in the next 30 days",
                    count,
                )
                % {"count": count},
                count=count,
                url=mine,
                due=row["upcoming_due"],
                group=_group(),
            )
        )
    if row["feedback"]:
        count = row["feedback"]
        result.append(
            WorkItem(
                key="trainings.feedback",
                label=ngettext(
                    "%(count)s training waits for your feedback",
                    "%(count)s trainings wait for your feedback",
                    count,
                )
                % {"count": count},
                count=count,
                url=mine,
                group=_group(),
            )
        )
    if row["certificates"]:
        count = row["certificates"]
        result.append(
            WorkItem(
                key="trainings.certificates",
                label=ngettext(
                    "%(count)s new certificate of attendance to download",
                    "%(count)s new certificates of attendance to download",
                    count,
                )
                % {"count": count},
                count=count,
                url=mine,
                group=_group(),
            )
        )
    return result


# --- organisers -----------------------------------------------------------------------------


def _sessions_soon(sessions, now):
    """Each session of the next two weeks: seats, waiting list, and what is still to book."""
    to_book = (
        AccessibilityNeed.objects.filter(
            registration__session=OuterRef("pk"), registration__status__in=selectors.HOLDING
        )
        .exclude(needs=[])
        .values("pk")
    )
    soon = (
        selectors.sessions_with_counts(
            sessions.filter(starts_at__gt=now, starts_at__lte=now + ORGANISER_AHEAD)
        )
        .annotate(to_book=Exists(to_book))
        .order_by("starts_at", "pk")
    )
    result = []
    for session in soon:
        values = {
            "course": session.course.title,
            "taken": session.taken,
            "capacity": session.capacity,
            "waiting": session.waiting,
        }
        if session.to_book:
            label = ngettext(
                "“%(course)s”: %(taken)s of %(capacity)s seat taken, %(waiting)s "
                "waiting – accessibility services to book",
                "“%(course)s”: %(taken)s of %(capacity)s seats taken, %(waiting)s "
                "waiting – accessibility services to book",
                session.capacity,
            )
        else:
            label = ngettext(
                "“%(course)s”: %(taken)s of %(capacity)s seat taken, %(waiting)s waiting",
                "“%(course)s”: %(taken)s of %(capacity)s seats taken, %(waiting)s waiting",
                session.capacity,
            )
        result.append(
            WorkItem(
                key="trainings.session_soon",
                label=label % values,
                count=1,
                url=reverse("trainings:participants", args=[session.pk]),
                due=session.starts_at,
                group=_group(),
            )
        )
    return result


def _attendance_missing(sessions, now):
    """Each session held lately where someone with a seat is neither present nor absent."""
    held = (
        sessions.filter(starts_at__lte=now, starts_at__gt=now - CHECK_IN_WITHIN)
        .select_related("course")
        .annotate(
            unrecorded=Count(
                "registrations",
                filter=Q(registrations__status=Status.CONFIRMED, registrations__attendance=""),
            )
        )
        .filter(unrecorded__gt=0)
        .order_by("starts_at", "pk")
    )
    return [
        WorkItem(
            key="trainings.attendance_missing",
            label=ngettext(
                "“%(course)s”: attendance not recorded for %(count)s person",
                "“%(course)s”: attendance not recorded for %(count)s people",
                session.unrecorded,
            )
            % {"course": session.course.title, "count": session.unrecorded},
            count=session.unrecorded,
            url=reverse("trainings:check_in", args=[session.pk]),
            due=session.ends_at,
            group=_group(),
        )
        for session in held
    ]


register(items)
