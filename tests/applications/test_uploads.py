"""Uploads that would unpack to far more than they weigh (zip bombs in office documents,
images with absurd pixel counts) are refused before anything is stored; replaced and removed
files leave the disk once the change is committed, and stay when it is rolled back."""

import io
import random
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from inklusiv.applications import services
from inklusiv.applications.models import Answers, Attachment, Partner
from tests.factories import ApplicationFactory, MembershipFactory, QuestionFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DOCX = "letter.docx"


def _docx(document: bytes | None = None, *, parts: dict | None = None) -> bytes:
    """A zip laid out like a Word document (what the content check recognises as .docx)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", document or b"<w:document>Absichtserkl\xc3\xa4rung</w:document>"
        )
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """About 1 MB that unpacks to 1 GB of zeros, written in chunks (never 1 GB in memory)."""
    buffer = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(1024):
                part.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 2 * 1024 * 1024
    return data


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels: the header only, no real pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _real_png(width=40, height=30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def draft():
    membership = MembershipFactory()
    application = ApplicationFactory(organisation=membership.organisation)
    return application, membership.user


def _partner(**extra):
    return {
        "revision": 0,
        "name": "Stadt Neuruppin",
        "sector": "administration",
        "kind": "municipal_administration",
        "contact_name": "Jens Winter",
        "contact_email": "",
        "role": "Bauamt",
        **extra,
    }


def _post_partner(client, application, upload, **extra):
    return client.post(
        reverse("applications:partner_add", args=[application.pk]),
        _partner(letter=upload, **extra),
    )


def _stored_files(settings) -> list:
    media = settings.MEDIA_ROOT
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


# --- archives and images ----------------------------------------------------------------


def test_a_zip_bomb_in_a_word_document_is_refused_and_the_input_kept(
    client, draft, settings, zip_bomb
):
    application, member = draft
    client.force_login(member)
    response = _post_partner(client, application, SimpleUploadedFile(DOCX, zip_bomb))
    assert response.status_code == 200
    page = response.content.decode()
    assert "letter.docx" in page
    assert "1,0\xa0GB" in page or "1,0 GB" in page  # how large it would unpack
    assert "100,0\xa0MB" in page or "100,0 MB" in page  # and what is accepted
    assert 'value="Stadt Neuruppin"' in page  # what was typed is still there
    assert Partner.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert _stored_files(settings) == []


def test_an_absurd_compression_ratio_is_refused_even_below_the_size_limit(client, draft):
    application, member = draft
    client.force_login(member)
    # 20 MB of zeros pack to about 20 KB: a thousandfold, which no real document does.
    upload = SimpleUploadedFile(DOCX, _docx(bytes(20 * 1024 * 1024)))
    response = _post_partner(client, application, upload)
    assert response.status_code == 200
    assert "ungewöhnliche Weise gepackt" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_a_damaged_office_document_is_refused(client, draft):
    application, member = draft
    client.force_login(member)
    # Looks like a Word document at the start, but the archive's table of contents is gone.
    upload = SimpleUploadedFile(DOCX, _docx()[:200])
    response = _post_partner(client, application, upload)
    assert response.status_code == 200
    assert "beschädigt" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_a_real_word_document_and_image_are_accepted(client, draft):
    application, member = draft
    client.force_login(member)
    words = "Wir unterstützen den Antrag der Stadt Neuruppin mit Rat und Tat".split()
    chooser = random.Random(2016)
    text = "".join(
        f"<w:p>{' '.join(chooser.choices(words, k=12))}.</w:p>" for _ in range(20000)
    ).encode()  # 1.5 MB of text XML, as a long letter with tables might have
    response = _post_partner(client, application, SimpleUploadedFile(DOCX, _docx(text)))
    assert response.status_code == 302
    response = _post_partner(
        client, application, SimpleUploadedFile("foto.png", _real_png()), name="Foto-Partner"
    )
    assert response.status_code == 302
    assert sorted(Attachment.objects.values_list("original_name", flat=True)) == [
        "foto.png",
        "letter.docx",
    ]


def test_an_image_of_30000_by_30000_pixels_is_refused(client, draft, settings):
    application, member = draft
    client.force_login(member)
    upload = SimpleUploadedFile("plan.png", _png_header(30000, 30000))
    response = _post_partner(client, application, upload)
    assert response.status_code == 200
    page = response.content.decode()
    assert "plan.png" in page
    assert "höchstens 40 Millionen Pixel" in page
    assert Attachment.objects.count() == 0
    assert _stored_files(settings) == []


def test_an_image_just_above_the_pixel_limit_is_refused(client, draft):
    # 8000 × 5001 is below Pillow's own bomb warning, so only our limit can catch it.
    application, member = draft
    client.force_login(member)
    response = _post_partner(
        client, application, SimpleUploadedFile("a.png", _png_header(8000, 5001))
    )
    assert response.status_code == 200
    assert "höchstens 40 Millionen Pixel" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_the_service_refuses_a_bomb_too(draft, zip_bomb):
    application, member = draft
    with pytest.raises(services.DomainError):
        services.save_partner(
            actor=member,
            application=application,
            letter=SimpleUploadedFile(DOCX, zip_bomb),
            **{key: value for key, value in _partner().items() if key != "revision"},
        )
    assert Attachment.objects.count() == 0


# --- replaced and removed files -----------------------------------------------------------


def _partner_with_letter(application, member):
    return services.save_partner(
        actor=member,
        application=application,
        letter=SimpleUploadedFile("alt.pdf", PDF),
        **{key: value for key, value in _partner().items() if key != "revision"},
    )


def _replace_letter(application, member, partner):
    return services.save_partner(
        actor=member,
        application=application,
        partner=partner,
        revision=partner.revision,
        letter=SimpleUploadedFile("neu.pdf", PDF + b"% neu\n"),
        **{key: value for key, value in _partner().items() if key != "revision"},
    )


def test_a_replaced_letter_of_intent_leaves_the_disk_after_the_commit(
    draft, settings, django_capture_on_commit_callbacks
):
    application, member = draft
    partner = _partner_with_letter(application, member)
    old_path = partner.letter_of_intent.file.path
    with django_capture_on_commit_callbacks(execute=True):
        partner = _replace_letter(application, member, partner)
    assert partner.letter_of_intent.original_name == "neu.pdf"
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["neu.pdf"]
    assert [str(path) for path in _stored_files(settings)] == [partner.letter_of_intent.file.path]
    assert old_path not in [str(path) for path in _stored_files(settings)]


def test_a_replaced_file_stays_when_the_change_is_rolled_back(draft, settings):
    application, member = draft
    partner = _partner_with_letter(application, member)
    old_path = partner.letter_of_intent.file.path

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        _replace_letter(application, member, partner)
        raise Abort
    partner.refresh_from_db()
    assert partner.letter_of_intent.original_name == "alt.pdf"
    assert old_path in [str(path) for path in _stored_files(settings)]


def test_removing_a_letter_or_its_partner_deletes_the_file(
    draft, settings, django_capture_on_commit_callbacks
):
    application, member = draft
    partner = _partner_with_letter(application, member)
    with django_capture_on_commit_callbacks(execute=True):
        partner = services.save_partner(
            actor=member,
            application=application,
            partner=partner,
            revision=partner.revision,
            remove_letter=True,
            **{key: value for key, value in _partner().items() if key != "revision"},
        )
    assert partner.letter_of_intent is None
    assert _stored_files(settings) == []
    second = _partner_with_letter(application, member)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_partner(actor=member, partner=second)
    assert _stored_files(settings) == []
    assert Attachment.objects.count() == 0


def test_a_replaced_answer_file_leaves_the_disk(
    client, draft, settings, django_capture_on_commit_callbacks
):
    application, member = draft
    question = QuestionFactory(stage=application.stage, kind="file")
    client.force_login(member)
    url = reverse("applications:step", args=[application.pk, f"questions-{application.stage.pk}"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"revision": 0, question.key: SimpleUploadedFile("plan-1.pdf", PDF)})
        client.post(url, {"revision": 1, question.key: SimpleUploadedFile("plan-2.pdf", PDF)})
    answers = Answers.objects.get(application=application)
    current = Attachment.objects.get()
    assert current.original_name == "plan-2.pdf"
    assert answers.data[question.key] == current.pk
    assert [str(path) for path in _stored_files(settings)] == [current.file.path]


def test_a_file_stored_by_a_save_that_conflicts_is_removed_again(draft, settings):
    application, member = draft
    question = QuestionFactory(stage=application.stage, kind="file")
    services.save_answers(
        actor=member,
        application=application,
        stage=application.stage,
        revision=0,
        values={},
        files={question.key: SimpleUploadedFile("plan-1.pdf", PDF)},
    )
    with pytest.raises(services.EditConflict):
        services.save_answers(
            actor=member,
            application=application,
            stage=application.stage,
            revision=0,  # loaded before the first save
            values={},
            files={question.key: SimpleUploadedFile("plan-2.pdf", PDF)},
        )
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["plan-1.pdf"]
    assert len(_stored_files(settings)) == 1
