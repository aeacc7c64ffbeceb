"""Calls: public pages, and staff shaping initiatives, calls, stages, criteria and questions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.calls.models import Call, Initiative, Question, Stage
from inklusiv.core.models import AuditEntry
from tests.confirmations import post_from_page
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    InitiativeFactory,
    MembershipFactory,
    QuestionFactory,
    StageFactory,
    berlin,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def stage_data(**overrides):
    data = {
        "name_de": "Interessenbekundung",
        "name_en": "Expression of interest",
        "opens_date": "2027-03-01",
        "opens_time": "10:00",
        "closes_date": "2027-05-31",
        "closes_time": "23:59",
        "quota": "10",
        "reviewers_per_application": "3",
    }
    data.update(overrides)
    return data


# Public pages


def test_list_separates_open_from_past_and_hides_unpublished(client):
    open_call = CallFactory(title_de="Offener Aufruf 2027")
    past = CallFactory(title_de="Aufruf 2016", stages=False)
    StageFactory(call=past, position=1, opens_at=berlin(2016, 3, 1), closes_at=berlin(2016, 5, 31))
    CallFactory(title_de="Geheimer Entwurf", is_published=False)

    page = client.get("/de/calls/").content.decode()

    assert "Offener Aufruf 2027" in page and "Aufruf 2016" in page
    assert "Geheimer Entwurf" not in page
    assert page.index("Offener Aufruf 2027") < page.index("Aufruf 2016")
    assert reverse("calls:detail", args=[open_call.slug]) in page


def test_call_page_shows_purpose_deadlines_in_berlin_time_and_questions(client):
    call = CallFactory(stages=False, purpose_de="Inklusion vor Ort gemeinsam gestalten.")
    stage = StageFactory(
        call=call,
        position=1,
        opens_at=berlin(2027, 3, 1, 10),
        closes_at=berlin(2027, 5, 31, 23, 59),
    )
    QuestionFactory(stage=stage, label_de="Wie viele Menschen leben im Sozialraum?")

    page = client.get(f"/de/calls/{call.slug}/").content.decode()

    assert "Inklusion vor Ort gemeinsam gestalten." in page
    assert "31. Mai 2027 23:59" in page  # Berlin wall-clock time, not UTC (21:59)
    assert "Wie viele Menschen leben im Sozialraum?" in page


def test_call_page_in_english_falls_back_to_german_where_no_translation(client):
    call = CallFactory(title_en="Inclusive Municipality 2027", purpose_en="")
    page = client.get(f"/en/calls/{call.slug}/").content.decode()
    assert "Inclusive Municipality 2027" in page
    assert call.purpose_de in page


def test_unpublished_call_is_404_to_public_and_applicants_but_visible_to_staff(
    client, applicant, staff
):
    call = CallFactory(is_published=False)
    url = f"/de/calls/{call.slug}/"
    assert client.get(url).status_code == 404
    client.force_login(applicant)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "Nicht veröffentlicht" in response.content.decode() or "Not published" in (
        response.content.decode()
    )


def test_easy_read_page_shows_one_sentence_per_paragraph(client):
    call = CallFactory(easy_read_summary="Wir suchen Orte.\nDie Orte wollen inklusiv werden.")
    page = client.get(f"/en/calls/{call.slug}/leichte-sprache/").content.decode()
    assert '<p class="kern-body">Wir suchen Orte.</p>' in page
    assert 'lang="de"' in page
    empty = CallFactory(easy_read_summary="")
    assert client.get(f"/de/calls/{empty.slug}/leichte-sprache/").status_code == 404


# Refusals


@pytest.mark.parametrize(
    "name,args",
    [
        ("calls:staff_list", []),
        ("calls:call_create", []),
        ("calls:initiative_create", []),
    ],
)
def test_staff_pages_refuse_applicants_and_experts(client, applicant, name, args):
    expert = make_user("programme_expert", email="expertin@inklusiv.example")
    url = reverse(name, args=args)
    assert client.get(url).status_code == 302  # to the login page
    for person in (applicant, expert):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_applicant_cannot_change_a_stage_by_posting(client, applicant):
    stage = CallFactory().first_stage()
    client.force_login(applicant)
    response = client.post(reverse("calls:stage_edit", args=[stage.pk]), stage_data(quota="99"))
    assert response.status_code == 403
    stage.refresh_from_db()
    assert stage.quota != 99


# Staff shape calls


def test_staff_create_initiative_call_stage_and_publish(staff_client):
    response = staff_client.post(
        "/de/staff/initiatives/new/",
        {"name": "Kommune Inklusiv", "slug": "kommune-inklusiv", "funder": "Aktion Mensch e.V."},
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get(slug="kommune-inklusiv")

    response = staff_client.post(
        "/de/staff/calls/new/",
        {
            "initiative": initiative.pk,
            "slug": "ki-2027",
            "title_de": "Kommune Inklusiv 2027",
            "summary_de": "Gesucht: Sozialräume.",
            "purpose_de": "Inklusion vor Ort.",
            "eligibility_de": "Träger mit Partnern.",
            "reference_prefix": "ki",
            "reference_year": "2027",
            "retention_months": "12",
        },
    )
    call = Call.objects.get(slug="ki-2027")
    assert response.url == reverse("calls:staff_call", args=[call.pk])
    assert call.reference_prefix == "KI" and not call.is_published

    # Publishing needs a stage.
    response = staff_client.post(
        f"/en/staff/calls/{call.pk}/publish/", {"publish": "1"}, follow=True
    )
    assert "Add at least one stage" in response.content.decode()
    call.refresh_from_db()
    assert not call.is_published

    response = staff_client.post(f"/de/staff/calls/{call.pk}/stages/new/", stage_data())
    assert response.status_code == 302
    stage = call.stages.get()
    assert stage.position == 1
    # 23:59 in Berlin summer time is 21:59 UTC.
    assert stage.closes_at == datetime.datetime(2027, 5, 31, 21, 59, tzinfo=datetime.UTC)
    assert stage.opens_at == datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)

    staff_client.post(f"/de/staff/calls/{call.pk}/publish/", {"publish": "1"})
    call.refresh_from_db()
    assert call.is_published
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"initiative_created", "call_created", "stage_created", "call_published"} <= actions


def test_edit_form_shows_stored_moments_in_berlin_time(staff_client):
    stage = CallFactory(stages=False).stages.create(
        position=1,
        name_de="Runde 1",
        opens_at=berlin(2027, 1, 4, 9),
        closes_at=berlin(2027, 2, 1, 12),
    )
    page = staff_client.get(f"/de/staff/stages/{stage.pk}/edit/").content.decode()
    assert 'value="2027-02-01"' in page and 'value="12:00"' in page


@pytest.mark.parametrize(
    "day,clock,expected",
    [
        ("2027-03-28", "02:30", "does not exist on 28.03.2027"),
        ("2027-10-31", "02:30", "happens twice on 31.10.2027"),
    ],
)
def test_deadline_in_the_dst_gap_or_overlap_is_refused_and_input_kept(
    staff_client, day, clock, expected
):
    call = CallFactory(stages=False)
    response = staff_client.post(
        f"/en/staff/calls/{call.pk}/stages/new/",
        stage_data(opens_date="2027-01-01", closes_date=day, closes_time=clock, name_de="Runde X"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert expected in page
    assert 'value="Runde X"' in page  # nothing the user typed is lost
    assert not call.stages.exists()


def test_deadline_just_outside_the_dst_change_is_accepted(staff_client):
    call = CallFactory(stages=False)
    staff_client.post(
        f"/de/staff/calls/{call.pk}/stages/new/",
        stage_data(opens_date="2027-01-01", closes_date="2027-10-31", closes_time="03:00"),
    )
    # 03:00 CET after the change back is 02:00 UTC.
    assert call.stages.get().closes_at == datetime.datetime(2027, 10, 31, 2, 0, tzinfo=datetime.UTC)


def test_stage_closing_before_it_opens_is_refused_in_german(staff_client):
    call = CallFactory(stages=False)
    response = staff_client.post(
        f"/de/staff/calls/{call.pk}/stages/new/",
        stage_data(opens_date="2027-06-01", closes_date="2027-05-01"),
    )
    assert response.status_code == 200
    assert "There is a problem" not in response.content.decode()
    assert not call.stages.exists()


def test_choice_question_needs_options_and_appears_in_the_application_form(staff_client, client):
    call = CallFactory()
    stage = call.first_stage()
    url = f"/en/staff/stages/{stage.pk}/questions/new/"
    response = staff_client.post(
        url, {"kind": "single_choice", "label_de": "Reichweite", "position": 0}
    )
    assert "at least two options" in response.content.decode()
    assert not stage.questions.exists()

    staff_client.post(
        url,
        {
            "kind": "single_choice",
            "label_de": "Reichweite des Sozialraums",
            "label_en": "Reach of the social space",
            "options": "Stadtteil | District\nGanze Stadt | Whole town",
            "required": "on",
            "position": 1,
        },
    )
    question = stage.questions.get()
    with translation.override("de"):
        assert question.option_choices() == [("1", "Stadtteil"), ("2", "Ganze Stadt")]
    with translation.override("en"):
        assert question.option_choices()[1] == ("2", "Whole town")

    membership = MembershipFactory()
    application = ApplicationFactory(call=call, organisation=membership.organisation)
    member = membership.user
    client.force_login(member)
    with translation.override("de"):
        url = reverse("applications:step", args=[application.pk, f"questions-{stage.pk}"])
    page = client.get(url).content.decode()
    assert "Reichweite des Sozialraums" in page and "Ganze Stadt" in page
    page = client.get(url.replace("/de/", "/en/")).content.decode()
    assert "Reach of the social space" in page and "Whole town" in page


def test_criterion_scale_is_checked(staff_client):
    stage = CallFactory().first_stage()
    url = f"/en/staff/stages/{stage.pk}/criteria/new/"
    response = staff_client.post(
        url, {"name_de": "Netzwerk", "weight": "2", "max_score": "50", "position": 0}
    )
    assert "between 2 and 10" in response.content.decode()
    staff_client.post(url, {"name_de": "Netzwerk", "weight": "2", "max_score": "5", "position": 0})
    assert stage.criteria.get().weight == 2


def test_stage_with_applications_cannot_be_removed(staff_client):
    call = CallFactory()
    stage = call.first_stage()
    ApplicationFactory(call=call, stage=stage)
    response = post_from_page(staff_client, f"/en/staff/stages/{stage.pk}/remove/", follow=True)
    assert "cannot be removed" in response.content.decode()
    assert Stage.objects.filter(pk=stage.pk).exists()


def test_question_removal_asks_first_then_removes_and_audits(staff_client):
    question = QuestionFactory(stage=CallFactory().first_stage())
    assert staff_client.get(f"/de/staff/questions/{question.pk}/remove/").status_code == 200
    assert Question.objects.filter(pk=question.pk).exists()
    # A bare POST (not from the page) only shows the question again.
    staff_client.post(f"/de/staff/questions/{question.pk}/remove/")
    assert Question.objects.filter(pk=question.pk).exists()
    post_from_page(staff_client, f"/de/staff/questions/{question.pk}/remove/")
    assert not Question.objects.filter(pk=question.pk).exists()
    assert AuditEntry.objects.filter(action="question_deleted").exists()


def test_public_list_queries_do_not_grow_with_calls(client, django_assert_max_num_queries):
    InitiativeFactory()
    for _ in range(3):
        CallFactory()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/de/calls/")
    for _ in range(20):
        CallFactory()
    with CaptureQueriesContext(connection) as many:
        client.get("/de/calls/")
    assert len(many) == len(few)
