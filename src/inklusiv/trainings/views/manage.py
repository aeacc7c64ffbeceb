"""The organisers' catalogue: an overview of courses and sessions (funder staff see all, a
trainer the ones they teach), the course and session forms, and cancelling a session."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.accounts.rules import is_funder_staff
from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.core.pagination import paginate

from .. import selectors
from ..forms.catalogue import CancelSessionForm, CourseForm, SessionForm
from ..models import Course, Registration, TrainingSession
from ..services import catalogue as services
from .organise import session_for

Status = Registration.Status


def _visible(user):
    """Courses and sessions the person organises: all for funder staff, else the taught ones."""
    courses = Course.objects.select_related("trainer")
    sessions = TrainingSession.objects.select_related("course", "course__trainer", "trainer")
    if not is_funder_staff(user):
        # A subquery, not a join: the course's session count must count all its sessions.
        taught = TrainingSession.objects.filter(trainer=user).values("course")
        courses = courses.filter(Q(trainer=user) | Q(pk__in=taught))
        sessions = sessions.filter(services.sessions_taught_by(user))
    return courses, sessions


@login_required
@require_GET
def manage(request):
    user = request.user
    if not user.has_perm("trainings.manage_catalogue"):
        raise PermissionDenied
    courses, sessions = _visible(user)
    shown = "past" if request.GET.get("zeit") == "vergangen" else "upcoming"
    now = timezone.now()
    sessions = (
        sessions.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        if shown == "past"
        else sessions.filter(ends_at__gte=now).order_by("starts_at", "pk")
    )
    page = paginate(request, selectors.sessions_with_counts(sessions))
    course_rows = [
        (
            course,
            user.has_perm("trainings.change_course", course),
            user.has_perm("trainings.create_session", course),
            user.has_perm("trainings.view_feedback", course),
        )
        for course in courses.annotate(session_count=Count("sessions", distinct=True))
    ]
    session_rows = [
        (
            session,
            user.has_perm("trainings.change_session", session),
            user.has_perm("trainings.check_in", session),
        )
        for session in page.object_list
    ]
    return render(
        request,
        "trainings/manage/overview.html",
        {
            "course_rows": course_rows,
            "session_rows": session_rows,
            "page_obj": page,
            "shown": shown,
            "can_create_course": user.has_perm("trainings.create_course"),
            "can_see_statistics": user.has_perm("trainings.view_statistics"),
        },
    )


# --- courses -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request):
    if not request.user.has_perm("trainings.create_course"):
        raise PermissionDenied
    choose_trainer = is_funder_staff(request.user)
    form = CourseForm(request.POST or None, choose_trainer=choose_trainer)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.create_course(actor=request.user, data=form.data_for_service())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The course has been created. Now add its sessions."))
            return redirect("trainings:session_create", slug=course.slug)
    return render(
        request,
        "trainings/manage/course_form.html",
        {"form": form, "course": None},
        status=400 if form.errors else 200,
    )


def _course_for(request, slug) -> Course:
    course = get_object_or_404(Course.objects.select_related("trainer"), slug=slug)
    if not request.user.has_perm("trainings.change_course", course):
        raise Http404
    return course


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, slug):
    course = _course_for(request, slug)
    choose_trainer = is_funder_staff(request.user)
    form = CourseForm(
        request.POST or None, initial=CourseForm.initial_for(course), choose_trainer=choose_trainer
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_course(actor=request.user, course=course, data=form.data_for_service())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The course has been saved."))
            return redirect("trainings:manage")
    return render(
        request,
        "trainings/manage/course_form.html",
        {"form": form, "course": course},
        status=400 if form.errors else 200,
    )


# --- sessions ------------------------------------------------------------------------------


def _session_form_page(request, form, *, course, session):
    return render(
        request,
        "trainings/manage/session_form.html",
        {"form": form, "course": course, "session": session},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, slug):
    course = get_object_or_404(Course.objects.select_related("trainer"), slug=slug)
    if not request.user.has_perm("trainings.create_session", course):
        raise Http404
    form = SessionForm(request.POST or None, initial={"format": course.format})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(
                actor=request.user,
                course=course,
                data=form.data_for_service(),
                regions=form.cleaned_data["regions"],
            )
        except DomainError as error:
            add_domain_error(form, error, SessionForm.FIELD_NAMES)
        else:
            messages.success(request, _("The session has been created."))
            return redirect("trainings:participants", pk=session.pk)
    return _session_form_page(request, form, course=course, session=None)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    session = session_for(request, pk, "trainings.change_session")
    if session.status == TrainingSession.Status.CANCELLED:
        messages.info(request, _("The session has been cancelled; it cannot be changed."))
        return redirect("trainings:participants", pk=session.pk)
    form = SessionForm(
        request.POST or None, initial=SessionForm.initial_for(session), session=session
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(
                actor=request.user,
                session=session,
                data=form.data_for_service(),
                regions=form.cleaned_data["regions"],
            )
        except DomainError as error:
            add_domain_error(form, error, SessionForm.FIELD_NAMES)
        else:
            messages.success(request, _("The training session has been saved."))
            return redirect("trainings:participants", pk=session.pk)
    return _session_form_page(request, form, course=session.course, session=session)


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request, pk):
    """The question "Cancel this session?" is the page itself; it acts only on its own form."""
    session = session_for(request, pk, "trainings.change_session")
    if session.status == TrainingSession.Status.CANCELLED:
        messages.info(request, _("The session has already been cancelled."))
        return redirect("trainings:participants", pk=session.pk)
    form = CancelSessionForm(request.POST or None)
    check = confirmation.for_page("cancel-training-session", [session.pk])
    if (
        request.method == "POST"
        and confirmation.is_confirmed(request, check.scope, check.ids)
        and form.is_valid()
    ):
        try:
            services.cancel_session(
                actor=request.user, session=session, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("The session has been cancelled; everyone registered is told.")
            )
            return redirect("trainings:manage")
    affected = Registration.objects.filter(
        session=session, status__in=[Status.CONFIRMED, Status.OFFERED, Status.WAITING]
    ).count()
    return render(
        request,
        "trainings/manage/session_cancel.html",
        {
            "session": session,
            "course": session.course,
            "form": form,
            "confirmation": check,
            "affected": affected,
        },
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("fortbildungen/verwaltung/", manage, name="manage"),
    path("fortbildungen/verwaltung/kurse/neu/", course_create, name="course_create"),
    path("fortbildungen/verwaltung/kurse/<slug:slug>/bearbeiten/", course_edit, name="course_edit"),
    path(
        "fortbildungen/verwaltung/kurse/<slug:slug>/termine/neu/",
        session_create,
        name="session_create",
    ),
    path("fortbildungen/termine/<int:pk>/bearbeiten/", session_edit, name="session_edit"),
    path("fortbildungen/termine/<int:pk>/absagen/", session_cancel, name="session_cancel"),
]
