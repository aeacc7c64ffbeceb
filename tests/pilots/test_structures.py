"""The structures of a region: one steering group, working groups of the region's actors,
meetings with minutes, documents uploaded with the intake's checks and downloaded with a
record; and who is refused what."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.pilots.models import Actor, Group, GroupMeeting, RegionDocument
from inklusiv.pilots.services import structures

from ..confirmations import post_from_page
from ..factories import berlin
from .conftest import make_region

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(name="Kooperationsvereinbarung.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def actors(region):
    return list(Actor.objects.filter(region=region).order_by("name"))


def steering_group(world, **kwargs):
    return structures.create_group(
        actor=world.coordinator,
        region=world.region,
        kind=Group.Kind.STEERING,
        name="Steuerungsgruppe Neuruppin",
        members=actors(world.region),
        **kwargs,
    )


def upload(world, *, title="Kooperationsvereinbarung", file=None):
    return structures.upload_document(
        actor=world.coordinator,
        region=world.region,
        kind=RegionDocument.Kind.COOPERATION_AGREEMENT,
        title=title,
        upload=file or pdf(),
    )


# --- services -------------------------------------------------------------------------------


def test_a_region_has_one_steering_group_only(world):
    group = steering_group(world)
    assert set(group.members.all()) == set(actors(world.region))
    with pytest.raises(DomainError) as refused:
        steering_group(world)
    assert refused.value.field == "kind"
    assert Group.objects.filter(region=world.region, kind=Group.Kind.STEERING).count() == 1
    # Working groups are as many as the region needs.
    for name in ("AG Arbeit", "AG Wohnen"):
        structures.create_group(
            actor=world.editor, region=world.region, kind=Group.Kind.WORKING, name=name
        )
    assert Group.objects.filter(region=world.region, kind=Group.Kind.WORKING).count() == 2


def test_members_of_a_group_are_actors_of_the_same_region(world):
    other = make_region(world.staff, world.expert, world.coach, name="Rostock")
    stranger = Actor.objects.filter(region=other).first()
    with pytest.raises(DomainError) as refused:
        structures.create_group(
            actor=world.coordinator,
            region=world.region,
            kind=Group.Kind.WORKING,
            name="AG Mobilität",
            members=[stranger],
        )
    assert refused.value.field == "members"
    group = structures.create_group(
        actor=world.coordinator, region=world.region, kind=Group.Kind.WORKING, name="AG Mobilität"
    )
    with pytest.raises(DomainError):
        structures.update_group(actor=world.coordinator, group=group, data={"members": [stranger]})
    assert not group.members.exists()


def test_update_group_records_what_changed(world):
    group = structures.create_group(
        actor=world.coordinator, region=world.region, kind=Group.Kind.WORKING, name="AG Freizeit"
    )
    members = actors(world.region)[:1]
    structures.update_group(
        actor=world.coach,
        group=group,
        data={"topic": "Inklusive Sportvereine", "spokesperson": "Anja Roth", "members": members},
    )
    group.refresh_from_db()
    assert group.topic == "Inklusive Sportvereine"
    assert list(group.members.all()) == members
    entry = AuditEntry.objects.get(action="pilot_group_updated")
    assert entry.after == {
        "topic": "Inklusive Sportvereine",
        "spokesperson": "Anja Roth",
        "members": [members[0].pk],
    }
    with pytest.raises(DomainError):
        structures.update_group(actor=world.coach, group=group, data={"kind": Group.Kind.STEERING})


def test_meetings_with_minutes_for_both_kinds_of_group(world):
    steering = steering_group(world)
    working = structures.create_group(
        actor=world.coordinator, region=world.region, kind=Group.Kind.WORKING, name="AG Wohnen"
    )
    for group in (steering, working):
        meeting = structures.record_meeting(
            actor=world.coordinator,
            group=group,
            held_on=berlin(2017, 4, 5, 17, 0),
            place="Rathaus, Raum 2",
            minutes="Anwesend: alle. Ziele besprochen.",
            decisions="Erste Zielgruppe: Jugendliche.",
        )
        assert meeting.recorded_by == world.coordinator
    meeting = structures.update_meeting(
        actor=world.editor, meeting=meeting, data={"minutes": "Ergänzt."}
    )
    assert GroupMeeting.objects.get(pk=meeting.pk).minutes == "Ergänzt."
    assert AuditEntry.objects.filter(action="pilot_meeting_recorded").count() == 2
    assert AuditEntry.objects.filter(action="pilot_meeting_updated").count() == 1


def test_people_without_the_right_cannot_change_structures(world):
    group = steering_group(world)
    for person in (world.reader, world.steering, world.evaluator, world.other_coach):
        with pytest.raises(PermissionDenied):
            structures.create_group(
                actor=person, region=world.region, kind=Group.Kind.WORKING, name="AG X"
            )
        with pytest.raises(PermissionDenied):
            structures.record_meeting(actor=person, group=group, held_on=berlin(2017, 5, 1, 10))
        with pytest.raises(PermissionDenied):
            structures.upload_document(
                actor=person,
                region=world.region,
                kind=RegionDocument.Kind.OTHER,
                title="X",
                upload=pdf(),
            )
    assert not RegionDocument.objects.exists()


def test_upload_keeps_the_document_and_deletion_removes_its_file(
    world, django_capture_on_commit_callbacks
):
    document = upload(world)
    assert document.content_type == "application/pdf"
    assert document.original_name == "Kooperationsvereinbarung.pdf"
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        structures.delete_document(actor=world.coach, document=document)
    assert not RegionDocument.objects.exists()
    assert not storage.exists(name)
    assert AuditEntry.objects.filter(action="pilot_document_deleted").exists()


def test_upload_checks_refuse_a_fake_pdf(world, tmp_path):
    fake = pdf(content=b"MZ\x90\x00 this is an executable, not a PDF" * 10)
    with pytest.raises(DomainError) as refused:
        upload(world, file=fake)
    assert refused.value.field == "upload"
    assert not RegionDocument.objects.exists()
    stored = tmp_path / "media" / "pilots"
    assert not stored.exists() or not any(path.is_file() for path in stored.rglob("*"))


# --- pages ----------------------------------------------------------------------------------


def url(name, world, *args):
    return reverse(f"pilots:{name}", args=[world.region.slug, *args])


def test_structures_page_shows_groups_meetings_coordination_and_documents(world, client):
    steering = steering_group(world, spokesperson="Bürgermeisterin Weber")
    structures.record_meeting(
        actor=world.coordinator,
        group=steering,
        held_on=berlin(2017, 4, 5, 17, 0),
        place="Rathaus",
        decisions="Erste Zielgruppe: Jugendliche.",
    )
    working = structures.create_group(
        actor=world.coordinator,
        region=world.region,
        kind=Group.Kind.WORKING,
        name="AG Barrierefreiheit",
        topic="Barrierefreie Innenstadt",
        spokesperson="Jan Peters",
        members=actors(world.region)[:2],
    )
    structures.record_meeting(
        actor=world.coordinator, group=working, held_on=berlin(2017, 6, 1, 18, 0)
    )
    upload(world)
    client.force_login(world.reader)
    page = client.get(url("structures", world)).content.decode()
    for text in (
        "Steuerungsgruppe Neuruppin",
        "Bürgermeisterin Weber",
        "Erste Zielgruppe: Jugendliche.",
        "AG Barrierefreiheit",
        "Barrierefreie Innenstadt",
        "Jan Peters",
        "Coordinator Person",  # the network coordinator
        "Kooperationsvereinbarung",
        "01.06.2017",  # the working group's last meeting
    ):
        assert text in page, text
    # A reader sees no edit links.
    assert url("group_add", world) not in page
    assert url("document_upload", world) not in page


def test_structures_page_keeps_its_queries_with_more_groups(
    world, client, django_assert_max_num_queries
):
    client.force_login(world.coordinator)
    steering_group(world)
    upload(world)
    client.get(url("structures", world))
    with django_assert_max_num_queries(20) as few:
        client.get(url("structures", world))
    for number in range(8):
        group = structures.create_group(
            actor=world.coordinator,
            region=world.region,
            kind=Group.Kind.WORKING,
            name=f"AG {number}",
            members=actors(world.region),
        )
        structures.record_meeting(
            actor=world.coordinator, group=group, held_on=berlin(2017, 5, 1 + number, 10)
        )
        upload(world, title=f"Dokument {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("structures", world))


def test_coordinator_founds_a_group_and_records_a_meeting_through_the_pages(world, client):
    client.force_login(world.coordinator)
    member = actors(world.region)[0]
    response = client.post(
        url("group_add", world),
        {"kind": "steering", "name": "Steuerungsgruppe", "members": [member.pk]},
    )
    group = Group.objects.get(region=world.region)
    assert response.status_code == 302
    assert response["Location"] == url("group", world, group.pk)
    # A second steering group is refused on the form, with what was typed kept.
    response = client.post(url("group_add", world), {"kind": "steering", "name": "Zweite SG"})
    assert response.status_code == 400
    assert "Zweite SG" in response.content.decode()
    assert "only one" in response.content.decode() or "nur eine" in response.content.decode()
    response = client.post(
        url("meeting_add", world, group.pk),
        {
            "held_date": "2017-04-05",
            "held_time": "17:00",
            "place": "Rathaus",
            "minutes": "Protokoll der ersten Sitzung",
            "decisions": "",
        },
    )
    assert response.status_code == 302
    meeting = GroupMeeting.objects.get(group=group)
    assert meeting.held_on == berlin(2017, 4, 5, 17, 0)
    response = client.post(
        url("meeting_edit", world, meeting.pk),
        {"held_date": "2017-04-05", "held_time": "18:00", "place": "Rathaus", "minutes": "Neu"},
    )
    assert response.status_code == 302
    page = client.get(url("group", world, group.pk)).content.decode()
    assert "Neu" in page and "Rathaus" in page


def test_document_upload_refuses_a_fake_pdf_on_the_page(world, client):
    client.force_login(world.editor)
    fake = pdf(content=b"GIF89a not really a pdf at all" * 5)
    response = client.post(
        url("document_upload", world),
        {"kind": "cooperation_agreement", "title": "Vereinbarung", "upload": fake},
    )
    assert response.status_code == 400
    assert "Vereinbarung" in response.content.decode()  # the title is kept
    assert not RegionDocument.objects.exists()


def test_download_is_an_attachment_and_audited(world, client):
    document = upload(world)
    client.force_login(world.reader)
    response = client.get(url("document", world, document.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    entry = AuditEntry.objects.get(action="pilot_document_downloaded")
    assert entry.actor == world.reader


def test_download_refused_for_another_regions_coach_and_outsiders(world, client):
    document = upload(world)
    for person in (world.other_coach, world.outsider, world.applicant):
        client.force_login(person)
        assert client.get(url("document", world, document.pk)).status_code == 404
    assert not AuditEntry.objects.filter(action="pilot_document_downloaded").exists()
    client.logout()
    response = client.get(url("document", world, document.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_document_of_another_region_is_not_found_through_this_one(world, client):
    other = make_region(world.staff, world.expert, world.coach, name="Rostock")
    foreign = structures.upload_document(
        actor=world.coach, region=other, kind="other", title="Fremd", upload=pdf()
    )
    client.force_login(world.coordinator)
    assert client.get(url("document", world, foreign.pk)).status_code == 404
    assert client.get(url("document_delete", world, foreign.pk)).status_code == 404


def test_deleting_a_document_asks_first(world, client):
    document = upload(world)
    client.force_login(world.coordinator)
    # A POST without the confirmation only shows the question.
    response = client.post(url("document_delete", world, document.pk))
    assert response.status_code == 200
    assert RegionDocument.objects.filter(pk=document.pk).exists()
    response = post_from_page(client, url("document_delete", world, document.pk))
    assert response.status_code == 302
    assert not RegionDocument.objects.filter(pk=document.pk).exists()


@pytest.fixture
def edit_urls(world):
    group = steering_group(world)
    meeting = structures.record_meeting(
        actor=world.coordinator, group=group, held_on=berlin(2017, 4, 5, 17)
    )
    document = upload(world)
    return [
        url("group_add", world),
        url("group_edit", world, group.pk),
        url("meeting_add", world, group.pk),
        url("meeting_edit", world, meeting.pk),
        url("document_upload", world),
        url("document_delete", world, document.pk),
    ]


def read_urls(world, edit_urls):
    group = Group.objects.get(region=world.region)
    document = RegionDocument.objects.get(region=world.region)
    return [
        url("structures", world),
        url("group", world, group.pk),
        url("document", world, document.pk),
    ]


def test_reader_reads_but_gets_403_on_every_edit_url(world, client, edit_urls):
    client.force_login(world.reader)
    for address in read_urls(world, edit_urls):
        assert client.get(address).status_code == 200, address
    for address in edit_urls:
        assert client.get(address).status_code == 403, address
        assert client.post(address, {}).status_code == 403, address


@pytest.mark.parametrize("who", ["other_coach", "outsider", "applicant"])
def test_others_get_404_on_every_structures_url(world, client, edit_urls, who):
    client.force_login(getattr(world, who))
    for address in [*read_urls(world, edit_urls), *edit_urls]:
        assert client.get(address).status_code == 404, address


def test_anonymous_is_sent_to_the_login(world, client, edit_urls):
    for address in [*read_urls(world, edit_urls), *edit_urls]:
        response = client.get(address)
        assert response.status_code == 302, address
        assert "login" in response["Location"] or "anmelden" in response["Location"]


def test_every_structures_audit_entry_has_a_label(world):
    from inklusiv.core import audit

    group = steering_group(world)
    meeting = structures.record_meeting(
        actor=world.coordinator, group=group, held_on=berlin(2017, 4, 5, 17)
    )
    structures.update_meeting(actor=world.coordinator, meeting=meeting, data={"place": "Rathaus"})
    structures.update_group(actor=world.coordinator, group=group, data={"topic": "Alles"})
    document = upload(world)
    structures.record_download(actor=world.reader, document=document)
    structures.delete_document(actor=world.coordinator, document=document)
    keys = set(AuditEntry.objects.values_list("action", flat=True))
    assert all(audit.is_registered(key) for key in keys), keys
    audit.unlabelled.clear()
    for language in ("de", "en"):
        with translation.override(language):
            rows = audit.present(
                AuditEntry.objects.filter(action__startswith="pilot_").exclude(
                    action="pilot_region_started"
                ),
                full_text=True,
            )
            for row in rows:
                for change in row.changes:
                    assert "_" not in change.label, change.label
            text = " ".join(
                (change.after or change.before).as_text() for row in rows for change in row.changes
            )
            # Members, meetings and documents are named, not shown as ids.
            assert "Steuerungsgruppe Neuruppin 2017-04-05" in text
            assert "Kooperationsvereinbarung" in text
    assert audit.unlabelled == set(), audit.unlabelled
