"""The application form: drafts by step, edit conflicts, uploads, expired sessions, refusals."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inklusiv.applications import services
from inklusiv.applications.models import Answers, Attachment, Concept, Partner
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from tests.factories import ApplicationFactory, MembershipFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


@pytest.fixture
def draft():
    membership = MembershipFactory()
    application = ApplicationFactory(organisation=membership.organisation)
    return application, membership.user


def _url(application, key):
    return reverse("applications:step", args=[application.pk, key])


def _concept(revision, goals="Barrierefreie Freizeit für alle"):
    return {
        "revision": revision,
        "starting_situation": "Kaum Angebote für Jugendliche mit Behinderung.",
        "goals": goals,
        "fields_of_action": ["leisure"],
        "approach": "Runder Tisch",
        "expected_network": "Vereine",
    }


def test_each_step_saves_a_draft_and_leads_on(client, draft):
    application, member = draft
    client.force_login(member)
    response = client.post(
        _url(application, "space"),
        {
            "revision": 0,
            "kind": "city",
            "name": "Neuruppin",
            "state": "BB",
            "population": "31.000",
            "ags": "12068320",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("applications:partners", args=[application.pk])
    application.social_space.refresh_from_db()
    assert application.social_space.population == 31000
    assert AuditEntry.objects.filter(action="application_social_space_saved").count() == 1


def test_bad_input_is_explained_in_german_and_kept(client, draft):
    application, member = draft
    client.force_login(member)
    response = client.post(
        _url(application, "space"),
        {
            "revision": 0,
            "kind": "city",
            "name": "Neuruppin",
            "state": "BB",
            "population": "viele",
            "ags": "1234",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Es gibt ein Problem" in page
    assert "8 Ziffern" in page
    assert 'value="Neuruppin"' in page
    assert 'value="viele"' in page


def test_second_save_of_the_same_step_is_told_about_the_conflict(client, draft):
    application, first = draft
    second = UserFactory()
    application.organisation.memberships.create(user=second)
    Concept.objects.create(application=application, **{**_concept(0), "revision": 1})
    one, two = client, client.__class__()
    one.force_login(first)
    two.force_login(second)
    # Both loaded the step at revision 1.
    assert (
        one.post(_url(application, "concept"), _concept(1, "Text von Person A")).status_code == 302
    )
    response = two.post(_url(application, "concept"), _concept(1, "Text von Person B"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Text von Person A" in page  # what was saved in between is shown
    assert "Text von Person B" in page  # and the second person's text is still in the form
    assert Concept.objects.get(application=application).goals == "Text von Person A"
    # Saving again on purpose goes through: the form now carries the new revision.
    assert 'name="revision" value="2"' in page
    assert (
        two.post(_url(application, "concept"), _concept(2, "Text von Person B")).status_code == 302
    )
    assert Concept.objects.get(application=application).goals == "Text von Person B"


def _partner(**extra):
    return {
        "revision": 0,
        "name": "Stadt Neuruppin",
        "sector": "administration",
        "kind": "municipal_administration",
        "contact_name": "Jens Winter",
        "role": "Bauamt",
        **extra,
    }


def test_executable_renamed_to_pdf_is_refused_and_not_stored(client, draft, settings):
    application, member = draft
    client.force_login(member)
    upload = SimpleUploadedFile("absichtserklaerung.pdf", ELF, content_type="application/pdf")
    response = client.post(
        reverse("applications:partner_add", args=[application.pk]), _partner(letter=upload)
    )
    assert response.status_code == 200
    assert "absichtserklaerung.pdf" in response.content.decode()
    assert "kein PDF" in response.content.decode()
    assert Attachment.objects.count() == 0
    assert Partner.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_oversize_file_is_refused_with_the_limit(client, draft, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    application, member = draft
    client.force_login(member)
    upload = SimpleUploadedFile("brief.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    response = client.post(
        reverse("applications:partner_add", args=[application.pk]), _partner(letter=upload)
    )
    assert response.status_code == 200
    assert "höchstens 1,0" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_a_real_pdf_is_stored_and_only_members_download_it(client, draft):
    application, member = draft
    client.force_login(member)
    upload = SimpleUploadedFile("absichtserklaerung.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("applications:partner_add", args=[application.pk]), _partner(letter=upload)
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert Partner.objects.get().letter_of_intent == attachment
    url = reverse("applications:attachment", args=[application.pk, attachment.pk])
    assert b"".join(client.get(url).streaming_content) == PDF
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_stage_questions_are_asked_and_required(client, draft):
    application, member = draft
    question = QuestionFactory(stage=application.stage, kind="long_text", max_length=50)
    client.force_login(member)
    url = _url(application, f"questions-{application.stage.pk}")
    response = client.get(url)
    assert question.label_de in response.content.decode()
    response = client.post(url, {"revision": 0, question.key: "x" * 51})
    assert "höchstens 50 Zeichen" in response.content.decode()
    response = client.post(url, {"revision": 0, question.key: "Weil alle mitmachen."})
    assert response.status_code == 302
    assert application.answer_sets.get().data == {question.key: "Weil alle mitmachen."}


def test_input_posted_after_the_session_expired_is_kept(client, draft):
    application, member = draft
    url = _url(application, "concept")
    response = client.post(url, _concept(0, "Nach dem Ablauf getippt"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(member)  # logging in keeps the session's data
    page = client.get(url).content.decode()
    assert "Nach dem Ablauf getippt" in page
    assert not Concept.objects.filter(application=application).exists()


def test_outsiders_see_nothing(client, draft):
    application, _member = draft
    client.force_login(UserFactory())
    for url in [
        reverse("applications:overview", args=[application.pk]),
        _url(application, "contact"),
        reverse("applications:partners", args=[application.pk]),
        reverse("applications:review", args=[application.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(_url(application, "concept"), _concept(0))
    assert response.status_code == 404
    assert not Concept.objects.exists()


def test_saving_a_partner_that_someone_removed_meanwhile_is_explained(draft):
    application, member = draft
    partner = Partner.objects.create(application=application, **_partner(revision=1))
    stale = Partner.objects.get(pk=partner.pk)
    partner.delete()
    with pytest.raises(DomainError) as refused:
        services.save_partner(
            actor=member,
            application=application,
            partner=stale,
            revision=1,
            **{name: _partner()[name] for name in services.PARTNER_FIELDS if name in _partner()},
            contact_email="",
        )
    assert "inzwischen entfernt" in str(refused.value)
    assert Partner.objects.count() == 0


def test_a_start_date_in_the_past_is_refused_and_the_other_answers_kept(client, draft):
    application, member = draft
    start = QuestionFactory(
        stage=application.stage,
        kind="date",
        label_de="Ab wann kann die Netzwerkkoordination beginnen?",
        date_bound="from_today",
        position=1,
    )
    since = QuestionFactory(
        stage=application.stage,
        kind="date",
        label_de="Seit wann arbeiten die Partner zusammen?",
        date_bound="until_today",
        position=2,
    )
    role = QuestionFactory(stage=application.stage, kind="short_text", position=3)
    client.force_login(member)
    url = _url(application, f"questions-{application.stage.pk}")
    today = timezone.localdate()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        url,
        {
            "revision": 0,
            start.key: yesterday,
            since.key: "2014-03-01",
            role.key: "Netzwerkkoordinatorin im Rathaus",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bitte geben Sie heute" in page
    assert today.strftime("%d.%m.%Y") in page
    assert f'href="#id_{start.key}"' in page  # the error summary links to the field
    assert f'value="{yesterday}"' in page  # what was typed stays
    assert 'value="Netzwerkkoordinatorin im Rathaus"' in page
    assert not Answers.objects.filter(application=application).exists()

    # Today is fine for a start; a "since" in the future is refused the other way round.
    response = client.post(
        url,
        {
            "revision": 0,
            start.key: today.isoformat(),
            since.key: (today + datetime.timedelta(days=1)).isoformat(),
            role.key: "Netzwerkkoordinatorin im Rathaus",
        },
    )
    assert response.status_code == 200
    assert f'href="#id_{since.key}"' in response.content.decode()
    assert f'href="#id_{start.key}"' not in response.content.decode()

    response = client.post(
        url,
        {
            "revision": 0,
            start.key: today.isoformat(),
            since.key: "2014-03-01",
            role.key: "Netzwerkkoordinatorin im Rathaus",
        },
    )
    assert response.status_code == 302
    answers = Answers.objects.get(application=application)
    assert answers.data[start.key] == today.isoformat()


def test_a_date_question_without_a_bound_takes_any_date(client, draft):
    application, member = draft
    question = QuestionFactory(stage=application.stage, kind="date")
    client.force_login(member)
    response = client.post(
        _url(application, f"questions-{application.stage.pk}"),
        {"revision": 0, question.key: "2001-01-01"},
    )
    assert response.status_code == 302
