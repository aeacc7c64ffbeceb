"""Nobody but the organisers of a session reads what its participants told them: the walk over
every URL of the trainings app (from the URL resolver, so a new page is covered the day it is
added; a page this test does not know fails it until a scenario is added below).

- Three strangers walk every page with GET and POST: a signed-in outsider, a trainer who does
  not teach the session, and a member of a pilot region the session is not open to. Pages with
  accessibility needs or other people's data (participants, sign-in sheet, check-in, export,
  someone else's registration, certificate or questionnaire, feedback results, the region's
  page, the organisers' forms) answer 403 or 404; nothing is written, not even to the audit
  log.
- A fellow participant of the same session sees nobody else's registration, certificate,
  questionnaire or name, and gets no certificate as a no-show.
- The free text of the needs never appears in any answer to anyone but the session's
  organisers; the online room and the participant's name never appear for strangers.
- Anonymous people are sent to sign in, except on the public pages (catalogue, course,
  session), which show neither the online room nor who registered, and the offer's link,
  which works without an account.
"""

import pytest
from django.urls import reverse

from inklusiv.core.models import AuditEntry
from inklusiv.trainings import urls as trainings_urls
from inklusiv.trainings.models import Registration
from inklusiv.trainings.services import registrations as svc

from .h5_fixtures import ONLINE_LINK, PARTICIPANT_NAME, SECRET_NEEDS, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw(db, staff):
    return build_world(staff)


# Open to everyone, signed in or not.
PUBLIC = {"catalogue", "course", "session"}
# Open to everyone signed in (each sees their own things; registering is the service's call).
SIGNED_IN = {"mine", "register"}
# The offer's link: the signed token is the key; no account needed.
TOKEN = {"offer"}
# A trainer may open these for their own courses (the page lists only theirs).
TRAINERS = {"manage", "course_create"}
# Everything else shows or changes what belongs to the session's organisers or to someone
# else: refused to every stranger.
REFUSED = {
    "registration",
    "cancel",
    "session_ics",
    "course_edit",
    "session_create",
    "session_edit",
    "session_cancel",
    "participants",
    "attendance_sheet",
    "check_in",
    "statistics",
    "export",
    "region",
    "certificate",
    "certificates_issue",
    "certificate_batch",
    "feedback",
    "session_feedback",
    "course_feedback",
    "feedback_export",
}
CONTRACT = PUBLIC | SIGNED_IN | TOKEN | TRAINERS | REFUSED

STRANGERS = ["outsider", "other_trainer", "stranger_member"]
# People who are no organisers of the session but have a part around it.
NEAR = ["coordinator", "expert", "waiting", *STRANGERS]

POST_DATA = {
    "reason": "x",
    "title": "x",
    "attendance": "no_show",
    "details": "x",
    "consent": "on",
    "needs": "sign_language",
}


def _scenarios(tw) -> dict[str, list[dict]]:
    """The arguments of each page: the world's session, course, participant's registration,
    certificate batch, allowed region, offer token and both export formats."""
    session = {"pk": tw.session.pk}
    registration = {"pk": tw.registration.pk}
    course = {"slug": tw.course.slug}
    return {
        "catalogue": [{}],
        "course": [course],
        "session": [session],
        "register": [session],
        "mine": [{}],
        "registration": [registration],
        "cancel": [registration],
        "offer": [{"token": svc.offer_token(tw.offered)}],
        "session_ics": [session],
        "manage": [{}],
        "course_create": [{}],
        "course_edit": [course],
        "session_create": [course],
        "session_edit": [session],
        "session_cancel": [session],
        "participants": [session],
        "attendance_sheet": [session],
        "check_in": [session],
        "statistics": [{}],
        "export": [{"fmt": "csv"}, {"fmt": "xlsx"}],
        "region": [{"slug": tw.region.slug}],
        "certificate": [registration],
        "certificates_issue": [session],
        "certificate_batch": [{"pk": tw.batch.pk}],
        "feedback": [registration],
        "session_feedback": [session],
        "course_feedback": [course],
        "feedback_export": [course],
    }


def _urls(tw) -> list[tuple[str, str]]:
    scenarios = _scenarios(tw)
    urls = []
    for pattern in trainings_urls.urlpatterns:
        name = pattern.name
        assert name in scenarios and name in CONTRACT, (
            f"trainings:{name} is new: add a scenario for it to {__name__} "
            "(its arguments in _scenarios and who may open it in PUBLIC/SIGNED_IN/TOKEN/"
            "TRAINERS/REFUSED)"
        )
        for kwargs in scenarios[name]:
            expected = set(pattern.pattern.converters)
            assert set(kwargs) == expected, f"{name}: teach this test the arguments {expected}"
            urls.append((name, reverse(f"trainings:{name}", kwargs=kwargs)))
    return urls


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _last_audit() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_every_page_of_the_contract_exists(tw):
    names = {pattern.name for pattern in trainings_urls.urlpatterns}
    assert CONTRACT - names == set(), "pages of the contract not (yet) in trainings.urls"


@pytest.mark.parametrize("who", STRANGERS)
def test_strangers_are_refused_everything_about_the_session_and_write_nothing(client, tw, who):
    person = getattr(tw, who)
    client.force_login(person)
    urls = _urls(tw)
    last = _last_audit()
    leaks = []
    for name, url in urls:
        response = client.get(url)
        status = response.status_code
        body = _body(response)
        if name in REFUSED or (name in TRAINERS and who != "other_trainer"):
            assert status in (403, 404), (who, name, "GET", status)
        elif name in PUBLIC or name in TRAINERS or name == "mine":
            assert status == 200, (who, name, "GET", status)
        for secret in (SECRET_NEEDS, ONLINE_LINK, PARTICIPANT_NAME, tw.participant.email):
            if secret.encode() in body:
                leaks.append((name, "GET", secret))
        if name in TOKEN:
            # Whoever holds the link may answer the offer: that is the link's purpose.
            continue
        response = client.post(url, POST_DATA)
        status = response.status_code
        if name in REFUSED or name in PUBLIC or (name in TRAINERS and who != "other_trainer"):
            assert status in (403, 404, 405), (who, name, "POST", status)
        body = _body(response)
        for secret in (SECRET_NEEDS, ONLINE_LINK, PARTICIPANT_NAME, tw.participant.email):
            if secret.encode() in body:
                leaks.append((name, "POST", secret))
    assert leaks == []
    assert list(AuditEntry.objects.filter(pk__gt=last).values_list("action", flat=True)) == []
    # Nothing changed: the stranger is not registered, the participant keeps the seat and
    # the attendance, the offer is still open.
    assert not Registration.objects.filter(user=person).exists()
    tw.registration.refresh_from_db()
    assert tw.registration.status == Registration.Status.CONFIRMED
    assert tw.registration.attendance == Registration.Attendance.PRESENT
    tw.offered.refresh_from_db()
    assert tw.offered.status == Registration.Status.OFFERED


@pytest.mark.parametrize("who", NEAR)
def test_only_the_organisers_ever_read_the_needs(client, tw, who):
    client.force_login(getattr(tw, who))
    leaks = []
    for name, url in _urls(tw):
        for method in ("get", "post"):
            if method == "post" and name in TOKEN:
                continue
            response = getattr(client, method)(url, POST_DATA if method == "post" else None)
            body = _body(response)
            if SECRET_NEEDS.encode() in body:
                leaks.append((name, method, "needs"))
            if ONLINE_LINK.encode() in body:
                leaks.append((name, method, "online link"))
    assert leaks == []
    assert not AuditEntry.objects.filter(action="training_needs_viewed").exists()


def test_a_fellow_participant_sees_nothing_of_the_others(client, tw):
    """Someone with a seat in the same session (who did not come) gets the session's calendar
    file, but nobody's registration, certificate, questionnaire, needs or name; and no
    certificate of their own, as they were not there."""
    client.force_login(tw.peer)
    last = _last_audit()
    leaks = []
    for name, url in _urls(tw):
        response = client.get(url)
        if name in REFUSED - {"session_ics"}:
            assert response.status_code in (403, 404), (name, response.status_code)
        body = _body(response)
        for secret in (SECRET_NEEDS, PARTICIPANT_NAME, tw.participant.email):
            if secret.encode() in body:
                leaks.append((name, "GET", secret))
        if name in TOKEN:
            continue
        response = client.post(url, POST_DATA)
        if name in REFUSED:
            assert response.status_code in (403, 404, 405), (name, "POST", response.status_code)
        body = _body(response)
        for secret in (SECRET_NEEDS, PARTICIPANT_NAME, tw.participant.email):
            if secret.encode() in body:
                leaks.append((name, "POST", secret))
    assert leaks == []
    assert list(AuditEntry.objects.filter(pk__gt=last).values_list("action", flat=True)) == []
    own = {"pk": tw.peer_registration.pk}
    assert client.get(reverse("trainings:certificate", kwargs=own)).status_code == 404
    assert client.get(reverse("trainings:registration", kwargs=own)).status_code == 200
    tw.registration.refresh_from_db()
    assert tw.registration.status == Registration.Status.CONFIRMED


def test_the_organisers_do_read_the_needs(client, tw):
    """The counterpart of the walks above: the needs are on the organisers' page, so their
    absence elsewhere means something."""
    url = reverse("trainings:participants", args=[tw.session.pk])
    for organiser in tw.organisers:
        client.force_login(organiser)
        response = client.get(url)
        assert response.status_code == 200
        assert SECRET_NEEDS in response.content.decode()


@pytest.mark.parametrize("who", ["staff", "trainer"])
def test_every_page_that_shows_the_needs_to_an_organiser_audits_the_reading(client, tw, who):
    client.force_login(getattr(tw, who))
    shown = []
    for name, url in _urls(tw):
        before = AuditEntry.objects.filter(action="training_needs_viewed").count()
        body = _body(client.get(url))
        after = AuditEntry.objects.filter(action="training_needs_viewed").count()
        if SECRET_NEEDS.encode() in body:
            shown.append(name)
            assert after == before + 1, f"{name} shows the needs without an audit entry"
    assert "participants" in shown


def test_anonymous_people_are_sent_to_sign_in_except_on_public_pages(client, tw):
    login = reverse("account_login")
    for name, url in _urls(tw):
        response = client.get(url)
        body = _body(response)
        if name in PUBLIC:
            assert response.status_code == 200, name
            for secret in (SECRET_NEEDS, ONLINE_LINK, PARTICIPANT_NAME, tw.participant.email):
                assert secret.encode() not in body, (name, secret)
            continue
        if name in TOKEN:
            assert response.status_code == 200, name
            assert SECRET_NEEDS.encode() not in body, name
            assert ONLINE_LINK.encode() not in body, name
            continue
        assert response.status_code == 302, (name, response.status_code)
        assert response.url.startswith(login), name
        response = client.post(url, POST_DATA)
        assert response.status_code in (302, 405), (name, "POST", response.status_code)
        if response.status_code == 302:
            assert response.url.startswith(login), (name, "POST")
    assert not AuditEntry.objects.filter(action="training_needs_viewed").exists()


def test_the_participant_sees_the_online_room_and_the_public_does_not(client, tw):
    url = reverse("trainings:session", args=[tw.session.pk])
    assert ONLINE_LINK not in client.get(url).content.decode()
    client.force_login(tw.participant)
    assert ONLINE_LINK in client.get(url).content.decode()


@pytest.mark.parametrize(
    "status",
    [Registration.Status.CANCELLED, Registration.Status.WAITING, Registration.Status.EXPIRED],
)
def test_without_a_seat_neither_the_online_room_nor_the_calendar_file(client, tw, status):
    Registration.objects.filter(pk=tw.registration.pk).update(
        status=status, waiting_since=tw.registration.confirmed_at
    )
    client.force_login(tw.participant)
    page = client.get(reverse("trainings:session", args=[tw.session.pk]))
    assert page.status_code == 200
    assert ONLINE_LINK not in page.content.decode()
    ics = client.get(reverse("trainings:session_ics", args=[tw.session.pk]))
    assert ics.status_code in (403, 404)
    assert ONLINE_LINK.encode() not in _body(ics)
