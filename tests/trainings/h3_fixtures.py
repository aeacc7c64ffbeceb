"""Helpers of the certificate and feedback tests: a session that has already taken place,
registrations with a given attendance, and anonymous answers."""

import datetime

import pytest
from django.utils import timezone

from inklusiv.trainings.models import FeedbackResponse, Registration

from ..factories import UserFactory

PRESENT = Registration.Attendance.PRESENT
NO_SHOW = Registration.Attendance.NO_SHOW
UNKNOWN = Registration.Attendance.UNKNOWN


def register(session, user, attendance=UNKNOWN) -> Registration:
    return Registration.objects.create(
        session=session,
        user=user,
        status=Registration.Status.CONFIRMED,
        confirmed_at=session.starts_at - datetime.timedelta(days=7),
        attendance=attendance,
        checked_in_at=session.starts_at if attendance else None,
    )


def answer(session, *, rating=4, liked="", improve="", **ratings) -> FeedbackResponse:
    values = {key: ratings.get(key, rating) for key in FeedbackResponse.RATINGS}
    return FeedbackResponse.objects.create(
        session=session,
        answered_on=timezone.localdate(),
        liked=liked,
        improve=improve,
        **values,
    )


@pytest.fixture
def past_session(make_session):
    """A session that started yesterday morning and is over."""
    return make_session(days=-1)


@pytest.fixture
def participant(db):
    return UserFactory(name="Paula Anwesend", email="paula@example.org", language="de")


@pytest.fixture
def no_show(db):
    return UserFactory(name="Norbert Fehlend", email="norbert@example.org")
