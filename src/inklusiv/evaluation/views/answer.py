"""The respondents' pages: no account, the link is the key. A survey link (public or personal)
opens a Draft and leads to its resume link; the resume link shows the current section and saves
it. A link opens only its own survey; a wrong or used link answers 404 with a page that says
what to do. Every response carries `Referrer-Policy: strict-origin` and `Cache-Control:
no-store`, so the token in the address reaches neither other sites (nor our own logs as a
Referer) nor a shared computer's cache."""

import mimetypes
from functools import wraps

from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from ..forms.answer import SectionForm
from ..models import Question, Survey
from ..services import answering
from ..services.answering import InvalidAnswers, SurveyNotOpen, UnknownLink

# The buttons of a section: how each moves through the survey.
MOVES = {"back": -1, "next": 1, "later": 0, "submit": 0}


def private(view):
    """No path in the Referer, no cache: the address holds the respondent's key.

    `strict-origin`, not `no-referrer`: under `no-referrer` browsers send `Origin: null` with
    the page's own forms, and Django's CSRF check refuses every POST. `strict-origin` sends
    only the site's origin (never the path with the token), to us and to anyone else."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "strict-origin"
        add_never_cache_headers(response)
        return response

    return wrapped


def _resume_url(request, token) -> str:
    return request.build_absolute_uri(reverse("evaluation:answer", args=[token]))


def _link_invalid(request, message=None, *, status=404):
    return render(
        request, "evaluation/answer/link_invalid.html", {"message": message}, status=status
    )


def _not_open(request, error: SurveyNotOpen, survey=None, easy=False):
    return render(
        request,
        "evaluation/answer/not_open.html",
        {"message": str(error), "survey": survey, "easy": easy},
        status=410 if error.closed else 403,
    )


@private
def answer_start(request, token):
    """The survey's first page: what it is about, then a button that starts it. Only the
    button's POST opens the answers, so a link opened by a mail scanner starts nothing."""
    easy = (request.POST if request.method == "POST" else request.GET).get("leicht") == "1"
    try:
        if request.method != "POST":
            survey = answering.survey_of_link(token)
            return render(request, "evaluation/answer/start.html", {"survey": survey, "easy": easy})
        _draft, resume = answering.start(token=token, easy=easy)
    except SurveyNotOpen as error:
        return _not_open(request, error)
    except UnknownLink as error:
        return _link_invalid(request, str(error))
    return redirect("evaluation:answer", token=resume)


def _texts(draft, pages, position):
    """Titles and introductions in Leichte Sprache where chosen and written."""
    easy = draft.easy
    survey = draft.survey
    texts = {
        "title": survey.title_easy if easy and survey.title_easy else survey.title,
        "intro": survey.intro_easy if easy and survey.intro_easy else survey.intro,
    }
    if position < len(pages):
        section = pages[position].section
        texts["section_title"] = (
            section.title_easy if easy and section.title_easy else section.title
        )
        texts["section_intro"] = (
            section.intro_easy if easy and section.intro_easy else section.intro
        )
    return texts


def _initial(questions, answers):
    initial = {}
    for question in questions:
        value = answers.get(question.code)
        if value is None:
            continue
        initial[question.code] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return initial


def _items(form, questions, easy):
    """What the template needs of each question: its field, texts, choices and ids."""
    items = []
    for question in questions:
        bound = form[question.code]
        value = bound.value()
        selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        hint = question.help_text_easy if easy and question.help_text_easy else question.help_text
        choices = [
            {
                "value": str(choice.value),
                "label": choice.label_easy if easy and choice.label_easy else choice.label,
                "id": f"q-{question.code}-{number}",
                "checked": str(choice.value) in selected,
            }
            for number, choice in enumerate(question.choices.all())
        ]
        items.append(
            {
                "question": question,
                "code": question.code,
                "kind": question.kind,
                "text": bound.label,
                "hint": hint,
                "errors": form.errors.get(question.code),
                "value": "" if value is None or isinstance(value, list | tuple) else value,
                "choices": choices,
                "input_id": f"q-{question.code}-0" if choices else f"q-{question.code}",
                "video": bool(question.sign_video),
            }
        )
    return items


def _render(request, token, draft, pages, position, form=None, *, status=200):
    answers = draft.data
    survey = draft.survey
    context = {
        "token": token,
        "draft": draft,
        "survey": survey,
        "easy": draft.easy,
        "resume_url": _resume_url(request, token),
        "at_end": position >= len(pages),
        **_texts(draft, pages, position),
    }
    if position < len(pages):
        questions = answering.visible_questions(pages[position], answers)
        if form is None:
            form = SectionForm(questions, initial=_initial(questions, answers), easy=draft.easy)
        number, total = answering.progress(pages, answers, position)
        context.update(
            {
                "form": form,
                "items": _items(form, questions, draft.easy),
                "part": number,
                "parts": total,
                "is_first": number == 1,
                "is_last": answering.is_last(pages, answers, position),
            }
        )
    else:
        total = answering.progress(pages, answers, position)[1]
        context.update({"part": total, "parts": total, "is_first": False})
    return render(request, "evaluation/answer/section.html", context, status=status)


@private
def answer(request, token):
    draft = answering.draft_for(token)
    if draft is None:
        return _link_invalid(request)
    try:
        answering.ensure_open(draft.survey)
    except SurveyNotOpen as error:
        return _not_open(request, error, draft.survey, draft.easy)
    if request.method == "GET" and request.GET.get("gespeichert") == "1":
        return render(
            request,
            "evaluation/answer/saved.html",
            {
                "survey": draft.survey,
                "easy": draft.easy,
                "token": token,
                "resume_url": _resume_url(request, token),
                **_texts(draft, [], 0),
            },
        )
    pages = answering.pages_of(draft.survey)
    position = answering.current_position(pages, draft.data, draft.position)
    if request.method == "GET":
        return _render(request, token, draft, pages, position)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])

    action = request.POST.get("action", "next")
    move = MOVES.get(action, 1)
    questions = (
        answering.visible_questions(pages[position], draft.data) if position < len(pages) else []
    )
    form = SectionForm(questions, data=request.POST, easy=draft.easy)
    form.is_valid()
    data = {question.code: form.cleaned_data.get(question.code) for question in questions}
    try:
        answering.save_section(draft=draft, data=data, move=move, pages=pages)
        if action == "later":
            return redirect(reverse("evaluation:answer", args=[token]) + "?gespeichert=1")
        if action == "submit":
            answering.submit(draft=draft)
            thanks = reverse("evaluation:answer_thanks", args=[draft.survey.slug])
            return redirect(thanks + ("?leicht=1" if draft.easy else ""))
    except InvalidAnswers as error:
        if error.position is not None and error.position != position:
            # A required answer of an earlier section is missing: show that section.
            position = error.position
            questions = answering.visible_questions(pages[position], draft.data)
            form = SectionForm(questions, data=_initial(questions, draft.data), easy=draft.easy)
            form.is_valid()
        for code, message in error.errors.items():
            if code in form.fields:
                form.add_error(code, message)
        return _render(request, token, draft, pages, position, form)
    except UnknownLink as error:
        return _link_invalid(request, str(error))
    except SurveyNotOpen as error:
        return _not_open(request, error, draft.survey, draft.easy)
    return redirect("evaluation:answer", token=token)


@private
@require_POST
def answer_language(request, token):
    draft = answering.draft_for(token)
    if draft is None:
        return _link_invalid(request)
    answering.set_easy(draft=draft, easy=request.POST.get("easy") == "1")
    return redirect("evaluation:answer", token=token)


@private
def answer_video(request, token, question):
    draft = answering.draft_for(token)
    if draft is None:
        return _link_invalid(request)
    # Only a question of the link's own survey.
    item = get_object_or_404(Question, pk=question, section__survey_id=draft.survey_id)
    if not item.sign_video:
        return _link_invalid(request)
    content_type = mimetypes.guess_type(item.sign_video.name)[0] or "video/mp4"
    return FileResponse(item.sign_video.open("rb"), content_type=content_type)


@private
def answer_thanks(request, slug):
    # Drafts of the builder stay unknown here: only surveys that were ever open say thanks.
    survey = get_object_or_404(Survey.objects.exclude(status=Survey.Status.DRAFT), slug=slug)
    easy = request.GET.get("leicht") == "1"
    title = survey.title_easy if easy and survey.title_easy else survey.title
    return render(
        request, "evaluation/answer/thanks.html", {"survey": survey, "title": title, "easy": easy}
    )


urlpatterns = [
    path("umfrage/<str:token>/", answer_start, name="answer_start"),
    path("umfrage/weiter/<str:token>/", answer, name="answer"),
    path("umfrage/weiter/<str:token>/sprache/", answer_language, name="answer_language"),
    path("umfrage/weiter/<str:token>/video/<int:question>/", answer_video, name="answer_video"),
    path("umfrage/danke/<slug:slug>/", answer_thanks, name="answer_thanks"),
]
