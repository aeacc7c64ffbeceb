"""Where a round of on-site meetings stands in its life: the statuses that count as open,
and whether the round is over (then nothing is planned in it any more)."""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from inklusiv.applications.models import Status
from inklusiv.core.exceptions import DomainError

from ..models import Visit, VisitRound

# Applications still in the running in a stage, and meetings still ahead.
OPEN_STATUSES = (Status.SUBMITTED, Status.ELIGIBLE, Status.ADVANCED, Status.IN_REVIEW)
ACTIVE_STATUSES = (Visit.Status.PLANNING, Visit.Status.CONFIRMED)


def round_finished(round_: VisitRound) -> bool:
    """Whether the round is over: no meeting is still being planned or ahead for an
    application that is still open in the round's stage (every meeting held or cancelled,
    or the stage decided). A round without meetings has not started, so it is not over."""
    visits = Visit.objects.filter(round_id=round_.pk)
    return (
        visits.exists()
        and not visits.filter(
            status__in=ACTIVE_STATUSES,
            application__stage_id=round_.stage_id,
            application__status__in=OPEN_STATUSES,
        ).exists()
    )


def ensure_round_open(round_: VisitRound) -> None:
    """Refuse planning (optimiser, fixed times, poll, reminders, invitations) in a round
    that is over."""
    if round_finished(round_):
        raise DomainError(
            _(
                "The on-site meetings of %(round)s are over: every meeting has taken place or "
                "been cancelled, or the stage has been decided. Nothing can be planned here "
                "any more."
            )
            % {"round": round_.label}
        )


def ensure_ahead(round_: VisitRound, start: datetime, *, field: str) -> None:
    """Refuse a time that has passed for a meeting of a round whose period is still running:
    a meeting can be fixed or offered only for later. (A round whose period lies wholly in
    the past, as the demo's 2016 round, is history and keeps its times.)"""
    now = timezone.now()
    if start < now <= round_.window_end:
        raise DomainError(
            _("%(time)s has already passed. Please choose a time in the future.")
            % {"time": formats.date_format(timezone.localtime(start), "DATETIME_FORMAT")},
            field=field,
        )
