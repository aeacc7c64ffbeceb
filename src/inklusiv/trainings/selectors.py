"""Reads of the trainings: seats, waiting lists, the organiser's booking summary and the
people a member may register."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Q, QuerySet
from django.utils.translation import ngettext

from inklusiv.pilots.models import PilotRegion, RegionMember

from .models import AccessibilityNeed, Need, Registration, TrainingSession

# An offered seat is held for the person until the offer expires.
HOLDING = (Registration.Status.CONFIRMED, Registration.Status.OFFERED)
ACTIVE = (*HOLDING, Registration.Status.WAITING)
# Region roles that may register colleagues of their region.
REGISTERING_ROLES = (RegionMember.Role.COORDINATOR, RegionMember.Role.EDITOR)


def seats_taken(session: TrainingSession) -> int:
    taken = getattr(session, "taken", None)
    if taken is None:
        taken = session.registrations.filter(status__in=HOLDING).count()
    return taken


def free_seats(session: TrainingSession) -> int:
    return max(session.capacity - seats_taken(session), 0)


def sessions_with_counts(sessions: QuerySet | None = None) -> QuerySet:
    """Sessions with `taken` (confirmed or offered), `confirmed` and `waiting` annotated."""
    sessions = TrainingSession.objects.all() if sessions is None else sessions
    return sessions.select_related("course", "trainer").annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=HOLDING), distinct=True),
        confirmed=Count(
            "registrations",
            filter=Q(registrations__status=Registration.Status.CONFIRMED),
            distinct=True,
        ),
        waiting=Count(
            "registrations",
            filter=Q(registrations__status=Registration.Status.WAITING),
            distinct=True,
        ),
    )


def waiting_list(session: TrainingSession) -> QuerySet:
    return session.registrations.filter(status=Registration.Status.WAITING).order_by(
        "waiting_since", "pk"
    )


def waiting_position(registration: Registration) -> int | None:
    """1 for the next person to get an offer; None when not waiting."""
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = waiting_list(registration.session).filter(
        Q(waiting_since__lt=registration.waiting_since)
        | Q(waiting_since=registration.waiting_since, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def waiting_positions(registrations) -> dict[int, int]:
    """Each waiting registration's place on its session's waiting list (1 = next), in one
    query however many sessions the registrations belong to."""
    waiting = [r for r in registrations if r.status == Registration.Status.WAITING]
    if not waiting:
        return {}
    queue = (
        Registration.objects.filter(
            session_id__in={r.session_id for r in waiting}, status=Registration.Status.WAITING
        )
        .order_by("session_id", "waiting_since", "pk")
        .values_list("session_id", "pk")
    )
    places, counter = {}, defaultdict(int)
    for session_id, pk in queue:
        counter[session_id] += 1
        places[pk] = counter[session_id]
    return {r.pk: places.get(r.pk) for r in waiting}


def booking_summary(session: TrainingSession) -> list[tuple[str, int]]:
    """What the organisers must book: each need with the number of people holding a seat (or an
    offer) who asked for it, in the order of the choices, e.g. ("2 × Gebärdensprach…", 2).
    The free-text notes are read with `needs_of` (their reading is audited by the page)."""
    counts: Counter[str] = Counter()
    for needs in AccessibilityNeed.objects.filter(
        registration__session=session, registration__status__in=HOLDING
    ).values_list("needs", flat=True):
        counts.update(set(needs))
    lines = []
    for code, label in Need.choices:
        count = counts.get(code, 0)
        if not count:
            continue
        if code == Need.STEP_FREE:
            text = ngettext("%(count)s step-free seat", "%(count)s step-free seats", count)
            lines.append((text % {"count": count}, count))
        else:
            text = ngettext("%(count)s × %(service)s", "%(count)s × %(service)s", count)
            lines.append((text % {"count": count, "service": label}, count))
    return lines


def needs_of(session: TrainingSession) -> QuerySet:
    """The accessibility needs of everyone with a seat, an offer or a place on the waiting
    list, with their people (organisers only; the caller audits the reading)."""
    return (
        AccessibilityNeed.objects.filter(
            registration__session=session, registration__status__in=ACTIVE
        )
        .select_related("registration__user", "registration__region")
        .order_by("registration__user__name", "registration__pk")
    )


def user_regions(user) -> QuerySet:
    """The pilot regions the user is a member of."""
    return PilotRegion.objects.filter(members__user=user).distinct().order_by("name")


def registrable_people(actor) -> tuple[QuerySet, QuerySet]:
    """The regions where the actor may register colleagues, and those colleagues (members
    with an account, the actor excluded)."""
    regions = (
        PilotRegion.objects.filter(members__user=actor, members__role__in=REGISTERING_ROLES)
        .distinct()
        .order_by("name")
    )
    members = (
        RegionMember.objects.filter(region__in=regions, user__is_active=True)
        .exclude(user=actor)
        .select_related("user", "region")
        .order_by("region__name", "user__name")
    )
    return regions, members


def may_register_for(actor, user, region: PilotRegion | None) -> bool:
    """Whether the actor may register this colleague (for this region)."""
    rows = RegionMember.objects.filter(user=user)
    if region is not None:
        rows = rows.filter(region=region)
    coordinated = RegionMember.objects.filter(user=actor, role__in=REGISTERING_ROLES)
    return rows.filter(region__in=coordinated.values("region")).exists()


def registrations_of(user) -> QuerySet:
    return (
        Registration.objects.filter(user=user)
        .select_related("session__course", "region", "certificate")
        .order_by("-session__starts_at")
    )
