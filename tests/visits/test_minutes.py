"""Minutes of an on-site meeting: saving with optimistic locking, answers to the open
questions, the expert's assessment feeding the stage's ranking, marking a meeting held, the
deletion of accessibility needs, and who is refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.calls.models import Criterion
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection import ranking
from inklusiv.selection.models import Assignment, ConflictOfInterest, OpenQuestion, Review
from inklusiv.visits.models import AccessibilityNeed, Participant, Visit
from inklusiv.visits.services import minutes as services
from tests.factories import MembershipFactory, berlin, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def setup(visit_round, staff):
    visit = visit_round.visits[0]
    application = visit.application
    questions = [
        OpenQuestion.objects.create(
            application=application, author=staff, text="Wer leitet den Runden Tisch?"
        ),
        OpenQuestion.objects.create(
            application=application, author=staff, text="Ist das Rathaus stufenlos erreichbar?"
        ),
    ]
    criteria = [
        Criterion.objects.create(stage=visit_round.stage, name_de="Netzwerk", max_score=5),
        Criterion.objects.create(
            stage=visit_round.stage, name_de="Konzept", max_score=10, position=1
        ),
    ]
    Visit.objects.filter(pk=visit.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 9, 10, 0)
    )
    visit.refresh_from_db()
    return {
        "round": visit_round,
        "visit": visit,
        "application": application,
        "expert": visit_round.expert,
        "questions": questions,
        "criteria": criteria,
        "staff": staff,
    }


def _url(visit):
    return reverse("visits:minutes", args=[visit.pk])


def _minutes_post(setup, *, revision=0, minutes="", answers=None, held=False):
    data = {"save_minutes": "1", "revision": str(revision), "minutes": minutes}
    answers = answers or {}
    for question in setup["questions"]:
        status, answer = answers.get(question.pk, ("open", ""))
        data[f"status_{question.pk}"] = status
        data[f"answer_{question.pk}"] = answer
    if held:
        data["held"] = "on"
    return data


# --- the service ------------------------------------------------------------------------


def test_record_minutes_saves_text_answers_and_audit(setup):
    first, second = setup["questions"]
    visit = services.record_minutes(
        actor=setup["expert"],
        visit=setup["visit"],
        revision=0,
        minutes="Runder Tisch mit acht Partnern.",
        answers={
            first.pk: ("answered", "Die Jugendpflegerin der Stadt."),
            second.pk: ("dropped", ""),
        },
        held=False,
    )
    assert visit.revision == 1
    assert visit.minutes == "Runder Tisch mit acht Partnern."
    assert visit.minutes_by == setup["expert"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.answer, first.answered_by) == (
        "answered",
        "Die Jugendpflegerin der Stadt.",
        setup["expert"],
    )
    assert second.status == "dropped"
    entry = AuditEntry.objects.get(action="visit_minutes_saved")
    assert entry.after["revision"] == 1
    assert entry.after["answered"] == sorted([first.pk, second.pk])


def test_minutes_from_an_older_revision_raise_a_conflict_with_the_saved_text(setup):
    services.record_minutes(
        actor=setup["expert"],
        visit=setup["visit"],
        revision=0,
        minutes="Erste Fassung",
        answers={},
        held=False,
    )
    with pytest.raises(services.MinutesConflict) as caught:
        services.record_minutes(
            actor=setup["staff"],
            visit=setup["visit"],
            revision=0,
            minutes="Zweite Fassung",
            answers={},
            held=False,
        )
    assert caught.value.minutes == "Erste Fassung"
    assert caught.value.revision == 1
    setup["visit"].refresh_from_db()
    assert setup["visit"].minutes == "Erste Fassung"


def test_answered_without_text_is_refused_and_nothing_changes(setup):
    first, _second = setup["questions"]
    with pytest.raises(DomainError) as caught:
        services.record_minutes(
            actor=setup["expert"],
            visit=setup["visit"],
            revision=0,
            minutes="Text",
            answers={first.pk: ("answered", "  ")},
            held=False,
        )
    assert caught.value.field == f"answer_{first.pk}"
    setup["visit"].refresh_from_db()
    assert setup["visit"].revision == 0
    assert setup["visit"].minutes == ""


def test_a_question_of_another_application_is_refused(setup, visit_round):
    other = OpenQuestion.objects.create(application=visit_round.applications[1], text="Andere?")
    with pytest.raises(DomainError):
        services.record_minutes(
            actor=setup["expert"],
            visit=setup["visit"],
            revision=0,
            minutes="",
            answers={other.pk: ("answered", "Ja")},
            held=False,
        )
    other.refresh_from_db()
    assert other.status == "open"


def test_only_staff_and_expert_participants_record_minutes(setup, applicant, outsider):
    commission = make_user("commission_member", name="Clara Kommission")
    Participant.objects.create(
        visit=setup["visit"],
        kind=Participant.Kind.COMMISSION,
        user=commission,
        name=commission.name,
        email=commission.email,
    )
    other_expert = setup["round"].second_expert  # organises, but is not taking part
    for person in (applicant, outsider, commission, other_expert):
        with pytest.raises(PermissionDenied):
            services.record_minutes(
                actor=person,
                visit=setup["visit"],
                revision=0,
                minutes="x",
                answers={},
                held=False,
            )
    assert not AuditEntry.objects.filter(action="visit_minutes_saved").exists()


def test_held_marks_the_visit_and_deletes_its_accessibility_needs(setup, visit_round):
    contact = visit_round.contacts[0]
    other = visit_round.contacts[1]
    for participant in (contact, other):
        AccessibilityNeed.objects.create(
            participant=participant, needs=["step_free"], consent_at=timezone.now()
        )
    visit = services.record_minutes(
        actor=setup["expert"], visit=setup["visit"], revision=0, minutes="", answers={}, held=True
    )
    assert visit.status == Visit.Status.HELD
    assert not AccessibilityNeed.objects.filter(participant=contact).exists()
    # Another meeting's needs stay until that meeting is over.
    assert AccessibilityNeed.objects.filter(participant=other).exists()
    assert AuditEntry.objects.filter(action="accessibility_needs_deleted").count() == 1


def test_a_future_meeting_cannot_be_marked_held_by_the_expert(setup):
    future = timezone.now() + datetime.timedelta(days=3)
    Visit.objects.filter(pk=setup["visit"].pk).update(start=future)
    setup["visit"].refresh_from_db()
    with pytest.raises(DomainError) as caught:
        services.record_minutes(
            actor=setup["expert"],
            visit=setup["visit"],
            revision=0,
            minutes="",
            answers={},
            held=True,
        )
    assert caught.value.field == "held"
    setup["visit"].refresh_from_db()
    assert setup["visit"].status == Visit.Status.CONFIRMED


def test_staff_may_mark_a_meeting_of_today_held(setup):
    now = timezone.localtime()
    end_of_day = now.replace(hour=23, minute=59, second=0, microsecond=0)
    start = now + min(datetime.timedelta(hours=1), (end_of_day - now) / 2)
    Visit.objects.filter(pk=setup["visit"].pk).update(start=start)
    setup["visit"].refresh_from_db()
    visit = services.record_minutes(
        actor=setup["staff"], visit=setup["visit"], revision=0, minutes="", answers={}, held=True
    )
    assert visit.status == Visit.Status.HELD


def test_a_cancelled_meeting_cannot_be_marked_held(setup):
    Visit.objects.filter(pk=setup["visit"].pk).update(status=Visit.Status.CANCELLED)
    setup["visit"].refresh_from_db()
    with pytest.raises(DomainError, match="cancelled"):
        services.record_minutes(
            actor=setup["staff"],
            visit=setup["visit"],
            revision=0,
            minutes="",
            answers={},
            held=True,
        )


# --- accessibility needs ----------------------------------------------------------------


def test_purge_deletes_only_needs_of_meetings_that_are_over(visit_round):
    first, second, third = visit_round.visits
    now = berlin(2016, 11, 10, 12, 0)
    Visit.objects.filter(pk=first.pk).update(
        status=Visit.Status.HELD, start=berlin(2016, 11, 9, 10, 0)
    )
    Visit.objects.filter(pk=second.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 16, 10, 0)
    )
    # Started at 10:00, lasts 180 minutes: still going on at noon.
    Visit.objects.filter(pk=third.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 10, 10, 0)
    )
    for contact in visit_round.contacts:
        AccessibilityNeed.objects.create(
            participant=contact, needs=["sign_language"], consent_at=now
        )

    assert services.purge_accessibility_needs(now=now) == 1
    remaining = set(AccessibilityNeed.objects.values_list("participant__visit_id", flat=True))
    assert remaining == {second.pk, third.pk}

    assert services.purge_accessibility_needs(now=berlin(2016, 11, 10, 13, 30)) == 1
    assert set(AccessibilityNeed.objects.values_list("participant__visit_id", flat=True)) == {
        second.pk
    }

    Visit.objects.filter(pk=second.pk).update(status=Visit.Status.CANCELLED)
    assert services.purge_accessibility_needs(now=now) == 1
    assert not AccessibilityNeed.objects.exists()


def test_purge_keeps_needs_of_meetings_still_being_planned(visit_round):
    contact = visit_round.contacts[0]
    AccessibilityNeed.objects.create(
        participant=contact, needs=["easy_read"], consent_at=berlin(2016, 10, 20, 9, 0)
    )
    # Planning, no start, window not over yet.
    assert services.purge_accessibility_needs(now=berlin(2016, 11, 1, 9, 0)) == 0
    # The round's window has closed without the meeting ever being fixed.
    assert services.purge_accessibility_needs(now=berlin(2016, 11, 20, 9, 0)) == 1


def test_purge_command_prints_the_count(visit_round, capsys):
    Visit.objects.filter(pk=visit_round.visits[0].pk).update(status=Visit.Status.HELD)
    AccessibilityNeed.objects.create(
        participant=visit_round.contacts[0], needs=["assistance"], consent_at=timezone.now()
    )
    call_command("purge_accessibility_needs")
    assert "Deleted 1 accessibility needs." in capsys.readouterr().out
    assert not AccessibilityNeed.objects.exists()


# --- the assessment ---------------------------------------------------------------------


def test_ensure_assessor_creates_the_assignment_once(setup):
    assignment = services.ensure_assessor(
        actor=setup["staff"], visit=setup["visit"], expert=setup["expert"]
    )
    again = services.ensure_assessor(
        actor=setup["expert"], visit=setup["visit"], expert=setup["expert"]
    )
    assert assignment.pk == again.pk
    assert assignment.stage == setup["round"].stage
    assert assignment.method == Assignment.Method.MANUAL
    entries = AuditEntry.objects.filter(action="assignment_added")
    assert entries.count() == 1
    assert entries.get().reason == "on-site meeting"


def test_ensure_assessor_refuses_a_conflicted_expert(setup):
    ConflictOfInterest.objects.create(
        user=setup["expert"], application=setup["application"], source="declared", reason="Vorstand"
    )
    with pytest.raises(DomainError, match="conflict of interest"):
        services.ensure_assessor(actor=setup["staff"], visit=setup["visit"], expert=setup["expert"])
    assert not Assignment.objects.exists()


def test_ensure_assessor_refuses_someone_not_taking_part(setup):
    with pytest.raises(DomainError):
        services.ensure_assessor(
            actor=setup["staff"], visit=setup["visit"], expert=setup["round"].second_expert
        )
    assert not Assignment.objects.exists()


def _assessment_post(setup, *, submit=True, revision=0, recommendation="advance"):
    network, concept = setup["criteria"]
    return {
        "submit_assessment" if submit else "save_assessment": "1",
        "assessment-revision": str(revision),
        f"assessment-score_{network.pk}": "4",
        f"assessment-comment_{network.pk}": "Breites Netzwerk.",
        f"assessment-score_{concept.pk}": "8",
        f"assessment-comment_{concept.pk}": "",
        "assessment-recommendation": recommendation,
        "assessment-comment": "Überzeugendes Gespräch.",
    }


def test_submitted_assessment_feeds_the_stage_ranking(client, setup):
    client.force_login(setup["expert"])
    response = client.post(_url(setup["visit"]), _assessment_post(setup))
    assert response.status_code == 302
    review = Review.objects.get(application=setup["application"], reviewer=setup["expert"])
    assert review.status == Review.Status.SUBMITTED
    assert review.stage == setup["round"].stage
    # (4/5·5 + 8/10·5) / 2 = 4
    assert review.total == Decimal("4.000")
    rows = {row.application.pk: row for row in ranking.rank(setup["round"].stage)}
    assert rows[setup["application"].pk].mean == pytest.approx(4.0)
    assert rows[setup["application"].pk].rank == 1

    page = client.get(_url(setup["visit"]))
    assert "Submit assessment" not in page.content.decode()
    assert "it can no longer be changed" in page.content.decode()


def test_assessment_draft_then_staff_read_only_view(client, setup):
    client.force_login(setup["expert"])
    response = client.post(_url(setup["visit"]), _assessment_post(setup, submit=False))
    assert response.status_code == 302
    review = Review.objects.get(reviewer=setup["expert"])
    assert review.status == Review.Status.DRAFT
    client.force_login(setup["staff"])
    page = client.get(_url(setup["visit"])).content.decode()
    assert "Submit assessment" not in page
    assert "Assessment by" not in page  # nobody reads another's draft
    client.force_login(setup["expert"])
    client.post(_url(setup["visit"]), _assessment_post(setup, revision=review.revision))
    client.force_login(setup["staff"])
    page = client.get(_url(setup["visit"])).content.decode()
    assert "Assessment by Jonas Brandt" in page
    assert "Überzeugendes Gespräch." in page


def test_assessment_errors_keep_entries_and_the_minutes(client, setup):
    services.record_minutes(
        actor=setup["expert"],
        visit=setup["visit"],
        revision=0,
        minutes="Gespeicherte Fassung",
        answers={},
        held=False,
    )
    client.force_login(setup["expert"])
    response = client.post(_url(setup["visit"]), _assessment_post(setup, recommendation=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a recommendation to submit the review." in page
    assert "Überzeugendes Gespräch." in page
    assert "Gespeicherte Fassung" in page
    assert not Review.objects.exists()


def test_minutes_errors_keep_the_typed_text(client, setup):
    first, _second = setup["questions"]
    client.force_login(setup["expert"])
    response = client.post(
        _url(setup["visit"]),
        _minutes_post(setup, minutes="Mein Protokoll", answers={first.pk: ("answered", "")}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mein Protokoll" in page
    assert "Please write the answer." in page
    setup["visit"].refresh_from_db()
    assert setup["visit"].minutes == ""


# --- the page ---------------------------------------------------------------------------


def test_expert_saves_minutes_and_answers_through_the_page(client, setup):
    first, second = setup["questions"]
    client.force_login(setup["expert"])
    page = client.get(_url(setup["visit"]))
    assert page.status_code == 200
    assert 'name="revision" value="0"' in page.content.decode()
    response = client.post(
        _url(setup["visit"]),
        _minutes_post(
            setup,
            minutes="Acht Partner am Tisch.",
            answers={first.pk: ("answered", "Frau Winter vom Jugendamt.")},
            held=True,
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == _url(setup["visit"])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.answer) == ("answered", "Frau Winter vom Jugendamt.")
    assert second.status == "open"
    setup["visit"].refresh_from_db()
    assert setup["visit"].status == Visit.Status.HELD
    page = client.get(_url(setup["visit"])).content.decode()
    assert "The minutes have been saved." in page
    assert "Acht Partner am Tisch." in page


def test_two_saves_from_the_same_revision_show_both_texts(client, setup):
    client.force_login(setup["expert"])
    first = client.post(_url(setup["visit"]), _minutes_post(setup, minutes="Fassung A"))
    assert first.status_code == 302
    response = client.post(_url(setup["visit"]), _minutes_post(setup, minutes="Fassung B"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Fassung A" in page  # what was saved
    assert "Fassung B" in page  # what was typed
    assert 'name="revision" value="1"' in page
    setup["visit"].refresh_from_db()
    assert setup["visit"].minutes == "Fassung A"
    # Saving again from the conflict page overwrites knowingly.
    response = client.post(
        _url(setup["visit"]), _minutes_post(setup, revision=1, minutes="Fassung B")
    )
    assert response.status_code == 302
    setup["visit"].refresh_from_db()
    assert setup["visit"].minutes == "Fassung B"


@pytest.mark.parametrize(
    ("language", "message"),
    [("de", "Bitte schreiben Sie die Antwort auf."), ("en", "Please write the answer.")],
)
def test_missing_answer_message_in_both_languages(client, setup, language, message):
    first, _second = setup["questions"]
    client.force_login(setup["expert"])
    with translation.override(language):
        url = _url(setup["visit"])
    assert url.startswith(f"/{language}/")
    response = client.post(url, _minutes_post(setup, answers={first.pk: ("answered", "")}))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_staff_without_a_seat_see_the_minutes_but_no_assessment_form(client, setup):
    client.force_login(setup["staff"])
    page = client.get(_url(setup["visit"]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Save the minutes" in content
    assert "Submit assessment" not in content


def test_refusals_answer_404_and_change_nothing(client, setup, applicant, outsider):
    MembershipFactory(user=applicant, organisation=setup["application"].organisation)
    commission = make_user("commission_member", name="Clara Kommission")
    conflicted = make_user("programme_expert", name="Björn Befangen")
    Participant.objects.create(
        visit=setup["visit"],
        kind=Participant.Kind.EXPERT,
        user=conflicted,
        name=conflicted.name,
        email=conflicted.email,
    )
    ConflictOfInterest.objects.create(
        user=conflicted, application=setup["application"], source="declared", reason="Vorstand"
    )
    for person in (applicant, commission, outsider, conflicted):
        client.force_login(person)
        assert client.get(_url(setup["visit"])).status_code == 404
        response = client.post(_url(setup["visit"]), _minutes_post(setup, minutes="Fremd"))
        assert response.status_code == 404
        response = client.post(_url(setup["visit"]), _assessment_post(setup))
        assert response.status_code == 404
    setup["visit"].refresh_from_db()
    assert setup["visit"].minutes == ""
    assert not Review.objects.exists()
    assert not Assignment.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, setup):
    response = client.get(_url(setup["visit"]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_unknown_meeting_answers_404(client, setup):
    client.force_login(setup["staff"])
    assert client.get(reverse("visits:minutes", args=[99999])).status_code == 404


def test_marking_a_future_meeting_held_shows_the_reason_at_the_box(client, setup):
    Visit.objects.filter(pk=setup["visit"].pk).update(
        start=timezone.now() + datetime.timedelta(days=3)
    )
    client.force_login(setup["expert"])
    response = client.post(_url(setup["visit"]), _minutes_post(setup, minutes="Vorab", held=True))
    assert response.status_code == 400
    page = response.content.decode()
    assert "The meeting can be marked as held once it has begun." in page
    assert 'href="#id_held"' in page
    assert "Vorab" in page
    setup["visit"].refresh_from_db()
    assert (setup["visit"].status, setup["visit"].minutes) == (Visit.Status.CONFIRMED, "")


def test_minutes_page_queries_do_not_grow_with_questions(
    client, setup, django_assert_max_num_queries
):
    client.force_login(setup["expert"])
    with django_assert_max_num_queries(60) as context:
        client.get(_url(setup["visit"]))
    baseline = len(context.captured_queries)
    for number in range(15):
        OpenQuestion.objects.create(application=setup["application"], text=f"Frage {number}")
    with django_assert_max_num_queries(baseline):
        assert client.get(_url(setup["visit"])).status_code == 200
