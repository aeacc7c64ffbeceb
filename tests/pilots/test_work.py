"""The pilot phase's work on the dashboards: what each role finds waiting, and a fixed number
of queries whether there are 6 or 60 regions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inklusiv.applications.models import Status
from inklusiv.pilots.models import (
    CoachingSession,
    FieldOfAction,
    Goal,
    Measure,
    Milestone,
    Task,
    YearlyReport,
)
from tests.notifications.test_dashboards import _count, _dashboard, _work

from ..factories import ApplicationFactory, complete
from .conftest import make_region

DAY = datetime.timedelta(days=1)


def _late(region, *, measures=1, milestones=1):
    """Measures past their end and milestones past their date, none done."""
    today = timezone.localdate()
    field = FieldOfAction.objects.create(region=region, name="Freizeit", life_area="leisure")
    goal = Goal.objects.create(field=field, title="Alle können mitmachen", step=3)
    for number in range(max(measures, 1)):
        measure = Measure.objects.create(
            goal=goal,
            title=f"Maßnahme {number}",
            starts_on=today - 100 * DAY,
            ends_on=today - DAY if number < measures else today + 100 * DAY,
            status=Measure.Status.RUNNING,
        )
    for number in range(milestones):
        Milestone.objects.create(measure=measure, title=f"M{number}", due_on=today - 2 * DAY)
    return measure


def _shown(client, user):
    html = _dashboard(client, user)
    return {key: [_count(text) for text in texts] for key, texts in _work(html).items()}, html


def test_coach_sees_tasks_upcoming_sessions_and_quiet_regions(client, world):
    today = timezone.localdate()
    region = world.region
    CoachingSession.objects.create(
        region=region,
        held_on=today - 50 * DAY,
        format="online",
        topics="Netzwerk",
        author=world.coach,
    )
    Task.objects.create(
        region=region, title="Protokoll senden", owner=world.coach, due_on=today + DAY
    )
    shown, html = _shown(client, world.coach)
    assert shown["pilots.my_tasks"] == [1]
    assert "pilots.session_gap" in shown and "Neuruppin" in html
    assert "pilots.sessions_upcoming" not in shown
    # A session in a week: the region is no longer quiet, and the session is coming up.
    CoachingSession.objects.create(
        region=region, held_on=today - 3 * DAY, format="on_site", topics="AG", author=world.coach
    )
    CoachingSession.objects.create(
        region=region, held_on=today + 7 * DAY, format="on_site", topics="AG", author=world.coach
    )
    shown, _ = _shown(client, world.coach)
    assert "pilots.session_gap" not in shown
    assert shown["pilots.sessions_upcoming"] == [1]
    # Another coach's dashboard knows nothing of this region.
    shown, html = _shown(client, world.other_coach)
    assert not any(key.startswith("pilots.") for key in shown)
    assert "Neuruppin" not in html


def test_expert_sees_the_traffic_light_of_late_regions_and_reports_to_read(client, world):
    region = world.region
    shown, _ = _shown(client, world.expert)
    assert "pilots.traffic_light" not in shown  # green: nothing to do
    _late(region, measures=1, milestones=0)
    shown, html = _shown(client, world.expert)
    assert shown["pilots.traffic_light"] == [1]
    assert "Ampel gelb" in html
    _late(region, measures=2, milestones=1)
    shown, html = _shown(client, world.expert)
    assert "Ampel rot" in html
    today = timezone.localdate()
    YearlyReport.objects.create(
        region=region,
        year=2017,
        period_start=datetime.date(2017, 3, 1),
        period_end=datetime.date(2018, 2, 28),
        due_on=today + 10 * DAY,
        status=YearlyReport.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    shown, html = _shown(client, world.expert)
    assert shown["pilots.reports_to_read"] == [1]


def test_coordinator_sees_what_is_due_this_month(client, world):
    _late(world.region, measures=1, milestones=2)
    today = timezone.localdate()
    YearlyReport.objects.create(
        region=world.region,
        year=2018,
        period_start=datetime.date(2018, 3, 1),
        period_end=datetime.date(2019, 2, 28),
        due_on=today - DAY,
        status=YearlyReport.Status.CHANGES_REQUESTED,
    )
    shown, _ = _shown(client, world.coordinator)
    assert shown["pilots.milestones_due"] == [2]
    assert shown["pilots.measures_ending"] == [1]
    assert shown["pilots.reports_due"] == [1]
    # A read-only member has nothing to do; an applicant of the provider neither.
    for person in (world.reader, world.applicant):
        shown, _ = _shown(client, person)
        assert not any(key.startswith("pilots.") for key in shown)


def test_staff_see_the_programme_and_applications_to_start(client, world):
    application = complete(ApplicationFactory())
    application.status = Status.SELECTED
    application.save(update_fields=["status"])
    shown, html = _shown(client, world.staff)
    assert shown["pilots.start_regions"] == [1]
    assert shown["pilots.programme"] == [1]
    assert "480.000 € bewilligt" in html


def _grow(world, regions: int):
    for number in range(regions):
        region = make_region(world.staff, world.expert, world.coach, name=f"Region {number}")
        _late(region, measures=2, milestones=2)
        Task.objects.create(
            region=region, title="Aufgabe", owner=world.coach, due_on=timezone.localdate()
        )


@pytest.mark.parametrize("who", ["coach", "expert", "staff"])
def test_dashboards_and_region_list_keep_their_queries_from_6_to_60_regions(
    client, world, who, django_assert_num_queries
):
    person = getattr(world, who)
    client.force_login(person)
    _grow(world, 5)
    counts = {}
    for url in (reverse("core:dashboard"), reverse("pilots:list")):
        client.get(url)
        with CaptureQueriesContext(connection) as six:
            assert client.get(url).status_code == 200
        counts[url] = len(six)
    _grow(world, 54)
    for url, count in counts.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_a_paused_measure_is_not_late(client, world):
    measure = _late(world.region, measures=1, milestones=2)
    Measure.objects.filter(pk=measure.pk).update(status=Measure.Status.PAUSED)
    shown, _ = _shown(client, world.expert)
    assert "pilots.traffic_light" not in shown
    shown, _ = _shown(client, world.coordinator)
    assert "pilots.milestones_due" not in shown and "pilots.measures_ending" not in shown
