"""The demo's trainings: the 2017 programme (kick-off, online seminars, trainings on network
coordination, Leichte Sprache and impact-oriented planning), the waiting list that moved, the
needs deleted after the sessions, attendance, certificates, feedback, and a refresher still to
come – loaded once for the module."""

import datetime
from collections import Counter
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core import mail
from django.db import transaction
from django.db.models import F
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from inklusiv.accounts.models import Role, User
from inklusiv.core.models import AuditEntry
from inklusiv.demo import load as load_demo
from inklusiv.demo.people import DEMO_PASSWORD, TRAINER
from inklusiv.demo.trainings import upcoming_day
from inklusiv.notifications.models import Notification
from inklusiv.pilots.models import PilotRegion
from inklusiv.trainings import results, selectors
from inklusiv.trainings.models import (
    AccessibilityNeed,
    Certificate,
    Course,
    FeedbackResponse,
    Format,
    Registration,
    TrainingSession,
)

pytestmark = pytest.mark.django_db

Status = Registration.Status
KICK_OFF = "Auftaktworkshop Kommune Inklusiv"
NETWORK = "Netzwerkkoordination: Netzwerke im Sozialraum aufbauen und steuern"
EASY = "Leichte Sprache in der Netzwerkarbeit"
IMPACT = "Wirkungsorientierte Planung: Ziele, Indikatoren und die Wirkungstreppe"
REFRESHER = "Auffrischung: Wirkungen belegen und Strukturen verstetigen"
COUNTED = [Course, TrainingSession, Registration, AccessibilityNeed, Certificate, FeedbackResponse]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            logins = load_demo()
        sessions = list(
            selectors.sessions_with_counts(TrainingSession.objects.all()).order_by("starts_at")
        )
        yield SimpleNamespace(
            logins=logins,
            sessions=sessions,
            today=timezone.localdate(),
            outbox=list(mail.outbox),
        )
        transaction.set_rollback(True)


def _session(demo, title, year=None):
    found = [
        s
        for s in demo.sessions
        if s.course.title == title and (year is None or s.starts_at.year == year)
    ]
    assert len(found) == 1, title
    return found[0]


def _counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_the_2017_programme_opens_the_accompanied_phase(demo):
    past = [s for s in demo.sessions if s.starts_at < timezone.now()]
    assert 9 <= len(past) <= 11 and len(demo.sessions) == len(past) + 1
    assert all(s.starts_at.year == 2017 for s in past)
    kick_off = _session(demo, KICK_OFF)
    start = timezone.localtime(kick_off.starts_at)
    assert (start.year, start.month) == (2017, 3)
    assert kick_off.format == Format.ON_SITE and kick_off.step_free
    assert "Bonn" in kick_off.address
    assert kick_off == past[0]
    online = [s for s in past if s.format == Format.ONLINE]
    assert len(online) == 3 and all(s.online_link for s in online)
    titles = {s.course.title for s in past}
    assert {NETWORK, EASY, IMPACT} <= titles
    # The trainer's login teaches most of the courses.
    trainer = User.objects.get(email=TRAINER[1])
    courses = Course.objects.all()
    assert courses.filter(trainer=trainer).count() > courses.count() // 2
    assert all(course.published and course.summary_easy for course in courses)
    # Created in the story's time, not when the demo was loaded.
    assert not Course.objects.filter(created_at__date__gte=demo.today).exists()
    assert not TrainingSession.objects.filter(
        starts_at__year=2017, created_at__year__gt=2017
    ).exists()


def test_members_of_all_six_regions_registered(demo):
    regions = set(
        Registration.objects.filter(session__starts_at__year=2017).values_list(
            "region__name", flat=True
        )
    )
    assert regions == set(PilotRegion.objects.values_list("name", flat=True))
    assert len(regions) == 6
    # Some were registered by their coordinator.
    assert (
        Registration.objects.exclude(registered_by=None)
        .exclude(registered_by_id=F("user_id"))
        .exists()
    )
    # Registrations are dated before their sessions, not today.
    for registration in Registration.objects.select_related("session"):
        assert registration.created_at < registration.session.registration_deadline
        assert timezone.localdate(registration.created_at) < demo.today


def test_one_session_was_full_and_its_waiting_list_moved(demo):
    (berlin,) = [s for s in demo.sessions if s.course.title == NETWORK and "Berlin" in s.address]
    statuses = Counter(berlin.registrations.values_list("status", flat=True))
    assert statuses == {Status.CONFIRMED: berlin.capacity, Status.CANCELLED: 2, Status.EXPIRED: 1}
    rows = {r.user.name: r for r in berlin.registrations.select_related("user")}
    # Cancelled before the deadline; the first offer was taken, the second lapsed and passed on.
    for name in ("Tim Reuter", "Ole Petersen"):
        assert rows[name].cancelled_at < berlin.cancellation_deadline
    sandra, tanja, ayse = rows["Sandra Wagner"], rows["Tanja Engel"], rows["Ayşe Jung"]
    assert sandra.status == Status.CONFIRMED and sandra.offered_at < sandra.confirmed_at
    assert sandra.confirmed_at < sandra.offer_expires_at
    assert tanja.status == Status.EXPIRED and tanja.confirmed_at is None
    assert ayse.status == Status.CONFIRMED
    assert ayse.offered_at >= tanja.offer_expires_at
    assert ayse.waiting_since > sandra.waiting_since > rows["Jule Brenner"].confirmed_at
    assert AuditEntry.objects.filter(action="training_offer_expired").exists()


def test_needs_were_given_with_consent_and_deleted_after_the_past_sessions(demo):
    now = timezone.now()
    past = TrainingSession.objects.filter(ends_at__lt=now)
    assert past.count() >= 9
    assert not AccessibilityNeed.objects.filter(registration__session__in=past).exists()
    assert not past.filter(needs_purged_at=None).exists()
    assert AuditEntry.objects.filter(action="training_needs_deleted").count() >= 4
    # Deleted the night after each session, not on the day the demo was loaded.
    for session in past:
        assert (
            session.ends_at < session.needs_purged_at < session.ends_at + datetime.timedelta(days=1)
        )
    refresher = _session(demo, REFRESHER)
    kept = AccessibilityNeed.objects.filter(registration__session=refresher)
    assert kept.count() >= 4 and all(need.consent_at for need in kept)
    # Registered by their coordinator, they stated their needs themselves afterwards.
    assert kept.exclude(registration__registered_by=F("registration__user")).exists()
    assert all(
        need.consent_at > need.registration.created_at
        for need in kept.exclude(registration__registered_by=F("registration__user"))
    )
    summary = dict(
        (label.split(" ", 1)[-1] if "×" in label else label, count)
        for label, count in selectors.booking_summary(refresher)
    )
    assert len(summary) >= 4 and sum(summary.values()) >= 5


def test_the_refresher_is_still_to_come_within_two_weeks(demo):
    refresher = _session(demo, REFRESHER)
    start = timezone.localtime(refresher.starts_at)
    assert start.date() == upcoming_day(demo.today)
    assert demo.today < start.date() <= demo.today + datetime.timedelta(days=13)
    assert start.weekday() in (1, 2, 3)
    assert refresher.registration_deadline > timezone.now()
    assert refresher.format == Format.HYBRID and refresher.online_link
    assert refresher.confirmed >= 10 and refresher.reminded_at is None
    assert not refresher.registrations.exclude(attendance="").exists()


def test_attendance_recorded_mostly_present_a_few_did_not_come(demo):
    held = Registration.objects.filter(session__starts_at__year=2017, status=Status.CONFIRMED)
    attendance = Counter(held.values_list("attendance", flat=True))
    assert set(attendance) == {Registration.Attendance.PRESENT, Registration.Attendance.NO_SHOW}
    assert 3 <= attendance[Registration.Attendance.NO_SHOW] <= 10
    assert attendance[Registration.Attendance.PRESENT] > 8 * attendance["no_show"]
    assert not held.filter(checked_in_at__year__gt=2017).exists()


def test_certificates_only_for_the_present_of_three_sessions(demo):
    certificates = Certificate.objects.select_related("registration__session__course")
    sessions = {c.registration.session.course.title for c in certificates}
    assert sessions == {KICK_OFF, NETWORK, EASY}
    assert all(c.registration.attended for c in certificates)
    assert all(c.issued_at.year == 2017 and c.pdf for c in certificates)
    kick_off = _session(demo, KICK_OFF)
    present = kick_off.registrations.filter(attendance=Registration.Attendance.PRESENT)
    assert certificates.filter(registration__session=kick_off).count() == present.count()
    assert not Certificate.objects.filter(
        registration__attendance=Registration.Attendance.NO_SHOW
    ).exists()


def test_feedback_with_figures_and_one_session_under_the_minimum_group_size(demo):
    answers = Counter(FeedbackResponse.objects.values_list("session_id", flat=True))
    assert sum(1 for count in answers.values() if count >= 5) >= 3
    easy = _session(demo, EASY)
    assert answers[easy.pk] == 4
    assert results.session_results(easy) is None
    kick_off = _session(demo, KICK_OFF)
    assert results.session_results(kick_off) is not None
    given = Registration.objects.filter(feedback_given=True).count()
    assert given == FeedbackResponse.objects.count()
    assert not FeedbackResponse.objects.filter(answered_on__year__gt=2017).exists()


def test_the_trainer_login_is_printed_and_works(demo, client):
    label, email, _name, role = TRAINER
    assert (label, email, False) in demo.logins
    trainer = User.objects.get(email=email)
    assert trainer.has_role(Role.TRAINER) and role == Role.TRAINER
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == trainer.pk
    refresher = _session(demo, REFRESHER)
    page = client.get(reverse("trainings:participants", args=[refresher.pk]))
    assert page.status_code == 200


def test_the_story_s_mails_and_audit_entries_are_dated_then_and_read(demo):
    notices = Notification.objects.filter(kind__startswith="trainings.")
    assert notices.filter(kind="trainings.seat_offered").count() == 3
    assert notices.filter(kind="trainings.certificate_ready").count() == Certificate.objects.count()
    assert not notices.filter(read_at=None).exists()
    refresher = _session(demo, REFRESHER)
    # Only the refresher's confirmations are of this year; none is dated today.
    assert notices.exclude(created_at__year=2017).count() == refresher.confirmed
    assert not notices.filter(created_at__date__gte=demo.today).exists()
    entries = AuditEntry.objects.filter(action__startswith="training_")
    assert entries.filter(created_at__year=2017).count() > 200
    assert not entries.filter(created_at__date__gte=demo.today).exists()


def _every_count():
    """Rows of every model of the product, so one second load checks every chapter."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("inklusiv.")
    }


def test_loading_the_demo_again_adds_nothing_in_any_chapter(demo):
    before = _every_count()
    assert before["trainings.Course"] and before["applications.Application"] == 129 + 3 + 4
    with TestCase.captureOnCommitCallbacks(execute=True):
        logins = load_demo()
    assert _every_count() == before
    assert logins == demo.logins
