"""The respondents' pages with Django's client: start, sections, errors with everything kept,
Leichte Sprache, saving for later, sending, and the headers that keep the token private."""

import pytest
from django.urls import reverse

from inklusiv.evaluation.models import Draft, Response, Survey

from .answer_fixtures import PUBLIC, english  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def start(client, query=""):
    url = reverse("evaluation:answer_start", args=[PUBLIC])
    first = client.get(url + query)
    assert first.status_code == 200 and first["Referrer-Policy"] == "strict-origin"
    response = client.post(url, {"leicht": "1" if "leicht=1" in query else "0"})
    assert response.status_code == 302
    assert response["Referrer-Policy"] == "strict-origin"
    return response["Location"]


def test_start_redirects_to_the_resume_link_with_private_headers(client, survey):
    url = start(client)
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "strict-origin" and "no-store" in page["Cache-Control"]
    assert "Einstellungen zur Inklusion 2017" in html
    assert "<progress" in html and "Part 1 of 2" in html
    assert "Leben Sie mit einer Behinderung?" in html
    assert "<legend" in html
    assert url in html  # the address to bookmark is shown
    assert "Save this address to continue later" in html


def test_an_empty_required_answer_shows_one_error_summary_and_keeps_the_rest(client, survey):
    url = start(client)
    page = client.post(url, {"alter": "33", "action": "next"})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("data-error-summary") == 1
    assert 'href="#q-behinderung-0"' in html
    assert "Please choose an answer." in html
    assert 'value="33"' in html
    assert "<title>Error:" in html


def test_through_the_survey_to_the_thanks_page(client, survey):
    url = start(client)
    page = client.post(url, {"behinderung": "1", "alter": "40", "action": "next"})
    assert page.status_code == 302
    html = client.get(url).content.decode()
    assert "Welche Barriere trifft Sie am meisten?" in html
    assert "Part 2 of 2" in html and 'value="submit"' in html
    page = client.post(
        url, {"einst1": "5", "orte": ["1", "2"], "barriere": "1", "action": "submit"}
    )
    assert page.status_code == 302
    assert page["Location"] == reverse("evaluation:answer_thanks", args=[survey.slug])
    thanks = client.get(page["Location"])
    assert "Thank you for your answers" in thanks.content.decode()
    assert Response.objects.count() == 1 and not Draft.objects.exists()
    # The second tab: the link is used up.
    again = client.post(url, {"einst1": "5", "action": "submit"})
    assert again.status_code == 404


def test_no_barrier_question_after_no(client, survey):
    url = start(client)
    client.post(url, {"behinderung": "2", "action": "next"})
    assert "Welche Barriere" not in client.get(url).content.decode()


def test_back_keeps_the_answers(client, survey):
    url = start(client)
    client.post(url, {"behinderung": "2", "alter": "70", "action": "next"})
    client.post(url, {"einst1": "3", "action": "back"})
    html = client.get(url).content.decode()
    assert 'value="70"' in html and "Part 1 of 2" in html
    client.post(url, {"behinderung": "2", "alter": "70", "action": "next"})
    html = client.get(url).content.decode()
    assert 'value="3" id="q-einst1-2" checked' in html


def test_save_for_later_shows_the_resume_address(client, survey):
    url = start(client)
    page = client.post(url, {"alter": "55", "action": "later"})
    assert page.status_code == 302
    saved = client.get(page["Location"])
    html = saved.content.decode()
    assert "Your answers are saved" in html and url in html
    assert 'value="55"' in client.get(url).content.decode()


def test_leichte_sprache_switch(client, survey):
    url = start(client)
    token = url.rstrip("/").rsplit("/", 1)[-1]
    page = client.post(reverse("evaluation:answer_language", args=[token]), {"easy": "1"})
    assert page.status_code == 302
    html = client.get(url).content.decode()
    assert "Was denken Sie über Inklusion?" in html
    assert "Haben Sie eine Behinderung?" in html and "ja (leicht)" in html
    client.post(reverse("evaluation:answer_language", args=[token]), {"easy": "0"})
    assert "Leben Sie mit einer Behinderung?" in client.get(url).content.decode()


def test_start_in_leichte_sprache(client, survey):
    url = start(client, "?leicht=1")
    assert "Haben Sie eine Behinderung?" in client.get(url).content.decode()


def test_a_closed_survey_says_so(client, survey):
    url = start(client)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    page = client.get(url)
    assert page.status_code == 410 and "ended" in page.content.decode()
    page = client.get(reverse("evaluation:answer_start", args=[PUBLIC]))
    assert page.status_code == 410


def test_the_page_holds_no_link_to_another_survey(client, survey):
    url = start(client)
    html = client.get(url).content.decode()
    assert "/evaluation/umfragen" not in html
    assert "oeffentlich-1" not in html


def test_the_sign_language_video_is_shown_and_served_for_the_link_only(
    client, survey, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from inklusiv.evaluation.models import Question

    settings.MEDIA_ROOT = tmp_path
    question = Question.objects.get(code="behinderung")
    question.sign_video.save("behinderung.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"))
    url = start(client)
    token = url.rstrip("/").rsplit("/", 1)[-1]
    video = reverse("evaluation:answer_video", args=[token, question.pk])
    html = client.get(url).content.decode()
    assert f'<video controls preload="none" src="{video}"' in html
    assert f'<a href="{video}">' in html
    served = client.get(video)
    assert served.status_code == 200 and served["Content-Type"] == "video/mp4"
    assert served["Referrer-Policy"] == "strict-origin"
    alter = Question.objects.get(code="alter")
    assert client.get(reverse("evaluation:answer_video", args=[token, alter.pk])).status_code == 404
