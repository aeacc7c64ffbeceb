"""Experts' travel availability and travel base: the services and the page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse as django_reverse
from django.utils import translation

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import ConflictOfInterest
from inklusiv.visits.models import Availability, TravelBase
from inklusiv.visits.services import availability as services
from tests.confirmations import post_confirmed
from tests.factories import berlin, make_user


def reverse(name, args=(), lang="en"):
    with translation.override(lang):
        return django_reverse(name, args=args)


@pytest.fixture
def fresh_expert(visit_round):
    return make_user("programme_expert", email="neu@inklusiv.example", name="Nora Neu")


# --- Services ----------------------------------------------------------------------------


def test_add_and_remove_availability(visit_round, fresh_expert):
    interval = services.add(
        actor=fresh_expert,
        round=visit_round.round,
        starts_at=berlin(2016, 11, 8, 7, 0),
        ends_at=berlin(2016, 11, 8, 20, 0),
        note="mit dem Zug",
    )
    assert interval.user == fresh_expert and interval.note == "mit dem Zug"
    assert AuditEntry.objects.filter(action="availability_added").count() == 1

    services.remove(actor=fresh_expert, availability=interval)
    assert not Availability.objects.filter(user=fresh_expert).exists()
    assert AuditEntry.objects.filter(action="availability_removed").count() == 1


def test_add_refuses_bad_intervals(visit_round, fresh_expert):
    with translation.override("en"):
        with pytest.raises(DomainError, match="after the start") as error:
            services.add(
                actor=fresh_expert,
                round=visit_round.round,
                starts_at=berlin(2016, 11, 8, 20, 0),
                ends_at=berlin(2016, 11, 8, 7, 0),
            )
        assert error.value.field == "ends_at"
        with pytest.raises(DomainError, match="take place between"):
            services.add(
                actor=fresh_expert,
                round=visit_round.round,
                starts_at=berlin(2016, 12, 8, 7, 0),
                ends_at=berlin(2016, 12, 8, 20, 0),
            )
        assert not Availability.objects.filter(user=fresh_expert).exists()


def test_only_experts_add_and_only_their_own_is_removed(visit_round, staff, applicant):
    with pytest.raises(PermissionDenied):
        services.add(
            actor=applicant,
            round=visit_round.round,
            starts_at=berlin(2016, 11, 8, 7, 0),
            ends_at=berlin(2016, 11, 8, 20, 0),
        )
    someone_elses = Availability.objects.filter(user=visit_round.expert).first()
    with pytest.raises(PermissionDenied):
        services.remove(actor=visit_round.second_expert, availability=someone_elses)
    with pytest.raises(PermissionDenied):
        services.remove(actor=staff, availability=someone_elses)
    assert Availability.objects.filter(pk=someone_elses.pk).exists()


def test_travel_base_set_and_validated(visit_round, fresh_expert, applicant):
    base = services.set_travel_base(
        actor=fresh_expert, city="Kassel", latitude=51.3127, longitude=9.4797
    )
    assert (base.city, base.latitude) == ("Kassel", 51.3127)
    services.set_travel_base(actor=fresh_expert, city="Fulda", latitude=50.55, longitude=9.68)
    assert TravelBase.objects.get(user=fresh_expert).city == "Fulda"
    entry = AuditEntry.objects.filter(action="travel_base_set").order_by("pk").last()
    assert entry.before["city"] == "Kassel" and entry.after["city"] == "Fulda"

    with pytest.raises(DomainError) as error:
        services.set_travel_base(actor=fresh_expert, city="X", latitude=95, longitude=9)
    assert error.value.field == "latitude"
    with pytest.raises(DomainError) as error:
        services.set_travel_base(actor=fresh_expert, city=" ", latitude=50, longitude=9)
    assert error.value.field == "city"
    with pytest.raises(PermissionDenied):
        services.set_travel_base(actor=applicant, city="Kassel", latitude=51.3, longitude=9.5)


# --- The page ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["applicant", "staff", "outsider"])
def test_availability_page_forbidden_for_non_experts(client, visit_round, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("visits:availability")).status_code == 403
    interval = Availability.objects.first()
    response = client.post(reverse("visits:availability_delete", args=[interval.pk]))
    assert response.status_code == 403
    assert Availability.objects.filter(pk=interval.pk).exists()


def test_availability_page_lists_own_intervals_per_round(client, visit_round):
    client.force_login(visit_round.expert)
    response = client.get(reverse("visits:availability", lang="de"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zweite Runde mit Vor-Ort-Gespräch" in html
    assert html.count('action="/de/visits/availability/') == 12
    # Another expert's entries are not listed.
    other = Availability.objects.filter(user=visit_round.second_expert).first()
    assert reverse("visits:availability_delete", args=[other.pk], lang="de") not in html


def test_availability_added_and_removed_through_the_page(client, visit_round, fresh_expert):
    client.force_login(fresh_expert)
    url = reverse("visits:availability")
    response = client.post(
        url,
        {
            "action": "add",
            "add-round": visit_round.round.pk,
            "add-starts_at_date": "2016-11-10",
            "add-starts_at_time": "07:30",
            "add-ends_at_date": "2016-11-10",
            "add-ends_at_time": "19:00",
            "add-note": "ab Kassel",
        },
    )
    assert response.status_code == 302
    interval = Availability.objects.get(user=fresh_expert)
    assert (interval.starts_at, interval.ends_at) == (
        berlin(2016, 11, 10, 7, 30),
        berlin(2016, 11, 10, 19, 0),
    )
    html = client.get(url).content.decode()
    assert "ab Kassel" in html

    # Someone else's entry: 404, nothing removed.
    other = Availability.objects.filter(user=visit_round.expert).first()
    response = client.post(reverse("visits:availability_delete", args=[other.pk]))
    assert response.status_code == 404
    assert Availability.objects.filter(pk=other.pk).exists()

    # The first press asks; the entry goes only when confirmed.
    response = client.post(reverse("visits:availability_delete", args=[interval.pk]))
    assert response.status_code == 200
    assert "Remove your availability from" in response.content.decode()
    assert Availability.objects.filter(user=fresh_expert).exists()
    response = post_confirmed(client, reverse("visits:availability_delete", args=[interval.pk]))
    assert response.status_code == 302
    assert not Availability.objects.filter(user=fresh_expert).exists()


def test_availability_page_shows_errors(client, visit_round, fresh_expert):
    client.force_login(fresh_expert)
    response = client.post(
        reverse("visits:availability"),
        {
            "action": "add",
            "add-round": visit_round.round.pk,
            "add-starts_at_date": "2016-11-10",
            "add-starts_at_time": "19:00",
            "add-ends_at_date": "2016-11-10",
            "add-ends_at_time": "07:00",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The end must be after the start." in html
    assert 'href="#id_add-ends_at_date"' in html
    assert not Availability.objects.filter(user=fresh_expert).exists()


def test_travel_base_through_the_page(client, visit_round, fresh_expert):
    client.force_login(fresh_expert)
    url = reverse("visits:availability")
    response = client.post(
        url,
        {"action": "base", "base-city": "Kassel", "base-latitude": "200", "base-longitude": "9"},
    )
    assert response.status_code == 400
    assert 'href="#id_base-latitude"' in response.content.decode()
    assert not TravelBase.objects.exists()
    response = client.post(
        url,
        {
            "action": "base",
            "base-city": "Kassel",
            "base-latitude": "51.3127",
            "base-longitude": "9.4797",
        },
    )
    assert response.status_code == 302
    assert TravelBase.objects.get(user=fresh_expert).city == "Kassel"
    assert 'value="Kassel"' in client.get(url).content.decode()


def test_mine_hides_meetings_of_a_conflicted_expert(client, visit_round):
    first = visit_round.visits[0]
    ConflictOfInterest.objects.create(user=visit_round.expert, application=first.application)
    client.force_login(visit_round.expert)
    html = client.get(reverse("visits:mine")).content.decode()
    assert first.application.reference not in html
    assert visit_round.visits[1].application.reference in html


def test_travel_base_coordinates_come_from_the_postcode(visit_round, fresh_expert):
    base = services.set_travel_base(actor=fresh_expert, city="Kassel", postcode="34117")
    assert (base.postcode, round(base.latitude, 1), round(base.longitude, 1)) == (
        "34117",
        51.3,
        9.5,
    )
    # A typed correction wins over the look-up.
    base = services.set_travel_base(
        actor=fresh_expert, city="Kassel", postcode="34117", latitude=51.3127, longitude=9.4797
    )
    assert (base.latitude, base.longitude) == (51.3127, 9.4797)
    # Moving to another town with the old coordinates left in the form looks them up anew.
    base = services.set_travel_base(
        actor=fresh_expert, city="Fulda", postcode="36037", latitude=51.3127, longitude=9.4797
    )
    assert round(base.latitude, 1) == 50.6


def test_travel_base_with_an_unknown_postcode_says_so(visit_round, fresh_expert):
    with pytest.raises(DomainError) as error:
        services.set_travel_base(actor=fresh_expert, city="Kassel", postcode="00000")
    assert error.value.field == "postcode"
    assert "00000" in str(error.value)
    with pytest.raises(DomainError) as error:
        services.set_travel_base(actor=fresh_expert, city="Atlantis")
    assert error.value.field == "postcode"
    assert not TravelBase.objects.filter(user=fresh_expert).exists()


def test_travel_base_page_looks_up_the_postcode_and_keeps_the_input(
    client, visit_round, fresh_expert
):
    client.force_login(fresh_expert)
    url = reverse("visits:availability")
    response = client.post(url, {"action": "base", "base-city": "Kassel", "base-postcode": "00000"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_base-postcode"' in html
    assert 'value="Kassel"' in html and 'value="00000"' in html
    response = client.post(url, {"action": "base", "base-city": "Kassel", "base-postcode": "34117"})
    assert response.status_code == 302
    assert TravelBase.objects.get(user=fresh_expert).latitude is not None
