"""The region's own pages: list, start, overview, settings, phase, members."""

import pytest
from django.urls import reverse

from inklusiv.applications.models import Status
from inklusiv.core.models import AuditEntry
from inklusiv.pilots.models import Phase, PilotRegion, RegionMember

from ..factories import ApplicationFactory, complete


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_staff_start_a_region_from_a_selected_application(client, world):
    application = complete(ApplicationFactory())
    application.status = Status.SELECTED
    application.save(update_fields=["status"])
    client.force_login(world.staff)
    listing = client.get(reverse("pilots:list"))
    assert reverse("pilots:start", args=[application.pk]) in listing.content.decode()
    url = reverse("pilots:start", args=[application.pk])
    data = {
        "funding_start": "2017-03-01",
        "funding_end": "2017-02-01",
        "approved_amount": "700000",
        "expert": world.expert.pk,
        "coach": world.coach.pk,
    }
    response = client.post(url, data)
    # Both mistakes are named, and what was entered stays in the form.
    assert response.status_code == 200
    page = response.content.decode()
    assert "600" in page and 'value="2017-02-01"' in page
    data.update(funding_end="2019-02-28", approved_amount="550000")
    response = client.post(url, data)
    region = PilotRegion.objects.get(application=application)
    assert response.status_code == 302
    assert response.url == reverse("pilots:region", args=[region.slug])
    assert region.phase == Phase.PLANNING


@pytest.mark.parametrize("who", ["expert", "coach", "coordinator", "outsider"])
def test_only_staff_may_open_the_start_page(client, world, who):
    application = complete(ApplicationFactory())
    application.status = Status.SELECTED
    application.save(update_fields=["status"])
    response = _get(client, getattr(world, who), reverse("pilots:start", args=[application.pk]))
    assert response.status_code == 404


def test_region_list_shows_only_ones_own_regions(client, world):
    from .conftest import make_region

    other = make_region(world.staff, world.expert, world.other_coach, name="Rostock")
    page = _get(client, world.coach, reverse("pilots:list")).content.decode()
    assert world.region.name in page and other.name not in page
    page = _get(client, world.other_coach, reverse("pilots:list")).content.decode()
    assert other.name in page and "Neuruppin" not in page
    page = _get(client, world.staff, reverse("pilots:list")).content.decode()
    assert "Neuruppin" in page and "Rostock" in page
    # Someone with no region learns nothing, not even that regions exist.
    assert _get(client, world.outsider, reverse("pilots:list")).status_code == 404


def test_overview_hides_the_amount_from_members(client, world):
    url = reverse("pilots:region", args=[world.region.slug])
    assert "480.000,00" in _get(client, world.expert, url).content.decode()
    page = _get(client, world.coordinator, url).content.decode()
    assert "Neuruppin" in page
    assert "480.000,00" not in page


def test_phase_change_page_keeps_the_reason_and_writes_history(client, world):
    url = reverse("pilots:phase", args=[world.region.slug])
    client.force_login(world.expert)
    response = client.post(url, {"new_phase": "implementation", "reason": ""})
    assert response.status_code == 200
    response = client.post(url, {"new_phase": "implementation", "reason": "Konzept beschlossen"})
    assert response.status_code == 302
    world.region.refresh_from_db()
    assert world.region.phase == Phase.IMPLEMENTATION
    page = client.get(reverse("pilots:region", args=[world.region.slug])).content.decode()
    assert "Konzept beschlossen" in page


def test_members_page_adds_and_invites_a_person(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("pilots:members", args=[world.region.slug])
    client.force_login(world.expert)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"email": "neu@region.example", "name": "Nele Neu", "role": "editor"}
        )
    assert response.status_code == 302
    member = RegionMember.objects.get(region=world.region, user__email="neu@region.example")
    assert member.role == RegionMember.Role.EDITOR
    assert any("neu@region.example" in message.to for message in mailoutbox)
    assert AuditEntry.objects.filter(action="pilot_member_added").exists()
    # The same role twice is refused with a message, not an error page.
    response = client.post(url, {"email": "neu@region.example", "name": "", "role": "editor"})
    assert response.status_code == 200
    # A coordinator sees the members but may not add any.
    client.force_login(world.coordinator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "x@region.example", "name": "X", "role": "reader"})
    assert response.status_code == 403


def test_settings_refuse_the_coach_and_members(client, world):
    url = reverse("pilots:settings", args=[world.region.slug])
    assert _get(client, world.coach, url).status_code == 403
    assert _get(client, world.coordinator, url).status_code == 403
    assert _get(client, world.other_coach, url).status_code == 404
    assert _get(client, world.expert, url).status_code == 200


def test_expert_cannot_hand_the_region_to_another_expert(client, world):
    from ..factories import make_user

    other = make_user("programme_expert", email="hahn@inklusiv.example", name="Dr. Ulrike Hahn")
    url = reverse("pilots:settings", args=[world.region.slug])
    client.force_login(world.expert)
    client.post(
        url,
        {
            "funding_start": "2017-03-01",
            "funding_end": "2019-02-28",
            "approved_amount": "480000.00",
            "expert": other.pk,
            "coach": world.coach.pk,
        },
    )
    world.region.refresh_from_db()
    assert world.region.expert == world.expert


def test_removing_a_role_asks_first_and_keeps_the_reason(client, world):
    member = RegionMember.objects.get(region=world.region, user=world.reader)
    url = reverse("pilots:member_remove", args=[world.region.slug, member.pk])
    client.force_login(world.expert)
    members_page = client.get(reverse("pilots:members", args=[world.region.slug])).content
    assert url in members_page.decode()
    # A POST without the page's confirmation only shows the question.
    response = client.post(url, {"reason": "Umzug"})
    assert response.status_code == 200
    assert RegionMember.objects.filter(pk=member.pk).exists()
    from inklusiv.core.confirmation import token

    response = client.post(
        url, {"reason": "Umzug", "confirm": token("remove-region-member", [member.pk])}
    )
    assert response.status_code == 302
    assert not RegionMember.objects.filter(pk=member.pk).exists()
    entry = AuditEntry.objects.get(action="pilot_member_removed")
    assert entry.reason == "Umzug"
    # The coach may not remove anyone.
    other = RegionMember.objects.get(region=world.region, user=world.editor)
    client.force_login(world.coach)
    url = reverse("pilots:member_remove", args=[world.region.slug, other.pk])
    assert client.get(url).status_code == 403


def test_the_selected_application_offers_staff_to_start_its_region(client, world):
    application = complete(ApplicationFactory())
    application.status = Status.SELECTED
    application.save(update_fields=["status"])
    client.force_login(world.staff)
    page = client.get(reverse("applications:staff_detail", args=[application.pk])).content
    assert reverse("pilots:start", args=[application.pk]) in page.decode()
    # Once started, the application leads to its region instead.
    page = client.get(reverse("applications:staff_detail", args=[world.region.application.pk]))
    assert reverse("pilots:region", args=[world.region.slug]) in page.content.decode()
