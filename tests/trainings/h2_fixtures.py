"""Helpers of the organisers' tests: registrations written straight to the database (the
registration service has its own tests), clients signed in as someone, and the form data of a
session as the browser sends it."""

import datetime

from django.test import Client
from django.utils import timezone

from inklusiv.trainings.models import AccessibilityNeed, Registration

from ..factories import make_user

Status = Registration.Status
Attendance = Registration.Attendance
BERLIN_FORMAT = ("%Y-%m-%d", "%H:%M")

_counter = iter(range(1, 100_000))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def person(name=None, **extra):
    n = next(_counter)
    return make_user(
        None, email=f"h2-person{n}@example.org", name=name or f"Teilnehmer {n:04d}", **extra
    )


def register(
    session,
    user=None,
    *,
    status=Status.CONFIRMED,
    region=None,
    needs=None,
    details="",
    attendance="",
    registered_by=None,
    waiting_since=None,
    offer_expires_at=None,
) -> Registration:
    user = user or person()
    now = timezone.now()
    registration = Registration.objects.create(
        session=session,
        user=user,
        registered_by=registered_by or user,
        region=region,
        status=status,
        attendance=attendance,
        confirmed_at=now if status == Status.CONFIRMED else None,
        waiting_since=waiting_since or (now if status == Status.WAITING else None),
        offered_at=now if status == Status.OFFERED else None,
        offer_expires_at=offer_expires_at,
        cancelled_at=now if status == Status.CANCELLED else None,
    )
    if needs is not None or details:
        AccessibilityNeed.objects.create(
            registration=registration, needs=list(needs or []), details=details, consent_at=now
        )
    return registration


def moment_fields(name: str, moment: datetime.datetime) -> dict:
    local = timezone.localtime(moment)
    return {f"{name}_date": local.strftime("%Y-%m-%d"), f"{name}_time": local.strftime("%H:%M")}


def session_post(*, starts: datetime.datetime, **overrides) -> dict:
    """What the session form sends for an on-site session starting at `starts`."""
    data = {
        **moment_fields("starts_at", starts),
        **moment_fields("ends_at", starts + datetime.timedelta(hours=6)),
        **moment_fields("registration_deadline", starts - datetime.timedelta(days=2)),
        **moment_fields("cancellation_deadline", starts - datetime.timedelta(days=3)),
        "format": "on_site",
        "capacity": "12",
        "venue": "Haus der Begegnung",
        "address": "Marktplatz 1, 16816 Neuruppin",
        "step_free": "on",
        "online_link": "",
        "services": ["sign_language"],
        "audience": "everyone",
        "access_notes": "",
        "trainer": "",
    }
    data.update(overrides)
    return data
