"""Participation per pilot region and per course (chart and table with the same figures, per
year), the participants' export (streamed, audited, never with needs) and a region's own
trainings tab."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from inklusiv.core.models import AuditEntry
from inklusiv.pilots.models import RegionMember
from inklusiv.trainings import statistics
from inklusiv.trainings.models import Course, Need, Registration, TrainingSession

from ..factories import make_user
from ..pilots.conftest import make_region
from .h2_fixtures import client_for, person, register

Status = Registration.Status
Attendance = Registration.Attendance
SECRET = "Geheim: Assistenzhund Bello"


@pytest.fixture
def regions(db, staff):
    expert = make_user("programme_expert", email="h2s-expert@inklusiv.example")
    coach = make_user("process_coach", email="h2s-coach@pb.example")
    return (
        make_region(staff, expert, coach, name="Neuruppin"),
        make_region(staff, expert, coach, name="Rostock"),
    )


@pytest.fixture
def figures_world(make_session, course, regions):
    """2017: Neuruppin 3 seats (2 attended, 1 no-show), Rostock 1 seat (attended), one person
    without a region; a waiting and a cancelled registration that do not count; a cancelled
    session that does not count; 2018: one seat in Neuruppin."""
    neuruppin, rostock = regions
    first = make_session(
        starts_at=_moment(2017, 3, 20),
        ends_at=_moment(2017, 3, 20, 16),
        registration_deadline=_moment(2017, 3, 10),
        cancellation_deadline=_moment(2017, 3, 10),
    )
    register(
        first,
        region=neuruppin,
        attendance=Attendance.PRESENT,
        needs=[Need.STEP_FREE],
        details=SECRET,
    )
    register(first, region=neuruppin, attendance=Attendance.PRESENT)
    register(first, region=neuruppin, attendance=Attendance.NO_SHOW)
    register(first, region=rostock, attendance=Attendance.PRESENT)
    register(first, region=None)
    register(first, region=rostock, status=Status.WAITING)
    register(first, region=rostock, status=Status.CANCELLED)
    cancelled = make_session(
        starts_at=_moment(2017, 5, 2),
        ends_at=_moment(2017, 5, 2, 16),
        registration_deadline=_moment(2017, 4, 20),
        cancellation_deadline=_moment(2017, 4, 20),
        status=TrainingSession.Status.CANCELLED,
    )
    register(cancelled, region=rostock)
    later = make_session(
        starts_at=_moment(2018, 2, 1),
        ends_at=_moment(2018, 2, 1, 16),
        registration_deadline=_moment(2018, 1, 20),
        cancellation_deadline=_moment(2018, 1, 20),
    )
    register(later, region=neuruppin)
    return first, later


def _moment(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _rows(rows):
    return [(row.label, row.registrations, row.attended, row.no_shows) for row in rows]


def test_participation_per_region_and_course(figures_world):
    figures = statistics.participation(year=2017)
    assert _rows(figures.by_region[:2]) == [("Neuruppin", 3, 2, 1), ("Rostock", 1, 1, 0)]
    # People without a region come last, under a translated label.
    without = figures.by_region[2]
    assert (without.german, without.registrations, without.attended) == (False, 1, 0)
    assert _rows(figures.by_course) == [("Netzwerkkoordination im Sozialraum", 5, 3, 1)]
    assert (figures.total.registrations, figures.total.attended, figures.total.no_shows) == (
        5,
        3,
        1,
    )
    everything = statistics.participation()
    assert everything.total.registrations == 6


def test_the_page_shows_the_same_figures_in_chart_and_table(staff, figures_world):
    response = client_for(staff).get(reverse("trainings:statistics"), {"year": "2017"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<svg") == 2
    assert 'role="img"' in page
    # The table carries the figures the bars draw.
    chart = response.context["region_chart"]
    drawn = [[bar["value"] for bar in placed["bars"]] for placed in chart["rows"]]
    assert drawn == [[3, 2, 1], [1, 1, 0], [1, 0, 0]]
    assert '<td class="kern-table__cell kern-table__cell--numeric">3</td>' in page
    # The longest bar is the largest figure; the others in proportion.
    widths = [placed["bars"][0]["width"] for placed in chart["rows"]]
    assert widths[0] == 3 * widths[1]


def test_the_year_filter_changes_the_figures(staff, figures_world):
    response = client_for(staff).get(reverse("trainings:statistics"), {"year": "2018"})
    assert response.context["figures"].total.registrations == 1


def test_programme_experts_see_the_statistics_but_do_not_export(figures_world):
    expert = make_user("programme_expert", email="h2s-expert2@inklusiv.example")
    client = client_for(expert)
    response = client.get(reverse("trainings:statistics"))
    assert response.status_code == 200
    assert reverse("trainings:export", args=["csv"]) not in response.content.decode()
    assert client.get(reverse("trainings:export", args=["csv"])).status_code == 403
    assert not AuditEntry.objects.filter(action="training_participants_exported").exists()


@pytest.mark.parametrize(
    "name, args", [("statistics", []), ("export", ["csv"]), ("export", ["xlsx"])]
)
def test_the_statistics_and_export_are_refused(client, name, args, trainer, applicant, outsider):
    url = reverse(f"trainings:{name}", args=args)
    assert client.get(url).status_code == 302
    for user in (trainer, applicant, outsider):
        assert client_for(user).get(url).status_code == 403
    assert not AuditEntry.objects.filter(action="training_participants_exported").exists()


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_csv_export_has_a_row_per_registration_and_no_needs(staff, figures_world):
    response = client_for(staff).get(reverse("trainings:export", args=["csv"]), {"year": "2017"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = _body(response)
    lines = body.strip().splitlines()
    # Header and 7 registrations of 2017 sessions (the cancelled session's one among them).
    assert len(lines) == 1 + 8
    assert "Neuruppin" in body and "20.03.2017 10:00" in body
    assert SECRET not in body
    assert "Stufenlos" not in body and "step" not in body.lower()
    entry = AuditEntry.objects.get(action="training_participants_exported")
    assert entry.actor == staff
    assert entry.after == {"format": "csv", "year": 2017, "rows": 8}


def test_the_xlsx_export_opens_in_a_spreadsheet(staff, figures_world):
    from openpyxl import load_workbook

    response = client_for(staff).get(reverse("trainings:export", args=["xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 1 + 9
    assert rows[1][0] == "Netzwerkkoordination im Sozialraum"
    assert rows[1][1] == datetime.datetime(2017, 3, 20, 10, 0)
    assert AuditEntry.objects.filter(action="training_participants_exported").count() == 1


def test_an_unknown_export_format_is_404(staff):
    assert client_for(staff).get(reverse("trainings:export", args=["pdf"])).status_code == 404


def test_the_statistics_keep_their_queries(
    staff, make_session, regions, django_assert_max_num_queries
):
    client = client_for(staff)
    url = reverse("trainings:statistics")
    register(make_session(), region=regions[0])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for index in range(6):
        course = Course.objects.create(
            slug=f"kurs-{index}",
            title=f"Kurs {index}",
            description="x",
            format="on_site",
            length_minutes=60,
        )
        session = make_session(course=course)
        for region in regions:
            register(session, region=region, attendance=Attendance.PRESENT)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# --- a region's tab ------------------------------------------------------------------------


def test_the_region_tab_shows_which_members_attended_what(figures_world, regions, staff):
    neuruppin, rostock = regions
    member = person("Marta Mitglied")
    RegionMember.objects.create(
        region=neuruppin, user=member, role=RegionMember.Role.READER, added_by=staff
    )
    first, _later = figures_world
    register(first, member, region=neuruppin, attendance=Attendance.PRESENT)
    response = client_for(member).get(reverse("trainings:region", args=[neuruppin.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Marta Mitglied" in page
    assert response.context["section"] == "trainings"
    counts = response.context["counts"]
    assert counts["people"] == 5 and counts["attended"] == 3
    # Rostock's people are not on Neuruppin's tab.
    rostock_names = Registration.objects.filter(region=rostock).values_list("user__name", flat=True)
    for name in rostock_names:
        assert name not in page


def test_the_region_tab_is_404_for_outsiders(client, regions, outsider, applicant, trainer):
    url = reverse("trainings:region", args=[regions[0].slug])
    assert client.get(url).status_code == 302
    for user in (outsider, applicant, trainer):
        assert client_for(user).get(url).status_code == 404


def test_the_region_tab_keeps_its_queries(
    regions, staff, make_session, django_assert_max_num_queries
):
    region = regions[0]
    client = client_for(staff)
    url = reverse("trainings:region", args=[region.slug])
    register(make_session(), region=region)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _index in range(15):
        register(make_session(), region=region, attendance=Attendance.PRESENT)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
