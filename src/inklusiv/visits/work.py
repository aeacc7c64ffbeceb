"""Work items of the on-site meetings.

Everyone with a seat that answers polls: their availability polls still unanswered.
Programme experts: rounds they travel in without having said when they can travel, and
their meetings without minutes. Organisers (a round's organiser; funder staff for rounds
without one): per round, people who have not answered the poll, experts without travel
availability, and meetings without minutes. Every count is one aggregate query.
"""

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.accounts.models import Role
from inklusiv.calls.models import Stage
from inklusiv.notifications.work import WorkItem, register
from inklusiv.selection import conflicts

from .models import Availability, Participant, PollSlot, Visit, VisitRound, round_label
from .selectors import seat_filter
from .services.lifecycle import OPEN_STATUSES


def _poll_open(now, prefix: str = "visit__"):
    """Seats whose meeting is still being planned, with times offered, for an application
    still in the running, while the round's poll accepts answers."""
    closes = f"{prefix}round__poll_closes_at"
    return (
        Q(**{f"{prefix}status": Visit.Status.PLANNING})
        & Q(**{f"{prefix}application__status__in": OPEN_STATUSES})
        & (Q(**{f"{closes}__isnull": True}) | Q(**{f"{closes}__gt": now}))
        & Q(Exists(PollSlot.objects.filter(visit=OuterRef("visit"))))
    )


def _unanswered():
    return Participant.objects.exclude(kind=Participant.Kind.EXPERT).filter(
        polled_at__isnull=False, responded_at__isnull=True
    )


def _without_minutes(now):
    return Visit.objects.filter(minutes="").filter(
        Q(status=Visit.Status.HELD) | Q(status=Visit.Status.CONFIRMED, start__lt=now)
    )


def _availability_missing(user_ref):
    return ~Exists(Availability.objects.filter(round=OuterRef("visit__round"), user=user_ref))


def _expert_seats(user):
    return Participant.objects.filter(kind=Participant.Kind.EXPERT, user=user)


def items(user):
    now = timezone.now()
    group = _("On-site meetings")
    conflicted = conflicts.conflicted_application_ids(user)
    result = _my_polls(user, now, conflicted, group)
    if not user.has_perm("visits.manage_rounds"):
        return result
    staff = user.has_role(Role.FUNDER_STAFF)
    # A programme expert never counts meetings of an application they are conflicted with.
    visible = Q() if staff else ~Q(application__in=conflicted)
    mine = (Q(organiser=user) | Q(organiser__isnull=True)) if staff else Q(organiser=user)
    organised = VisitRound.objects.filter(mine).values("pk")

    polls = _per_round(
        _unanswered()
        .filter(_poll_open(now), visit__round__in=organised)
        .filter(Q() if staff else ~Q(visit__application__in=conflicted)),
        "visit__round__stage_id",
        count=Count("pk"),
        due=Min("visit__round__poll_closes_at"),
    )
    experts = _per_round(
        Participant.objects.filter(kind=Participant.Kind.EXPERT, user__isnull=False)
        .filter(
            visit__round__in=organised,
            visit__status=Visit.Status.PLANNING,
            visit__application__status__in=OPEN_STATUSES,
            visit__round__window_end__gt=now,
        )
        .filter(Q() if staff else ~Q(visit__application__in=conflicted))
        .filter(_availability_missing(OuterRef("user"))),
        "visit__round__stage_id",
        count=Count("user", distinct=True),
        due=Min("visit__round__poll_closes_at"),
    )
    expert_seat = Exists(_expert_seats(user).filter(visit=OuterRef("pk")))
    minutes = _per_round(
        _without_minutes(now).filter(Q(round__in=organised) | Q(expert_seat)).filter(visible),
        "round__stage_id",
        count=Count("pk"),
        last=Max("pk"),
    )
    own_rounds = (
        _expert_seats(user)
        .filter(
            visit__status=Visit.Status.PLANNING,
            visit__application__status__in=OPEN_STATUSES,
            visit__round__window_end__gt=now,
        )
        .exclude(visit__application__in=conflicted)
        .filter(_availability_missing(user))
        .aggregate(
            count=Count("visit__round", distinct=True), due=Min("visit__round__poll_closes_at")
        )
    )
    stages = Stage.objects.select_related("call").in_bulk(set(polls) | set(experts) | set(minutes))

    if own_rounds["count"]:
        count = own_rounds["count"]
        result.append(
            WorkItem(
                key="visits.my_travel_times",
                label=ngettext(
                    "Your travel availability is missing for %(count)s round",
                    "Your travel availability is missing for %(count)s rounds",
                    count,
                )
                % {"count": count},
                count=count,
                url=reverse("visits:availability"),
                due=own_rounds["due"],
                group=group,
            )
        )
    for stage_id, row in polls.items():
        count = row["count"]
        result.append(
            WorkItem(
                key="visits.polls_unanswered",
                label=ngettext(
                    "%(count)s person has not yet answered the availability poll (%(round)s)",
                    "%(count)s people have not yet answered the availability poll (%(round)s)",
                    count,
                )
                % {"count": count, "round": round_label(stages[stage_id])},
                count=count,
                url=reverse("visits:round", args=[stage_id]),
                due=row["due"],
                group=group,
            )
        )
    for stage_id, row in experts.items():
        count = row["count"]
        result.append(
            WorkItem(
                key="visits.travel_times",
                label=ngettext(
                    "%(count)s programme expert has not yet entered travel availability "
                    "(%(round)s)",
                    "%(count)s programme experts have not yet entered travel availability "
                    "(%(round)s)",
                    count,
                )
                % {"count": count, "round": round_label(stages[stage_id])},
                count=count,
                url=reverse("visits:round", args=[stage_id]),
                due=row["due"],
                group=group,
            )
        )
    for stage_id, row in minutes.items():
        count = row["count"]
        result.append(
            WorkItem(
                key="visits.minutes",
                label=ngettext(
                    "%(count)s meeting without minutes (%(round)s)",
                    "%(count)s meetings without minutes (%(round)s)",
                    count,
                )
                % {"count": count, "round": round_label(stages[stage_id])},
                count=count,
                url=reverse("visits:minutes", args=[row["last"]])
                if count == 1
                else reverse("visits:round", args=[stage_id]),
                group=group,
            )
        )
    return result


def _per_round(queryset, stage_field: str, **aggregates) -> dict[int, dict]:
    rows = queryset.order_by().values(stage_field).annotate(**aggregates)
    return {row[stage_field]: row for row in rows}


def _my_polls(user, now, conflicted, group) -> list[WorkItem]:
    """The person's own unanswered polls (by account or by e-mail address, as "My meetings"
    finds them); a commission member's seat with a conflict of interest is left out there
    too."""
    row = (
        _unanswered()
        .filter(seat_filter(user))
        .filter(_poll_open(now))
        .exclude(kind=Participant.Kind.COMMISSION, visit__application__in=conflicted)
        # With a single poll, its token is the least one: the item links straight to it.
        .aggregate(count=Count("pk"), due=Min("visit__round__poll_closes_at"), token=Min("token"))
    )
    count = row["count"]
    if not count:
        return []
    return [
        WorkItem(
            key="visits.my_polls",
            label=ngettext(
                "%(count)s availability poll to answer",
                "%(count)s availability polls to answer",
                count,
            )
            % {"count": count},
            count=count,
            url=reverse("visits:poll", args=[row["token"]])
            if count == 1
            else reverse("visits:mine"),
            due=row["due"],
            group=group,
        )
    ]


register(items)
