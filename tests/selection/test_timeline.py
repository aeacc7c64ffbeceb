"""Each application shows its timeline (issue 4.1): from the audit log, for staff and applicants."""

import datetime
import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from inklusiv.applications import services, workflow
from inklusiv.applications.timeline import timeline
from inklusiv.core import audit
from tests.factories import ApplicationFactory, CallFactory, MembershipFactory, complete, make_user

STAFF_NAME = "Miriam Albers"
MEMBER_NAME = "Katrin Lehmann"
EXTENSION_REASON = "Krankheit der Geschäftsführerin"
INELIGIBLE_REASON = "Der Sozialraum liegt außerhalb Deutschlands."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def story(db):
    """A draft started, filled in, extended, submitted, messaged and found ineligible."""
    call = CallFactory()
    membership = MembershipFactory(user=make_user(None, name=MEMBER_NAME))
    member = membership.user
    staff = make_user("funder_staff", name=STAFF_NAME)
    application = services.start_application(
        actor=member, call=call, organisation=membership.organisation
    )
    complete(application)
    services.grant_extension(
        actor=staff,
        application=application,
        until=application.stage.closes_at + datetime.timedelta(days=3),
        reason=EXTENSION_REASON,
    )
    services.submit(actor=member, application=application)
    services.send_message(
        actor=staff, application=application, subject="Rückfrage", body="Bitte ergänzen."
    )
    with transaction.atomic():
        workflow.apply(application, "mark_ineligible", actor=staff, reason=INELIGIBLE_REASON)
    # Logged against the application, but internal to the procedure: never in the timeline.
    audit.record(
        actor=staff,
        obj=application,
        action="conflict_recorded",
        reason="Frau X ist im Vorstand",
    )
    application.refresh_from_db()
    return {"application": application, "member": member, "staff": staff}


def test_the_timeline_tells_the_story_in_order_from_one_query(story, django_assert_num_queries):
    with django_assert_num_queries(1):
        events = timeline(story["application"])
    assert [event.action for event in events] == [
        "application_started",
        "application_extension_granted",
        "application_submit",
        "application_version_frozen",
        "application_message_sent",
        "application_mark_ineligible",
    ]
    assert [event.at for event in events] == sorted(event.at for event in events)
    started, extended, submitted, frozen, message, ineligible = events
    assert started.who == MEMBER_NAME and started.by_applicant
    assert extended.who == STAFF_NAME and not extended.by_applicant
    assert extended.reason == EXTENSION_REASON
    assert "Version 1" in frozen.what
    assert story["application"].reference in frozen.what
    assert submitted.what == "Submitted"
    assert "Rückfrage" in message.what
    assert "Submitted" in ineligible.what and "Formally ineligible" in ineligible.what
    assert ineligible.reason == INELIGIBLE_REASON
    assert all("conflict" not in event.action for event in events)


def test_applicants_see_the_funder_not_its_people_nor_internal_reasons(story):
    events = timeline(story["application"], for_applicant=True)
    by_action = {event.action: event for event in events}
    assert by_action["application_started"].who == MEMBER_NAME
    assert by_action["application_mark_ineligible"].who == "Funder"
    assert by_action["application_message_sent"].who == "Funder"
    # The extension's reason is for the funder's records only (the form says so).
    assert by_action["application_extension_granted"].reason == ""
    # The reason for a decision about them is theirs to read.
    assert by_action["application_mark_ineligible"].reason == INELIGIBLE_REASON
    assert all(STAFF_NAME not in event.who for event in events)


def _timeline_section(page: str) -> str:
    match = re.search(r'<h2[^>]*id="timeline-heading".*?</section>', page, re.S)
    assert match, "no timeline section"
    return match.group(0)


def test_the_pages_show_the_timeline_to_each_audience(client, story, settings):
    """One story (submitting renders a PDF, so it is built once) seen by three people."""
    settings.LANGUAGE_CODE = "en"
    pk = story["application"].pk
    client.force_login(story["member"])
    section = _timeline_section(
        client.get(reverse("applications:overview", args=[pk])).content.decode()
    )
    assert "<ol" in section and "<time datetime=" in section
    assert section.index("Application started") < section.index("Formally ineligible")
    assert MEMBER_NAME in section
    assert INELIGIBLE_REASON in section
    assert STAFF_NAME not in section
    assert EXTENSION_REASON not in section
    # The funder's people read names and every reason, on their page and the applicant's.
    for role in ("funder_staff", "programme_expert"):
        client.force_login(make_user(role))
        for name in ("applications:staff_detail", "applications:overview"):
            page = client.get(reverse(name, args=[pk])).content.decode()
            section = _timeline_section(page)
            assert STAFF_NAME in section, (role, name)
            assert EXTENSION_REASON in section, (role, name)


def test_an_empty_timeline_says_so(client, db, settings):
    settings.LANGUAGE_CODE = "en"
    membership = MembershipFactory()
    # Made by the factory, not a service: nothing is in the log.
    application = ApplicationFactory(organisation=membership.organisation)
    client.force_login(membership.user)
    page = client.get(reverse("applications:overview", args=[application.pk])).content.decode()
    assert "Nothing has happened yet." in _timeline_section(page)


def test_entries_without_a_person_show_no_name(db):
    application = ApplicationFactory()
    audit.record(actor=None, obj=application, action="application_withdraw", reason="Aufgelöst")
    for for_applicant in (True, False):
        (event,) = timeline(application, for_applicant=for_applicant)
        assert event.who == ""
        assert event.reason == "Aufgelöst"


def test_decisions_and_letters_of_the_selection_appear(db):
    """The selection's services log decisions and letters on the application (H4's names)."""
    application = ApplicationFactory()
    staff = make_user("funder_staff", name=STAFF_NAME)
    audit.record(
        actor=staff,
        obj=application,
        action="decision_recorded",
        after={"outcome": "advance"},
        reason="Platz 3 von 129",
    )
    audit.record(
        actor=staff, obj=application, action="decision_letter_sent", after={"outcome": "advance"}
    )
    # Internal work on the application stays out.
    audit.record(actor=staff, obj=application, action="research_note_added")
    audit.record(actor=staff, obj=application, action="open_question_added")
    events = timeline(application)
    assert [event.what for event in events] == [
        "Decision: Advanced to the next stage",
        "Decision letter sent: Advanced to the next stage",
    ]
    assert events[0].reason == "Platz 3 von 129"
    # Applicants learn the decision from its letter, not before.
    events = timeline(application, for_applicant=True)
    assert [event.what for event in events] == ["Decision letter sent: Advanced to the next stage"]
    assert {event.who for event in events} == {"Funder"}
