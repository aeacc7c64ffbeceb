"""The procedure page of one application: content, reviews as allowed, research notes and
open questions. All discussion of an application lives here, behind one permission check
(`selection.view_application`, which excludes conflicts), and everyone refused gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inklusiv.applications import content
from inklusiv.core.exceptions import DomainError

from .. import selectors
from ..forms.reviews import AnswerForm, NoteForm, QuestionForm
from ..models import OpenQuestion
from ..services import research as services
from ..services.commission import decided_in_current_stage


def _application(request, pk):
    application = selectors.application_for_procedure(request.user, pk)
    if application is None:
        raise Http404
    return application


def _context(request, application, *, note_form=None, question_form=None, answer_forms=None):
    user = request.user
    versions = list(application.versions.all())
    # The commission judges what was submitted; a draft (never in review) shows as it stands.
    sections = content.present(versions[0].content if versions else content.build(application))
    can_answer = user.has_perm("selection.view_procedure")
    questions = list(selectors.open_questions(application))
    answer_forms = answer_forms or {}
    for question in questions:
        question.answer_form = answer_forms.get(question.pk) or AnswerForm(
            prefix=f"answer-{question.pk}",
            initial={"answer": question.answer}
            if question.status == OpenQuestion.Status.OPEN
            else {"answer": question.answer, "status": question.status},
        )
    return {
        "application": application,
        "sections": sections,
        "showing_version": versions[0] if versions else None,
        "reviews": selectors.visible_reviews(user, application),
        "own_review": selectors.own_review(user, application),
        "notes": list(selectors.research_notes(application)),
        "questions": questions,
        "can_review": user.has_perm("selection.review_application", application),
        "can_add": user.has_perm("selection.add_research", application),
        "can_answer": can_answer,
        "can_decide": user.has_perm("selection.decide"),
        "can_see_staff_page": user.has_perm("applications.list_applications"),
        "can_declare": user.has_perm("selection.declare_conflict", application)
        and not decided_in_current_stage(application),
        "note_form": note_form or NoteForm(prefix="note"),
        "question_form": question_form or QuestionForm(prefix="question"),
        "error_forms": [
            form
            for form in (note_form, question_form, *answer_forms.values())
            if form is not None and form.errors
        ],
    }


@login_required
def application(request, pk):
    application = _application(request, pk)
    return render(request, "selection/application/detail.html", _context(request, application))


def _post(request, application, form, action, success, context_key):
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, success)
            return redirect("selection:application", pk=application.pk)
    return render(
        request,
        "selection/application/detail.html",
        _context(request, application, **{context_key: form}),
        status=400,
    )


@login_required
@require_POST
def add_note(request, pk):
    application = _application(request, pk)
    if not request.user.has_perm("selection.add_research", application):
        raise Http404
    return _post(
        request,
        application,
        NoteForm(request.POST, prefix="note"),
        lambda data: services.add_note(
            actor=request.user,
            application=application,
            source_url=data["source_url"],
            finding=data["finding"],
        ),
        _("Your research note has been added."),
        "note_form",
    )


@login_required
@require_POST
def add_question(request, pk):
    application = _application(request, pk)
    if not request.user.has_perm("selection.add_research", application):
        raise Http404
    return _post(
        request,
        application,
        QuestionForm(request.POST, prefix="question"),
        lambda data: services.add_question(
            actor=request.user, application=application, text=data["text"]
        ),
        _("Your question has been added."),
        "question_form",
    )


@login_required
@require_POST
def answer_question(request, pk, question_pk):
    application = _application(request, pk)
    question = OpenQuestion.objects.filter(pk=question_pk, application=application).first()
    if question is None or not request.user.has_perm("selection.view_procedure"):
        raise Http404
    form = AnswerForm(request.POST, prefix=f"answer-{question.pk}")
    if form.is_valid():
        try:
            services.answer_question(
                actor=request.user,
                question=question,
                answer=form.cleaned_data["answer"],
                status=form.cleaned_data["status"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("The question has been updated."))
            return redirect("selection:application", pk=application.pk)
    return render(
        request,
        "selection/application/detail.html",
        _context(request, application, answer_forms={question.pk: form}),
        status=400,
    )


urlpatterns = [
    path("selection/applications/<int:pk>/", application, name="application"),
    path("selection/applications/<int:pk>/notes/", add_note, name="add_note"),
    path("selection/applications/<int:pk>/questions/", add_question, name="add_question"),
    path(
        "selection/applications/<int:pk>/questions/<int:question_pk>/answer/",
        answer_question,
        name="answer_question",
    ),
]
