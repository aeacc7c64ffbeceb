"""Programme experts' travel availability per round and the place they set off from; the
slot generation and the optimiser schedule meetings only where these allow."""

from __future__ import annotations

import re
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require as _require

from ..models import Availability, TravelBase, VisitRound
from .lifecycle import ensure_ahead
from .rounds import locate


def _moment(value: datetime) -> str:
    return timezone.localtime(value).isoformat()


def add(
    *, actor, round: VisitRound, starts_at: datetime, ends_at: datetime, note: str = ""
) -> Availability:  # noqa: A002 - agreed signature
    _require(actor, "visits.enter_availability")
    if ends_at <= starts_at:
        raise DomainError(_("The end must be after the start."), field="ends_at")
    if ends_at <= round.window_start or starts_at >= round.window_end:
        raise DomainError(
            _("The meetings of this round take place between %(start)s and %(end)s.")
            % {
                "start": formats.date_format(timezone.localtime(round.window_start), "DATE_FORMAT"),
                "end": formats.date_format(timezone.localtime(round.window_end), "DATE_FORMAT"),
            },
            field="starts_at",
        )
    # Travelling in the past helps no plan (except in a round that is itself history).
    ensure_ahead(round, ends_at, field="ends_at")
    note = (note or "").strip()
    if len(note) > 200:
        raise DomainError(_("The note is longer than 200 characters."), field="note")
    with transaction.atomic():
        availability = Availability.objects.create(
            round=round, user=actor, starts_at=starts_at, ends_at=ends_at, note=note
        )
        audit.record(
            actor=actor,
            obj=round,
            action="availability_added",
            after={
                "availability": availability.pk,
                "starts_at": _moment(starts_at),
                "ends_at": _moment(ends_at),
                "note": note,
            },
        )
    return availability


def remove(*, actor, availability: Availability) -> None:
    # Only the expert's own entries: nobody else knows when they can really travel.
    if availability.user_id != actor.pk or not actor.has_perm("visits.enter_availability"):
        raise PermissionDenied
    with transaction.atomic():
        audit.record(
            actor=actor,
            obj=availability.round,
            action="availability_removed",
            before={
                "availability": availability.pk,
                "starts_at": _moment(availability.starts_at),
                "ends_at": _moment(availability.ends_at),
                "note": availability.note,
            },
        )
        availability.delete()


def set_travel_base(
    *,
    actor,
    city: str,
    latitude: float | None = None,
    longitude: float | None = None,
    postcode: str = "",
) -> TravelBase:
    """Where the expert sets off from. Coordinates left empty are looked up from the postcode
    (or the town alone, where its name is unique); typed ones are kept as a correction."""
    _require(actor, "visits.enter_availability")
    city = (city or "").strip()
    postcode = (postcode or "").strip()
    if not city:
        raise DomainError(_("Please enter the town you set off from."), field="city")
    if len(city) > 100:
        raise DomainError(_("The town is longer than 100 characters."), field="city")
    if postcode and not re.fullmatch(r"\d{5}", postcode):
        raise DomainError(
            _("A German postcode has five digits, for example 16816."), field="postcode"
        )
    current = TravelBase.objects.filter(user=actor).first()
    latitude, longitude = locate(
        postcode=postcode,
        city=city,
        latitude=latitude,
        longitude=longitude,
        previous=(current.postcode, current.city, current.latitude, current.longitude)
        if current
        else None,
        required=True,
    )
    with transaction.atomic():
        before = TravelBase.objects.select_for_update().filter(user=actor).first()
        fields = ("city", "postcode", "latitude", "longitude")
        before_values = audit.snapshot(before, fields) if before else {}
        base, _created = TravelBase.objects.update_or_create(
            user=actor,
            defaults={
                "city": city,
                "postcode": postcode,
                "latitude": latitude,
                "longitude": longitude,
            },
        )
        audit.record(
            actor=actor,
            obj=base,
            action="travel_base_set",
            before=before_values,
            after=audit.snapshot(base, fields),
        )
    return base
