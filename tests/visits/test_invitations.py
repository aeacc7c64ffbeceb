"""Invitations, updates and cancellations of on-site meetings: what each participant receives
(in their language, with an iTIP part that mail programs accept) and who may send them."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from icalendar import Calendar

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import ConflictOfInterest
from inklusiv.visits.models import Participant, Visit
from inklusiv.visits.services import invitations
from tests.factories import berlin, make_user


def calendar_part(message):
    """The one text/calendar part of a sent mail."""
    parts = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0]


def parse(data: bytes) -> Calendar:
    """Parse strictly: one calendar, no property errors, every TZID defined."""
    calendar = Calendar.from_ical(data, multiple=False)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    calendar.validate()
    assert calendar.get_missing_tzids() == set()
    return calendar


def only_event(calendar: Calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def sent_calendar(message):
    part = calendar_part(message)
    return part, parse(part.get_payload(decode=True))


def mail_to(address):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


@pytest.fixture
def first(visit_round):
    """Visit 1 (Neuruppin) with a proposed time: Tuesday 8 November 2016, 10:00."""
    visit = visit_round.visits[0]
    visit.proposed_start = berlin(2016, 11, 8, 10, 0)
    visit.save(update_fields=["proposed_start"])
    return visit


@pytest.fixture
def confirmed(first, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.confirm(actor=staff, visits=[first]) == 1
    first.refresh_from_db()
    return first


def test_first_confirmation_invites_every_participant(
    visit_round, first, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.confirm(actor=staff, visits=[first]) == 1

    first.refresh_from_db()
    assert first.status == Visit.Status.CONFIRMED
    assert first.start == berlin(2016, 11, 8, 10, 0)
    assert first.sequence == 0
    assert first.invited_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == [
        "jonas.brandt@inklusiv.example",
        "kontakt@neuruppin.example",
    ]
    for message in mail.outbox:
        part, calendar = sent_calendar(message)
        assert part.get_content_type() == "text/calendar"
        assert part.get_param("method") == "REQUEST"
        assert part.get_param("charset") == "utf-8"
        assert part.get_filename() == "vor-ort-gespraech-KI-2016-0001.ics"
        assert calendar["METHOD"] == "REQUEST"
        event = only_event(calendar)
        assert str(event["UID"]) == f"visit-{first.pk}@127.0.0.1"
        assert event["SEQUENCE"] == 0
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert event.decoded("DTSTART") == berlin(2016, 11, 8, 10, 0)
        assert event.decoded("DTSTART").hour == 10
        assert event.decoded("DTEND") == berlin(2016, 11, 8, 13, 0)
        assert event["STATUS"] == "CONFIRMED"
        assert "Fehrbelliner Straße 12, 16816 Neuruppin" in str(event["LOCATION"])
        assert event.decoded("GEO") == (52.9244, 12.8046)
        attendees = {str(a).lower(): a.params for a in event["ATTENDEE"]}
        assert set(attendees) == {
            "mailto:jonas.brandt@inklusiv.example",
            "mailto:kontakt@neuruppin.example",
        }
        assert {a["ROLE"] for a in attendees.values()} == {"REQ-PARTICIPANT"}
        assert str(event["ORGANIZER"]) == "mailto:noreply@inklusiv.example"
        # The expert signs in to the agenda with the research; the contact without an account
        # opens the participants' agenda by the token of their seat.
        seat = first.participants.get(email=message.to[0])
        agenda = (
            f"/de/visits/meetings/{first.pk}/agenda/"
            if seat.user_id
            else f"/de/visits/poll/{seat.token}/agenda/"
        )
        assert f"http://127.0.0.1:8000{agenda}" in str(event["DESCRIPTION"])
        assert f"http://127.0.0.1:8000{agenda}" in message.body
    (entry,) = AuditEntry.objects.filter(action="visit_confirmed")
    assert entry.object_id == str(first.pk)
    assert entry.before["start"] is None
    assert entry.after["sequence"] == 0
    assert entry.after["status"] == "confirmed"


def test_each_participant_gets_the_mail_in_their_language(
    visit_round, first, staff, django_capture_on_commit_callbacks
):
    contact = visit_round.contacts[0]
    contact.language = "en"
    contact.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        invitations.confirm(actor=staff, visits=[first])

    german = mail_to("jonas.brandt@inklusiv.example")
    english = mail_to("kontakt@neuruppin.example")
    assert "Dienstag, 8. November 2016" in german.subject
    assert "Dienstag, 8. November 2016, 10:00–13:00" in german.body
    assert "Tuesday, 8 November 2016, 10:00–13:00" in english.body
    assert "Tuesday" in english.subject
    # Each link opens the participant's own page in their language.
    expert_seat = first.participants.get(kind=Participant.Kind.EXPERT)
    assert f"/de/visits/poll/{expert_seat.token}/" in german.body
    assert f"/en/visits/poll/{contact.token}/" in english.body
    assert contact.token not in german.body
    # Place and who takes part are in the text, also in the HTML version.
    for message in (german, english):
        assert "Fehrbelliner Straße 12, 16816 Neuruppin" in message.body
        assert "Jonas Brandt" in message.body and "Kontakt Neuruppin" in message.body
        html = message.alternatives[0].content
        assert "Kontakt Neuruppin" in html
    assert '<html lang="en">' in english.alternatives[0].content
    assert '<html lang="de">' in german.alternatives[0].content
    # The calendar of the English mail links the English poll page.
    _part, calendar = sent_calendar(english)
    assert f"/en/visits/poll/{contact.token}/" in str(only_event(calendar)["DESCRIPTION"])


def test_update_and_cancellation_keep_the_uid_and_raise_the_sequence(
    visit_round, confirmed, staff, django_capture_on_commit_callbacks
):
    _part, invitation = sent_calendar(mail_to("kontakt@neuruppin.example"))
    uid = str(only_event(invitation)["UID"])
    mail.outbox.clear()

    confirmed.proposed_start = berlin(2016, 11, 15, 14, 0)
    confirmed.save(update_fields=["proposed_start"])
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.confirm(actor=staff, visits=[confirmed]) == 1
    confirmed.refresh_from_db()
    assert confirmed.sequence == 1
    assert confirmed.start == berlin(2016, 11, 15, 14, 0)
    assert len(mail.outbox) == 2
    message = mail_to("kontakt@neuruppin.example")
    assert "Dienstag, 8. November 2016" in message.body  # the old time, so nobody is confused
    assert "Dienstag, 15. November 2016, 14:00–17:00" in message.body
    part, update = sent_calendar(message)
    assert part.get_param("method") == "REQUEST"
    assert update["METHOD"] == "REQUEST"
    event = only_event(update)
    assert str(event["UID"]) == uid
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == berlin(2016, 11, 15, 14, 0)
    rescheduled = AuditEntry.objects.get(action="visit_rescheduled")
    assert rescheduled.before["sequence"] == 0 and rescheduled.after["sequence"] == 1
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        invitations.cancel(actor=staff, visit=confirmed, reason="Der Antrag wurde zurückgezogen.")
    confirmed.refresh_from_db()
    assert confirmed.status == Visit.Status.CANCELLED
    assert confirmed.sequence == 2
    assert len(mail.outbox) == 2
    message = mail_to("jonas.brandt@inklusiv.example")
    assert "Der Antrag wurde zurückgezogen." in message.body
    part, cancellation = sent_calendar(message)
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "CANCEL"
    assert part.get_param("charset") == "utf-8"
    assert cancellation["METHOD"] == "CANCEL"
    event = only_event(cancellation)
    assert str(event["UID"]) == uid
    assert event["SEQUENCE"] == 2
    assert event["STATUS"] == "CANCELLED"
    assert event.decoded("DTSTART") == berlin(2016, 11, 15, 14, 0)
    cancelled = AuditEntry.objects.get(action="visit_cancelled")
    assert cancelled.reason == "Der Antrag wurde zurückgezogen."
    assert cancelled.before["status"] == "confirmed"
    assert cancelled.after == {
        "status": "cancelled",
        "start": cancelled.after["start"],
        "sequence": 2,
    }


def test_confirming_an_unchanged_time_sends_nothing(
    confirmed, staff, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.confirm(actor=staff, visits=[confirmed]) == 0
    assert mail.outbox == []
    confirmed.refresh_from_db()
    assert confirmed.sequence == 0
    assert AuditEntry.objects.filter(action="visit_rescheduled").count() == 0


def test_a_pinned_time_wins_over_the_proposal(first, staff, django_capture_on_commit_callbacks):
    first.pinned_start = berlin(2016, 11, 10, 14, 0)
    first.save(update_fields=["pinned_start"])
    with django_capture_on_commit_callbacks(execute=True):
        invitations.confirm(actor=staff, visits=[first])
    first.refresh_from_db()
    assert first.start == berlin(2016, 11, 10, 14, 0)
    _part, calendar = sent_calendar(mail.outbox[0])
    assert only_event(calendar).decoded("DTSTART") == berlin(2016, 11, 10, 14, 0)


def test_a_meeting_without_a_time_refuses_the_whole_batch(
    visit_round, first, staff, django_capture_on_commit_callbacks
):
    second = visit_round.visits[1]
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(DomainError) as error:
            invitations.confirm(actor=staff, visits=[first, second])
    assert "KI-2016-0002" in str(error.value)
    assert mail.outbox == []
    first.refresh_from_db()
    assert first.status == Visit.Status.PLANNING and first.start is None
    assert not AuditEntry.objects.filter(action="visit_confirmed").exists()


def test_the_responsible_expert_may_confirm(visit_round, first, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.confirm(actor=visit_round.expert, visits=[first]) == 1
    assert len(mail.outbox) == 2


def test_the_round_organiser_is_the_organizer_and_gets_the_replies(
    visit_round, first, staff, django_capture_on_commit_callbacks
):
    visit_round.round.organiser = visit_round.expert
    visit_round.round.save(update_fields=["organiser"])
    with django_capture_on_commit_callbacks(execute=True):
        invitations.confirm(actor=staff, visits=[first])
    message = mail.outbox[0]
    assert message.reply_to == ["jonas.brandt@inklusiv.example"]
    _part, calendar = sent_calendar(message)
    organizer = only_event(calendar)["ORGANIZER"]
    assert str(organizer) == "mailto:jonas.brandt@inklusiv.example"
    assert organizer.params["CN"] == "Jonas Brandt"


def test_commission_members_are_optional_attendees(
    visit_round, first, staff, django_capture_on_commit_callbacks
):
    member = make_user("commission_member", email="eva.gross@kommission.example", name="Eva Groß")
    Participant.objects.create(
        visit=first,
        kind=Participant.Kind.COMMISSION,
        user=member,
        name=member.name,
        email=member.email,
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitations.confirm(actor=staff, visits=[first])
    assert len(mail.outbox) == 3
    _part, calendar = sent_calendar(mail_to("eva.gross@kommission.example"))
    roles = {str(a).lower(): a.params["ROLE"] for a in only_event(calendar)["ATTENDEE"]}
    assert roles["mailto:eva.gross@kommission.example"] == "OPT-PARTICIPANT"
    assert roles["mailto:jonas.brandt@inklusiv.example"] == "REQ-PARTICIPANT"


@pytest.mark.parametrize("who", ["outsider", "applicant", "commission", "conflicted_expert"])
def test_only_organisers_without_conflict_may_confirm_or_cancel(
    visit_round, first, staff, outsider, applicant, who, django_capture_on_commit_callbacks
):
    if who == "outsider":
        actor = outsider
    elif who == "applicant":
        actor = applicant
    elif who == "commission":
        actor = make_user("commission_member", email="jury@kommission.example")
    else:
        actor = visit_round.expert
        ConflictOfInterest.objects.create(
            user=actor,
            application=first.application,
            source=ConflictOfInterest.Source.DECLARED,
            reason="Früher dort beschäftigt.",
        )
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(PermissionDenied):
            invitations.confirm(actor=actor, visits=[first])
    first.refresh_from_db()
    assert first.status == Visit.Status.PLANNING and first.start is None

    with django_capture_on_commit_callbacks(execute=True):
        invitations.confirm(actor=staff, visits=[first])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(PermissionDenied):
            invitations.cancel(actor=actor, visit=first, reason="Einfach so.")
    first.refresh_from_db()
    assert first.status == Visit.Status.CONFIRMED and first.sequence == 0
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="visit_cancelled").exists()


def test_a_cancellation_needs_a_reason(confirmed, staff):
    with pytest.raises(DomainError) as error:
        invitations.cancel(actor=staff, visit=confirmed, reason="   ")
    assert error.value.field == "reason"
    confirmed.refresh_from_db()
    assert confirmed.status == Visit.Status.CONFIRMED


def test_a_meeting_cannot_be_cancelled_twice(confirmed, staff, django_capture_on_commit_callbacks):
    invitations.cancel(actor=staff, visit=confirmed, reason="Krankheit.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(DomainError) as error:
            invitations.cancel(actor=staff, visit=confirmed, reason="Nochmal.")
    assert "KI-2016-0001" in str(error.value)
    assert mail.outbox == []
    confirmed.refresh_from_db()
    assert confirmed.sequence == 1


def test_a_meeting_nobody_was_invited_to_is_cancelled_without_mail(
    first, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.cancel(actor=staff, visit=first, reason="Antrag zurückgezogen.")
    first.refresh_from_db()
    assert first.status == Visit.Status.CANCELLED
    assert first.sequence == 0
    assert mail.outbox == []
    # A cancelled meeting is not invited later by a batch confirmation of the round.
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.confirm(actor=staff, visits=[first]) == 0
    assert mail.outbox == []


def test_event_for_a_meeting_without_a_time_is_refused(visit_round):
    with pytest.raises(DomainError):
        invitations.event_for(visit_round.visits[0])


def add_partner(visit, language="de"):
    return Participant.objects.create(
        visit=visit,
        kind=Participant.Kind.PARTNER,
        name="Lebenshilfe Neuruppin",
        email="info@lebenshilfe-neuruppin.example",
        language=language,
    )


def test_someone_added_later_gets_the_current_invitation(
    confirmed, staff, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    partner = add_partner(confirmed, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.invite_participant(actor=staff, participant=partner) is True
    (message,) = mail.outbox
    assert message.to == ["info@lebenshilfe-neuruppin.example"]
    assert "Tuesday" in message.body
    part, calendar = sent_calendar(message)
    assert part.get_param("method") == "REQUEST"
    event = only_event(calendar)
    assert str(event["UID"]) == f"visit-{confirmed.pk}@127.0.0.1"
    assert event["SEQUENCE"] == 0
    assert "mailto:info@lebenshilfe-neuruppin.example" in [str(a) for a in event["ATTENDEE"]]
    assert AuditEntry.objects.filter(action="visit_invitation_sent").count() == 1


def test_someone_added_before_the_announcement_waits_for_it(
    first, staff, django_capture_on_commit_callbacks
):
    partner = add_partner(first)
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.invite_participant(actor=staff, participant=partner) is False
    assert mail.outbox == []


def test_someone_taken_off_gets_a_cancellation_naming_only_them(
    confirmed, staff, django_capture_on_commit_callbacks
):
    partner = add_partner(confirmed)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.uninvite_participant(actor=staff, participant=partner) is True
        partner.delete()
    confirmed.refresh_from_db()
    assert confirmed.sequence == 1
    assert confirmed.status == Visit.Status.CONFIRMED
    (message,) = mail.outbox
    assert message.to == ["info@lebenshilfe-neuruppin.example"]
    # The partner's language is German.
    assert "Sie nehmen nicht mehr am Vor-Ort-Gespräch" in message.body
    part, calendar = sent_calendar(message)
    assert part.get_param("method") == "CANCEL"
    event = only_event(calendar)
    assert event["SEQUENCE"] == 1
    # One attendee only: the property is then not a list.
    assert str(event["ATTENDEE"]) == "mailto:info@lebenshilfe-neuruppin.example"
    assert partner.token not in str(event["DESCRIPTION"])


def test_only_organisers_may_invite_or_take_someone_off(
    confirmed, outsider, django_capture_on_commit_callbacks
):
    partner = add_partner(confirmed)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(PermissionDenied):
            invitations.invite_participant(actor=outsider, participant=partner)
        with pytest.raises(PermissionDenied):
            invitations.uninvite_participant(actor=outsider, participant=partner)
    assert mail.outbox == []
    confirmed.refresh_from_db()
    assert confirmed.sequence == 0


EVIL = "\r\nX-Evil: 1"


def test_line_breaks_typed_into_names_and_places_never_reach_headers_or_the_ics(
    visit_round, first, staff, django_capture_on_commit_callbacks
):
    # Someone's name, the organiser's name, the place and the organisation carry a line
    # break followed by what would be a header or an iCalendar property of their choosing.
    Participant.objects.filter(pk=visit_round.contacts[0].pk).update(name="Kontakt" + EVIL)
    staff.name = "Miriam Albers" + EVIL
    staff.save(update_fields=["name"])
    visit_round.round.organiser = staff
    visit_round.round.save(update_fields=["organiser"])
    Visit.objects.filter(pk=first.pk).update(place="Rathaus" + EVIL, city="Neuruppin" + EVIL)
    organisation = first.application.organisation
    organisation.name = "Jugendarbeit" + EVIL
    organisation.save(update_fields=["name"])
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.confirm(actor=staff, visits=[first]) == 1

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        sent = message.message()
        assert sent["X-Evil"] is None
        assert "\n" not in message.subject and "\r" not in message.subject
        part, calendar = sent_calendar(message)
        raw = part.get_payload(decode=True).decode()
        lines = raw.replace("\r\n ", "").split("\r\n")
        assert not [line for line in lines if line.upper().startswith("X-EVIL")]
        event = only_event(calendar)
        assert "\n" not in str(event["LOCATION"]) and "X-Evil: 1" in str(event["LOCATION"])
        assert "\n" not in str(event["SUMMARY"])
        names = [event["ORGANIZER"].params["CN"]] + [
            attendee.params["CN"] for attendee in event["ATTENDEE"]
        ]
        assert "Kontakt X-Evil: 1" in names and "Miriam Albers X-Evil: 1" in names
        assert not [name for name in names if "\n" in name or "\r" in name]
