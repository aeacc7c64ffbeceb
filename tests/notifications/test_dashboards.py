"""Each role's dashboard says what waits for it: the items with their counts, due dates and
links, an honest empty state, and the same number of queries when the work grows tenfold."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.accounts.models import Role
from inklusiv.selection.models import CommissionMember
from tests.factories import make_user

from .work_world import expected, grow, make_world

pytestmark = pytest.mark.django_db

EMPTY = "Zurzeit steht nichts an."


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def _work(html) -> dict[str, list[str]]:
    """{item key: [the item's text, as read]} of the dashboard's work list."""
    items = {}
    for key, body in re.findall(r'<li data-work="([^"]+)">(.*?)</li>', html, re.S):
        text = unescape(re.sub(r"<[^>]+>", "", body))
        items.setdefault(key, []).append(" ".join(text.split()))
    return items


def _count(text) -> int:
    """The item's count: the first number of its text (the due date comes after)."""
    return int(re.search(r"\d+", text).group(0))


def _dashboard(client, user, language="de") -> str:
    client.force_login(user)
    with translation.override(language):
        response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def _person(world, role):
    return {
        "applicant": world.applicant,
        "staff": world.staff,
        "expert": world.expert,
        "member": world.member,
    }[role]


@pytest.mark.parametrize("role", ["applicant", "staff", "expert", "member"])
def test_each_demo_role_sees_its_waiting_work_with_counts(client, role):
    world = grow(make_world(), 3)
    html = _dashboard(client, _person(world, role))
    shown = {key: sum(_count(text) for text in texts) for key, texts in _work(html).items()}
    wanted = expected(world)[role]
    if "visits.my_travel_times" in wanted:
        assert "Ihre verfügbaren Reisezeiten fehlen für 1 Runde" in html
    assert shown == wanted
    # Nowhere on the page, not even in the applicant's own section.
    assert EMPTY not in html


def test_staff_read_what_waits_in_german_with_the_stage_and_a_link_to_it(client):
    world = grow(make_world(), 1)
    html = _dashboard(client, world.staff)
    work = _work(html)
    assert work["selection.formal_check"] == [
        f"1 Bewerbung wartet auf die formale Prüfung ({world.first.label})"
    ]
    assert work["selection.letters"] == [
        f"1 Schreiben wartet auf den Versand ({world.first.label})"
    ]
    assert work["visits.polls_unanswered"] == [
        f"3 Personen haben die Terminabfrage noch nicht beantwortet ({world.round.label})"
        " – fällig am 05.11.2030, 18:00"
    ]
    assert '<h3 class="kern-heading-small" id="dash-work-1">Vor-Ort-Gespräche</h3>' in html
    assert ">Auswahlverfahren</h3>" in html
    assert f'href="{reverse("selection:decisions", args=[world.first.pk])}"' in html


def test_commission_member_sees_reviews_due_in_berlin_time_and_overdue_ones_as_such(client):
    world = grow(make_world(), 2)
    html = _dashboard(client, world.member)
    (reviews,) = _work(html)["selection.reviews"]
    assert reviews == f"2 Bewertungen offen ({world.first.label}) – fällig am 14.10.2030, 12:00"
    assert '<time datetime="2030-10-14T12:00:00+02:00">' in html
    world.first.reviews_due_at = timezone.now() - datetime.timedelta(days=2)
    world.first.save(update_fields=["reviews_due_at"])
    (reviews,) = _work(_dashboard(client, world.member))["selection.reviews"]
    assert "überfällig seit" in reviews


def test_the_dashboard_speaks_english_on_english_pages(client):
    world = grow(make_world(), 2)
    html = _dashboard(client, world.member, language="en")
    assert "What to do next" in html
    (reviews,) = _work(html)["selection.reviews"]
    with translation.override("en"):
        stage = world.first.label
    assert reviews == f"2 reviews outstanding ({stage}) – due 14 Oct 2030, 12:00"
    (polls,) = _work(html)["visits.my_polls"]
    assert polls == "2 availability polls to answer – due 5 Nov 2030, 18:00"


@pytest.mark.parametrize("role", [Role.PROCESS_COACH, Role.EVALUATOR, Role.FUNDER_STAFF, None])
def test_nothing_waiting_says_so_and_only_then(client, role):
    html = _dashboard(client, make_user(role))
    section = html.split('id="dash-work"', 1)[1].split("</section>", 1)[0]
    assert EMPTY in section
    assert "data-work=" not in section


def test_commission_member_right_after_an_assignment_no_longer_reads_nothing_to_do(client):
    world = make_world()
    member = make_user(Role.COMMISSION_MEMBER)
    CommissionMember.objects.create(stage=world.first, user=member)
    assert EMPTY in _dashboard(client, member)
    grow(world, 1)
    from inklusiv.selection.models import Assignment

    Assignment.objects.create(
        stage=world.first,
        application=world.first.applications.filter(status="in_review").first(),
        reviewer=member,
        method=Assignment.Method.MANUAL,
    )
    html = _dashboard(client, member)
    assert _work(html)["selection.reviews"][0].startswith("1 Bewertung offen")
    assert EMPTY not in html


def test_an_applicant_with_a_poll_but_no_draft_is_not_told_that_nothing_is_due(client):
    world = make_world()
    html = _dashboard(client, world.applicant)
    assert _work(html) == {
        "visits.my_polls": ["1 Terminabfrage zu beantworten – fällig am 05.11.2030, 18:00"]
    }
    assert EMPTY not in html
    assert "Kein Entwurf wartet darauf, eingereicht zu werden." in html


def test_the_applicant_keeps_their_organisations_and_due_applications(client):
    world = grow(make_world(), 1)
    html = _dashboard(client, world.applicant)
    organisation = world.applicant.memberships.get().organisation
    assert reverse("accounts:organisation_detail", args=[organisation.pk]) in html
    assert reverse("applications:mine") in html
    assert "einreichen bis" in html or "submit by" in html


@pytest.mark.parametrize("role", ["applicant", "staff", "expert", "member"])
def test_queries_stay_the_same_when_the_work_grows_tenfold(client, role, django_assert_num_queries):
    world = grow(make_world(), 1)
    person = _person(world, role)
    client.force_login(person)
    url = reverse("core:dashboard")
    client.get(url)  # the session and caches are warm from here on
    with CaptureQueriesContext(connection) as once:
        assert client.get(url).status_code == 200
    grow(world, 9)
    with django_assert_num_queries(len(once)):
        html = client.get(url).content.decode()
    shown = {key: sum(_count(text) for text in texts) for key, texts in _work(html).items()}
    assert shown == expected(world)[role]


# --- the demo itself -------------------------------------------------------------------------

# What each demo login finds waiting: staff the 119 rejection letters the story leaves for
# them to send, and of the open 2027 call (demo/second_wave.py) one expression of interest to
# check formally and three in review awaiting the decision; the commission member her two
# reviews of 2027 (one a draft); the applicant her draft to the 2027 call. From the pilot
# phase (demo/pilot_phase): staff the programme at a glance and a traffic light for each of
# the six regions (each has its 2018 report back for changes and something late); the
# programme expert the lights of his three regions; the coach his open tasks and
# Schneverdingen, where no coaching session took place for more than six weeks; the network
# coordinator of Neuruppin his tasks and what is due this month. From the trainings
# (demo/trainings): the refresher in the coming days, for staff and its trainer with its seats
# and the accessibility services to book, for the coordinator and the applicant (a member of
# Neuruppin's steering group) their seat in it. From the evaluation (demo/evaluation): the
# network survey closing in nine days with invitations to remind and a draft report, for staff
# and the evaluator; the indicators without a value for the last half-year, for the evaluator
# (all regions), the coach (his three) and Neuruppin's coordinator.
DEMO_WORK = {
    "miriam.albers@inklusiv.example": {
        "selection.letters": 119,
        "selection.formal_check": 1,
        "selection.decisions": 3,
        "pilots.programme": 6,
        "pilots.traffic_light": 6,
        "trainings.session_soon": 1,
        "evaluation.survey_closing": 1,
        "evaluation.invitations_to_remind": 1,
        "evaluation.draft_reports": 1,
    },
    "k.lehmann@jugendarbeit-neuruppin.example": {
        "applications.drafts": 1,
        "trainings.upcoming": 1,
    },
    "jonas.brandt@inklusiv.example": {"pilots.traffic_light": 3},
    "sabine.keller@kommission.example": {"selection.reviews": 2},
    "t.wegner@prozessbegleitung.example": {
        "pilots.my_tasks": 3,
        "pilots.session_gap": 1,
        "evaluation.values_missing": 27,
    },
    "a.demir@evaluation.example": {
        "evaluation.values_missing": 57,
        "evaluation.survey_closing": 1,
        "evaluation.invitations_to_remind": 1,
        "evaluation.draft_reports": 1,
    },
}
COORDINATOR_WORK = {
    "pilots.my_tasks": 3,
    "pilots.milestones_due": 1,
    "pilots.measures_ending": 1,
    "pilots.reports_due": 1,
    "applications.drafts": 1,
    "trainings.upcoming": 1,
    "evaluation.values_missing": 8,
}
TRAINER_WORK = {"trainings.session_soon": 1}
# Items that rate or name one thing each (a region): counted as items, not by their number.
PER_ITEM = {
    "pilots.traffic_light",
    "pilots.session_gap",
    "trainings.session_soon",
    "trainings.attendance_missing",
    "evaluation.survey_closing",
    "evaluation.invitations_to_remind",
}


def _shown_work(html) -> dict[str, int]:
    return {
        key: len(texts) if key in PER_ITEM else sum(_count(text) for text in texts)
        for key, texts in _work(html).items()
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at its end."""
    from django.db import transaction
    from django.test import TestCase

    from inklusiv.demo import load as load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            load_demo()
        yield
        transaction.set_rollback(True)


def test_each_demo_login_finds_its_waiting_work_on_the_dashboard(client, demo):
    from inklusiv.accounts.models import User
    from inklusiv.demo.people import DEMO_PEOPLE, TRAINER

    assert set(DEMO_WORK) == {email for _label, email, _name, _role in DEMO_PEOPLE}
    logins = {
        **DEMO_WORK,
        "m.schulz@jugendarbeit-neuruppin.example": COORDINATOR_WORK,
        TRAINER[1]: TRAINER_WORK,
    }
    for email, wanted in logins.items():
        html = _dashboard(client, User.objects.get(email=email))
        assert _shown_work(html) == wanted, email
        section = html.split('id="dash-work"', 1)[1].split("</section>", 1)[0]
        assert (EMPTY in section) == (not wanted), email


def test_the_demo_commission_member_reads_her_2027_reviews_with_their_due_date(client, demo):
    from inklusiv.accounts.models import User
    from inklusiv.calls.models import Call
    from inklusiv.demo.call import CALL_2027_SLUG
    from inklusiv.selection.models import Review

    keller = User.objects.get(email="sabine.keller@kommission.example")
    stage = Call.objects.get(slug=CALL_2027_SLUG).first_stage()
    # Four weeks after the call closes, at the end of the day in Berlin; in the future.
    due = timezone.localtime(stage.reviews_due_at)
    assert due.date() == timezone.localtime(stage.closes_at).date() + datetime.timedelta(weeks=4)
    assert (due.hour, due.minute) == (23, 59)
    assert stage.reviews_due_at > timezone.now()
    # One begun as a draft, none submitted: both still count as outstanding.
    assert list(Review.objects.filter(stage=stage, reviewer=keller).values_list("status")) == [
        (Review.Status.DRAFT,)
    ]
    (reviews,) = _work(_dashboard(client, keller))["selection.reviews"]
    assert reviews == (f"2 Bewertungen offen ({stage.label}) – fällig am {due:%d.%m.%Y}, 23:59")
