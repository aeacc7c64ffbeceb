"""The demo's pilot phase: the six selected social spaces as pilot regions from 1 March 2017,
two years of history each and today's work waiting – loaded once for the module."""

import datetime
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from inklusiv.accounts.models import Role, User
from inklusiv.demo import load as load_demo
from inklusiv.demo.people import DEMO_PASSWORD
from inklusiv.demo.pilot_phase import COORDINATOR_LOGIN
from inklusiv.pilots import models as pilot_models
from inklusiv.pilots.models import (
    CoachingSession,
    Concept,
    Group,
    Measure,
    Milestone,
    Phase,
    PilotRegion,
    RegionMember,
    Sector,
    Task,
    YearlyReport,
)
from inklusiv.pilots.network import snapshot

pytestmark = pytest.mark.django_db

SIX = {
    "Erlangen",
    "Rostock",
    "Schneverdingen",
    "Schwäbisch Gmünd",
    "Verbandsgemeinde Nieder-Olm",
    "Neuruppin",
}
START = datetime.date(2017, 3, 1)
WEGNER = "t.wegner@prozessbegleitung.example"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            logins = load_demo()
        yield SimpleNamespace(
            logins=logins,
            regions=list(
                PilotRegion.objects.select_related("expert", "coach", "concept").order_by("name")
            ),
            today=timezone.localdate(),
        )
        transaction.set_rollback(True)


def test_the_six_selected_become_pilot_regions_on_1_march_2017(demo):
    assert {region.name for region in demo.regions} == SIX
    for region in demo.regions:
        assert region.funding_start == START
        assert region.application.status == "selected"
        assert 400_000 <= region.approved_amount <= 600_000
        assert region.expert.has_role(Role.PROGRAMME_EXPERT)
        assert region.coach.has_role(Role.PROCESS_COACH)
        assert timezone.localtime(region.started_at).date() == START
    experts = Counter(region.expert.email for region in demo.regions)
    assert set(experts) == {"jonas.brandt@inklusiv.example", "ulrike.hahn@inklusiv.example"}
    wegner = {region.name for region in demo.regions if region.coach.email == WEGNER}
    assert len(wegner) >= 3 and "Neuruppin" in wegner
    assert len({region.coach_id for region in demo.regions}) == 2
    assert len({region.approved_amount for region in demo.regions}) == 6


def test_funding_was_extended_and_the_regions_consolidate(demo):
    for region in demo.regions:
        assert region.phase == Phase.CONSOLIDATION
        assert region.funding_end == datetime.date(2027, 6, 30)
        changes = list(region.phase_changes.order_by("changed_at"))
        assert [c.new_phase for c in changes] == [Phase.IMPLEMENTATION, Phase.CONSOLIDATION]
        assert all(c.reason and c.changed_at.year < demo.today.year for c in changes)


def test_each_region_has_people_in_every_role(demo):
    for region in demo.regions:
        roles = Counter(region.members.values_list("role", flat=True))
        assert roles[RegionMember.Role.COORDINATOR] == 1
        assert roles[RegionMember.Role.STEERING] >= 2
        assert roles[RegionMember.Role.EDITOR] >= 1
        assert roles[RegionMember.Role.READER] >= 1


def test_steering_group_and_three_to_five_working_groups_with_minutes(demo):
    names = set()
    for region in demo.regions:
        groups = list(region.groups.all())
        assert sum(g.kind == Group.Kind.STEERING for g in groups) == 1
        working = [g for g in groups if g.kind == Group.Kind.WORKING]
        assert 3 <= len(working) <= 5
        names |= {g.name for g in working}
        for group in groups:
            assert group.members.exists() and group.meetings.exists()
            assert group.founded_on and group.founded_on.year == 2017
    assert {"AG Barrierefreiheit", "AG Arbeit", "AG Hörbehinderung"} <= names
    gmuend = next(r for r in demo.regions if r.name == "Schwäbisch Gmünd")
    assert gmuend.groups.filter(meetings__minutes__contains="rund 60 Teilnehmenden").exists()


def test_the_network_grows_from_about_eight_to_about_thirty_actors(demo):
    for region in demo.regions:
        start = snapshot(region, on=START)
        now = snapshot(region, on=demo.today)
        assert 6 <= start.metrics.actors <= 10, region
        assert 26 <= now.metrics.actors <= 34, region
        assert now.metrics.ties >= 3 * start.metrics.ties
        assert all(now.metrics.per_sector.get(sector) for sector in Sector.values), region
        assert region.actors.filter(public=False).exists()
        assert region.actors.filter(public=True).count() > region.actors.count() // 2
        years = {tie.began_on.year for tie in region.ties.all()}
        assert {2017, 2018} <= years
    kinds = set(pilot_models.Tie.objects.values_list("kind", flat=True))
    assert kinds == set(pilot_models.Tie.Kind.values)
    assert pilot_models.Tie.objects.filter(ended_on__isnull=False).exists()
    assert pilot_models.Actor.objects.filter(left_on__isnull=False).exists()


def test_concept_with_fields_measures_in_every_status_and_milestones(demo):
    own_field = False
    for region in demo.regions:
        fields = list(region.fields_of_action.all())
        assert 3 <= len(fields) <= 5
        own_field |= any(not f.life_area or f.life_area == "health" for f in fields)
        measures = Measure.objects.filter(goal__field__region=region)
        assert 10 <= measures.count() <= 20
        assert set(measures.values_list("status", flat=True)) == set(Measure.Status.values)
        assert measures.filter(status=Measure.Status.DONE, progress=100).exists()
        milestones = Milestone.objects.filter(measure__goal__field__region=region)
        assert milestones.filter(done_on__isnull=False).exists()
        assert milestones.filter(done_on__isnull=True, due_on__lt=demo.today).exists()
        concept = Concept.objects.get(region=region)
        assert concept.status == Concept.Status.APPROVED
        assert concept.steering_approved_at.year == concept.approved_at.year == 2017
        later = concept.versions.filter(created_at__gt=concept.approved_at)
        assert later.exists() and all(version.reason for version in later)
    assert own_field


def test_coaching_sessions_tasks_and_profiles(demo):
    for region in demo.regions:
        sessions = region.sessions.all()
        assert 15 <= sessions.count() <= 25
        assert len(set(sessions.values_list("format", flat=True))) >= 3
        assert sessions.exclude(internal_note="").exists()
        assert sessions.filter(held_on__lt=datetime.date(2019, 3, 1)).count() >= 12
        statuses = set(region.tasks.values_list("status", flat=True))
        assert {Task.Status.OPEN, Task.Status.DONE} <= statuses
        assert region.profiles.count() == 2
        taken = sorted(region.profiles.values_list("taken_on", flat=True))
        assert taken[0].year == 2017 and taken[1] > taken[0]


def test_two_yearly_reports_one_acknowledged_one_returned_and_this_years_open(demo):
    for region in demo.regions:
        reports = {report.year: report for report in region.reports.all()}
        assert reports[2017].status == YearlyReport.Status.ACKNOWLEDGED
        assert reports[2017].acknowledged_at.year == 2018
        assert reports[2018].status == YearlyReport.Status.CHANGES_REQUESTED
        assert reports[2018].change_request
        for year in (2017, 2018):
            version = reports[year].versions.get()
            assert version.pdf and version.submitted_at.year == year + 1
        current = demo.today.year if demo.today.month >= 3 else demo.today.year - 1
        assert reports[current].status == YearlyReport.Status.DRAFT


def test_work_waits_today(demo):
    today = demo.today
    six_weeks = today - datetime.timedelta(weeks=6)
    recent = {
        region.name
        for region in demo.regions
        if region.sessions.filter(held_on__gte=six_weeks).exists()
    }
    quiet = {region.name for region in demo.regions} - recent
    assert len(recent) >= 4
    assert quiet and all(
        next(r for r in demo.regions if r.name == name).coach.email == WEGNER for name in quiet
    )
    for region in demo.regions:
        open_tasks = region.tasks.filter(status=Task.Status.OPEN)
        assert open_tasks.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(weeks=4))
        assert (
            Measure.objects.filter(goal__field__region=region, ends_on__lt=today)
            .exclude(status__in=[Measure.Status.DONE, Measure.Status.DROPPED])
            .exists()
        )
    assert Task.objects.filter(status=Task.Status.OPEN, due_on__lt=today).exists()
    wegner = User.objects.get(email=WEGNER)
    assert Task.objects.filter(owner=wegner, status=Task.Status.OPEN).exists()
    # The history is dated then, not when the demo was loaded.
    assert not CoachingSession.objects.filter(
        held_on__lt=datetime.date(2019, 3, 1), created_at__date__gte=today
    ).exists()


def test_the_network_coordinator_can_sign_in(demo, client):
    label, email, mfa = COORDINATOR_LOGIN
    assert (label, email, mfa) in demo.logins
    assert label == "Netzwerkkoordination (Neuruppin)" and not mfa
    coordinator = User.objects.get(email=email)
    neuruppin = next(r for r in demo.regions if r.name == "Neuruppin")
    assert neuruppin.members.filter(user=coordinator, role=RegionMember.Role.COORDINATOR).exists()
    assert coordinator.memberships.filter(organisation=neuruppin.organisation).exists()
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == coordinator.pk
    assert client.get(reverse("pilots:region", args=[neuruppin.slug])).status_code == 200


# Loading the demo again adds nothing: tests/trainings/test_demo.py checks every chapter.
