"""Chapter 9 of the demo, the trainings: the programme of 2017 with which the accompanied phase
opened, and one session still to come.

The story goes on where the pilot regions start (1 March 2017). In February Miriam Albers
writes the catalogue: a two-day kick-off workshop in Bonn at the end of March, three online
seminars (exploring the social space, accessible public relations, participation), trainings
on network coordination (Berlin, Nuremberg), Leichte Sprache (Kassel) and impact-oriented
planning (Hanover for the northern regions, Mainz for the southern ones) – nine sessions in
2017. Dr. Carolin Weidner (the trainer's demo login) teaches most of them, Deniz Arslan the
online seminars on communication and participation. Coordinators, steering group members and
editors of all six regions register, some registered by their coordinator, some with
accessibility needs (sign-language and speech-to-text interpreting, step-free seats,
materials in Leichte Sprache, assistance). The network coordination training in Berlin
fills up: three people wait; two seats come free before the deadline, the first offer is
taken, the second lapses and passes on to the third person, who takes it. The trainers
record attendance (a few did not come), certificates are issued for the kick-off, Berlin and
Kassel, participants answer the questionnaire (Kassel: four answers, under the minimum group
size), and the accessibility needs of every past session are deleted the night after it.

So that the organisers have work today, a refresher ("Auffrischung") before the funding ends
lies a few days ahead of the day the demo is loaded, with its needs kept and the booking
summary to act on.

Choices, and why:
- Every write goes through the trainings services (catalogue, registrations, certificates,
  feedback), so the demo runs the same checks, audit entries and mails as the pages. The
  services that take `now=` are called with the moment of the story; what a service stamps
  with the current time (created_at of courses, sessions and registrations, the date on
  certificates, the audit entries, the inbox entries of the mails) is backdated afterwards
  with queryset updates, as the earlier chapters do.
- The reminders and feedback requests of the 2017 sessions count as sent then (their stamps
  are set), so the daily tasks never mail anyone about a training of 2017.
- Sessions are told one after the other in date order, each from its announcement to its
  certificates and feedback; an offer passes on by `expire_offers` at the moment it lapses.
- Certificates are rendered synchronously (a PDF each, kept to three sessions so that the
  demo loads quickly); the batch with its progress bar is for the pages.
- The chapter is idempotent as a whole: if the kick-off course exists, nothing is added.
"""

from __future__ import annotations

import datetime
import random
import re

from django.db import transaction
from django.utils import timezone

from inklusiv.accounts import services as account_services
from inklusiv.accounts.models import Role, User
from inklusiv.notifications.models import Notification
from inklusiv.pilots.models import PilotRegion
from inklusiv.trainings.models import (
    AccessibilityNeed,
    Certificate,
    Course,
    Registration,
    TrainingSession,
)
from inklusiv.trainings.services import catalogue, certificates, feedback, registrations

from ..call import berlin, berlin_on
from ..people import DEMO_PEOPLE, TRAINER
from ..pilot_phase import _account
from ..pilot_phase import data as pilot_data
from ..selection import _dated
from . import data

STAFF_EMAIL = DEMO_PEOPLE[0][1]
TRAINER_EMAIL = TRAINER[1]
# Registrations open the day after the regions started, at the earliest.
REGIONS_STARTED = berlin(2017, 3, 1, 14, 0)
PRESENT, NO_SHOW = Registration.Attendance.PRESENT, Registration.Attendance.NO_SHOW
REGISTRATION_LINK = re.compile(r"/anmeldungen/(\d+)/")


def upcoming_day(today: datetime.date) -> datetime.date:
    """The day of the session still to come: UPCOMING_IN_DAYS ahead, on a Tuesday, Wednesday
    or Thursday (at most 13 days ahead: within the organisers' next two weeks)."""
    day = today + datetime.timedelta(days=data.UPCOMING_IN_DAYS)
    while day.weekday() not in (1, 2, 3):
        day += datetime.timedelta(days=1)
    return day


def _people() -> dict[str, User]:
    """The members of the six pilot regions by name, as the pilot phase made them."""
    emails = {}
    for spec in pilot_data.REGIONS.values():
        name, email = spec["coordinator"]
        emails[name] = email
        for _role, name, email in spec["members"]:
            emails[name] = email
    users = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    missing = sorted(name for name, email in emails.items() if email not in users)
    if missing:
        raise RuntimeError(f"The pilot regions' members {missing} are missing.")
    return {name: users[email] for name, email in emails.items()}


def _second_trainer(staff: User) -> User:
    """Deniz Arslan, who teaches the online seminars on communication (no printed login)."""
    person = _account(data.SECOND_TRAINER["email"], data.SECOND_TRAINER["name"], staff)
    if not person.has_role(Role.TRAINER):
        with _dated(berlin(2017, 2, 10, 11, 0)):
            account_services.set_roles(
                actor=staff,
                user=person,
                roles={Role.TRAINER, *person.role_grants.values_list("role", flat=True)},
                reason="Referent für die Online-Seminare Kommune Inklusiv 2017",
            )
    return person


class _Programme:
    def __init__(self, staff: User, today: datetime.date):
        self.staff = staff
        self.today = today
        self.now = timezone.now()
        self.rng = random.Random("trainings-2017")
        self.people = _people()
        self.trainers = {
            "weidner": User.objects.get(email=TRAINER_EMAIL),
            "arslan": _second_trainer(staff),
        }
        self.regions = {region.name: region for region in PilotRegion.objects.all()}

    def tell(self) -> None:
        sessions = []
        for index, spec in enumerate(data.COURSES):
            course = self._course(spec, index)
            for session_spec in spec["sessions"]:
                day = session_spec["day"]
                if day == "upcoming":
                    day = upcoming_day(self.today)
                sessions.append((day, session_spec["start"], index, course, session_spec))
        sessions.sort(key=lambda item: item[:3])
        for day, _start, _index, course, spec in sessions:
            _Session(self, course, spec, day).tell()
        transaction.on_commit(self._backdate_notices)

    def _course(self, spec: dict, index: int) -> Course:
        moment = berlin_on(data.COURSES_WRITTEN + datetime.timedelta(days=index // 3), 10 + index)
        values = {
            name: spec[name]
            for name in (
                "title",
                "description",
                "learning_goals",
                "target_group",
                "format",
                "length_minutes",
                "summary_easy",
            )
        }
        values.update(trainer=self.trainers[spec["trainer"]], published=True)
        with _dated(moment):
            course = catalogue.create_course(actor=self.staff, data=values)
        Course.objects.filter(pk=course.pk).update(created_at=moment, updated_at=moment)
        return course

    def _backdate_notices(self) -> None:
        """The mails of the story (confirmations, waiting list, offers, cancellations,
        certificates) were sent when it happened, and have been read."""
        notices = Notification.objects.filter(
            kind__startswith="trainings.", created_at__gte=self.now, read_at__isnull=True
        )
        found = {}
        for notice in notices.only("pk", "kind", "link"):
            match = REGISTRATION_LINK.search(notice.link)
            if match:
                found[notice.pk] = (notice.kind, int(match.group(1)))
        stamps = {
            registration.pk: registration
            for registration in Registration.objects.filter(
                pk__in={pk for _kind, pk in found.values()}
            ).select_related("certificate")
        }
        for notice_pk, (kind, registration_pk) in found.items():
            registration = stamps.get(registration_pk)
            if registration is None:
                continue
            moment = _notice_moment(kind, registration)
            Notification.objects.filter(pk=notice_pk).update(created_at=moment, read_at=moment)


def _notice_moment(kind: str, registration: Registration) -> datetime.datetime:
    certificate = getattr(registration, "certificate", None) if kind.endswith("ready") else None
    moment = {
        "trainings.registered": registration.confirmed_at,
        "trainings.waiting": registration.waiting_since,
        "trainings.seat_offered": registration.offered_at,
        "trainings.registration_cancelled": registration.cancelled_at,
        "trainings.certificate_ready": certificate.issued_at if certificate else None,
    }.get(kind)
    return moment or registration.created_at


class _Session:
    """One session, from its announcement to its certificates and feedback."""

    def __init__(self, programme: _Programme, course: Course, spec: dict, day: datetime.date):
        self.programme = programme
        self.course = course
        self.spec = spec
        self.rng = programme.rng
        self.trainer = course.trainer
        self.starts_at = berlin_on(day, *spec["start"])
        self.ends_at = berlin_on(spec.get("end_day", day), *spec["end"])
        self.past = self.starts_at < programme.now
        self.registration_deadline = berlin_on(
            day - datetime.timedelta(days=spec["deadline_days"]), 23, 59
        )
        self.cancellation_deadline = berlin_on(
            day - datetime.timedelta(days=spec["cancel_days"]), 23, 59
        )
        if self.past:
            announced = max(
                self.starts_at - datetime.timedelta(days=data.ANNOUNCED_DAYS), REGIONS_STARTED
            )
        else:
            announced = berlin_on(programme.today - datetime.timedelta(days=30), 11, 0)
        self.announced = announced
        self.registrations: dict[str, Registration] = {}

    def person(self, name: str) -> User:
        return self.programme.people[name]

    def tell(self) -> None:
        self._create()
        self._register()
        self._move_waiting_list()
        if not self.past:
            return
        self._check_in()
        with _dated(self.ends_at + datetime.timedelta(hours=12)):
            registrations.purge_accessibility_needs(now=self.ends_at + datetime.timedelta(hours=12))
        TrainingSession.objects.filter(pk=self.session.pk).update(
            reminded_at=self.starts_at - datetime.timedelta(days=2),
            feedback_requested_at=self.ends_at + datetime.timedelta(hours=1),
        )
        if self.spec.get("certificates"):
            self._certificates()
        self._feedback()

    # --- announcement and registrations ---------------------------------------------------

    def _create(self) -> None:
        spec = self.spec
        values = {
            name: spec[name]
            for name in (
                "venue",
                "address",
                "step_free",
                "accessible_toilet",
                "induction_loop",
                "quiet_room",
                "access_notes",
                "online_link",
                "capacity",
                "audience",
                "services",
            )
            if name in spec
        }
        values.update(
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            format=self.course.format,
            registration_deadline=self.registration_deadline,
            cancellation_deadline=self.cancellation_deadline,
        )
        regions = [self.programme.regions[name] for name in spec.get("regions", ())]
        with _dated(self.announced):
            self.session = catalogue.create_session(
                actor=self.programme.staff, course=self.course, data=values, regions=regions
            )
        TrainingSession.objects.filter(pk=self.session.pk).update(
            created_at=self.announced, updated_at=self.announced
        )

    def _window(self) -> tuple[datetime.datetime, datetime.datetime]:
        """When people registered: from the day after the announcement until shortly before
        the deadline (or the first cancellation); for the coming session, until yesterday."""
        first = self.announced + datetime.timedelta(days=1)
        last = self.registration_deadline - datetime.timedelta(days=1)
        cancellations = self.spec.get("cancellations") or []
        if cancellations:
            first_cancel = max(days for _name, days in cancellations)
            last = min(last, self.starts_at - datetime.timedelta(days=first_cancel + 2))
        if not self.past:
            last = min(last, berlin_on(self.programme.today - datetime.timedelta(days=1), 9))
        return first, last

    def _moments(self, count: int) -> list[datetime.datetime]:
        first, last = self._window()
        span = (last - first).total_seconds()
        moments = []
        for index in range(count):
            moment = first + datetime.timedelta(seconds=span * index / max(count, 1))
            local = timezone.localtime(moment)
            moment = berlin(
                local.year, local.month, local.day, self.rng.randint(8, 17), self.rng.randint(0, 59)
            )
            moments.append(min(max(moment, first), last))
        return sorted(moments)

    def _register(self) -> None:
        people = self.spec["people"]
        for entry, moment in zip(people, self._moments(len(people)), strict=True):
            user = self.person(entry["name"])
            actor = self.person(entry["by"]) if entry["by"] else user
            stated = bool(entry["needs"] or entry["details"])
            own = actor == user
            with _dated(moment):
                registration = registrations.register(
                    actor=actor,
                    session=self.session,
                    user=user,
                    needs=entry["needs"] if own else (),
                    details=entry["details"] if own else "",
                    consent=stated and own,
                    now=moment,
                )
            Registration.objects.filter(pk=registration.pk).update(created_at=moment)
            self.registrations[entry["name"]] = registration
            if stated and not own:
                self._own_needs(entry, registration, moment + datetime.timedelta(hours=3))

    def _own_needs(self, entry: dict, registration: Registration, moment) -> None:
        """Registered by a colleague, the person adds their needs on their registration page
        (consent to health data is theirs to give)."""
        if self.past:
            raise RuntimeError(
                f"{entry['name']}: needs of a past session cannot be added afterwards; "
                "let the person register themself in the data."
            )
        with _dated(moment):
            registrations.update_needs(
                actor=registration.user,
                registration=self._fresh(entry["name"]),
                needs=entry["needs"],
                details=entry["details"],
                consent=True,
            )
        AccessibilityNeed.objects.filter(registration=registration).update(consent_at=moment)

    def _move_waiting_list(self) -> None:
        """Seats freed before the deadline go to the people waiting, one offer at a time."""
        for name, days in self.spec.get("cancellations") or []:
            day = timezone.localtime(self.starts_at).date() - datetime.timedelta(days=days)
            moment = berlin_on(day, self.rng.randint(8, 17), self.rng.randint(0, 59))
            with _dated(moment):
                registrations.cancel(
                    actor=self.person(name), registration=self._fresh(name), now=moment
                )
            self._answer_offers()

    def _answer_offers(self) -> None:
        lapsing = set(self.spec.get("lets_offer_expire") or [])
        names = {registration.pk: name for name, registration in self.registrations.items()}
        while True:
            offered = list(
                Registration.objects.filter(
                    session=self.session, status=Registration.Status.OFFERED
                ).order_by("offered_at", "pk")
            )
            if not offered:
                return
            for registration in offered:
                if names[registration.pk] in lapsing:
                    # The task that lapses offers runs every few minutes.
                    moment = registration.offer_expires_at + datetime.timedelta(minutes=4)
                    with _dated(moment):
                        registrations.expire_offers(now=moment)
                else:
                    moment = registration.offered_at + datetime.timedelta(
                        hours=self.rng.randint(3, 20)
                    )
                    with _dated(moment):
                        registrations.accept_offer(registration=registration, now=moment)

    def _fresh(self, name: str) -> Registration:
        registration = Registration.objects.select_related("session__course", "user").get(
            pk=self.registrations[name].pk
        )
        self.registrations[name] = registration
        return registration

    # --- the day and after ------------------------------------------------------------------

    def _check_in(self) -> None:
        no_show = set(self.spec.get("no_show") or [])
        for index, name in enumerate(self.registrations):
            registration = self._fresh(name)
            if registration.status != Registration.Status.CONFIRMED:
                continue
            moment = self.starts_at + datetime.timedelta(minutes=index)
            if name in no_show:
                moment = self.starts_at + datetime.timedelta(minutes=45)
            with _dated(moment):
                registrations.check_in(
                    actor=self.trainer,
                    registration=registration,
                    attendance=NO_SHOW if name in no_show else PRESENT,
                    now=moment,
                )

    def _present(self) -> list[tuple[str, Registration]]:
        present = []
        for name in self.registrations:
            registration = self._fresh(name)
            if registration.attendance == PRESENT:
                present.append((name, registration))
        return present

    def _certificates(self) -> None:
        day = timezone.localtime(self.ends_at).date() + datetime.timedelta(days=3)
        moment = berlin_on(day, 11, 0)
        issued = []
        with _dated(moment):
            for _name, registration in self._present():
                certificate = certificates.issue_certificate(
                    actor=self.trainer, registration=registration, now=moment
                )
                issued.append(certificate.pk)
        Certificate.objects.filter(pk__in=issued).update(issued_at=moment)

    def _feedback(self) -> None:
        wanted = self.spec.get("feedback") or 0
        present = self._present()
        answering = self.rng.sample(present, min(wanted, len(present)))
        mood = self.spec.get("mood", 4.0)
        for _name, registration in answering:
            day = timezone.localtime(self.ends_at).date() + datetime.timedelta(
                days=self.rng.randint(0, 6)
            )
            moment = berlin_on(day, self.rng.randint(17, 21), self.rng.randint(0, 59))
            ratings = {
                name: min(5, max(1, round(self.rng.gauss(mood, 0.7))))
                for name in ("overall", "content", "practice", "trainer", "accessibility")
            }
            answer = {
                **ratings,
                "liked": self.rng.choice(data.LIKED) if self.rng.random() < 0.6 else "",
                "improve": self.rng.choice(data.IMPROVE) if self.rng.random() < 0.4 else "",
            }
            feedback.submit(
                actor=registration.user, registration=registration, data=answer, now=moment
            )


def load(today: datetime.date | None = None) -> list[tuple[str, str, bool]]:
    """Tell the 2017 programme of trainings and the session to come, unless the kick-off
    course exists (idempotent). The trainer's login is printed by the people chapter."""
    if Course.objects.filter(title=data.COURSES[0]["title"]).exists():
        return []
    today = today or timezone.localdate()
    staff = User.objects.get(email=STAFF_EMAIL)
    with transaction.atomic():
        _Programme(staff, today).tell()
    return []
