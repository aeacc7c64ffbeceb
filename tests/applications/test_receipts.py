"""The PDF receipt of a submitted version (content, language, fonts, footer, tagging) and the
e-mails that go with submitting, withdrawing and the funder's messages."""

import datetime
import io

import pytest
from django.core import mail
from django.utils import translation
from pypdf import PdfReader

from inklusiv.applications import content
from inklusiv.applications.models import (
    Answers,
    Application,
    Concept,
    Message,
    Partner,
    SocialSpace,
    Status,
    Version,
)
from inklusiv.applications.receipts import (
    font_face_css,
    page_counter_content,
    render_receipt,
    vendored_fonts,
)
from inklusiv.calls.models import Call, Initiative, Question, Stage
from inklusiv.core.mail import send_templated_mail
from tests.factories import OrganisationFactory, UserFactory, berlin

pytestmark = pytest.mark.django_db

ORGANISATION = "Jugendförderverein Neuruppin & Umgebung e.V."
PARTNER = "Lebenshilfe Ostprignitz-Ruppin e.V."
STARTING_SITUATION = (
    "Viele Wege in der Altstadt sind für Rollstühle zu steil.\n"
    "Ältere Menschen meiden die Fußgängerzone; Übergänge fehlen."
)
ANSWER = "Weil der Behindertenbeirat seit 2014 mitarbeitet."
SITE_URL = "https://inklusiv.example"


def _in(language: str, text: str, **values) -> str:
    """`text` as the catalog translates it into `language` (the source until translated)."""
    with translation.override(language):
        translated = translation.gettext(text)
    return translated % values if values else translated


@pytest.fixture
def version():
    initiative = Initiative.objects.create(
        name="Kommune Inklusiv", slug="kommune-inklusiv", funder="Aktion Mensch e.V."
    )
    call = Call.objects.create(
        initiative=initiative,
        slug="aufruf-2016",
        title_de="Kommune Inklusiv – Aufruf 2016",
        title_en="Inclusive Municipality – call 2016",
        summary_de="Gesucht: Sozialräume, die inklusiv werden wollen.",
        purpose_de="Inklusion vor Ort gemeinsam gestalten.",
        eligibility_de="Träger mit Partnern aus allen Sektoren.",
        reference_prefix="KI",
        reference_year=2016,
        is_published=True,
    )
    stage = Stage.objects.create(
        call=call,
        position=1,
        name_de="Interessenbekundung",
        name_en="Expression of interest",
        opens_at=berlin(2016, 2, 1, 0, 0),
        closes_at=berlin(2016, 3, 31, 23, 59),
    )
    question = Question.objects.create(
        stage=stage,
        kind=Question.Kind.LONG_TEXT,
        label_de="Warum ist Ihr Sozialraum der richtige Ort?",
        label_en="Why is your social space the right place?",
    )
    application = Application.objects.create(
        call=call,
        organisation=OrganisationFactory(name=ORGANISATION),
        stage=stage,
        status=Status.SUBMITTED,
        reference="KI-2016-0007",
        contact_name="Katrin Lehmann",
        contact_email="k.lehmann@jugendarbeit-neuruppin.example",
    )
    SocialSpace.objects.create(
        application=application, kind="city", name="Neuruppin", state="BB", population=31000
    )
    Concept.objects.create(
        application=application,
        starting_situation=STARTING_SITUATION,
        goals="Alle Jugendlichen können an Freizeitangeboten teilnehmen.",
        fields_of_action=["leisure", "mobility"],
        approach="Runder Tisch mit Vereinen, Schulen und der Stadtverwaltung.",
        expected_network="Sportvereine, Volkshochschule, Behindertenbeirat.",
    )
    for name in ("Stadt Neuruppin", PARTNER):
        Partner.objects.create(
            application=application,
            name=name,
            sector="civil_society",
            kind="association",
            contact_name="Jens Winter",
            role="Beratung zu Barrierefreiheit",
        )
    Answers.objects.create(application=application, stage=stage, data={question.key: ANSWER})
    return Version.objects.create(
        application=application,
        stage=stage,
        number=1,
        content=content.build(application),
        submitted_by=UserFactory(name="Katrin Lehmann", email="k.lehmann@verein.example"),
        # 22:59 UTC is 23:59 in Berlin (winter time).
        submitted_at=datetime.datetime(2016, 3, 1, 22, 59, tzinfo=datetime.UTC),
    )


def _receipt(version, language: str) -> PdfReader:
    with translation.override(language):
        return PdfReader(io.BytesIO(render_receipt(version)))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _fonts(reader: PdfReader) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_german_receipt_shows_exactly_what_was_submitted(version):
    reader = _receipt(version, "de")
    text = _text(reader)
    assert "KI-2016-0007" in text
    assert ORGANISATION in text
    assert PARTNER in text
    assert "Stadt Neuruppin" in text
    # Umlauts and ß survive, and the line break the applicant typed is kept.
    assert "Viele Wege in der Altstadt sind für Rollstühle zu steil.\nÄltere Menschen" in text
    assert "Fußgängerzone; Übergänge fehlen." in text
    assert ANSWER in text
    assert "Interessenbekundung" in text
    assert "1. März 2016 23:59" in text  # Berlin time, German date format
    assert "Katrin Lehmann (k.lehmann@verein.example)" in text
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, start=1):
        footer = _in("de", "Page %(page)s of %(pages)s", page=number, pages=pages)
        assert footer in page.extract_text()


def test_german_receipt_is_a_tagged_pdf_in_german_with_the_funder_as_author(version):
    reader = _receipt(version, "de")
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "de"
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.author == "Aktion Mensch e.V."
    assert "KI-2016-0007" in reader.metadata.title
    assert any("Fira-Sans" in font for font in _fonts(reader))


def test_english_receipt_has_english_labels_dates_and_page_footer(version):
    reader = _receipt(version, "en")
    text = _text(reader)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "KI-2016-0007" in text
    assert "Expression of interest" in text
    # A long label wraps inside its column.
    assert "Why is your social space the right place?" in " ".join(text.split())
    assert "1 March 2016, 23:59" in text
    assert "Ältere Menschen" in text
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in reader.pages[0].extract_text()
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()


def test_fonts_are_found_without_collected_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "empty"
    vendored_fonts.cache_clear()
    fonts = vendored_fonts()
    assert sorted(weight for weight, _data in fonts.values()) == [400, 600]
    for url, (_weight, data) in fonts.items():
        assert url.startswith("file:///")
        assert url.endswith(".woff2")
        assert data[:4] == b"\x00\x01\x00\x00"  # decompressed to TrueType once
        assert f"url('{url}')" in font_face_css()


def test_page_footer_is_built_from_one_translatable_sentence():
    with translation.override("en"):
        assert page_counter_content() == '"Page " counter(page) " of " counter(pages)'


@pytest.mark.parametrize(
    ("language", "greeting", "prefix"),
    [("de", "Guten Tag Katrin Lehmann,", "/de/"), ("en", "Hello Katrin Lehmann,", "/en/")],
)
def test_submitted_mail_has_the_receipt_attached_in_the_recipients_language(
    version, language, greeting, prefix
):
    with translation.override(language):
        pdf = render_receipt(version)
    application = version.application
    send_templated_mail(
        template="applications/email/submitted",
        to=["k.lehmann@verein.example"],
        language=language,
        context={
            "application": application,
            "version": version,
            "user": version.submitted_by,
            "site_url": SITE_URL,
        },
        attachments=[("KI-2016-0007.pdf", pdf, "application/pdf")],
    )
    (message,) = mail.outbox
    assert message.subject == _in(
        language, "Your application %(reference)s has been received", reference="KI-2016-0007"
    )
    assert message.body.startswith(greeting)
    assert "KI-2016-0007" in message.body
    assert ORGANISATION in message.body  # plain text is not HTML-escaped
    link = f"{SITE_URL}{prefix}applications/{application.pk}/"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<html lang="{language}">' in html
    assert f'href="{link}"' in html
    assert "Jugendförderverein Neuruppin &amp; Umgebung e.V." in html
    assert message.attachments == [("KI-2016-0007.pdf", pdf, "application/pdf")]
    assert pdf.startswith(b"%PDF-")


def test_mail_links_are_absolute_with_the_configured_site_url(version, settings):
    settings.SITE_URL = "https://inklusiv.example.org"
    send_templated_mail(
        template="applications/email/submitted",
        to=["k.lehmann@verein.example"],
        language="en",
        context={
            "application": version.application,
            "version": version,
            "user": version.submitted_by,
        },
    )
    (message,) = mail.outbox
    link = f"https://inklusiv.example.org/en/applications/{version.application.pk}/"
    assert link in message.body
    assert f'href="{link}"' in message.alternatives[0][0]


@pytest.mark.parametrize("language", ["de", "en"])
def test_withdrawn_mail_confirms_with_the_reason(version, language):
    application = version.application
    application.status = Status.WITHDRAWN
    application.withdrawn_at = berlin(2016, 3, 10, 9, 15)
    application.withdrawal_reason = "Der Vorstand hat anders entschieden.\nWir bewerben uns 2017."
    application.save(update_fields=["status", "withdrawn_at", "withdrawal_reason"])
    actor = UserFactory(name="Katrin Lehmann", language=language)
    send_templated_mail(
        template="applications/email/withdrawn",
        to=["vorstand@verein.example"],
        language=language,
        context={"application": application, "user": actor, "actor": actor, "site_url": SITE_URL},
    )
    (message,) = mail.outbox
    assert message.subject == _in(
        language, "Your application %(reference)s has been withdrawn", reference="KI-2016-0007"
    )
    assert "Der Vorstand hat anders entschieden.\nWir bewerben uns 2017." in message.body
    assert "Katrin Lehmann" in message.body
    html = message.alternatives[0][0]
    assert "Der Vorstand hat anders entschieden.<br>Wir bewerben uns 2017." in html
    assert f"{SITE_URL}/{language}/applications/{application.pk}/" in html


def test_withdrawn_draft_without_reference_names_the_call_in_the_subject(version):
    application = version.application
    application.reference = ""
    application.withdrawn_at = berlin(2016, 3, 10, 9, 15)
    send_templated_mail(
        template="applications/email/withdrawn",
        to=["vorstand@verein.example"],
        language="en",
        context={
            "application": application,
            "user": UserFactory(language="en"),
            "actor": UserFactory(name="Katrin Lehmann"),
        },
    )
    (message,) = mail.outbox
    assert message.subject == (
        "Your application to “Inclusive Municipality – call 2016” has been withdrawn"
    )


@pytest.mark.parametrize(
    ("language", "greeting"), [("de", "Guten Tag Jens Winter,"), ("en", "Hello Jens Winter,")]
)
def test_message_mail_carries_subject_and_body_of_the_funders_message(version, language, greeting):
    application = version.application
    message = Message.objects.create(
        application=application,
        subject="Bitte Unterlagen nachreichen",
        body="Uns fehlt die Absichtserklärung der Stadt.\nBitte bis 15. März schicken.",
    )
    member = UserFactory(name="Jens Winter", language=language)
    send_templated_mail(
        template="applications/email/message",
        to=[member.email],
        language=language,
        context={
            "application": application,
            "message": message,
            "user": member,
            "site_url": SITE_URL,
        },
    )
    (sent,) = mail.outbox
    assert sent.subject == _in(
        language,
        "%(subject)s – your application %(reference)s",
        subject="Bitte Unterlagen nachreichen",
        reference="KI-2016-0007",
    )
    assert sent.body.startswith(greeting)
    assert "Uns fehlt die Absichtserklärung der Stadt.\nBitte bis 15. März schicken." in sent.body
    assert f"{SITE_URL}/{language}/applications/{application.pk}/" in sent.body
    html = sent.alternatives[0][0]
    assert "<h2>Bitte Unterlagen nachreichen</h2>" in html
    assert "Absichtserklärung der Stadt.<br>Bitte bis 15. März schicken." in html
