"""The organisers' pages of a session: participants by status with the booking summary and
each person's needs (every reading audited, nothing after the purge), the attendance sheet and
the check-in; 404 for everyone who does not organise the session."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from inklusiv.core.models import AuditEntry
from inklusiv.pilots.models import PilotRegion
from inklusiv.trainings.models import Need, Registration

from ..factories import make_user
from ..pilots.conftest import make_region
from .h2_fixtures import client_for, person, register

Status = Registration.Status
Attendance = Registration.Attendance
PAGES = ["participants", "attendance_sheet", "check_in"]
SECRET = "Bitte Platz nahe der Tür, Rollstuhl"
CANCELLED_NOTE = "Abgemeldet: Kinderbetreuung nicht mehr nötig"


@pytest.fixture
def region(db):
    staff = make_user("funder_staff", email="h2-staff@inklusiv.example")
    expert = make_user("programme_expert", email="h2-expert@inklusiv.example")
    coach = make_user("process_coach", email="h2-coach@pb.example")
    return make_region(staff, expert, coach, name="Schwäbisch Gmünd")


def full_session(session, region):
    coordinator = person("Clara Koordinatorin")
    confirmed = [
        register(
            session,
            person("Anna Beispiel"),
            region=region,
            needs=[Need.SIGN_LANGUAGE, Need.STEP_FREE],
            details=SECRET,
        ),
        register(
            session,
            person("Bernd Beispiel"),
            needs=[Need.SIGN_LANGUAGE],
            registered_by=coordinator,
        ),
        register(session, person("Cem Beispiel"), needs=[Need.STEP_FREE]),
    ]
    offered = register(
        session,
        person("Dora Angebot"),
        status=Status.OFFERED,
        needs=[Need.STEP_FREE],
        offer_expires_at=timezone.now() + datetime.timedelta(hours=30),
    )
    now = timezone.now()
    waiting = [
        register(
            session,
            person("Zweite Wartende"),
            status=Status.WAITING,
            waiting_since=now - datetime.timedelta(hours=1),
            needs=[Need.CHILDCARE],
        ),
        register(
            session,
            person("Erste Wartende"),
            status=Status.WAITING,
            waiting_since=now - datetime.timedelta(hours=2),
        ),
    ]
    cancelled = register(
        session,
        person("Fritz Abgemeldet"),
        status=Status.CANCELLED,
        needs=[Need.CHILDCARE],
        details=CANCELLED_NOTE,
    )
    return confirmed, offered, waiting, cancelled


def test_the_participants_page_groups_people_and_sums_up_what_to_book(staff, session, region):
    confirmed, offered, waiting, cancelled = full_session(session, region)
    response = client_for(staff).get(reverse("trainings:participants", args=[session.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    # What to book: seats and offers count; the waiting list does not (yet).
    summary = response.context["summary"]
    assert [count for _label, count in summary] == [2, 3]
    assert "2 × " in summary[0][0] and "(DGS)" in summary[0][0]
    for label, _count in summary:
        assert label in page
    assert SECRET in page
    assert "Schwäbisch Gmünd" in page
    assert "Clara Koordinatorin" in page  # who registered Bernd
    # The waiting list in its order.
    assert page.index("Erste Wartende") < page.index("Zweite Wartende")
    assert "Fritz Abgemeldet" in page
    # Who cancelled is listed without their needs.
    assert CANCELLED_NOTE not in page
    assert [reg.pk for reg in response.context["confirmed"]] == [reg.pk for reg in confirmed]
    assert response.context["offered"] == [offered]


def test_every_reading_of_the_needs_is_audited_once_per_view(staff, session, region):
    confirmed, offered, waiting, _cancelled = full_session(session, region)
    client = client_for(staff)
    url = reverse("trainings:participants", args=[session.pk])
    client.get(url)
    client.get(url)
    entries = AuditEntry.objects.filter(action="training_needs_viewed", object_id=str(session.pk))
    assert entries.count() == 2
    shown = set(entries.first().after["registrations"])
    assert shown == {reg.pk for reg in [*confirmed, offered, waiting[0]]}
    assert entries.first().actor == staff


def test_after_the_purge_the_page_says_when_the_needs_were_deleted(staff, session, region):
    full_session(session, region)
    purged = timezone.now()
    session.needs_purged_at = purged
    session.save(update_fields=["needs_purged_at"])
    response = client_for(staff).get(reverse("trainings:participants", args=[session.pk]))
    page = response.content.decode()
    assert SECRET not in page
    assert "Gebärdensprachdolmetschen" not in page
    assert not AuditEntry.objects.filter(action="training_needs_viewed").exists()
    assert date_format(timezone.localtime(purged), "DATE_FORMAT") in page
    assert response.context["show_needs"] is False


def test_the_trainer_of_the_session_organises_it(trainer, session, region):
    full_session(session, region)
    for name in PAGES:
        response = client_for(trainer).get(reverse(f"trainings:{name}", args=[session.pk]))
        assert response.status_code == 200, name


@pytest.mark.parametrize("name", PAGES)
def test_people_who_do_not_organise_the_session_get_404(
    name, session, region, other_trainer, applicant, outsider
):
    confirmed, *_rest = full_session(session, region)
    url = reverse(f"trainings:{name}", args=[session.pk])
    for user in (other_trainer, applicant, outsider, confirmed[0].user):
        client = client_for(user)
        assert client.get(url).status_code == 404, user
        assert client.post(
            url, {"registration": confirmed[0].pk, "attendance": "present"}
        ).status_code in (404, 405)
    assert not AuditEntry.objects.filter(action__startswith="training_").exists()
    confirmed[0].refresh_from_db()
    assert confirmed[0].attendance == ""


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_people_are_sent_to_sign_in(client, name, session):
    response = client.get(reverse(f"trainings:{name}", args=[session.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_attendance_sheet_lists_people_with_a_seat_for_signing(staff, session, region):
    confirmed, offered, waiting, cancelled = full_session(session, region)
    response = client_for(staff).get(reverse("trainings:attendance_sheet", args=[session.pk]))
    page = response.content.decode()
    for registration in confirmed:
        assert registration.user.name in page
    for registration in [offered, *waiting, cancelled]:
        assert registration.user.name not in page
    assert SECRET not in page
    assert 'class="kern-table attendance-sheet"' in page
    assert "Schwäbisch Gmünd" in page


def test_check_in_records_present_and_no_shows_and_counts_them(staff, make_session, region):
    session = make_session(days=0)  # starts now
    confirmed, *_rest = full_session(session, region)
    client = client_for(staff)
    url = reverse("trainings:check_in", args=[session.pk])
    response = client.post(url, {"registration": confirmed[0].pk, "attendance": "present"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#person-{confirmed[0].pk}")
    client.post(url, {"registration": confirmed[1].pk, "attendance": "no_show"})
    confirmed[0].refresh_from_db()
    confirmed[1].refresh_from_db()
    assert confirmed[0].attendance == Attendance.PRESENT
    assert confirmed[0].checked_in_by == staff
    assert confirmed[1].attendance == Attendance.NO_SHOW
    page = client.get(url)
    assert page.context["counts"] == {"present": 1, "no_show": 1, "open": 1}


def test_check_in_before_the_day_says_why_and_records_nothing(staff, session, region):
    confirmed, *_rest = full_session(session, region)
    client = client_for(staff)
    url = reverse("trainings:check_in", args=[session.pk])
    response = client.post(
        url, {"registration": confirmed[0].pk, "attendance": "present"}, follow=True
    )
    assert response.status_code == 200
    assert list(response.context["messages"])
    confirmed[0].refresh_from_db()
    assert confirmed[0].attendance == ""


def test_check_in_refuses_people_of_another_session(staff, session, make_session):
    other = make_session(days=0)
    stranger = register(other)
    response = client_for(staff).post(
        reverse("trainings:check_in", args=[session.pk]),
        {"registration": stranger.pk, "attendance": "present"},
    )
    assert response.status_code == 404


def _grow(session, region, count):
    for index in range(count):
        register(
            session,
            person(f"Viele {index:03d}"),
            region=region if index % 2 else None,
            needs=[Need.SIGN_LANGUAGE] if index % 3 else [],
            details="Notiz" if index % 4 == 0 else "",
            registered_by=person() if index % 5 == 0 else None,
            status=[Status.CONFIRMED, Status.WAITING, Status.CANCELLED][index % 3],
        )


@pytest.mark.parametrize("name", PAGES)
def test_the_pages_keep_their_queries_as_people_register(
    name, staff, session, region, django_assert_max_num_queries
):
    client = client_for(staff)
    url = reverse(f"trainings:{name}", args=[session.pk])
    _grow(session, region, 3)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    _grow(session, PilotRegion.objects.get(pk=region.pk), 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_after_the_start_the_page_leads_to_certificates_and_feedback(staff, make_session):
    session = make_session(days=-1)
    register(session, attendance=Attendance.PRESENT)
    page = client_for(staff).get(reverse("trainings:participants", args=[session.pk]))
    html = page.content.decode()
    assert reverse("trainings:certificates_issue", args=[session.pk]) in html
    assert reverse("trainings:session_feedback", args=[session.pk]) in html


def test_before_the_start_there_is_nothing_to_certify(staff, session):
    html = client_for(staff).get(reverse("trainings:participants", args=[session.pk]))
    assert reverse("trainings:certificates_issue", args=[session.pk]) not in html.content.decode()


def test_the_audit_log_names_whose_needs_were_read(staff, session, region):
    confirmed, *_rest = full_session(session, region)
    client = client_for(staff)
    client.get(reverse("trainings:participants", args=[session.pk]))
    response = client.get(reverse("core:audit_log"), {"action": "training_needs_viewed"})
    assert response.status_code == 200
    page = response.content.decode()
    table = page[page.index("<table") : page.index("</table>")]
    assert "training_needs_viewed" not in table
    assert "Anna Beispiel" in table
