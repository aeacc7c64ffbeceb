"""The procedure page of an application: content, reviews as the stage allows, research notes
and open questions, and who is refused (404, so nobody learns the application exists)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.applications.models import Status
from inklusiv.calls.models import Criterion
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection import selectors
from inklusiv.selection.models import (
    Assignment,
    CommissionMember,
    ConflictOfInterest,
    OpenQuestion,
    ResearchNote,
    Review,
    Score,
)
from inklusiv.selection.services import research as services
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    StageFactory,
    berlin,
    complete,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def setup(staff):
    call = CallFactory()
    stage = call.first_stage()
    second_stage = StageFactory(
        call=call,
        position=2,
        name_de="Zweite Runde",
        opens_at=berlin(2030, 1, 1, 0, 0),
        closes_at=berlin(2030, 3, 1, 12, 0),
    )
    criterion = Criterion.objects.create(stage=stage, name_de="Netzwerk", weight=1, max_score=5)
    organisation = MembershipFactory(organisation__name="Jugendarbeit Neuruppin e.V.").organisation
    application = complete(ApplicationFactory(call=call, organisation=organisation))
    type(application).objects.filter(pk=application.pk).update(
        status=Status.IN_REVIEW, reference="KI-2016-0007"
    )
    application.refresh_from_db()
    alice = make_user("commission_member", name="Alice Kommission")
    bob = make_user("commission_member", name="Bob Kommission")
    other_stage_member = make_user("commission_member", name="Carla Zweite")
    for person in (alice, bob):
        CommissionMember.objects.create(stage=stage, user=person)
        Assignment.objects.create(
            stage=stage, application=application, reviewer=person, method="manual"
        )
    CommissionMember.objects.create(stage=second_stage, user=other_stage_member)
    expert = make_user("programme_expert", name="Paul Experte")
    return {
        "stage": stage,
        "criterion": criterion,
        "application": application,
        "alice": alice,
        "bob": bob,
        "other_stage_member": other_stage_member,
        "expert": expert,
        "staff": staff,
    }


def _page(application):
    return reverse("selection:application", args=[application.pk])


def _review(s, person, *, status=Review.Status.SUBMITTED, comment="", score=4):
    review = Review.objects.create(
        stage=s["stage"],
        application=s["application"],
        reviewer=person,
        status=status,
        comment=comment,
        recommendation="advance",
        total=Decimal(score),
        submitted_at=timezone.now() if status == Review.Status.SUBMITTED else None,
    )
    Score.objects.create(review=review, criterion=s["criterion"], value=score)
    return review


# --- the page ---------------------------------------------------------------------------


def test_staff_expert_and_members_of_the_stage_read_the_application(client, setup):
    for person in (setup["staff"], setup["expert"], setup["alice"]):
        client.force_login(person)
        response = client.get(_page(setup["application"]))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Jugendarbeit Neuruppin e.V." in page
        assert "Stadt Neuruppin" in page  # the partner
        assert "Runder Tisch mit Vereinen" in page  # the concept


def test_refused_people_get_404_everywhere(client, setup, applicant, outsider):
    application = setup["application"]
    question = OpenQuestion.objects.create(application=application, text="Wer koordiniert?")
    ConflictOfInterest.objects.create(
        user=setup["bob"], application=application, source="declared", reason="Vorstand"
    )
    member_of_applicant = application.organisation.memberships.get().user
    urls = [
        _page(application),
        reverse("selection:add_note", args=[application.pk]),
        reverse("selection:add_question", args=[application.pk]),
        reverse("selection:answer_question", args=[application.pk, question.pk]),
    ]
    for person in (
        applicant,
        outsider,
        member_of_applicant,
        setup["other_stage_member"],
        setup["bob"],
    ):
        client.force_login(person)
        assert client.get(urls[0]).status_code == 404, person
        for url in urls[1:]:
            response = client.post(
                url,
                {
                    "note-finding": "x",
                    "question-text": "x",
                    f"answer-{question.pk}-status": "answered",
                    f"answer-{question.pk}-answer": "x",
                },
            )
            assert response.status_code == 404, (person, url)
    assert not ResearchNote.objects.exists()
    assert OpenQuestion.objects.get().status == OpenQuestion.Status.OPEN
    assert OpenQuestion.objects.count() == 1
    with pytest.raises(PermissionDenied):
        services.add_note(actor=setup["bob"], application=application, source_url="", finding="x")


def test_conflict_of_an_expert_hides_the_application(client, setup):
    ConflictOfInterest.objects.create(
        user=setup["expert"], application=setup["application"], source="staff", reason="x"
    )
    client.force_login(setup["expert"])
    assert client.get(_page(setup["application"])).status_code == 404
    assert selectors.application_for_procedure(setup["expert"], setup["application"].pk) is None
    assert selectors.visible_reviews(setup["expert"], setup["application"]) == []


# --- reviews as the stage allows --------------------------------------------------------


def test_others_reviews_only_after_submitting_own(client, setup):
    _review(setup, setup["bob"], comment="Bobs Urteil: stark vernetzt.")
    draft = _review(setup, setup["expert"], status=Review.Status.DRAFT, comment="Entwurf, geheim.")
    alice_page = _page(setup["application"])
    client.force_login(setup["alice"])
    page = client.get(alice_page).content.decode()
    assert "Bobs Urteil" not in page
    assert "Entwurf, geheim." not in page
    assert "once you have submitted your own" in page

    _review(setup, setup["alice"], comment="Alices Urteil.")
    page = client.get(alice_page).content.decode()
    assert "Bobs Urteil" in page and "Alices Urteil." in page
    assert "Entwurf, geheim." not in page

    # Staff and experts read every submitted review, never a draft.
    for person in (setup["staff"], setup["expert"]):
        reviews = selectors.visible_reviews(person, setup["application"])
        assert {r.reviewer for r in reviews} == {setup["alice"], setup["bob"]}
        assert draft not in reviews


def test_stage_setting_shows_reviews_before_submitting(client, setup):
    setup["stage"].reviews_visible_before_submit = True
    setup["stage"].save()
    _review(setup, setup["bob"], comment="Bobs Urteil: stark vernetzt.")
    _review(setup, setup["expert"], status=Review.Status.DRAFT, comment="Entwurf, geheim.")
    client.force_login(setup["alice"])
    page = client.get(_page(setup["application"])).content.decode()
    assert "Bobs Urteil" in page
    assert "Entwurf, geheim." not in page
    # A member of the next stage's commission reads nothing of this one's.
    setup["stage"].reviews_visible_before_submit = False
    setup["stage"].save()
    assert [
        r.reviewer for r in selectors.visible_reviews(setup["alice"], setup["application"])
    ] == []


# --- research notes ---------------------------------------------------------------------


def test_member_adds_a_research_note(client, setup):
    client.force_login(setup["alice"])
    url = reverse("selection:add_note", args=[setup["application"].pk])
    response = client.post(
        url,
        {
            "note-source_url": "https://www.neuruppin.de/inklusion",
            "note-finding": "Die Stadt hat einen Behindertenbeirat.",
        },
    )
    assert response.status_code == 302
    note = ResearchNote.objects.get()
    assert note.author == setup["alice"] and note.source_url.endswith("/inklusion")
    page = client.get(_page(setup["application"])).content.decode()
    assert "Die Stadt hat einen Behindertenbeirat." in page
    assert 'href="https://www.neuruppin.de/inklusion"' in page
    assert "Alice Kommission" in page
    assert AuditEntry.objects.filter(action="research_note_added").count() == 1


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "www.neuruppin", "ftp://example.org/x"])
def test_bad_source_link_is_refused_with_message(client, setup, bad):
    client.force_login(setup["alice"])
    response = client.post(
        reverse("selection:add_note", args=[setup["application"].pk]),
        {"note-source_url": bad, "note-finding": "Mein Fund bleibt erhalten."},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Please enter a complete web address starting with https://" in page
    assert "Mein Fund bleibt erhalten." in page
    assert not ResearchNote.objects.exists()


def test_empty_finding_is_refused(client, setup):
    client.force_login(setup["staff"])
    response = client.post(
        reverse("selection:add_note", args=[setup["application"].pk]),
        {"note-source_url": "https://example.org/", "note-finding": "  "},
    )
    assert response.status_code == 400
    assert "Please describe what you found." in response.content.decode()
    with pytest.raises(DomainError):
        services.add_note(
            actor=setup["staff"], application=setup["application"], source_url="", finding=" "
        )


# --- open questions ---------------------------------------------------------------------


def test_question_added_by_member_and_answered_by_staff(client, setup):
    application = setup["application"]
    client.force_login(setup["alice"])
    response = client.post(
        reverse("selection:add_question", args=[application.pk]),
        {"question-text": "Wie wird die Verwaltung eingebunden?"},
    )
    assert response.status_code == 302
    question = OpenQuestion.objects.get()
    assert question.status == OpenQuestion.Status.OPEN and question.author == setup["alice"]
    answer_url = reverse("selection:answer_question", args=[application.pk, question.pk])
    page = client.get(_page(application)).content.decode()
    assert "Wie wird die Verwaltung eingebunden?" in page
    # Commission members ask; they do not record answers.
    assert answer_url not in page
    response = client.post(
        answer_url,
        {f"answer-{question.pk}-status": "answered", f"answer-{question.pk}-answer": "x"},
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.answer_question(actor=setup["alice"], question=question, answer="x")

    client.force_login(setup["staff"])
    # "Answered" without an answer is refused, with the message at the field.
    response = client.post(answer_url, {f"answer-{question.pk}-status": "answered"})
    assert response.status_code == 400
    assert "Please write the answer." in response.content.decode()
    question.refresh_from_db()
    assert question.status == OpenQuestion.Status.OPEN

    response = client.post(
        answer_url,
        {
            f"answer-{question.pk}-status": "answered",
            f"answer-{question.pk}-answer": "Das Sozialamt leitet die Steuerungsgruppe.",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == OpenQuestion.Status.ANSWERED
    assert question.answered_by == setup["staff"] and question.answered_at
    page = client.get(_page(application)).content.decode()
    assert "Das Sozialamt leitet die Steuerungsgruppe." in page
    assert "Answered" in page


def test_expert_drops_a_question(client, setup):
    question = services.add_question(
        actor=setup["bob"], application=setup["application"], text="Gibt es einen Stadtplan?"
    )
    client.force_login(setup["expert"])
    response = client.post(
        reverse("selection:answer_question", args=[setup["application"].pk, question.pk]),
        {f"answer-{question.pk}-status": "dropped"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == OpenQuestion.Status.DROPPED
    assert AuditEntry.objects.filter(action="open_question_answered").count() == 1
    with pytest.raises(DomainError):
        services.answer_question(
            actor=setup["expert"], question=question, answer="x", status="open"
        )


def test_empty_question_is_refused(client, setup):
    client.force_login(setup["alice"])
    response = client.post(
        reverse("selection:add_question", args=[setup["application"].pk]),
        {"question-text": ""},
    )
    assert response.status_code == 400
    assert "Please write the question." in response.content.decode()
    assert not OpenQuestion.objects.exists()


def test_application_page_query_count_is_constant(client, setup):
    application = setup["application"]
    client.force_login(setup["staff"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_page(application)).status_code == 200
        return len(queries)

    def add(number):
        reviewer = make_user("commission_member")
        CommissionMember.objects.create(stage=setup["stage"], user=reviewer)
        _review(setup, reviewer, comment=f"Urteil {number}")
        ResearchNote.objects.create(application=application, author=reviewer, finding="Fund")
        OpenQuestion.objects.create(application=application, author=reviewer, text="Frage?")

    add(0)
    few = count()
    for number in range(1, 15):
        add(number)
    assert count() == few


def test_research_source_field_is_not_marked_as_the_users_own_url():
    """autocomplete="url" is the person's own home page (HTML's autofill tokens); a source
    found about an applicant is not, so the browser must not fill it in from the profile."""
    from inklusiv.selection.forms.reviews import NoteForm

    html = str(NoteForm(prefix="note")["source_url"])
    assert 'type="url"' in html
    assert 'autocomplete="off"' in html
    assert 'autocomplete="url"' not in html
