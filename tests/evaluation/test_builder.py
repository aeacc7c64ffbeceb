"""The survey builder: services (checks, skip logic, frozen structure, transition table, copy for
the next wave, DGS videos) and its pages (evaluators only; everyone else 404 or login)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.evaluation.models import Draft, PublicLink, Question, Section, Survey
from inklusiv.evaluation.services import surveys as services
from tests.evaluation.conftest import make_survey

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = (
    b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
    b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02" + b"\x00" * 64
)


def _draft(eworld, **extra):
    return services.create_survey(
        actor=eworld.evaluator,
        data={
            "title": "Fragebogen zur Fortbildung",
            "kind": Survey.Kind.MEASURE,
            "regions": [eworld.region],
            "min_group_size": 5,
            **extra,
        },
    )


def _question(section, actor, code, kind=Question.Kind.SINGLE, choices=None, **data):
    if choices is None and kind == Question.Kind.SINGLE:
        choices = [(1, "ja", "Ja"), (2, "nein", "Nein")]
    return services.add_question(
        actor=actor,
        section=section,
        data={"code": code, "kind": kind, "text": f"Frage {code}?", **data},
        choices=choices,
    )


@pytest.fixture
def built(eworld):
    survey = _draft(eworld)
    first = services.add_section(actor=eworld.evaluator, survey=survey, title="Über Sie")
    second = services.add_section(actor=eworld.evaluator, survey=survey, title="Meinung")
    condition = _question(first, eworld.evaluator, "behinderung")
    return survey, first, second, condition


# --- services ------------------------------------------------------------------------------


def test_a_new_survey_is_a_draft_with_an_address_from_its_title(eworld):
    survey = _draft(eworld)
    assert survey.status == Survey.Status.DRAFT
    assert survey.slug == "fragebogen-zur-fortbildung"
    assert list(survey.regions.all()) == [eworld.region]
    again = _draft(eworld)
    assert again.slug == "fragebogen-zur-fortbildung-2"
    assert AuditEntry.objects.filter(action="evaluation_survey_created").count() == 2


def test_reserved_addresses_are_numbered(eworld):
    survey = services.create_survey(
        actor=eworld.evaluator, data={"title": "Neu", "regions": [eworld.region]}
    )
    assert survey.slug == "neu-2"


def test_only_evaluators_and_staff_build_surveys(eworld):
    for person in (eworld.coordinator, eworld.reader, eworld.outsider, eworld.expert):
        with pytest.raises(PermissionDenied):
            _draft(eworld, title="x") if False else services.create_survey(
                actor=person, data={"title": "x", "regions": [eworld.region]}
            )
    assert services.create_survey(
        actor=eworld.staff, data={"title": "Von der Geschäftsstelle", "regions": [eworld.region]}
    )


def test_a_survey_needs_a_title_a_region_and_a_sensible_k(eworld):
    with pytest.raises(DomainError) as error:
        _draft(eworld, title=" ")
    assert error.value.field == "title"
    with pytest.raises(DomainError) as error:
        _draft(eworld, regions=[])
    assert error.value.field == "regions"
    with pytest.raises(DomainError) as error:
        _draft(eworld, min_group_size=2)
    assert error.value.field == "min_group_size"
    with pytest.raises(DomainError) as error:
        _draft(eworld, opens_on=datetime.date(2026, 5, 1), closes_on=datetime.date(2026, 4, 1))
    assert error.value.field == "closes_on"


def test_a_likert_question_without_options_gets_the_five_standard_points(built, eworld):
    _survey, first, _second, _condition = built
    question = _question(first, eworld.evaluator, "einst1", kind=Question.Kind.LIKERT)
    labels = list(question.choices.order_by("value").values_list("value", "label", "label_easy"))
    assert [value for value, _label, _easy in labels] == [1, 2, 3, 4, 5]
    assert labels[0][1] == "stimme gar nicht zu" and labels[-1][1] == "stimme voll zu"
    assert all(easy for _value, _label, easy in labels)


@pytest.mark.parametrize(
    ("code", "field"),
    [("1abc", "code"), ("mit leerzeichen", "code"), ("a" * 33, "code"), ("and", "code")],
)
def test_variable_names_must_be_valid_for_spss(built, eworld, code, field):
    _survey, first, _second, _condition = built
    with pytest.raises(DomainError) as error:
        _question(first, eworld.evaluator, code)
    assert error.value.field == field


def test_variable_names_are_unique_within_a_survey(built, eworld):
    _survey, _first, second, _condition = built
    with pytest.raises(DomainError) as error:
        _question(second, eworld.evaluator, "Behinderung")
    assert error.value.field == "code"


def test_choice_questions_need_two_distinct_labelled_options(built, eworld):
    _survey, first, _second, _condition = built
    for choices in (
        [(1, "ja", "")],
        [(1, "ja", ""), (1, "nein", "")],
        [(1, "ja", ""), (2, "", "")],
    ):
        with pytest.raises(DomainError) as error:
            _question(first, eworld.evaluator, "frage", choices=choices)
        assert error.value.field == "choices"
    with pytest.raises(DomainError):
        _question(
            first, eworld.evaluator, "zahl", kind=Question.Kind.NUMBER, choices=[(1, "a", "")]
        )
    with pytest.raises(DomainError) as error:
        _question(
            first, eworld.evaluator, "zahl", kind=Question.Kind.NUMBER, number_min=10, number_max=5
        )
    assert error.value.field == "number_max"


def test_skip_logic_depends_on_a_choice_question_of_an_earlier_section(built, eworld):
    _survey, first, second, condition = built
    question = _question(
        second, eworld.evaluator, "barriere", show_if_question=condition, show_if_values=[1]
    )
    assert question.show_if_question == condition and question.show_if_values == [1]
    # the same section: its answers are not known while it is shown
    with pytest.raises(DomainError) as error:
        _question(first, eworld.evaluator, "gleich", show_if_question=condition, show_if_values=[1])
    assert error.value.field == "show_if_question"
    # a value that is not one of its options
    with pytest.raises(DomainError) as error:
        _question(
            second, eworld.evaluator, "falsch", show_if_question=condition, show_if_values=[7]
        )
    assert error.value.field == "show_if_values"
    # no values
    with pytest.raises(DomainError) as error:
        _question(second, eworld.evaluator, "leer", show_if_question=condition, show_if_values=[])
    assert error.value.field == "show_if_values"
    # a number question cannot decide
    number = _question(first, eworld.evaluator, "alter", kind=Question.Kind.NUMBER)
    with pytest.raises(DomainError) as error:
        _question(second, eworld.evaluator, "zahl", show_if_question=number, show_if_values=[1])
    assert error.value.field == "show_if_question"


def test_a_question_others_depend_on_cannot_lose_their_options_or_be_removed(built, eworld):
    _survey, _first, second, condition = built
    _question(second, eworld.evaluator, "barriere", show_if_question=condition, show_if_values=[1])
    with pytest.raises(DomainError):
        services.update_question(
            actor=eworld.evaluator,
            question=condition,
            data={},
            choices=[(2, "nein", ""), (3, "x", "")],
        )
    with pytest.raises(DomainError):
        services.remove_question(actor=eworld.evaluator, question=condition)
    with pytest.raises(DomainError):
        services.remove_section(actor=eworld.evaluator, section=condition.section)


def test_updating_a_question_keeps_or_replaces_its_options_and_is_audited(built, eworld):
    _survey, _first, _second, condition = built
    services.update_question(actor=eworld.evaluator, question=condition, data={"text": "Neu?"})
    condition.refresh_from_db()
    assert condition.text == "Neu?" and condition.choices.count() == 2
    services.update_question(
        actor=eworld.evaluator,
        question=condition,
        data={},
        choices=[(1, "ja", ""), (2, "nein", ""), (9, "keine Angabe", "")],
    )
    assert condition.choices.count() == 3
    assert AuditEntry.objects.filter(action="evaluation_question_updated").count() == 2


def test_the_structure_is_frozen_once_the_survey_is_open(eworld, survey):
    section = survey.sections.first()
    question = Question.objects.get(section__survey=survey, code="alter")
    attempts = [
        lambda: services.add_section(actor=eworld.evaluator, survey=survey, title="Mehr"),
        lambda: services.update_section(
            actor=eworld.evaluator, section=section, data={"title": "x"}
        ),
        lambda: services.remove_section(actor=eworld.evaluator, section=section),
        lambda: _question(section, eworld.evaluator, "neu"),
        lambda: services.update_question(
            actor=eworld.evaluator, question=question, data={"text": "x"}
        ),
        lambda: services.remove_question(actor=eworld.evaluator, question=question),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as error:
            attempt()
        assert "nicht mehr geändert werden" in str(error.value)
    # settings that decide who is asked and how answers are kept stay as they are
    with pytest.raises(DomainError):
        services.update_survey(actor=eworld.evaluator, survey=survey, data={"anonymous": False})
    with pytest.raises(DomainError):
        services.update_survey(
            actor=eworld.evaluator, survey=survey, data={"regions": [eworld.region]}
        )
    with pytest.raises(DomainError):
        services.update_survey(actor=eworld.evaluator, survey=survey, data={"min_group_size": 3})
    services.update_survey(
        actor=eworld.evaluator, survey=survey, data={"title": "Neuer Titel", "min_group_size": 10}
    )
    survey.refresh_from_db()
    assert survey.title == "Neuer Titel" and survey.min_group_size == 10


def test_opening_needs_a_question_and_creates_a_public_link_per_region(built, eworld):
    empty = _draft(eworld, title="Leer")
    with pytest.raises(DomainError):
        services.transition(actor=eworld.evaluator, survey=empty, to="open")
    survey, *_ = built
    services.update_survey(
        actor=eworld.evaluator,
        survey=survey,
        data={"regions": [eworld.region, eworld.other_region]},
    )
    opened = services.transition(actor=eworld.evaluator, survey=survey, to="open")
    assert opened.status == Survey.Status.OPEN and opened.opened_at
    links = PublicLink.objects.filter(survey=survey)
    assert {link.region for link in links} == {eworld.region, eworld.other_region}
    assert all(len(link.token) >= 40 for link in links)
    assert AuditEntry.objects.filter(action="evaluation_survey_opened").count() == 1


def test_the_transition_table(eworld, built, survey):
    draft, *_ = built
    refused = [(draft, "close"), (survey, "open"), (survey, "draft")]
    for target, to in refused:
        with pytest.raises(DomainError):
            services.transition(actor=eworld.evaluator, survey=target, to=to)
    Draft.objects.create(
        survey=survey, region=eworld.region, token_hash="x" * 64, updated_on=datetime.date.today()
    )
    closed = services.transition(actor=eworld.evaluator, survey=survey, to="close")
    assert closed.status == Survey.Status.CLOSED
    assert not Draft.objects.filter(survey=survey).exists()
    with pytest.raises(DomainError):
        services.transition(actor=eworld.evaluator, survey=survey, to="close")
    reopened = services.transition(actor=eworld.evaluator, survey=survey, to="open")
    assert reopened.status == Survey.Status.OPEN
    # reopening keeps the links people already have
    assert PublicLink.objects.filter(survey=survey, token__endswith="oeffentlich-0").exists()
    assert set(
        AuditEntry.objects.filter(object_id=str(survey.pk)).values_list("action", flat=True)
    ) >= {"evaluation_survey_closed", "evaluation_survey_reopened"}


def test_a_copy_for_the_next_wave_remaps_the_skip_logic(eworld, survey):
    copy = services.copy_survey(
        actor=eworld.evaluator, survey=survey, title="Einstellungen 2019", wave=2019
    )
    assert copy.status == Survey.Status.DRAFT and copy.wave == 2019 and copy.slug != survey.slug
    assert copy.anonymous == survey.anonymous and copy.min_group_size == survey.min_group_size
    assert copy.series == survey.series
    assert set(copy.regions.all()) == set(survey.regions.all())
    assert not copy.public_links.exists()
    old = {q.code: q for q in Question.objects.filter(section__survey=survey)}
    new = {q.code: q for q in Question.objects.filter(section__survey=copy)}
    assert old.keys() == new.keys()
    assert new["barriere"].show_if_question == new["behinderung"]
    assert new["barriere"].show_if_values == [1]
    assert list(new["einst1"].choices.values_list("value", "label")) == list(
        old["einst1"].choices.values_list("value", "label")
    )
    assert [s.title for s in Section.objects.filter(survey=copy)] == ["Über Sie", "Ihre Meinung"]
    # the copy can be changed while the original stays frozen
    _question(Section.objects.filter(survey=copy).first(), eworld.evaluator, "neu")


def test_a_sign_language_video_must_be_mp4_or_webm(built, eworld, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _survey, first, _second, _condition = built
    question = _question(
        first,
        eworld.evaluator,
        "mitvideo",
        sign_video=SimpleUploadedFile("frage.mp4", MP4, content_type="video/mp4"),
    )
    assert question.sign_video.name.startswith("evaluation/dgs/")
    for name, content in (("frage.mp4", b"%PDF-1.4 nothing"), ("frage.pdf", MP4), ("f.webm", MP4)):
        with pytest.raises(DomainError) as error:
            _question(
                first,
                eworld.evaluator,
                "kaputt",
                sign_video=SimpleUploadedFile(name, content, content_type="video/mp4"),
            )
        assert error.value.field == "sign_video"
    _question(first, eworld.evaluator, "webm", sign_video=SimpleUploadedFile("f.webm", WEBM))


def test_a_video_larger_than_200_mb_is_refused(built, eworld, monkeypatch):
    _survey, first, _second, _condition = built
    upload = SimpleUploadedFile("frage.mp4", MP4, content_type="video/mp4")
    upload.size = services.VIDEO_MAX_BYTES + 1
    with pytest.raises(DomainError) as error:
        _question(first, eworld.evaluator, "gross", sign_video=upload)
    assert "200" in str(error.value)


# --- pages ---------------------------------------------------------------------------------


def _urls(survey):
    section = survey.sections.first()
    question = section.questions.first()
    return [
        reverse("evaluation:surveys"),
        reverse("evaluation:survey_add"),
        reverse("evaluation:survey", args=[survey.slug]),
        reverse("evaluation:survey_edit", args=[survey.slug]),
        reverse("evaluation:survey_transition", args=[survey.slug, "close"]),
        reverse("evaluation:survey_copy", args=[survey.slug]),
        reverse("evaluation:section_add", args=[survey.slug]),
        reverse("evaluation:section_edit", args=[section.pk]),
        reverse("evaluation:section_delete", args=[section.pk]),
        reverse("evaluation:question_add", args=[section.pk]),
        reverse("evaluation:question_edit", args=[question.pk]),
        reverse("evaluation:question_delete", args=[question.pk]),
        reverse("evaluation:question_video", args=[question.pk]),
        reverse("evaluation:survey_distribution", args=[survey.slug]),
        reverse("evaluation:invitations_remind", args=[survey.slug]),
    ]


@pytest.mark.parametrize(
    "role", ["coordinator", "reader", "outsider", "expert", "coach", "steering"]
)
def test_everyone_but_the_evaluators_gets_404_on_every_builder_page(client, eworld, survey, role):
    client.force_login(getattr(eworld, role))
    for url in _urls(survey):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"confirm": "x"}).status_code in (404, 405), url


def test_anonymous_visitors_are_sent_to_log_in(client, survey):
    for url in _urls(survey):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_the_evaluator_sees_every_builder_page(client, eworld, survey):
    client.force_login(eworld.evaluator)
    for url in _urls(survey):
        if url.endswith("/video/"):
            continue
        response = client.get(url)
        assert response.status_code in (200, 302), url


def test_the_survey_page_shows_the_structure_and_the_condition_in_words(client, eworld, survey):
    client.force_login(eworld.evaluator)
    html = client.get(reverse("evaluation:survey", args=[survey.slug])).content.decode()
    assert "Leben Sie mit einer Behinderung?" in html
    assert "„Leben Sie mit einer Behinderung?“ = ja" in html
    assert "Über Sie" in html and "Ihre Meinung" in html
    assert "einst1" in html


def test_the_survey_list_hides_small_response_counts(client, eworld, survey):
    from tests.evaluation.conftest import make_responses

    make_responses(survey, eworld.region, [{"behinderung": 1}] * 3)
    client.force_login(eworld.evaluator)
    with_language = {"HTTP_ACCEPT_LANGUAGE": "de"}
    html = client.get(reverse("evaluation:surveys"), **with_language).content.decode()
    assert "weniger als 5" in html or "fewer than 5" in html


def test_create_a_survey_section_and_question_through_the_pages(client, eworld):
    client.force_login(eworld.evaluator)
    response = client.post(
        reverse("evaluation:survey_add"),
        {
            "title": "Nachbefragung",
            "kind": "measure",
            "regions": [eworld.region.pk],
            "anonymous": "on",
            "min_group_size": 5,
        },
    )
    survey = Survey.objects.get(title="Nachbefragung")
    assert response.status_code == 302
    client.post(reverse("evaluation:section_add", args=[survey.slug]), {"title": "Teil 1"})
    client.post(reverse("evaluation:section_add", args=[survey.slug]), {"title": "Teil 2"})
    first, second = Section.objects.filter(survey=survey)
    response = client.post(
        reverse("evaluation:question_add", args=[first.pk]),
        {
            "kind": "single",
            "code": "teilgenommen",
            "text": "Haben Sie teilgenommen?",
            "choice_0_label": "ja",
            "choice_1_label": "nein",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    condition = Question.objects.get(code="teilgenommen")
    assert list(condition.choices.values_list("value", "label")) == [(1, "ja"), (2, "nein")]
    response = client.post(
        reverse("evaluation:question_add", args=[second.pk]),
        {
            "kind": "likert",
            "code": "zufrieden",
            "text": "Ich war zufrieden.",
            "show_if_values": [f"{condition.pk}:1"],
        },
    )
    assert response.status_code == 302
    likert = Question.objects.get(code="zufrieden")
    assert likert.choices.count() == 5
    assert likert.show_if_question == condition and likert.show_if_values == [1]


def test_the_question_form_shows_service_errors_in_the_summary(client, eworld, survey):
    draft = make_survey(eworld, status=Survey.Status.DRAFT, slug="entwurf")
    section = draft.sections.last()
    client.force_login(eworld.evaluator)
    response = client.post(
        reverse("evaluation:question_add", args=[section.pk]),
        {
            "kind": "single",
            "code": "behinderung",
            "text": "Doppelt?",
            "choice_0_label": "a",
            "choice_1_label": "b",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and "behinderung" in html


def test_opening_and_closing_are_confirmed_on_their_own_page(client, eworld, survey):
    client.force_login(eworld.evaluator)
    url = reverse("evaluation:survey_transition", args=[survey.slug, "close"])
    # a POST without the page's confirmation only shows the question
    assert client.post(url).status_code == 200
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    page = client.get(url)
    token = page.context["confirmation"].token
    assert client.post(url, {"confirm": token}).status_code == 302
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED
    # a transition the table does not know has no page
    assert (
        client.get(reverse("evaluation:survey_transition", args=[survey.slug, "close"])).status_code
        == 404
    )


def test_the_video_is_served_to_evaluators(client, eworld, survey, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = make_survey(eworld, status=Survey.Status.DRAFT, slug="mit-video")
    question = _question(
        draft.sections.first(),
        eworld.evaluator,
        "video",
        sign_video=SimpleUploadedFile("frage.mp4", MP4),
    )
    client.force_login(eworld.evaluator)
    response = client.get(reverse("evaluation:question_video", args=[question.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "video/mp4"
    assert b"".join(response.streaming_content) == MP4


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_and_the_survey_page_keep_a_fixed_number_of_queries(client, eworld, survey):
    client.force_login(eworld.evaluator)
    list_url = reverse("evaluation:surveys")
    survey_url = reverse("evaluation:survey", args=[survey.slug])
    few = _queries(client, list_url), _queries(client, survey_url)
    for number in range(4):
        make_survey(eworld, slug=f"weitere-{number}")
    for number in range(3):
        services_section = Section.objects.create(survey=survey, title=f"Mehr {number}", order=5)
        Question.objects.create(
            section=services_section, code=f"mehr{number}", kind=Question.Kind.TEXT, text="?"
        )
    assert (_queries(client, list_url), _queries(client, survey_url)) == few
