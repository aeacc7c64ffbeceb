"""The poll services: proposed times from the experts' availability, asking, reminding,
answering (with the consent rule for accessibility needs) and the answers grid."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.visits import schedule_solver
from inklusiv.visits.models import (
    AccessibilityNeed,
    Availability,
    Participant,
    PollAnswer,
    PollSlot,
    TravelBase,
    Visit,
)
from inklusiv.visits.services import polls
from tests.factories import berlin


@pytest.fixture
def in_english():
    """These tests read the service's English sentences; the default language is German."""
    with translation.override("en"):
        yield


KASSEL = (51.3127, 9.4797)


def _answers(visit, value="yes"):
    return {slot.pk: value for slot in visit.slots.all()}


def _starts(visit):
    return [timezone.localtime(s.start).strftime("%d %H:%M") for s in visit.slots.all()]


# --- generate_slots ----------------------------------------------------------------------


def test_generate_slots_respects_availability_weekdays_and_idempotence(visit_round, staff):
    PollSlot.objects.all().delete()
    expert = visit_round.expert
    Availability.objects.filter(user=expert).delete()
    for day in (9, 12):  # Wednesday and Saturday
        Availability.objects.create(
            round=visit_round.round,
            user=expert,
            starts_at=berlin(2016, 11, day, 6, 0),
            ends_at=berlin(2016, 11, day, 22, 0),
        )

    created = polls.generate_slots(actor=staff, round=visit_round.round)

    first, second, third = visit_round.visits
    # Jonas can travel on Wednesday the 9th only; Saturday is no meeting day.
    assert _starts(first) == ["09 10:00", "09 14:00"]
    assert _starts(second) == ["09 10:00", "09 14:00"]
    # Ulrike every day: the ten weekdays of 7–18 November, twice a day.
    assert len(_starts(third)) == 20
    assert all(timezone.localtime(s.start).weekday() < 5 for s in third.slots.all())
    assert created == 24
    assert AuditEntry.objects.filter(action="poll_slots_generated").count() == 1

    assert polls.generate_slots(actor=staff, round=visit_round.round) == 0
    assert PollSlot.objects.count() == 24


def test_generate_slots_keeps_to_the_window(visit_round, staff):
    PollSlot.objects.all().delete()
    round_ = visit_round.round
    round_.window_start = berlin(2016, 11, 7, 12, 0)
    round_.window_end = berlin(2016, 11, 9, 16, 0)
    round_.save()

    polls.generate_slots(actor=staff, round=round_)

    # Monday 10:00 starts before the window; Wednesday 14:00 would end after it (17:00).
    assert _starts(visit_round.visits[2]) == ["07 14:00", "08 10:00", "08 14:00", "09 10:00"]


def test_generate_slots_counts_the_journey_from_the_travel_base(visit_round, staff):
    PollSlot.objects.all().delete()
    expert = visit_round.expert
    first = visit_round.visits[0]
    TravelBase.objects.create(user=expert, city="Kassel", latitude=KASSEL[0], longitude=KASSEL[1])
    trip = timedelta(
        minutes=schedule_solver.travel_minutes(
            KASSEL, (first.latitude, first.longitude), schedule_solver.Settings(60, 30)
        )
    )
    Availability.objects.filter(user=expert).delete()
    # Exactly long enough for the 10:00 meeting and the journey; not for 14:00.
    Availability.objects.create(
        round=visit_round.round,
        user=expert,
        starts_at=berlin(2016, 11, 9, 10, 0) - trip,
        ends_at=berlin(2016, 11, 9, 13, 0) + trip,
    )

    polls.generate_slots(actor=staff, round=visit_round.round)

    assert _starts(first) == ["09 10:00"]


def test_generate_slots_skips_meetings_not_being_planned(visit_round, staff):
    PollSlot.objects.all().delete()
    Visit.objects.filter(pk=visit_round.visits[0].pk).update(status=Visit.Status.CANCELLED)

    polls.generate_slots(actor=staff, round=visit_round.round)

    assert not visit_round.visits[0].slots.exists()
    assert visit_round.visits[1].slots.exists()


def test_generate_slots_refused_for_applicants(visit_round, applicant):
    PollSlot.objects.all().delete()
    with pytest.raises(PermissionDenied):
        polls.generate_slots(actor=applicant, round=visit_round.round)
    assert not PollSlot.objects.exists()


# --- set_slots ---------------------------------------------------------------------------


def test_set_slots_replaces_times_and_drops_their_answers(visit_round, staff):
    visit = visit_round.visits[0]
    contact = visit_round.contacts[0]
    polls.answer(participant=contact, answers=_answers(visit), needs=[], details="", consent=False)
    keep = visit.slots.first()

    polls.set_slots(actor=staff, visit=visit, starts=[keep.start, berlin(2016, 11, 14, 14, 0)])

    assert _starts(visit) == [timezone.localtime(keep.start).strftime("%d %H:%M"), "14 14:00"]
    assert list(PollAnswer.objects.filter(participant=contact).values_list("slot", flat=True)) == [
        keep.pk
    ]
    assert AuditEntry.objects.filter(action="poll_slots_changed").exists()


def test_set_slots_refuses_times_outside_the_window_and_outsiders(visit_round, staff, applicant):
    visit = visit_round.visits[0]
    before = _starts(visit)
    with pytest.raises(DomainError) as error:
        polls.set_slots(actor=staff, visit=visit, starts=[berlin(2016, 12, 1, 10, 0)])
    assert error.value.field == "new"
    with pytest.raises(PermissionDenied):
        polls.set_slots(actor=applicant, visit=visit, starts=[])
    assert _starts(visit) == before


# --- send_poll and send_reminders --------------------------------------------------------


def test_send_poll_mails_everyone_who_answers_polls_once(visit_round, staff, settings):
    settings.SITE_URL = "https://inklusiv.example"
    round_ = visit_round.round
    round_.poll_closes_at = berlin(2016, 11, 4, 18, 0)
    round_.save()
    english = visit_round.contacts[1]
    english.language = "en"
    english.save()

    with _now(berlin(2016, 10, 20, 9, 0)):
        sent = polls.send_poll(actor=staff, round=round_)

    assert sent == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in visit_round.contacts)
    to_english = next(m for m in mail.outbox if m.to == [english.email])
    assert f"https://inklusiv.example/en/visits/poll/{english.token}/" in to_english.body
    assert "Hansestadt Rostock" in to_english.subject
    assert "commission's internet research" in to_english.body
    assert "4 November 2016" in to_english.body
    assert "sign-language interpreter" in to_english.body
    to_german = next(m for m in mail.outbox if m.to == [visit_round.contacts[0].email])
    assert f"/de/visits/poll/{visit_round.contacts[0].token}/" in to_german.body
    assert "4. November 2016" in to_german.body
    # Experts give their availability instead and get no poll.
    assert visit_round.expert.email not in [m.to[0] for m in mail.outbox]
    assert Participant.objects.filter(kind="contact", polled_at__isnull=False).count() == 3

    mail.outbox.clear()
    with _now(berlin(2016, 10, 21, 9, 0)):
        assert polls.send_poll(actor=staff, round=round_) == 0
    assert mail.outbox == []


def test_send_poll_refused_for_applicants(visit_round, applicant):
    with pytest.raises(PermissionDenied):
        polls.send_poll(actor=applicant, round=visit_round.round)
    assert mail.outbox == []


def test_reminders_only_to_non_responders_and_not_twice_a_day(visit_round, staff):
    round_ = visit_round.round
    first, second, third = visit_round.contacts
    polls.send_poll(actor=staff, round=round_)
    # Someone added after the poll went out has not been asked, so is not reminded.
    late = Participant.objects.create(
        visit=visit_round.visits[0], kind="partner", name="Spät", email="spaet@example.org"
    )
    polls.answer(
        participant=first, answers=_answers(first.visit), needs=[], details="", consent=False
    )
    mail.outbox.clear()

    assert polls.send_reminders(actor=staff, round=round_) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([second.email, third.email])
    second.refresh_from_db()
    assert second.reminders == 1 and second.reminded_at is not None
    assert late.email not in [m.to[0] for m in mail.outbox]

    mail.outbox.clear()
    assert polls.send_reminders(actor=staff, round=round_) == 0
    assert mail.outbox == []

    Participant.objects.filter(pk=second.pk).update(
        reminded_at=timezone.now() - timedelta(hours=25)
    )
    assert polls.send_reminders(actor=staff, round=round_) == 1
    assert mail.outbox[0].to == [second.email]
    second.refresh_from_db()
    assert second.reminders == 2
    assert AuditEntry.objects.filter(action="poll_reminders_sent").count() == 2


def test_reminders_refused_when_the_poll_has_closed(visit_round, staff, in_english):
    polls.send_poll(actor=staff, round=visit_round.round)
    visit_round.round.poll_closes_at = timezone.now() - timedelta(minutes=1)
    visit_round.round.save()
    mail.outbox.clear()
    with pytest.raises(DomainError, match="closed"):
        polls.send_reminders(actor=staff, round=visit_round.round)
    assert mail.outbox == []


# --- answer ------------------------------------------------------------------------------


def test_answer_stores_answers_and_can_change_them(visit_round):
    contact = visit_round.contacts[0]
    visit = contact.visit
    polls.answer(participant=contact, answers=_answers(visit), needs=[], details="", consent=False)
    polls.answer(
        participant=contact,
        answers=_answers(visit, "if_need_be"),
        needs=[],
        details="",
        consent=False,
    )
    assert list(
        PollAnswer.objects.filter(participant=contact).values_list("answer", flat=True)
    ) == [
        "if_need_be",
        "if_need_be",
    ]
    contact.refresh_from_db()
    assert contact.responded_at is not None
    assert AuditEntry.objects.filter(action="poll_answered").count() == 2


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Dienstag, 15. November 2016, 10:00–13:00"),
        ("en", "Tuesday, 15 November 2016, 10:00–13:00"),
    ],
)
def test_answer_names_the_missing_times(visit_round, language, expected):
    contact = visit_round.contacts[0]
    first, last = contact.visit.slots.all()
    with translation.override(language), pytest.raises(DomainError) as error:
        polls.answer(
            participant=contact, answers={first.pk: "yes"}, needs=[], details="", consent=False
        )
    assert expected in str(error.value)
    assert error.value.field == f"slot_{last.pk}"
    assert not PollAnswer.objects.exists()


def test_answer_refuses_invalid_values(visit_round, in_english):
    contact = visit_round.contacts[0]
    answers = _answers(contact.visit, "perhaps")
    with pytest.raises(DomainError, match="Missing"):
        polls.answer(participant=contact, answers=answers, needs=[], details="", consent=False)
    other_slot = visit_round.visits[1].slots.first()
    with pytest.raises(DomainError, match="does not offer"):
        polls.answer(
            participant=contact,
            answers={**_answers(contact.visit), other_slot.pk: "yes"},
            needs=[],
            details="",
            consent=False,
        )
    with pytest.raises(DomainError) as error:
        polls.answer(
            participant=contact,
            answers=_answers(contact.visit),
            needs=["teleporter"],
            details="",
            consent=True,
        )
    assert error.value.field == "needs"
    with pytest.raises(DomainError) as error:
        polls.answer(
            participant=contact,
            answers=_answers(contact.visit),
            needs=["other"],
            details="",
            consent=True,
        )
    assert error.value.field == "details"
    assert not PollAnswer.objects.exists()


@pytest.mark.parametrize(
    ("needs", "details"), [(["sign_language"], ""), ([], "Ich brauche einen Ruheraum.")]
)
def test_needs_or_details_require_consent(visit_round, needs, details):
    contact = visit_round.contacts[0]
    with translation.override("en"), pytest.raises(DomainError) as error:
        polls.answer(
            participant=contact,
            answers=_answers(contact.visit),
            needs=needs,
            details=details,
            consent=False,
        )
    assert "Please confirm that we may store this information" in str(error.value)
    assert error.value.field == "consent"
    assert not AccessibilityNeed.objects.exists()
    assert not PollAnswer.objects.exists()


def test_needs_stored_with_consent_and_deleted_when_withdrawn(visit_round):
    contact = visit_round.contacts[0]
    answers = _answers(contact.visit)
    polls.answer(
        participant=contact,
        answers=answers,
        needs=["sign_language", "step_free"],
        details="DGS, zwei Dolmetschende",
        consent=True,
    )
    need = AccessibilityNeed.objects.get(participant=contact)
    assert need.needs == ["sign_language", "step_free"]
    assert need.consent_at is not None
    stated = AuditEntry.objects.get(action="accessibility_needs_stated")
    # Health data must not linger in the audit log.
    logged = str(list(AuditEntry.objects.values_list("before", "after", "reason")))
    assert "sign_language" not in logged and "DGS" not in logged
    assert stated.after == {"participant": contact.pk}

    # Untick the consent, needs still ticked: withdrawn, deleted.
    polls.answer(
        participant=contact,
        answers=answers,
        needs=["sign_language"],
        details="DGS",
        consent=False,
    )
    assert not AccessibilityNeed.objects.exists()
    assert AuditEntry.objects.filter(action="accessibility_needs_removed").count() == 1

    # Stated again, then emptied with the consent still ticked: deleted too.
    polls.answer(
        participant=contact, answers=answers, needs=["step_free"], details="", consent=True
    )
    polls.answer(participant=contact, answers=answers, needs=[], details="", consent=True)
    assert not AccessibilityNeed.objects.exists()
    assert AuditEntry.objects.filter(action="accessibility_needs_removed").count() == 2

    # Consent alone, without needs, stores nothing either.
    polls.answer(participant=contact, answers=answers, needs=[], details="", consent=True)
    assert not AccessibilityNeed.objects.exists()


def test_answer_refused_after_the_poll_closed(visit_round, in_english):
    contact = visit_round.contacts[0]
    visit_round.round.poll_closes_at = timezone.now() - timedelta(hours=1)
    visit_round.round.save()
    contact.refresh_from_db()
    with pytest.raises(DomainError, match="The poll closed on"):
        polls.answer(
            participant=contact,
            answers=_answers(contact.visit),
            needs=[],
            details="",
            consent=False,
        )
    assert not PollAnswer.objects.exists()


@pytest.mark.parametrize(("status", "text"), [("cancelled", "cancelled"), ("held", "taken place")])
def test_answer_refused_for_cancelled_or_held_meetings(visit_round, status, text, in_english):
    contact = visit_round.contacts[0]
    Visit.objects.filter(pk=contact.visit_id).update(status=status)
    contact = Participant.objects.get(pk=contact.pk)
    with pytest.raises(DomainError, match=text):
        polls.answer(
            participant=contact,
            answers=_answers(contact.visit),
            needs=[],
            details="",
            consent=False,
        )
    assert not PollAnswer.objects.exists()


def test_experts_answer_no_times_but_may_state_needs(visit_round):
    expert_seat = visit_round.visits[0].participants.get(kind="expert")
    polls.answer(participant=expert_seat, answers={}, needs=["step_free"], details="", consent=True)
    assert AccessibilityNeed.objects.filter(participant=expert_seat).exists()
    assert not PollAnswer.objects.exists()


def test_poll_table_counts_answers(visit_round):
    visit = visit_round.visits[0]
    contact = visit_round.contacts[0]
    partner = Participant.objects.create(
        visit=visit, kind="partner", name="Partnerin", email="partnerin@example.org"
    )
    first, second = visit.slots.all()
    polls.answer(
        participant=contact,
        answers={first.pk: "yes", second.pk: "no"},
        needs=[],
        details="",
        consent=False,
    )

    table = polls.poll_table(visit)

    assert [column.slot for column in table.columns] == [first, second]
    assert (table.columns[0].yes, table.columns[1].no) == (1, 1)
    assert table.asked == 2 and table.answered == 1
    rows = {row.participant: row.answers for row in table.rows}
    assert rows[contact] == ["yes", "no"]
    assert rows[partner] == ["", ""]
    assert all(row.participant.kind != "expert" for row in table.rows)


class _now:
    """Freeze timezone.now() for the services (polled_at, reminders)."""

    def __init__(self, moment):
        self.moment = moment

    def __enter__(self):
        self.patch = pytest.MonkeyPatch()
        self.patch.setattr(timezone, "now", lambda: self.moment)
        return self

    def __exit__(self, *exc):
        self.patch.undo()
