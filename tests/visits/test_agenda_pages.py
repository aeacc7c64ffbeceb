"""The agenda of an on-site meeting: the open questions for everyone invited or applying,
the commission's research only for internal readers, and 404 for everybody else."""

import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.selection.models import ConflictOfInterest, OpenQuestion, ResearchNote
from inklusiv.visits.models import Participant, Visit
from inklusiv.visits.services import minutes as services
from tests.factories import MembershipFactory, berlin, make_user

pytestmark = pytest.mark.django_db

QUESTION = "Wie werden die Sportvereine in das Netzwerk eingebunden?"
FINDING = "Laut Lokalpresse ist der Behindertenbeirat seit 2015 nicht mehr aktiv."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def setup(visit_round, staff, applicant):
    visit = visit_round.visits[0]
    application = visit.application
    MembershipFactory(user=applicant, organisation=application.organisation)
    OpenQuestion.objects.create(application=application, author=staff, text=QUESTION)
    OpenQuestion.objects.create(
        application=application, author=staff, text="Wer moderiert den Runden Tisch?"
    )
    ResearchNote.objects.create(
        application=application,
        author=staff,
        source_url="https://www.neuruppin.example/presse",
        finding=FINDING,
    )
    Visit.objects.filter(pk=visit.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 9, 10, 0)
    )
    visit.refresh_from_db()
    commission = make_user("commission_member", name="Clara Kommission")
    Participant.objects.create(
        visit=visit,
        kind=Participant.Kind.COMMISSION,
        user=commission,
        name=commission.name,
        email=commission.email,
    )
    return {
        "round": visit_round,
        "visit": visit,
        "application": application,
        "staff": staff,
        "applicant": applicant,
        "commission": commission,
    }


def _url(visit):
    return reverse("visits:agenda", args=[visit.pk])


def test_agenda_service_hides_research_from_the_applicant(setup):
    internal = services.agenda(setup["visit"], for_user=setup["round"].expert)
    assert internal.internal
    assert [note.finding for note in internal.research_notes] == [FINDING]
    assert [question.text for question in internal.questions][0] == QUESTION
    assert internal.summary.organisation == "Jugendarbeit Neuruppin e.V."
    assert internal.summary.partners[0][0] == "Stadt Neuruppin"
    assert internal.summary.fields_of_action == ["Leisure", "Mobility"]
    assert "Neuruppin" in internal.summary.social_space

    public = services.agenda(setup["visit"], for_user=setup["applicant"])
    assert not public.internal
    assert public.research_notes == []
    assert len(public.questions) == 2


@pytest.mark.parametrize("reader", ["staff", "expert", "commission"])
def test_internal_readers_see_questions_and_research(client, setup, reader):
    person = setup["round"].expert if reader == "expert" else setup[reader]
    client.force_login(person)
    response = client.get(_url(setup["visit"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert QUESTION in page
    assert "Internal: the commission's research" in page
    assert FINDING in page
    assert "Jugendarbeit Neuruppin e.V." in page
    assert "Stadt Neuruppin" in page  # a partner
    assert "Neuer Markt" not in page  # another meeting's place
    assert "Fehrbelliner Straße 12" in page
    assert "Jonas Brandt" in page  # a participant
    assert "<ol" in page


def test_applicant_reads_the_agenda_without_the_research(client, setup):
    client.force_login(setup["applicant"])
    response = client.get(_url(setup["visit"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert QUESTION in page
    assert FINDING not in page
    assert "Internal: the commission's research" not in page
    assert "neuruppin.example/presse" not in page
    assert reverse("visits:minutes", args=[setup["visit"].pk]) not in page


def test_agenda_has_one_h1_and_print_hint(client, setup):
    client.force_login(setup["round"].expert)
    page = client.get(_url(setup["visit"])).content.decode()
    assert page.count("<h1") == 1
    assert "use your browser's print function" in page
    assert reverse("visits:minutes", args=[setup["visit"].pk]) in page


def test_cancelled_meeting_says_so(client, setup):
    Visit.objects.filter(pk=setup["visit"].pk).update(status=Visit.Status.CANCELLED)
    client.force_login(setup["applicant"])
    assert "This meeting has been cancelled." in client.get(_url(setup["visit"])).content.decode()


def test_outsiders_and_conflicted_readers_get_404(client, setup, outsider):
    stranger_member = make_user("commission_member", name="Carl Fremd")
    conflicted = make_user("programme_expert", name="Björn Befangen")
    ConflictOfInterest.objects.create(
        user=conflicted, application=setup["application"], source="declared", reason="Vorstand"
    )
    other_applicant = make_user("applicant", name="Anna Anderswo")
    for person in (outsider, stranger_member, conflicted, other_applicant):
        client.force_login(person)
        assert client.get(_url(setup["visit"])).status_code == 404


def test_anonymous_agenda_goes_to_sign_in(client, setup):
    response = client.get(_url(setup["visit"]))
    assert response.status_code == 302


def test_agenda_queries_do_not_grow_with_questions(client, setup, django_assert_max_num_queries):
    client.force_login(setup["round"].expert)
    with django_assert_max_num_queries(40) as context:
        client.get(_url(setup["visit"]))
    baseline = len(context.captured_queries)
    for number in range(20):
        OpenQuestion.objects.create(application=setup["application"], text=f"Frage {number}")
        ResearchNote.objects.create(application=setup["application"], finding=f"Fund {number}")
    with django_assert_max_num_queries(baseline):
        client.get(_url(setup["visit"]))


def test_a_contact_with_an_account_reads_the_applicant_version(client, setup):
    contact = make_user(None, email="kontakt@neuruppin.example", name="Kontakt Neuruppin")
    Participant.objects.filter(pk=setup["round"].contacts[0].pk).update(user=contact)
    client.force_login(contact)
    response = client.get(_url(setup["visit"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert QUESTION in page
    assert FINDING not in page


def test_a_contact_of_another_meeting_gets_404(client, setup):
    contact = make_user(None, email="kontakt@rostock.example", name="Kontakt Rostock")
    Participant.objects.filter(pk=setup["round"].contacts[1].pk).update(user=contact)
    client.force_login(contact)
    assert client.get(_url(setup["visit"])).status_code == 404


# --- the agenda by the token of a seat (participants without an account) -----------------


def _token_url(participant):
    return reverse("visits:poll_agenda", args=[participant.token])


def test_a_partner_without_an_account_opens_the_agenda_by_token(client, setup):
    contact = setup["round"].contacts[0]
    response = client.get(_token_url(contact))
    assert response.status_code == 200
    page = response.content.decode()
    assert QUESTION in page
    assert "Fehrbelliner Straße 12" in page
    # Their own pages are one click away; staff pages are not offered.
    assert reverse("visits:poll", args=[contact.token]) in page
    assert reverse("visits:poll_ics", args=[contact.token]) in page
    assert reverse("visits:minutes", args=[setup["visit"].pk]) not in page
    # The page is opened by a secret: no shared cache keeps it.
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("signed_in", ["nobody", "expert", "staff"])
def test_the_agenda_by_token_never_shows_the_research(client, setup, signed_in):
    # Even an expert's own token (or a link forwarded to staff) shows only what every
    # participant may see: the research is for the funder's signed-in pages.
    expert_seat = setup["visit"].participants.get(kind=Participant.Kind.EXPERT)
    if signed_in != "nobody":
        client.force_login(setup["round"].expert if signed_in == "expert" else setup["staff"])
    for seat in (expert_seat, setup["round"].contacts[0]):
        page = client.get(_token_url(seat)).content.decode()
        assert QUESTION in page
        assert FINDING not in page
        assert "neuruppin.example/presse" not in page
        assert "Internal: the commission's research" not in page


def test_an_unknown_or_removed_token_opens_no_agenda(client, setup):
    assert client.get(reverse("visits:poll_agenda", args=["not-a-token"])).status_code == 404
    contact = setup["round"].contacts[0]
    url = _token_url(contact)
    contact.delete()
    assert client.get(url).status_code == 404


def test_the_poll_page_links_the_agenda(client, setup):
    contact = setup["round"].contacts[0]
    page = client.get(reverse("visits:poll", args=[contact.token])).content.decode()
    assert _token_url(contact) in page


def test_the_calendar_file_opens_by_token(client, setup):
    contact = setup["round"].contacts[0]
    response = client.get(reverse("visits:poll_ics", args=[contact.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert _token_url(contact) in response.content.decode().replace("\r\n ", "")


def test_long_links_in_the_agenda_wrap(client, setup):
    client.force_login(setup["staff"])
    page = client.get(_url(setup["visit"])).content.decode()
    assert 'class="stack wrap-anywhere" aria-labelledby="research-heading"' in page
    assert 'class="stack wrap-anywhere" aria-labelledby="questions-heading"' in page
