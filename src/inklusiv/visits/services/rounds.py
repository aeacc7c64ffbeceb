"""Setting up a stage's round of on-site meetings: its window and travel assumptions, one
meeting per open application, the people taking part and the meeting place."""

from __future__ import annotations

import re
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from inklusiv.accounts.models import Role
from inklusiv.applications.models import Partner
from inklusiv.calls.models import Stage
from inklusiv.core import audit, gazetteer
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require as _require
from inklusiv.selection import conflicts
from inklusiv.selection.models import CommissionMember

from ..models import Participant, Visit, VisitRound
from . import invitations
from .lifecycle import ACTIVE_STATUSES, OPEN_STATUSES

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

ROUND_FIELDS = (
    "window_start",
    "window_end",
    "duration_minutes",
    "speed_kmh",
    "buffer_minutes",
    "max_per_day",
    "slot_times",
    "poll_closes_at",
    "organiser",
)
PLACE_FIELDS = (
    "street",
    "postcode",
    "city",
    "place",
    "latitude",
    "longitude",
    "duration_minutes",
)


def _number(value, *, field: str, low: int, high: int, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        raise DomainError(message, field=field)
    return number


def parse_slot_times(value) -> list[str]:
    """Start times typed as "10:00, 14:00" (or a list) as sorted, unique "HH:MM" strings."""
    parts = re.split(r"[,;]", value) if isinstance(value, str) else list(value or ())
    times = set()
    for part in parts:
        part = str(part).strip()
        if not part:
            continue
        # "10:00 14:00" without commas is meant as two times; "10 Uhr" is no time at all.
        tokens = part.replace(".", ":").split()
        matches = [_CLOCK.match(token) for token in tokens]
        if not all(matches):
            raise DomainError(
                _(
                    "“%(time)s” is not a time of day. Write the start times as hours and "
                    "minutes, separated by commas, for example 10:00, 14:00."
                )
                % {"time": part},
                field="slot_times",
            )
        times.update(f"{int(m.group(1)):02d}:{m.group(2)}" for m in matches)
    if not times:
        raise DomainError(
            _("Please enter at least one start time, for example 10:00."), field="slot_times"
        )
    return sorted(times)


def set_up_round(
    *,
    actor,
    stage: Stage,
    window_start: datetime,
    window_end: datetime,
    duration_minutes: int = 180,
    speed_kmh: int = 60,
    buffer_minutes: int = 30,
    max_per_day: int = 2,
    slot_times=("10:00", "14:00"),
    poll_closes_at: datetime | None = None,
    organiser=None,
    now: datetime | None = None,
) -> VisitRound:
    """Create the stage's round or change its settings, then create the missing meetings.
    A new poll deadline must lie ahead of ``now``; one already stored may have passed."""
    _require(actor, "visits.manage_rounds")
    if not stage.requires_site_visit:
        raise DomainError(
            _(
                "This stage has no on-site meetings. Tick “on-site meetings in this stage” in "
                "the stage's settings first."
            )
        )
    if window_start is None or window_end is None:
        raise DomainError(
            _("Please enter when the meetings can start and until when they can take place."),
            field="window_start",
        )
    if window_end <= window_start:
        raise DomainError(
            _("The end of the period must be after its start. Please check both dates."),
            field="window_end",
        )
    duration_minutes = _number(
        duration_minutes,
        field="duration_minutes",
        low=30,
        high=720,
        message=_("A meeting lasts between 30 and 720 minutes."),
    )
    speed_kmh = _number(
        speed_kmh,
        field="speed_kmh",
        low=10,
        high=300,
        message=_("Enter an average travel speed between 10 and 300 km/h."),
    )
    buffer_minutes = _number(
        buffer_minutes,
        field="buffer_minutes",
        low=0,
        high=480,
        message=_("Enter a buffer between 0 and 480 minutes."),
    )
    max_per_day = _number(
        max_per_day,
        field="max_per_day",
        low=1,
        high=10,
        message=_("An expert can take part in 1 to 10 meetings a day."),
    )
    slot_times = parse_slot_times(slot_times)
    if poll_closes_at is not None and poll_closes_at >= window_end:
        raise DomainError(
            _("The poll must close before the last day of the meetings."),
            field="poll_closes_at",
        )
    stored = VisitRound.objects.filter(stage=stage).values_list("poll_closes_at", flat=True)
    if (
        poll_closes_at is not None
        and poll_closes_at != next(iter(stored), None)
        and poll_closes_at <= (now or timezone.now())
    ):
        raise DomainError(
            _("The poll deadline %(date)s has already passed. Please choose a date in the future.")
            % {"date": formats.date_format(timezone.localtime(poll_closes_at), "DATETIME_FORMAT")},
            field="poll_closes_at",
        )
    if organiser is not None and not organiser.has_perm("visits.manage_rounds"):
        raise DomainError(
            _("The organiser must be a member of the funder's staff or a programme expert."),
            field="organiser",
        )
    values = {
        "window_start": window_start,
        "window_end": window_end,
        "duration_minutes": duration_minutes,
        "speed_kmh": speed_kmh,
        "buffer_minutes": buffer_minutes,
        "max_per_day": max_per_day,
        "slot_times": slot_times,
        "poll_closes_at": poll_closes_at,
        "organiser": organiser,
    }
    with transaction.atomic():
        round_ = VisitRound.objects.select_for_update().filter(stage=stage).first()
        if round_ is None:
            round_ = VisitRound.objects.create(stage=stage, **values)
            audit.record(
                actor=actor,
                obj=round_,
                action="visit_round_created",
                after=audit.snapshot(round_, ROUND_FIELDS),
            )
        else:
            before = audit.snapshot(round_, ROUND_FIELDS)
            old_duration = round_.duration_minutes
            for name, value in values.items():
                setattr(round_, name, value)
            round_.save(update_fields=[*values, "updated_at"])
            if old_duration != duration_minutes:
                # Meetings still on the round's default follow it; a length set for one
                # meeting on its place page stays.
                round_.visits.filter(
                    status=Visit.Status.PLANNING, duration_minutes=old_duration
                ).update(duration_minutes=duration_minutes, updated_at=timezone.now())
            audit.record(
                actor=actor,
                obj=round_,
                action="visit_round_changed",
                before=before,
                after=audit.snapshot(round_, ROUND_FIELDS),
            )
        create_visits(actor=actor, round=round_)
    return round_


def _account_for(email: str):
    if not email:
        return None
    return get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()


def create_visits(*, actor, round: VisitRound) -> int:  # noqa: A002 - the agreed name
    """One meeting per open application of the stage that has none yet; returns how many."""
    _require(actor, "visits.manage_rounds")
    created = 0
    with transaction.atomic():
        round_ = (
            VisitRound.objects.select_for_update(of=("self",))
            .select_related("organiser")
            .get(pk=round.pk)
        )
        applications = (
            round_.stage.applications.filter(status__in=OPEN_STATUSES)
            .exclude(visits__round=round_)
            .select_related("organisation")
            .order_by("reference", "pk")
        )
        for application in applications:
            organisation = application.organisation
            visit = Visit.objects.create(
                round=round_,
                application=application,
                street=organisation.street,
                postcode=organisation.postcode,
                city=organisation.city,
                duration_minutes=round_.duration_minutes,
            )
            seats = []
            organiser = round_.organiser
            if (
                organiser is not None
                and organiser.has_role(Role.PROGRAMME_EXPERT)
                and not conflicts.has_conflict(organiser, application)
            ):
                # The responsible programme expert arranges and attends the meeting.
                seats.append(
                    Participant(
                        visit=visit,
                        kind=Participant.Kind.EXPERT,
                        user=organiser,
                        name=organiser.name or organiser.email,
                        email=organiser.email,
                        language=organiser.language,
                    )
                )
            if application.contact_email:
                account = _account_for(application.contact_email)
                seats.append(
                    Participant(
                        visit=visit,
                        kind=Participant.Kind.CONTACT,
                        user=account,
                        name=application.contact_name or application.contact_email,
                        email=application.contact_email,
                        language=account.language if account else "de",
                    )
                )
            for partner in Partner.objects.filter(application=application).exclude(
                contact_email=""
            ):
                account = _account_for(partner.contact_email)
                seats.append(
                    Participant(
                        visit=visit,
                        kind=Participant.Kind.PARTNER,
                        user=account,
                        partner=partner,
                        name=partner.contact_name or partner.name,
                        email=partner.contact_email,
                        language=account.language if account else "de",
                    )
                )
            emails = set()
            for seat in seats:
                # One seat per address: a contact who also speaks for a partner comes once.
                if seat.email.lower() in emails:
                    continue
                emails.add(seat.email.lower())
                seat.save()
            audit.record(
                actor=actor,
                obj=visit,
                action="visit_created",
                after={
                    "round": round_.pk,
                    "application": application.pk,
                    "participants": sorted(emails),
                },
            )
            created += 1
    return created


def _ensure_open(visit: Visit) -> None:
    if visit.status not in ACTIVE_STATUSES:
        raise DomainError(
            _("This meeting was %(status)s; it can no longer be changed.")
            % {"status": visit.get_status_display()}
        )


def add_participant(
    *,
    actor,
    visit: Visit,
    kind: str,
    user=None,
    partner: Partner | None = None,
    name: str = "",
    email: str = "",
    language: str = "de",
) -> Participant:
    """Invite someone to the meeting: an expert or commission member by their account, the
    applicant's side by name and e-mail address."""
    _require(actor, "visits.organise_visit", visit)
    _ensure_open(visit)
    if kind not in Participant.Kind.values:
        raise DomainError(_("Please choose how the person takes part."), field="kind")
    application = visit.application
    if kind in (Participant.Kind.EXPERT, Participant.Kind.COMMISSION):
        if user is None:
            raise DomainError(
                _("Please choose the person from the list of experts and commission members."),
                field="user",
            )
        if kind == Participant.Kind.EXPERT and not user.has_role(Role.PROGRAMME_EXPERT):
            raise DomainError(
                _(
                    "%(name)s is not a programme expert. Choose “commission member” or "
                    "another person."
                )
                % {"name": user.name or user.email},
                field="user",
            )
        if (
            kind == Participant.Kind.COMMISSION
            and not CommissionMember.objects.filter(stage=visit.round.stage, user=user).exists()
        ):
            raise DomainError(
                _(
                    "%(name)s is not a member of this stage's commission. Add them to the "
                    "commission first, or choose another person."
                )
                % {"name": user.name or user.email},
                field="user",
            )
    if user is not None:
        if conflicts.has_conflict(user, application):
            raise DomainError(
                _(
                    "%(name)s has a conflict of interest with this application and cannot take "
                    "part in its meeting."
                )
                % {"name": user.name or user.email},
                field="user",
            )
        name = name.strip() or user.name or user.email
        email = user.email
        language = user.language or language
    if partner is not None and partner.application_id != application.pk:
        raise DomainError(_("This partner belongs to another application."), field="partner")
    name = (name or "").strip()
    email = (email or "").strip()
    if not name:
        raise DomainError(_("Please enter the person's name."), field="name")
    if len(name) > 200:
        raise DomainError(_("The name is longer than 200 characters."), field="name")
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            _("Please enter an e-mail address like name@example.org."), field="email"
        ) from None
    if language not in dict(Participant._meta.get_field("language").choices):
        language = "de"
    if user is None:
        user = _account_for(email)
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        _ensure_open(locked)
        if locked.participants.filter(email__iexact=email).exists():
            raise DomainError(
                _("%(email)s already takes part in this meeting.") % {"email": email},
                field="email",
            )
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    visit=locked,
                    kind=kind,
                    user=user,
                    partner=partner,
                    name=name,
                    email=email,
                    language=language,
                )
        except IntegrityError:
            raise DomainError(
                _("%(email)s already takes part in this meeting.") % {"email": email},
                field="email",
            ) from None
        audit.record(
            actor=actor,
            obj=locked,
            action="visit_participant_added",
            after={"participant": participant.pk, "kind": kind, "name": name, "email": email},
        )
        # Someone added after the invitations went out gets the current one (sent on commit).
        invitations.invite_participant(actor=actor, participant=participant)
    return participant


def remove_participant(*, actor, participant: Participant) -> None:
    visit = participant.visit
    _require(actor, "visits.organise_visit", visit)
    _ensure_open(visit)
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        # Whoever was invited learns that the meeting is off their calendar.
        invitations.uninvite_participant(actor=actor, participant=participant)
        audit.record(
            actor=actor,
            obj=locked,
            action="visit_participant_removed",
            before={
                "participant": participant.pk,
                "kind": participant.kind,
                "name": participant.name,
                "email": participant.email,
            },
        )
        participant.delete()


def check_coordinates(latitude: float | None, longitude: float | None) -> None:
    """Refuse coordinates off the globe (either may be None: not known yet)."""
    if latitude is not None and not -90 <= latitude <= 90:
        raise DomainError(
            _("The latitude lies between -90 and 90; in Germany about 47 to 55."),
            field="latitude",
        )
    if longitude is not None and not -180 <= longitude <= 180:
        raise DomainError(
            _("The longitude lies between -180 and 180; in Germany about 6 to 15."),
            field="longitude",
        )


def locate(
    *,
    postcode: str,
    city: str,
    latitude: float | None,
    longitude: float | None,
    previous: tuple[str, str, float | None, float | None] | None = None,
    required: bool = False,
) -> tuple[float | None, float | None]:
    """The coordinates to store for an address: those typed (a correction wins), else
    looked up offline from the postcode (the town picks among several) or, without a
    postcode, from the town alone. Coordinates that came along unchanged while the address
    changed belong to the old address and are looked up anew. ``previous`` is the stored
    (postcode, town, latitude, longitude); ``required`` refuses an address that cannot be
    located."""
    if (latitude is None) != (longitude is None):
        raise DomainError(
            _("Please enter both latitude and longitude, or neither."),
            field="longitude" if latitude is not None else "latitude",
        )
    if latitude is not None and previous is not None:
        old_postcode, old_city, old_latitude, old_longitude = previous
        moved = (postcode, city.casefold()) != (old_postcode, old_city.casefold())
        if moved and (latitude, longitude) == (old_latitude, old_longitude):
            latitude = longitude = None
    if latitude is not None:
        check_coordinates(latitude, longitude)
        return latitude, longitude
    if postcode:
        found = gazetteer.lookup(postcode, city)
        if found is None:
            raise DomainError(
                _(
                    "We do not know the postcode %(postcode)s. Please check it, or enter "
                    "the latitude and longitude yourself."
                )
                % {"postcode": postcode},
                field="postcode",
            )
        return found.latitude, found.longitude
    found = gazetteer.lookup_town(city) if city else None
    if found is not None:
        return found.latitude, found.longitude
    if required:
        raise DomainError(
            _(
                "We cannot tell where %(town)s lies. Please enter the postcode, or the "
                "latitude and longitude."
            )
            % {"town": city},
            field="postcode",
        )
    return None, None


def update_place(
    *,
    actor,
    visit: Visit,
    street: str,
    postcode: str,
    city: str,
    place: str,
    latitude: float | None,
    longitude: float | None,
    duration_minutes: int,
) -> Visit:
    """Where the meeting takes place and how long it lasts. The optimiser needs coordinates:
    left empty, they are looked up from the postcode and town (see ``locate``)."""
    _require(actor, "visits.organise_visit", visit)
    _ensure_open(visit)
    street, postcode, city, place = (
        (value or "").strip() for value in (street, postcode, city, place)
    )
    if postcode and not re.fullmatch(r"\d{5}", postcode):
        raise DomainError(
            _("A German postcode has five digits, for example 16816."), field="postcode"
        )
    if not city:
        raise DomainError(_("Please enter the town."), field="city")
    latitude, longitude = locate(
        postcode=postcode,
        city=city,
        latitude=latitude,
        longitude=longitude,
        previous=(visit.postcode, visit.city, visit.latitude, visit.longitude),
    )
    duration_minutes = _number(
        duration_minutes,
        field="duration_minutes",
        low=30,
        high=720,
        message=_("A meeting lasts between 30 and 720 minutes."),
    )
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        _ensure_open(locked)
        before = audit.snapshot(locked, PLACE_FIELDS)
        locked.street, locked.postcode, locked.city, locked.place = street, postcode, city, place
        locked.latitude, locked.longitude = latitude, longitude
        locked.duration_minutes = duration_minutes
        locked.save(update_fields=[*PLACE_FIELDS, "updated_at"])
        audit.record(
            actor=actor,
            obj=locked,
            action="visit_place_changed",
            before=before,
            after=audit.snapshot(locked, PLACE_FIELDS),
        )
    return locked
