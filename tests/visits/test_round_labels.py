"""Two calls each have a "2. Zweite Runde": wherever a round of on-site meetings is named
(lists, "My meetings", titles, mails), its call and year are named with it."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from inklusiv.visits.models import Participant, PollSlot, Visit, VisitRound
from inklusiv.visits.services import polls
from tests.factories import ApplicationFactory, CallFactory, StageFactory, berlin, complete

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def two_rounds(visit_round):
    """The fixture's 2016 round and a second call's round whose stage has the same name."""
    call = CallFactory(
        stages=False,
        title_de="Kommune Inklusiv – Aufruf 2099",
        title_en="Inclusive Municipality – call 2099",
        # Its own reference series: the factory counts years up from 2016 for "KI".
        reference_prefix="RL",
        reference_year=2099,
    )
    StageFactory(call=call, position=1)
    stage = StageFactory(
        call=call,
        position=2,
        name_de="Zweite Runde mit Vor-Ort-Gespräch",
        name_en="Second round with on-site meeting",
        requires_site_visit=True,
    )
    round_ = VisitRound.objects.create(
        stage=stage, window_start=berlin(2099, 11, 1, 8, 0), window_end=berlin(2099, 11, 30, 20)
    )
    application = ApplicationFactory(call=call, stage=stage, status="in_review")
    complete(application)
    visit = Visit.objects.create(round=round_, application=application, city="Kassel")
    Participant.objects.create(
        visit=visit,
        kind=Participant.Kind.EXPERT,
        user=visit_round.expert,
        name=visit_round.expert.name,
        email=visit_round.expert.email,
    )
    contact = Participant.objects.create(
        visit=visit, kind=Participant.Kind.CONTACT, name="Karla Kassel", email="k@kassel.example"
    )
    PollSlot.objects.create(visit=visit, start=berlin(2099, 11, 9, 10, 0))
    return visit_round.round, round_, contact


OLD = "2. Second round with on-site meeting – Inclusive Municipality – call 2016"
NEW = "2. Second round with on-site meeting – Inclusive Municipality – call 2099"


def test_a_round_is_named_with_its_call_and_year(two_rounds):
    old, new, _contact = two_rounds
    assert str(old) == old.label
    # (The factory's call year follows a sequence; the title says 2016.)
    assert old.label.startswith(OLD)
    assert new.label == NEW


def test_the_expert_tells_the_rounds_apart_on_their_pages(client, visit_round, two_rounds):
    old, new, _contact = two_rounds
    client.force_login(visit_round.expert)
    availability = client.get(reverse("visits:availability")).content.decode()
    assert OLD in availability and NEW in availability  # headings and the choice of round
    mine = client.get(reverse("visits:mine")).content.decode()
    assert OLD in mine and NEW in mine


def test_staff_pages_name_the_call_in_titles_and_lists(client, staff, two_rounds):
    _old, new, _contact = two_rounds
    client.force_login(staff)
    page = client.get(reverse("visits:round", args=[new.stage.pk])).content.decode()
    assert f"<title>On-site meetings: {NEW}" in page.replace("\n", "")
    stages = client.get(reverse("visits:stages")).content.decode()
    assert OLD in stages and NEW in stages


def test_the_poll_mail_names_the_round_with_its_call(staff, two_rounds):
    _old, new, contact = two_rounds
    mail.outbox.clear()
    assert polls.send_poll(actor=staff, round=new) == 1
    (message,) = mail.outbox
    assert message.to == [contact.email]
    # German by default: the call's German title.
    assert "Kommune Inklusiv – Aufruf 2099" in message.body
