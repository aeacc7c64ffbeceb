"""Registration, the waiting list and seat offers, cancellation, check-in, reminders and the
deletion of accessibility needs.

Seats are counted and taken while the session's row is locked (SELECT … FOR UPDATE), so people
registering at the same moment queue for the count and never overbook a session (see
tests/trainings/test_concurrency.py). The lock guards only counting and writing rows; mails go
out after the commit.

A seat freed by a cancellation or an expired offer is offered to the first person on the
waiting list, for settings.TRAINING_OFFER_HOURS; the offered seat is held for them meanwhile.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inklusiv.accounts.rules import is_funder_staff
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError

from .. import calendar, selectors
from ..models import AccessibilityNeed, Need, Registration, TrainingSession
from . import mails

Status = Registration.Status
OFFER_SALT = "inklusiv.trainings.offer"
REMIND_BEFORE = datetime.timedelta(days=2)

# Which status may follow which, and through which service.
TRANSITIONS = {
    Status.WAITING: {"offer": Status.OFFERED, "cancel": Status.CANCELLED},
    Status.OFFERED: {
        "accept": Status.CONFIRMED,
        "decline": Status.CANCELLED,
        "expire": Status.EXPIRED,
        "cancel": Status.CANCELLED,
    },
    Status.CONFIRMED: {"cancel": Status.CANCELLED},
    # A cancelled or lapsed registration ends here; registering again reuses its row.
}


def _move(registration: Registration, step: str) -> None:
    target = TRANSITIONS.get(registration.status, {}).get(step, False)
    if target is False:
        raise DomainError(_("This registration cannot change that way any more."))
    registration.status = target


def _lock_session(session_id: int) -> TrainingSession:
    """The session's row, locked until the transaction ends (no-op on SQLite, which writes
    one transaction at a time anyway)."""
    return TrainingSession.objects.select_for_update().get(pk=session_id)


def _seats_taken(session_id: int) -> int:
    return Registration.objects.filter(session_id=session_id, status__in=selectors.HOLDING).count()


def _is_organiser(actor, session) -> bool:
    return bool(actor and actor.has_perm("trainings.organise_session", session))


# -- registering ------------------------------------------------------------------------------


def _clean_needs(session: TrainingSession, needs, details: str, consent: bool):
    needs = list(dict.fromkeys(needs or ()))
    details = (details or "").strip()
    allowed = set(session.services)
    if session.has_venue:
        allowed.add(Need.STEP_FREE)
    unknown = [code for code in needs if code not in allowed]
    if unknown:
        labels = dict(Need.choices)
        raise DomainError(
            _("This session does not offer: %(needs)s.")
            % {"needs": ", ".join(str(labels.get(code, code)) for code in unknown)}
        )
    if (needs or details) and not consent:
        raise DomainError(
            _(
                "Please agree that the organisers of this session may use your accessibility "
                "needs, or leave the needs empty."
            )
        )
    return needs, details


def _check_open(session: TrainingSession, now: datetime.datetime) -> None:
    if session.status == TrainingSession.Status.CANCELLED:
        raise DomainError(_("This session has been cancelled."))
    if now >= session.registration_deadline:
        raise DomainError(_("Registration for this session has closed."))


def _region_for(actor, user, region):
    regions = list(selectors.user_regions(user))
    if region is not None and region not in regions:
        raise DomainError(_("The person is not a member of that pilot region."))
    if region is None and len(regions) == 1:
        region = regions[0]
    if user != actor and not is_funder_staff(actor):
        if not selectors.may_register_for(actor, user, region):
            raise DomainError(_("You can only register colleagues of a region you coordinate."))
    return region


def register(
    *,
    actor,
    session: TrainingSession,
    user=None,
    region=None,
    needs=(),
    details: str = "",
    consent: bool = False,
    now: datetime.datetime | None = None,
) -> Registration:
    """Register the actor (or a colleague) for the session: a seat if one is free and nobody
    waits, else a place on the waiting list."""
    now = now or timezone.now()
    user = user or actor
    _check_open(session, now)
    if not user.has_perm("trainings.register", session):
        raise DomainError(_("This session is open only to other participants."))
    region = _region_for(actor, user, region)
    if user != actor and (needs or (details or "").strip()):
        # Consent to health data (Art. 9 GDPR) is the person's own to give.
        raise DomainError(
            _(
                "Only %(name)s can state their accessibility needs: after this registration "
                "they can add them on their registration page."
            )
            % {"name": user.name or user.email}
        )
    needs, details = _clean_needs(session, needs, details, consent)
    with transaction.atomic():
        locked = _lock_session(session.pk)
        registration = Registration.objects.filter(session=locked, user=user).first()
        if registration is not None and registration.status in selectors.ACTIVE:
            raise DomainError(
                _("%(name)s is already registered for this session.")
                % {"name": user.name or user.email}
            )
        nobody_waits = not selectors.waiting_list(locked).exists()
        seat = nobody_waits and _seats_taken(locked.pk) < locked.capacity
        if registration is None:
            registration = Registration(session=locked, user=user)
        registration.region = region
        registration.registered_by = actor
        registration.status = Status.CONFIRMED if seat else Status.WAITING
        registration.confirmed_at = now if seat else None
        registration.waiting_since = None if seat else now
        registration.offered_at = registration.offer_expires_at = registration.cancelled_at = None
        registration.attendance = ""
        registration.save()
        _store_needs(registration, needs, details, now)
        audit.record(
            actor=actor,
            obj=registration,
            action="training_registered" if seat else "training_waitlisted",
            after={"session": locked.pk, "user": user.pk, "region": region.pk if region else None},
        )
    registration.session = session
    if seat:
        transaction.on_commit(lambda: mails.send_confirmation(registration))
    else:
        position = selectors.waiting_position(registration)
        transaction.on_commit(lambda: mails.send_waiting(registration, position))
    return registration


def _drop_needs(registration: Registration) -> None:
    """Who no longer takes part leaves no health data behind (data minimisation)."""
    AccessibilityNeed.objects.filter(registration=registration).delete()


def _store_needs(registration: Registration, needs, details, now) -> None:
    if needs or details:
        AccessibilityNeed.objects.update_or_create(
            registration=registration,
            defaults={"needs": needs, "details": details, "consent_at": now},
        )
    else:
        AccessibilityNeed.objects.filter(registration=registration).delete()


def update_needs(
    *, actor, registration: Registration, needs=(), details: str = "", consent: bool = False
) -> None:
    if registration.user_id != actor.pk:
        raise DomainError(_("Only the participant may change their accessibility needs."))
    session = registration.session
    if registration.status not in selectors.ACTIVE or timezone.now() >= session.ends_at:
        raise DomainError(_("The needs of this registration can no longer be changed."))
    needs, details = _clean_needs(session, needs, details, consent)
    with transaction.atomic():
        had = AccessibilityNeed.objects.filter(registration=registration).exists()
        _store_needs(registration, needs, details, timezone.now())
        action = "training_needs_stated" if needs or details else "training_needs_removed"
        if had or needs or details:
            # What was asked for stays out of the log: it is health data (Art. 9 GDPR).
            audit.record(actor=actor, obj=registration, action=action)


# -- leaving and offers -------------------------------------------------------------------


def cancel(*, actor, registration: Registration, now: datetime.datetime | None = None):
    """Cancel a registration: the participant until the cancellation deadline, the organisers
    until the session starts. A freed seat goes to the waiting list."""
    now = now or timezone.now()
    session = registration.session
    organiser = _is_organiser(actor, session) and registration.user_id != actor.pk
    if registration.user_id != actor.pk and not organiser:
        raise DomainError(_("You cannot cancel someone else's registration."))
    if now >= session.starts_at:
        raise DomainError(_("The session has begun; the registration can no longer be cancelled."))
    held_seat = registration.status in selectors.HOLDING
    confirmed = registration.status == Status.CONFIRMED
    if confirmed and not organiser and now >= session.cancellation_deadline:
        raise DomainError(
            _(
                "The cancellation deadline has passed. Please tell the organisers if you "
                "cannot come."
            )
        )
    with transaction.atomic():
        locked = _lock_session(session.pk)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        _move(registration, "cancel")
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        _drop_needs(registration)
        audit.record(actor=actor, obj=registration, action="training_registration_cancelled")
        offered = _offer_free_seats(locked, now) if held_seat else []
    registration.session = session
    transaction.on_commit(
        lambda: mails.send_registration_cancelled(registration, by_organiser=organiser)
    )
    _send_offers(offered)
    return registration


def _offer_free_seats(session: TrainingSession, now) -> list[Registration]:
    """Offer each free seat to the next person waiting (inside the session's lock)."""
    if session.status == TrainingSession.Status.CANCELLED or now >= session.starts_at:
        return []
    free = session.capacity - _seats_taken(session.pk)
    if free <= 0:
        return []
    offered = []
    expires = now + datetime.timedelta(hours=settings.TRAINING_OFFER_HOURS)
    # An offer never runs past the start of the session.
    expires = min(expires, session.starts_at)
    for registration in selectors.waiting_list(session)[:free]:
        _move(registration, "offer")
        registration.offered_at = now
        registration.offer_expires_at = expires
        registration.save(update_fields=["status", "offered_at", "offer_expires_at"])
        audit.record(
            actor=None,
            obj=registration,
            action="training_seat_offered",
            after={"offer_expires_at": expires.isoformat()},
        )
        offered.append(registration)
    return offered


def _send_offers(offered: list[Registration]) -> None:
    for registration in offered:
        transaction.on_commit(
            lambda registration=registration: mails.send_offer(
                registration, offer_url(registration)
            )
        )


def offer_free_seats(*, session: TrainingSession, now: datetime.datetime | None = None) -> int:
    """After the capacity was raised: offer the new seats to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        offered = _offer_free_seats(_lock_session(session.pk), now)
    _send_offers(offered)
    return len(offered)


def accept_offer(*, registration: Registration, now: datetime.datetime | None = None):
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_session(registration.session_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == TrainingSession.Status.CANCELLED:
            raise DomainError(_("This session has been cancelled."))
        if current.status == Status.CONFIRMED:
            raise DomainError(_("You have already accepted this seat."))
        if current.status != Status.OFFERED or current.offer_expires_at <= now:
            raise DomainError(_("This offer has expired; the seat went to the next person."))
        _move(current, "accept")
        current.confirmed_at = now
        current.save(update_fields=["status", "confirmed_at"])
        audit.record(actor=current.user, obj=current, action="training_offer_accepted")
    current.session = registration.session
    transaction.on_commit(lambda: mails.send_confirmation(current))
    return current


def decline_offer(*, registration: Registration, now: datetime.datetime | None = None):
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_session(registration.session_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != Status.OFFERED or current.offer_expires_at <= now:
            raise DomainError(_("This offer is no longer open."))
        _move(current, "decline")
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        _drop_needs(current)
        audit.record(actor=current.user, obj=current, action="training_offer_declined")
        offered = _offer_free_seats(locked, now)
    _send_offers(offered)
    return current


def expire_offers(*, now: datetime.datetime | None = None) -> int:
    """Offers past their time lapse; each seat passes to the next person waiting."""
    now = now or timezone.now()
    expired = 0
    session_ids = (
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
        .values_list("session_id", flat=True)
        .distinct()
    )
    for session_id in list(session_ids):
        with transaction.atomic():
            locked = _lock_session(session_id)
            for registration in Registration.objects.filter(
                session=locked, status=Status.OFFERED, offer_expires_at__lte=now
            ):
                _move(registration, "expire")
                registration.save(update_fields=["status"])
                _drop_needs(registration)
                audit.record(actor=None, obj=registration, action="training_offer_expired")
                expired += 1
            offered = _offer_free_seats(locked, now)
        _send_offers(offered)
    return expired


# -- the offer's one-click link -----------------------------------------------------------


def offer_token(registration: Registration) -> str:
    return signing.dumps(
        {"r": registration.pk, "o": registration.offered_at.isoformat()}, salt=OFFER_SALT
    )


def registration_for_token(token: str) -> Registration:
    """The registration an offer link names; the link of an earlier offer no longer works."""
    try:
        payload = signing.loads(token, salt=OFFER_SALT)
        registration = Registration.objects.select_related("session__course", "user").get(
            pk=payload["r"]
        )
    except (signing.BadSignature, KeyError, TypeError, Registration.DoesNotExist):
        raise DomainError(_("This link is not valid.")) from None
    offered = registration.offered_at.isoformat() if registration.offered_at else None
    if offered != payload.get("o"):
        raise DomainError(_("This link belongs to an earlier offer and is no longer valid."))
    return registration


def offer_url(registration: Registration) -> str:
    with translation.override(registration.user.language or settings.LANGUAGE_CODE):
        return calendar.absolute_url("trainings:offer", offer_token(registration))


# -- the day of the session -----------------------------------------------------------------


def check_in(*, actor, registration: Registration, attendance: str, now=None) -> Registration:
    now = now or timezone.now()
    session = registration.session
    if not _is_organiser(actor, session):
        raise DomainError(_("Only the organisers of this session record attendance."))
    if registration.status != Status.CONFIRMED:
        raise DomainError(_("Only people with a seat can be checked in."))
    if attendance not in Registration.Attendance.values:
        raise DomainError(_("Please choose present or did not come."))
    first_day = timezone.localtime(session.starts_at).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    if now < first_day:
        raise DomainError(_("Attendance can be recorded from the day of the session on."))
    before = registration.attendance
    registration.attendance = attendance
    registration.checked_in_at = now if attendance else None
    registration.checked_in_by = actor if attendance else None
    with transaction.atomic():
        registration.save(update_fields=["attendance", "checked_in_at", "checked_in_by"])
        audit.record(
            actor=actor,
            obj=registration,
            action="training_attendance_recorded",
            before={"attendance": before},
            after={"attendance": attendance},
        )
    return registration


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Two days before a session, everyone with a seat is reminded, once."""
    now = now or timezone.now()
    sessions = TrainingSession.objects.filter(
        status=TrainingSession.Status.SCHEDULED,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
    ).select_related("course")
    sent = 0
    for session in sessions:
        with transaction.atomic():
            claimed = TrainingSession.objects.filter(
                pk=session.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
        if not claimed:
            continue
        for registration in session.registrations.filter(status=Status.CONFIRMED).select_related(
            "user", "session__course"
        ):
            mails.send_reminder(registration)
            sent += 1
    return sent


def purge_session_needs(session: TrainingSession, *, now: datetime.datetime | None = None) -> int:
    """Delete the needs of one session at once (it was called off), inside the caller's
    transaction."""
    now = now or timezone.now()
    count, _detail = AccessibilityNeed.objects.filter(registration__session=session).delete()
    TrainingSession.objects.filter(pk=session.pk).update(needs_purged_at=now)
    session.needs_purged_at = now
    if count:
        audit.record(
            actor=None, obj=session, action="training_needs_deleted", after={"count": count}
        )
    return count


def purge_accessibility_needs(*, now: datetime.datetime | None = None) -> int:
    """Delete the accessibility needs of every session that is over (health data, Art. 9 GDPR:
    kept no longer than needed); returns how many were deleted."""
    now = now or timezone.now()
    sessions = list(
        TrainingSession.objects.filter(
            ends_at__lte=now, registrations__accessibility_need__isnull=False
        ).distinct()
    )
    deleted = 0
    for session in sessions:
        with transaction.atomic():
            count, _detail = AccessibilityNeed.objects.filter(
                registration__session=session
            ).delete()
            TrainingSession.objects.filter(pk=session.pk).update(needs_purged_at=now)
            audit.record(
                actor=None,
                obj=session,
                action="training_needs_deleted",
                after={"count": count},
            )
        deleted += count
    # Sessions over without any needs are marked too, so their pages say nothing is kept.
    TrainingSession.objects.filter(ends_at__lte=now, needs_purged_at__isnull=True).update(
        needs_purged_at=now
    )
    return deleted
