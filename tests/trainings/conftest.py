"""Shared fixtures of the trainings: a course with a session ahead, people to register, the
pilots' world (regions and their members) for region-bound sessions."""

import datetime

import pytest
from django.utils import timezone

from inklusiv.accounts.models import Role, RoleGrant
from inklusiv.trainings.models import Course, Format, Service, TrainingSession
from tests.factories import UserFactory


@pytest.fixture
def trainer(db):
    user = UserFactory(name="Katrin Albers", email="albers@example.org")
    RoleGrant.objects.create(user=user, role=Role.TRAINER)
    return user


@pytest.fixture
def other_trainer(db):
    user = UserFactory(name="Jonas Brandt", email="brandt@example.org")
    RoleGrant.objects.create(user=user, role=Role.TRAINER)
    return user


@pytest.fixture
def course(db, trainer):
    return Course.objects.create(
        slug="netzwerkkoordination",
        title="Netzwerkkoordination im Sozialraum",
        description="Wie ein Netzwerk entsteht und trägt.",
        learning_goals="Akteure finden\nTreffen moderieren",
        target_group="Netzwerkkoordinator·innen",
        format=Format.ON_SITE,
        length_minutes=360,
        trainer=trainer,
        published=True,
    )


@pytest.fixture
def make_session(db, course):
    def make(*, capacity=10, days=10, **fields):
        now = timezone.now()
        start = now + datetime.timedelta(days=days)
        values = {
            "course": course,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=6),
            "format": Format.ON_SITE,
            "venue": "Haus der Begegnung",
            "address": "Marktplatz 1, 16816 Neuruppin",
            "step_free": True,
            "capacity": capacity,
            "registration_deadline": start - datetime.timedelta(days=2),
            "cancellation_deadline": start - datetime.timedelta(days=3),
            "services": [Service.SIGN_LANGUAGE, Service.SPEECH_TO_TEXT],
            "trainer": course.trainer,
        }
        values.update(fields)
        return TrainingSession.objects.create(**values)

    return make


@pytest.fixture
def session(make_session):
    return make_session()


@pytest.fixture
def people(db):
    """Twelve people with accounts, in a stable order."""
    return [
        UserFactory(name=f"Person {index:02d}", email=f"person{index:02d}@example.org")
        for index in range(12)
    ]
