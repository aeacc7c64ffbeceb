"""The anonymous feedback: the participant's questionnaire, and the results per session and
per course for the organisers and programme experts, as a page with a chart and a table and
as a CSV export. Under the minimum group size none of them shows a figure or a text."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.exports import csv_response
from inklusiv.core.forms import add_domain_error
from inklusiv.core.groupsize import minimum

from .. import results
from ..forms.feedback import FeedbackForm
from ..models import Course, Registration, TrainingSession
from ..services import feedback as feedback_services

VIEW = "trainings.view_feedback"


def _mean(value) -> str:
    return formats.number_format(value, 1, use_l10n=True)


def _too_few_message() -> str:
    return _("Fewer than %(minimum)s answers: no figures are shown, to keep answers anonymous.") % {
        "minimum": minimum()
    }


# --- the questionnaire -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, pk):
    registration = Registration.objects.select_related("session__course").filter(pk=pk).first()
    # Someone else's registration, and a no-show's, do not exist for this page.
    if registration is None or registration.user_id != request.user.pk:
        raise Http404
    if not registration.attended:
        raise Http404
    session = registration.session
    refusal = feedback_services.refusal(registration)
    form = FeedbackForm(request.POST or None) if refusal is None else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            feedback_services.submit(
                actor=request.user, registration=registration, data=form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("Thank you for your feedback! It is stored without your name.")
            )
            try:
                return redirect("trainings:mine")
            except NoReverseMatch:
                return redirect("trainings:feedback", pk=registration.pk)
    context = {
        "registration": registration,
        "session": session,
        "course": session.course,
        "form": form,
        "refusal": refusal,
        "given": registration.feedback_given,
        "minimum": minimum(),
    }
    return render(request, "trainings/feedback/form.html", context)


# --- results ---------------------------------------------------------------------------------


def _results_context(figures, *, count) -> dict:
    return {
        "results": figures,
        "count": count,
        "minimum": minimum(),
        "too_few": _too_few_message(),
        "chart": results.chart(figures, _mean) if figures else None,
        "means": (
            [(question, _mean(question.mean)) for question in figures.questions] if figures else []
        ),
        "scale": results.SCALE,
    }


@login_required
def session_feedback(request, pk):
    session = get_object_or_404(TrainingSession.objects.select_related("course", "trainer"), pk=pk)
    if not request.user.has_perm(VIEW, session):
        raise PermissionDenied
    figures = results.session_results(session)
    context = {
        "session": session,
        "course": session.course,
        **_results_context(figures, count=figures.count if figures else None),
    }
    return render(request, "trainings/feedback/session_results.html", context)


def _course(request, slug) -> Course:
    course = get_object_or_404(Course.objects.select_related("trainer"), slug=slug)
    if not request.user.has_perm(VIEW, course):
        raise PermissionDenied
    return course


@login_required
def course_feedback(request, slug):
    course = _course(request, slug)
    figures = results.course_results(course)
    rows = results.session_rows(course, total=figures.count) if figures else []
    context = {
        "course": course,
        "session_rows": [
            (row, [_mean(question.mean) for question in row.results.questions]) for row in rows
        ],
        "questions": results.QUESTIONS,
        "short_labels": [results.SHORT_LABELS[key] for key, _label in results.QUESTIONS],
        **_results_context(figures, count=figures.count if figures else None),
    }
    return render(request, "trainings/feedback/course_results.html", context)


def export_rows(course: Course) -> tuple[list[str], list[list]]:
    """The export's header and rows; under the minimum one note row and no figure."""
    headers = [
        _("Part"),
        _("Answers"),
        _("Question"),
        _("Mean (1 to 5)"),
        *[_("Rated %(rating)s") % {"rating": rating} for rating in results.SCALE],
        _("Text"),
    ]
    figures = results.course_results(course)
    if figures is None:
        return headers, [[_too_few_message()]]
    rows = []

    def figure_rows(part, figures_of_part):
        for question in figures_of_part.questions:
            rows.append(
                [
                    part,
                    figures_of_part.count,
                    str(question.label),
                    _mean(question.mean),
                    *[count for _rating, count in question.distribution],
                    "",
                ]
            )

    figure_rows(_("Whole course"), figures)
    for label, texts in figures.texts:
        for text in texts:
            rows.append([_("Whole course"), figures.count, label, "", *[""] * 5, text])
    for row in results.session_rows(course, total=figures.count):
        part = _("Session on %(date)s") % {
            "date": formats.date_format(timezone.localtime(row.session.starts_at), "DATE_FORMAT")
        }
        figure_rows(part, row.results)
    return headers, rows


@login_required
def feedback_export(request, slug):
    course = _course(request, slug)
    headers, rows = export_rows(course)
    with transaction.atomic():
        audit.record(
            actor=request.user,
            obj=course,
            action="training_feedback_exported",
            after={"rows": len(rows)},
        )
    return csv_response(
        headers=headers, rows=iter(rows), filename=f"rueckmeldungen-{course.slug}.csv"
    )


urlpatterns = [
    path(
        "fortbildungen/anmeldungen/<int:pk>/rueckmeldung/",
        feedback,
        name="feedback",
    ),
    path(
        "fortbildungen/termine/<int:pk>/rueckmeldungen/",
        session_feedback,
        name="session_feedback",
    ),
    path(
        "fortbildungen/kurs/<slug:slug>/rueckmeldungen/",
        course_feedback,
        name="course_feedback",
    ),
    path(
        "fortbildungen/kurs/<slug:slug>/rueckmeldungen.csv",
        feedback_export,
        name="feedback_export",
    ),
]
