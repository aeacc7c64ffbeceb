"""The .ics files for on-site meetings import cleanly and follow RFC 5545 / iTIP (RFC 5546)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from inklusiv.core import ical
from inklusiv.core.ical import Attendee, MeetingEvent, Organizer, Role, Status

BERLIN = ZoneInfo("Europe/Berlin")

TRICKY_DESCRIPTION = (
    "Offene Fragen: Wer übernimmt die Moderation; wie groß ist der Raum, gibt es Stufen?\n"
    "Bitte Gebärdensprachdolmetschung (DGS) bestätigen, Induktionsschleife prüfen.\n"
    'Backslash \\ und Anführungszeichen „so“ und "so" – Straße, Ölmühle, Äußeres.'
)


def make_event(**changes) -> MeetingEvent:
    values = {
        "uid": "visit-7@inklusiv.example",
        "sequence": 0,
        "start": datetime(2016, 11, 14, 10, 0, tzinfo=BERLIN),
        "end": datetime(2016, 11, 14, 12, 30, tzinfo=BERLIN),
        "summary": "Vor-Ort-Gespräch Jugendarbeit Neuruppin e.V.",
        "description": TRICKY_DESCRIPTION,
        "location": "Rathaus Neuruppin, Karl-Liebknecht-Straße 33; Raum 1.04",
        "geo": (52.9233, 12.8014),
        "organizer": Organizer("Anna Müller", "anna.mueller@funder.example"),
        "attendees": (
            Attendee("Jörg Weiß", "joerg.weiss@jugendarbeit.example", Role.REQUIRED),
            Attendee("Dr. Eva Groß, Kommission", "eva.gross@kommission.example", Role.OPTIONAL),
        ),
        "url": "https://inklusiv.example/besuche/7/",
        "dtstamp": datetime(2016, 11, 1, 9, 15, tzinfo=BERLIN),
        "last_modified": datetime(2016, 11, 1, 9, 0, tzinfo=BERLIN),
    }
    values.update(changes)
    return MeetingEvent(**values)


def parse(data: bytes) -> Calendar:
    """Parse strictly: one calendar, no ignored property errors, every TZID defined."""
    assert isinstance(data, bytes)
    calendar = Calendar.from_ical(data, multiple=False)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    calendar.validate()
    assert calendar.get_missing_tzids() == set()
    assert calendar["PRODID"] == "-//Inklusiv//Kalender//DE"
    assert calendar["VERSION"] == "2.0"
    assert calendar["CALSCALE"] == "GREGORIAN"
    return calendar


def only_event(calendar: Calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def all_outputs() -> dict[str, bytes]:
    event = make_event()
    return {
        "invitation": ical.invitation(event),
        "update": ical.invitation(replace(event, sequence=1)),
        "cancellation": ical.cancellation(replace(event, sequence=2)),
        "download": ical.download(event),
        "feed": ical.feed([event, make_event(uid="visit-8@inklusiv.example")], "Termine"),
    }


def test_invitation_is_a_request_with_a_berlin_vtimezone():
    calendar = parse(ical.invitation(make_event()))

    assert calendar["METHOD"] == "REQUEST"
    (timezone,) = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Berlin"
    # The VTIMEZONE comes before the event that refers to it.
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE", "VEVENT"]
    event = only_event(calendar)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTEND"].params["TZID"] == "Europe/Berlin"
    assert event["STATUS"] == "CONFIRMED"
    assert event["UID"] == "visit-7@inklusiv.example"
    assert event["SEQUENCE"] == 0


def test_vtimezone_has_standard_and_daylight_with_berlin_offsets():
    calendar = parse(ical.invitation(make_event()))
    (timezone,) = calendar.walk("VTIMEZONE")

    daylight = timezone.walk("DAYLIGHT")
    standard = timezone.walk("STANDARD")
    assert daylight and standard
    assert {d.decoded("TZOFFSETTO") for d in daylight} == {timedelta(hours=2)}
    assert {s.decoded("TZOFFSETTO") for s in standard} == {timedelta(hours=1)}
    assert {d["TZNAME"] for d in daylight} == {"CEST"}


def test_vtimezone_alone_gives_the_right_offsets():
    # A client without the Olson database relies on the VTIMEZONE, not on the TZID name.
    start = datetime(2017, 3, 20, 10, 0, tzinfo=BERLIN)
    data = ical.invitation(make_event(start=start, end=start + timedelta(days=14)))
    (timezone,) = parse(data).walk("VTIMEZONE")
    tz = timezone.to_tz(lookup_tzid=False)

    for wall_clock in (
        datetime(2017, 1, 10, 10, 0),
        datetime(2017, 3, 25, 10, 0),
        datetime(2017, 3, 26, 10, 0),
        datetime(2017, 7, 1, 10, 0),
        datetime(2017, 10, 29, 10, 0),
        datetime(2017, 12, 24, 10, 0),
    ):
        expected = wall_clock.replace(tzinfo=BERLIN).utcoffset()
        assert wall_clock.replace(tzinfo=tz).utcoffset() == expected, wall_clock


@pytest.mark.parametrize(
    ("start", "offset"),
    [
        (datetime(2016, 11, 14, 10, 0), timedelta(hours=1)),  # CET, the 2016 meetings
        (datetime(2017, 6, 14, 10, 0), timedelta(hours=2)),  # CEST
    ],
)
def test_start_keeps_its_berlin_wall_clock_time(start, offset):
    start = start.replace(tzinfo=BERLIN)
    data = ical.invitation(make_event(start=start, end=start + timedelta(hours=2)))
    event = only_event(parse(data))

    dtstart = event.decoded("DTSTART")
    assert str(dtstart.tzinfo) == "Europe/Berlin"
    assert dtstart.replace(tzinfo=None) == start.replace(tzinfo=None)
    assert dtstart.utcoffset() == offset
    assert dtstart == start
    assert f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}\r\n".encode() in data


def test_times_given_in_utc_are_written_as_berlin_wall_clock_times():
    start = datetime(2016, 11, 14, 9, 0, tzinfo=UTC)  # 10:00 CET
    data = ical.invitation(make_event(start=start, end=start + timedelta(hours=1)))

    assert b"DTSTART;TZID=Europe/Berlin:20161114T100000\r\n" in data
    assert b"DTEND;TZID=Europe/Berlin:20161114T110000\r\n" in data


@pytest.mark.parametrize(
    ("start", "end"),
    [
        # Autumn: the night of 29/30 October 2016 has 25 hours.
        (datetime(2016, 10, 29, 18, 0), datetime(2016, 10, 30, 12, 0)),
        # Spring: the night of 25/26 March 2017 has 23 hours.
        (datetime(2017, 3, 25, 18, 0), datetime(2017, 3, 26, 12, 0)),
    ],
)
def test_meeting_across_the_dst_change_night_keeps_its_wall_clock_times(start, end):
    start, end = start.replace(tzinfo=BERLIN), end.replace(tzinfo=BERLIN)
    data = ical.invitation(make_event(start=start, end=end))
    event = only_event(parse(data))

    assert event.decoded("DTSTART").replace(tzinfo=None) == start.replace(tzinfo=None)
    assert event.decoded("DTEND").replace(tzinfo=None) == end.replace(tzinfo=None)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == end - start
    assert event.decoded("DTSTART").utcoffset() != event.decoded("DTEND").utcoffset()


def test_dtstamp_and_last_modified_are_in_utc():
    data = ical.invitation(make_event())
    event = only_event(parse(data))

    assert b"DTSTAMP:20161101T081500Z\r\n" in data
    assert b"LAST-MODIFIED:20161101T080000Z\r\n" in data
    assert event.decoded("DTSTAMP") == datetime(2016, 11, 1, 8, 15, tzinfo=UTC)


def test_dtstamp_defaults_to_now():
    before = datetime.now(UTC).replace(microsecond=0)
    event = only_event(parse(ical.invitation(make_event(dtstamp=None))))

    assert before <= event.decoded("DTSTAMP") <= datetime.now(UTC)


def test_update_keeps_the_uid_and_raises_the_sequence():
    original = make_event()
    moved = replace(
        original,
        sequence=original.sequence + 1,
        start=original.start + timedelta(days=1),
        end=original.end + timedelta(days=1),
    )
    first = only_event(parse(ical.invitation(original)))
    update_calendar = parse(ical.invitation(moved))
    update = only_event(update_calendar)

    assert update_calendar["METHOD"] == "REQUEST"
    assert update["UID"] == first["UID"]
    assert update.decoded("SEQUENCE") > first.decoded("SEQUENCE")
    assert update.decoded("DTSTART") == datetime(2016, 11, 15, 10, 0, tzinfo=BERLIN)


def test_cancellation_keeps_the_uid_raises_the_sequence_and_is_cancelled():
    original = make_event(sequence=1)
    invitation = only_event(parse(ical.invitation(original)))
    calendar = parse(ical.cancellation(replace(original, sequence=2)))
    cancelled = only_event(calendar)

    assert calendar["METHOD"] == "CANCEL"
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["UID"] == invitation["UID"]
    assert cancelled.decoded("SEQUENCE") > invitation.decoded("SEQUENCE")
    # RFC 5546 CANCEL needs ORGANIZER and, for the whole meeting, every ATTENDEE.
    assert cancelled["ORGANIZER"] == "mailto:anna.mueller@funder.example"
    assert len(cancelled["ATTENDEE"]) == 2


def test_a_cancelled_meeting_cannot_be_sent_as_an_invitation():
    with pytest.raises(ValueError, match="cancellation"):
        ical.invitation(make_event(status=Status.CANCELLED))


def test_attendees_and_organizer_have_common_name_and_mailto():
    event = only_event(parse(ical.invitation(make_event())))

    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    assert set(attendees) == {
        "mailto:joerg.weiss@jugendarbeit.example",
        "mailto:eva.gross@kommission.example",
    }
    joerg = attendees["mailto:joerg.weiss@jugendarbeit.example"]
    eva = attendees["mailto:eva.gross@kommission.example"]
    assert joerg["CN"] == "Jörg Weiß"
    assert joerg["ROLE"] == "REQ-PARTICIPANT"
    assert joerg["PARTSTAT"] == "NEEDS-ACTION"
    assert eva["CN"] == "Dr. Eva Groß, Kommission"  # quoted by the library
    assert eva["ROLE"] == "OPT-PARTICIPANT"
    assert event["ORGANIZER"].params["CN"] == "Anna Müller"


def test_attendees_and_organizer_can_be_plain_tuples():
    event = make_event(
        organizer=("Anna Müller", "anna@funder.example"),
        attendees=[
            ("Jörg Weiß", "joerg@example.org"),
            ("Eva", "eva@example.org", "OPT-PARTICIPANT"),
        ],
    )
    component = only_event(parse(ical.invitation(event)))

    roles = [a.params["ROLE"] for a in component["ATTENDEE"]]
    assert roles == ["REQ-PARTICIPANT", "OPT-PARTICIPANT"]
    assert component["ORGANIZER"] == "mailto:anna@funder.example"


def test_text_round_trips_exactly():
    data = ical.invitation(make_event())
    event = only_event(parse(data))

    assert event["DESCRIPTION"] == TRICKY_DESCRIPTION
    assert event["SUMMARY"] == "Vor-Ort-Gespräch Jugendarbeit Neuruppin e.V."
    assert event["LOCATION"] == "Rathaus Neuruppin, Karl-Liebknecht-Straße 33; Raum 1.04"
    # Escaped on the wire by the library, as RFC 5545 3.3.11 asks.
    unfolded = data.replace(b"\r\n ", b"")
    assert b"Moderation\\; wie gro\xc3\x9f ist der Raum\\, gibt" in unfolded
    assert b"?\\nBitte" in unfolded


def test_location_geo_and_url():
    event = only_event(parse(ical.invitation(make_event())))

    assert tuple(event.decoded("GEO")) == (52.9233, 12.8014)
    assert event["URL"] == "https://inklusiv.example/besuche/7/"


def test_optional_fields_can_be_left_out():
    event = make_event(description="", location="", geo=None, url=None, last_modified=None)
    component = only_event(parse(ical.invitation(event)))

    for name in ("DESCRIPTION", "LOCATION", "GEO", "URL", "LAST-MODIFIED"):
        assert name not in component


def test_download_is_a_single_published_event_without_attendees():
    calendar = parse(ical.download(make_event()))
    event = only_event(calendar)

    assert calendar["METHOD"] == "PUBLISH"
    assert "ATTENDEE" not in event  # RFC 5546 PUBLISH; and no one else's address leaks
    assert event["ORGANIZER"] == "mailto:anna.mueller@funder.example"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"


def test_feed_holds_several_meetings_with_distinct_uids():
    events = [
        make_event(),
        make_event(
            uid="visit-8@inklusiv.example",
            start=datetime(2017, 6, 14, 10, 0, tzinfo=BERLIN),
            end=datetime(2017, 6, 14, 12, 0, tzinfo=BERLIN),
        ),
        make_event(uid="visit-9@inklusiv.example", sequence=3, status=Status.CANCELLED),
    ]
    calendar = parse(ical.feed(events, "Vor-Ort-Gespräche – Anna Müller"))

    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Vor-Ort-Gespräche – Anna Müller"
    assert calendar["X-WR-TIMEZONE"] == "Europe/Berlin"
    assert calendar.refresh_interval == timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["X-PUBLISHED-TTL"] == "PT1H"
    uids = [e["UID"] for e in calendar.walk("VEVENT")]
    assert uids == [
        "visit-7@inklusiv.example",
        "visit-8@inklusiv.example",
        "visit-9@inklusiv.example",
    ]
    assert [e["STATUS"] for e in calendar.walk("VEVENT")] == ["CONFIRMED"] * 2 + ["CANCELLED"]
    assert all("ATTENDEE" not in e for e in calendar.walk("VEVENT"))
    (timezone,) = calendar.walk("VTIMEZONE")  # one VTIMEZONE for all events, 2016 and 2017
    assert timezone["TZID"] == "Europe/Berlin"


def test_empty_feed_is_still_a_valid_calendar():
    calendar = parse(ical.feed([], "Leer", now=datetime(2016, 11, 1, tzinfo=UTC)))

    assert calendar.walk("VEVENT") == []
    (timezone,) = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Berlin"


@pytest.mark.parametrize("kind", list(all_outputs()))
def test_lines_end_with_crlf_and_are_at_most_75_octets(kind):
    data = all_outputs()[kind]

    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)  # no bare LF anywhere
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long description was folded
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-byte character


def test_uid_for_builds_a_stable_uid():
    assert ical.uid_for("visit", 7, "inklusiv.example") == "visit-7@inklusiv.example"
    assert ical.uid_for("visit", 7, "inklusiv.example") == ical.uid_for(
        "visit", "7", "inklusiv.example"
    )


def test_uid_for_takes_the_domain_from_site_url(settings):
    settings.SITE_URL = "https://foerderung.example.org:8443"

    assert ical.uid_for("visit", 12) == "visit-12@foerderung.example.org"


@pytest.mark.parametrize(
    "changes",
    [
        {"start": datetime(2016, 11, 14, 10, 0)},  # naive
        {"end": datetime(2016, 11, 14, 9, 0, tzinfo=BERLIN)},  # before the start
        {"sequence": -1},
        {"uid": ""},
    ],
)
def test_invalid_events_are_rejected(changes):
    with pytest.raises(ValueError):
        make_event(**changes)
