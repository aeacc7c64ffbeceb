"""The survey builder for the evaluators: the list of surveys, a survey's overview with its
sections and questions, the forms for each, opening and closing (the page is the question),
the copy for the next wave, and the sign-language videos. Everyone else gets 404: that a
survey is being prepared is nobody else's business."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error

from ..forms.surveys import CopyForm, QuestionForm, SectionForm, SurveyForm
from ..models import Draft, Question, Section, Survey
from ..selectors import surveys as selectors
from ..services import surveys as services

PERM = "evaluation.manage_surveys"


def _manager(request):
    if not request.user.has_perm(PERM):
        raise Http404


def survey_for(request, slug) -> Survey:
    _manager(request)
    return get_object_or_404(Survey, slug=slug)


def _section_for(request, pk) -> Section:
    _manager(request)
    return get_object_or_404(Section.objects.select_related("survey"), pk=pk)


def _question_for(request, pk) -> Question:
    _manager(request)
    return get_object_or_404(Question.objects.select_related("section__survey"), pk=pk)


def _status(form):
    return 400 if form.errors else 200


@login_required
@require_GET
def surveys(request):
    _manager(request)
    rows = [
        (survey, selectors.suppressed_total(survey.response_count, survey.min_group_size))
        for survey in selectors.surveys_with_counts()
    ]
    return render(request, "evaluation/builder/surveys.html", {"rows": rows})


def _survey_form_page(request, form, survey=None):
    return render(
        request,
        "evaluation/builder/survey_form.html",
        {"form": form, "survey": survey},
        status=_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_add(request):
    _manager(request)
    form = SurveyForm(
        request.POST or None,
        initial={
            "kind": Survey.Kind.REGION,
            "anonymous": True,
            "min_group_size": Survey._meta.get_field("min_group_size").get_default(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(actor=request.user, data=form.data_for_service())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The survey has been created as a draft."))
            return redirect("evaluation:survey", slug=survey.slug)
    return _survey_form_page(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, slug):
    survey = survey_for(request, slug)
    form = SurveyForm(request.POST or None, initial=SurveyForm.initial_for(survey))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_survey(actor=request.user, survey=survey, data=form.data_for_service())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The survey has been saved."))
            return redirect("evaluation:survey", slug=survey.slug)
    return _survey_form_page(request, form, survey)


@login_required
@require_GET
def survey(request, slug):
    survey = survey_for(request, slug)
    sections = selectors.structure(survey)
    for section in sections:
        for question in section.questions.all():
            question.condition_text = selectors.condition_text(question)
    return render(
        request,
        "evaluation/builder/survey.html",
        {
            "survey": survey,
            "sections": sections,
            "regions": list(survey.regions.order_by("name")),
            "is_draft": survey.status == Survey.Status.DRAFT,
            "question_count": sum(len(s.questions.all()) for s in sections),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_transition(request, slug, to):
    """ "Open this survey?" / "Close this survey?" is the page itself; POST with its own
    confirmation acts."""
    survey = survey_for(request, slug)
    target = services.TARGETS.get(to)
    if to not in ("open", "close") or (survey.status, target) not in services.TRANSITIONS:
        raise Http404
    check = confirmation.for_page(f"survey-{to}", [survey.pk, survey.status])
    errors = []
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        try:
            services.transition(actor=request.user, survey=survey, to=to)
        except DomainError as error:
            errors.append(str(error))
        else:
            messages.success(
                request,
                _("The survey is open.")
                if target == Survey.Status.OPEN
                else _("The survey is closed."),
            )
            return redirect("evaluation:survey", slug=survey.slug)
    return render(
        request,
        "evaluation/builder/survey_transition.html",
        {
            "survey": survey,
            "to": to,
            "reopen": survey.status == Survey.Status.CLOSED,
            "confirmation": check,
            "errors": errors,
            "drafts": Draft.objects.filter(survey=survey).count() if to == "close" else 0,
            "regions": list(survey.regions.order_by("name")),
        },
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_copy(request, slug):
    survey = survey_for(request, slug)
    form = CopyForm(
        request.POST or None,
        initial={"title": survey.title, "wave": (survey.wave + 2) if survey.wave else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.copy_survey(
                actor=request.user,
                survey=survey,
                title=form.cleaned_data["title"],
                wave=form.cleaned_data["wave"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The copy has been created as a draft."))
            return redirect("evaluation:survey", slug=copy.slug)
    return render(
        request,
        "evaluation/builder/survey_copy.html",
        {"form": form, "survey": survey},
        status=_status(form),
    )


def _refuse_unless_draft(request, survey):
    if survey.status != Survey.Status.DRAFT:
        messages.info(
            request,
            _(
                "The survey is open or closed, so its sections and questions can no longer be "
                "changed."
            ),
        )
        return redirect("evaluation:survey", slug=survey.slug)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def section_add(request, slug):
    survey = survey_for(request, slug)
    if refused := _refuse_unless_draft(request, survey):
        return refused
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_section(actor=request.user, survey=survey, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The section has been added."))
            return redirect("evaluation:survey", slug=survey.slug)
    return render(
        request,
        "evaluation/builder/section_form.html",
        {"form": form, "survey": survey, "section": None},
        status=_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk):
    section = _section_for(request, pk)
    survey = section.survey
    if refused := _refuse_unless_draft(request, survey):
        return refused
    form = SectionForm(
        request.POST or None,
        initial={name: getattr(section, name) for name in SectionForm.base_fields},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_section(actor=request.user, section=section, data=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The section has been saved."))
            return redirect("evaluation:survey", slug=survey.slug)
    return render(
        request,
        "evaluation/builder/section_form.html",
        {"form": form, "survey": survey, "section": section},
        status=_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_delete(request, pk):
    section = _section_for(request, pk)
    survey = section.survey
    if refused := _refuse_unless_draft(request, survey):
        return refused
    questions = list(section.questions.order_by("order", "pk"))
    check = confirmation.for_page("remove-survey-section", [section.pk, *[q.pk for q in questions]])
    errors = []
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        try:
            services.remove_section(actor=request.user, section=section)
        except DomainError as error:
            errors.append(str(error))
        else:
            messages.success(request, _("The section has been removed."))
            return redirect("evaluation:survey", slug=survey.slug)
    return render(
        request,
        "evaluation/builder/section_delete.html",
        {
            "section": section,
            "survey": survey,
            "questions": questions,
            "confirmation": check,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def _question_form_page(request, form, *, section, question=None):
    return render(
        request,
        "evaluation/builder/question_form.html",
        {"form": form, "survey": section.survey, "section": section, "question": question},
        status=_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request, pk):
    section = _section_for(request, pk)
    survey = section.survey
    if refused := _refuse_unless_draft(request, survey):
        return refused
    form = QuestionForm(
        request.POST or None,
        request.FILES or None,
        earlier=selectors.earlier_choice_questions(survey, section),
        initial={"kind": Question.Kind.SINGLE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_question(
                actor=request.user,
                section=section,
                data=form.data_for_service(),
                choices=form.choices,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The question has been added."))
            return redirect("evaluation:survey", slug=survey.slug)
    return _question_form_page(request, form, section=section)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = _question_for(request, pk)
    section = question.section
    survey = section.survey
    if refused := _refuse_unless_draft(request, survey):
        return refused
    form = QuestionForm(
        request.POST or None,
        request.FILES or None,
        earlier=selectors.earlier_choice_questions(survey, section),
        question=question,
        initial=QuestionForm.initial_for(question),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_question(
                actor=request.user,
                question=question,
                data=form.data_for_service(),
                choices=form.choices,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The question has been saved."))
            return redirect("evaluation:survey", slug=survey.slug)
    return _question_form_page(request, form, section=section, question=question)


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request, pk):
    question = _question_for(request, pk)
    survey = question.section.survey
    if refused := _refuse_unless_draft(request, survey):
        return refused
    check = confirmation.for_page("remove-survey-question", [question.pk])
    errors = []
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        try:
            services.remove_question(actor=request.user, question=question)
        except DomainError as error:
            errors.append(str(error))
        else:
            messages.success(request, _("The question has been removed."))
            return redirect("evaluation:survey", slug=survey.slug)
    return render(
        request,
        "evaluation/builder/question_delete.html",
        {"question": question, "survey": survey, "confirmation": check, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
@require_GET
def question_video(request, pk):
    question = _question_for(request, pk)
    if not question.sign_video:
        raise Http404
    try:
        handle = question.sign_video.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(question.sign_video.name)[0] or "video/mp4"
    return FileResponse(handle, content_type=content_type)


urlpatterns = [
    path("evaluation/umfragen/", surveys, name="surveys"),
    path("evaluation/umfragen/neu/", survey_add, name="survey_add"),
    path("evaluation/umfragen/<slug:slug>/", survey, name="survey"),
    path("evaluation/umfragen/<slug:slug>/bearbeiten/", survey_edit, name="survey_edit"),
    path(
        "evaluation/umfragen/<slug:slug>/status/<str:to>/",
        survey_transition,
        name="survey_transition",
    ),
    path("evaluation/umfragen/<slug:slug>/kopieren/", survey_copy, name="survey_copy"),
    path("evaluation/umfragen/<slug:slug>/abschnitte/neu/", section_add, name="section_add"),
    path("evaluation/umfragen/abschnitte/<int:pk>/", section_edit, name="section_edit"),
    path(
        "evaluation/umfragen/abschnitte/<int:pk>/entfernen/", section_delete, name="section_delete"
    ),
    path("evaluation/umfragen/abschnitte/<int:pk>/fragen/neu/", question_add, name="question_add"),
    path("evaluation/umfragen/fragen/<int:pk>/", question_edit, name="question_edit"),
    path("evaluation/umfragen/fragen/<int:pk>/entfernen/", question_delete, name="question_delete"),
    path("evaluation/umfragen/fragen/<int:pk>/video/", question_video, name="question_video"),
]
