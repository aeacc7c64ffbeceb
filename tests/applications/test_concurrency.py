"""Two members saving the same step for the first time at the same moment (PostgreSQL only).

The test holds the application row locked from a third connection, lets both members post,
waits until both requests are blocked on that lock, then lets go. Whatever each request read
before it blocked is then out of date for one of them: that one must get the edit-conflict
page with their input, never a server error.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from inklusiv.applications.models import Answers, Application, Concept, SocialSpace
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises whole transactions, so no race to show",
    ),
]


def _concept(goals):
    return {
        "revision": 0,
        "starting_situation": "Kaum Angebote für Jugendliche mit Behinderung.",
        "goals": goals,
        "fields_of_action": ["leisure"],
        "approach": "Runder Tisch",
        "expected_network": "Vereine",
    }


def _space(name):
    return {
        "revision": 0,
        "kind": "city",
        "name": name,
        "state": "BB",
        "population": "31000",
        "ags": "",
    }


def _answers(question, text):
    return {"revision": 0, question.key: text}


def _waiting_on_locks() -> int:
    with connection.cursor() as cursor:
        # Statistics views are read once per transaction unless the snapshot is cleared.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def _race(application, members, url, payloads, *, hold=None):
    """Post both payloads at once, both stuck behind the application row until released
    (or behind whatever `hold` does inside the test's transaction, which is rolled back)."""
    results = [None, None]

    def post(index):
        client = Client(raise_request_exception=False)
        client.force_login(members[index])
        try:
            results[index] = client.post(url, payloads[index])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(index,)) for index in (0, 1)]
    with transaction.atomic():
        if hold is None:
            Application.objects.select_for_update().get(pk=application.pk)
        else:
            hold()
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while _waiting_on_locks() < 2:
            assert time.monotonic() < deadline, "the two saves never met at the lock"
            time.sleep(0.05)
        if hold is not None:
            transaction.set_rollback(True)
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def members():
    membership = MembershipFactory()
    application = ApplicationFactory(organisation=membership.organisation)
    second = UserFactory()
    application.organisation.memberships.create(user=second)
    return application, [membership.user, second]


def _one_saved_one_told(responses, texts):
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 302], statuses
    told = next(r for r in responses if r.status_code == 200)
    page = told.content.decode()
    assert "Jemand anderes hat diesen Schritt gespeichert" in page
    loser = texts[responses.index(told)]
    winner = texts[1 - responses.index(told)]
    assert loser in page  # the input of the one who lost the race is still in the form
    assert winner in page  # and beside it what the other one saved
    return winner


def test_two_first_saves_of_the_concept_give_one_save_and_one_conflict(members):
    application, people = members
    texts = ["Ziel von Person A", "Ziel von Person B"]
    responses = _race(
        application,
        people,
        reverse("applications:step", args=[application.pk, "concept"]),
        [_concept(text) for text in texts],
    )
    winner = _one_saved_one_told(responses, texts)
    assert Concept.objects.get(application=application).goals == winner


def test_two_first_saves_of_the_social_space_give_one_save_and_one_conflict(members):
    application, people = members
    texts = ["Neuruppin-Nord", "Neuruppin-Süd"]
    responses = _race(
        application,
        people,
        reverse("applications:step", args=[application.pk, "space"]),
        [_space(text) for text in texts],
    )
    winner = _one_saved_one_told(responses, texts)
    assert SocialSpace.objects.get(application=application).name == winner


def test_two_first_saves_of_a_stages_answers_give_one_save_and_one_conflict(members):
    application, people = members
    question = QuestionFactory(stage=application.stage, kind="short_text")
    texts = ["Antwort von Person A", "Antwort von Person B"]
    responses = _race(
        application,
        people,
        reverse("applications:step", args=[application.pk, f"questions-{application.stage.pk}"]),
        [_answers(question, text) for text in texts],
    )
    winner = _one_saved_one_told(responses, texts)
    assert Answers.objects.get(application=application).data[question.key] == winner


def test_two_members_starting_the_same_application_at_once_both_land_on_it():
    membership = MembershipFactory()
    organisation = membership.organisation
    second = UserFactory()
    organisation.memberships.create(user=second)
    call = CallFactory()

    def hold():
        # An uncommitted draft of the same organisation: both INSERTs wait on its unique key.
        Application.objects.create(call=call, organisation=organisation, stage=call.first_stage())

    responses = _race(
        None,
        [membership.user, second],
        reverse("applications:start", args=[call.slug]),
        [{"organisation": organisation.pk}] * 2,
        hold=hold,
    )
    application = Application.objects.get(call=call, organisation=organisation)
    overview = reverse("applications:overview", args=[application.pk])
    assert [response.status_code for response in responses] == [302, 302]
    assert [response.url for response in responses] == [overview, overview]
