"""The survey builder's and the distribution's pages in Chromium, in German and English: no
axe-core violation (WCAG 2.2 AA), the question form also with its error summary, and the
question form works by keyboard without JavaScript."""

import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.evaluation.models import Question, Survey
from tests.browser.conftest import axe_violations, log_in

from .conftest import make_responses, make_survey

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _url(name, args, language):
    with translation.override(language):
        return reverse(name, args=args)


def test_the_builder_pages_have_no_axe_violations(browser, live_server, eworld, survey):
    draft = make_survey(eworld, status=Survey.Status.DRAFT, slug="entwurf")
    make_responses(survey, eworld.region, [{"behinderung": 1}] * 7)
    make_responses(survey, eworld.other_region, [{"behinderung": 2}] * 2)
    section = draft.sections.last()
    problems = []
    for language in ("de", "en"):
        context = browser.new_context(base_url=live_server.url, bypass_csp=True)
        try:
            log_in(context, live_server, eworld.evaluator)
            page = context.new_page()
            pages = [
                ("evaluation:surveys", []),
                ("evaluation:survey", [survey.slug]),
                ("evaluation:survey", [draft.slug]),
                ("evaluation:survey_edit", [draft.slug]),
                ("evaluation:survey_transition", [survey.slug, "close"]),
                ("evaluation:survey_transition", [draft.slug, "open"]),
                ("evaluation:survey_copy", [survey.slug]),
                ("evaluation:section_add", [draft.slug]),
                ("evaluation:section_delete", [section.pk]),
                ("evaluation:question_add", [section.pk]),
                ("evaluation:question_edit", [section.questions.last().pk]),
                ("evaluation:survey_distribution", [survey.slug]),
                ("evaluation:invitations_remind", [survey.slug]),
            ]
            for name, args in pages:
                path = _url(name, args, language)
                response = page.goto(path)
                if response.status >= 400:
                    problems.append(f"{path}: HTTP {response.status}")
                    continue
                problems += axe_violations(page)
            # the question form with a validation error: its summary and marked fields
            page.goto(_url("evaluation:question_add", [section.pk], language))
            page.fill("#id_code", "1 falsch")
            page.fill("#id_choice_0_code", "3")
            page.click("#question-form-label")
            page.wait_for_selector(".error-summary")
            problems += axe_violations(page)
        finally:
            context.close()
    assert problems == []


def test_a_question_is_added_by_keyboard_without_javascript(browser, live_server, eworld):
    draft = make_survey(eworld, status=Survey.Status.DRAFT, slug="entwurf")
    section = draft.sections.last()
    condition = Question.objects.get(section__survey=draft, code="behinderung")
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, java_script_enabled=False
    )
    try:
        log_in(context, live_server, eworld.evaluator)
        page = context.new_page()
        page.goto(_url("evaluation:question_add", [section.pk], "de"))
        page.check("#id_kind_2")  # Likert
        page.fill("#id_code", "einst2")
        page.fill("#id_text", "Ich fühle mich in meinem Ort willkommen.")
        page.check(f"input[name=show_if_values][value='{condition.pk}:1']")
        page.focus("#question-form-label")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/umfragen/{draft.slug}/")
    finally:
        context.close()
    question = Question.objects.get(section__survey=draft, code="einst2")
    assert question.choices.count() == 5
    assert question.show_if_question == condition and question.show_if_values == [1]
