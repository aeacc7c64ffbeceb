"""A person with a conflict of interest finds the applicant's on-site meeting nowhere.

Like tests/selection/test_conflict_surfaces.py, the URLs are collected from the resolver: every
`visits` page that names a meeting (`pk` after "meetings") or one of its participants (`pk` after
"participants") must refuse a conflicted programme expert and a conflicted commission member
who was (wrongly) left seated at the meeting, by GET and by POST, and change nothing. The pages
that list meetings, and the personal calendar feed, must leave the meeting out.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import CommissionMember, ConflictOfInterest
from inklusiv.visits.models import Participant, PollAnswer, PollSlot, Visit
from inklusiv.visits.services import invitations
from tests.factories import berlin, make_user

pytestmark = pytest.mark.django_db

REFERENCE = "KI-2016-0001"
ORGANISATION = "Jugendarbeit Neuruppin e.V."
# Keyword `pk` after these path segments names the meeting or a part of it.
MEETING_SEGMENTS = {"meetings": "visit", "participants": "participant"}
# `pk` after these names something of the person's own (their availability entries).
OWN_SEGMENTS = {"availability"}


def _visits_routes():
    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                namespace = entry.namespace or ""
                for route, name in walk(entry.url_patterns, prefix + str(entry.pattern)):
                    if name and namespace and ":" not in name:
                        name = f"{namespace}:{name}"
                    yield route, name
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern), entry.name

    return sorted({(route, name) for route, name in walk(get_resolver().url_patterns)})


def meeting_routes():
    routes = []
    for route, name in _visits_routes():
        if not name or not name.startswith("visits:"):
            continue
        match = re.search(r"([^/<>]+)/<int:pk>", route)
        if match and match.group(1) in MEETING_SEGMENTS:
            routes.append((name, MEETING_SEGMENTS[match.group(1)]))
    return routes


def test_every_pk_route_is_classified():
    """A new page with a pk gets a decision here, not a gap."""
    for route, name in _visits_routes():
        if not (name or "").startswith("visits:") or "<int:pk>" not in route:
            continue
        segment = re.search(r"([^/<>]+)/<int:pk>", route).group(1)
        assert segment in MEETING_SEGMENTS or segment in OWN_SEGMENTS, (name, route)
    assert len(meeting_routes()) >= 10


@pytest.fixture
def conflicted(visit_round):
    visit = visit_round.visits[0]
    assert visit.application.reference == REFERENCE
    expert = make_user("programme_expert", email="befangen@inklusiv.example", name="Bea Befangen")
    ConflictOfInterest.objects.create(
        user=expert,
        application=visit.application,
        source=ConflictOfInterest.Source.DECLARED,
        reason="Ich bin Vorstandsmitglied des Trägers.",
    )
    member = make_user("commission_member", email="kommission@example.org", name="Kai Kommission")
    CommissionMember.objects.create(stage=visit_round.stage, user=member)
    ConflictOfInterest.objects.create(
        user=member,
        application=visit.application,
        source=ConflictOfInterest.Source.STAFF,
        reason="Berät den Träger.",
    )
    # Seated before the conflict became known: the seat alone must not open anything.
    Participant.objects.create(
        visit=visit,
        kind=Participant.Kind.COMMISSION,
        user=member,
        name=member.name,
        email=member.email,
    )
    Visit.objects.filter(pk=visit.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 9, 10, 0)
    )
    visit.refresh_from_db()
    return visit, expert, member


def _state(visit):
    visit.refresh_from_db()
    return (
        {f.name: getattr(visit, f.attname) for f in Visit._meta.concrete_fields},
        sorted(visit.participants.values_list("pk", "email", "responded_at")),
        sorted(PollSlot.objects.filter(visit=visit).values_list("pk", "start")),
        PollAnswer.objects.filter(slot__visit=visit).count(),
        AuditEntry.objects.count(),
    )


def _post_data(visit):
    slot = visit.slots.first()
    return {
        "pin_date": "2016-11-10",
        "pin_time": "10:00",
        "reason": "Test",
        "kind": "expert",
        "name": "Jemand",
        "email": "jemand@example.org",
        "street": "Irgendwo 1",
        "postcode": "12345",
        "city": "Nirgendwo",
        "latitude": "50,0",
        "longitude": "10,0",
        "duration_minutes": "60",
        "minutes": "Geändert",
        "revision": str(visit.revision),
        "add_date": "2016-11-10",
        "add_time": "10:00",
        "delete": [str(slot.pk)] if slot else [],
        "save_minutes": "1",
    }


@pytest.mark.parametrize("who", ["expert", "commission"])
def test_every_meeting_url_refuses_the_conflicted(client, conflicted, who):
    visit, expert, member = conflicted
    client.force_login(expert if who == "expert" else member)
    contact = visit.participants.get(kind=Participant.Kind.CONTACT)
    targets = {"visit": visit.pk, "participant": contact.pk}
    before = _state(visit)
    checked = []
    for name, target in meeting_routes():
        url = reverse(name, kwargs={"pk": targets[target]})
        get = client.get(url)
        post = client.post(url, _post_data(visit))
        assert get.status_code in (403, 404, 405), (name, get.status_code)
        assert post.status_code in (403, 404, 405), (name, post.status_code)
        checked.append(name)
    assert _state(visit) == before
    assert {"visits:visit", "visits:agenda", "visits:minutes", "visits:ics"} <= set(checked)


@pytest.mark.parametrize("who", ["expert", "commission"])
def test_lists_and_the_feed_leave_the_meeting_out(client, conflicted, visit_round, who):
    visit, expert, member = conflicted
    person = expert if who == "expert" else member
    client.force_login(person)
    pages = [
        reverse("visits:mine"),
        reverse("visits:calendar"),
        reverse("visits:stages"),
        reverse("visits:round", args=[visit_round.stage.pk]),
        reverse("visits:availability"),
    ]
    for url in pages:
        response = client.get(url)
        if response.status_code == 403:
            continue  # the page is not for this role at all
        assert response.status_code == 200, url
        text = response.content.decode()
        assert REFERENCE not in text and ORGANISATION not in text, url
    feed = invitations.feed_for(person)
    response = client.get(reverse("visits:feed", args=[feed.token]))
    assert response.status_code == 200
    assert REFERENCE not in response.content.decode()
    # The other meetings of the round stay visible to the expert, so the lists were not
    # simply empty.
    if who == "expert":
        round_page = client.get(reverse("visits:round", args=[visit_round.stage.pk]))
        assert "KI-2016-0002" in round_page.content.decode()
