"""The organisers' pages of one session: who registered (with the booking summary and each
person's accessibility needs, every reading audited), the printable attendance sheet and the
on-screen check-in.

Whoever does not organise the session gets 404 on all three, so nothing tells them who
registered; anonymous people are sent to sign in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError

from .. import selectors
from ..forms.organise import CheckInForm
from ..models import Registration, TrainingSession
from ..services import registrations as registration_services

Status = Registration.Status


def session_for(request, pk: int, perm: str = "trainings.organise_session") -> TrainingSession:
    """The session, if the reader has `perm` on it; otherwise 404 (nothing leaks)."""
    session = get_object_or_404(
        TrainingSession.objects.select_related("course", "course__trainer", "trainer"), pk=pk
    )
    if not request.user.has_perm(perm, session):
        raise Http404
    return session


def _registrations(session, *, with_needs: bool):
    registrations = Registration.objects.filter(session=session).select_related(
        "user", "region", "registered_by"
    )
    if with_needs:
        registrations = registrations.select_related("accessibility_need")
    return registrations


def _sort_name(registration) -> str:
    return (registration.user.name or registration.user.email).lower()


@login_required
@require_GET
def participants(request, pk):
    session = session_for(request, pk)
    may_read_needs = request.user.has_perm("trainings.view_accessibility_needs", session)
    registrations = list(_registrations(session, with_needs=may_read_needs))
    groups = {status: [] for status in Status.values}
    for registration in registrations:
        groups[registration.status].append(registration)
    groups[Status.CONFIRMED].sort(key=_sort_name)
    groups[Status.OFFERED].sort(
        key=lambda reg: (reg.offer_expires_at is None, reg.offer_expires_at)
    )
    groups[Status.WAITING].sort(
        key=lambda reg: (reg.waiting_since is None, reg.waiting_since, reg.created_at, reg.pk)
    )
    ended = groups[Status.CANCELLED] + groups[Status.EXPIRED]
    ended.sort(key=lambda reg: reg.cancelled_at or reg.created_at, reverse=True)

    needs_shown = []
    notes = []
    if may_read_needs and not session.needs_purged_at:
        for registration in registrations:
            if registration.status not in selectors.ACTIVE:
                continue  # cancelled and expired rows show no needs
            need = getattr(registration, "accessibility_need", None)
            registration.shown_need = need
            if need is None or not (need.needs or need.details.strip()):
                continue
            needs_shown.append(registration.pk)
            if registration.status in (Status.CONFIRMED, Status.OFFERED) and need.details.strip():
                notes.append((registration, need.details))
        if needs_shown:
            # One entry per page view, naming whose needs the reader saw.
            audit.record(
                actor=request.user,
                obj=session,
                action="training_needs_viewed",
                after={"registrations": needs_shown},
            )
    summary = (
        selectors.booking_summary(session) if may_read_needs and not session.needs_purged_at else []
    )
    return render(
        request,
        "trainings/organise/participants.html",
        {
            "session": session,
            "course": session.course,
            "confirmed": groups[Status.CONFIRMED],
            "offered": groups[Status.OFFERED],
            "waiting": groups[Status.WAITING],
            "ended": ended,
            "may_read_needs": may_read_needs,
            "show_needs": may_read_needs and not session.needs_purged_at,
            "summary": summary,
            "notes": notes,
            "taken": len(groups[Status.CONFIRMED]) + len(groups[Status.OFFERED]),
            "can_check_in": request.user.has_perm("trainings.check_in", session),
            "can_change": request.user.has_perm("trainings.change_session", session),
            "can_issue_certificates": request.user.has_perm(
                "trainings.issue_certificates", session
            ),
            "can_view_feedback": request.user.has_perm("trainings.view_feedback", session),
            "started": session.starts_at <= timezone.now(),
        },
    )


def _confirmed(session):
    return (
        Registration.objects.filter(session=session, status=Status.CONFIRMED)
        .select_related("user", "region")
        .order_by(Lower("user__name"), "user__email", "pk")
    )


@login_required
@require_GET
def attendance_sheet(request, pk):
    """The sign-in sheet to print: one row per person with a seat, a column to sign."""
    session = session_for(request, pk)
    return render(
        request,
        "trainings/organise/attendance_sheet.html",
        {"session": session, "course": session.course, "registrations": list(_confirmed(session))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, pk):
    """One small form per person (present / did not come); works without JavaScript."""
    session = session_for(request, pk, "trainings.check_in")
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please choose present or did not come."))
            return redirect("trainings:check_in", pk=session.pk)
        registration = get_object_or_404(
            Registration.objects.select_related("user", "session", "session__course"),
            pk=form.cleaned_data["registration"],
            session=session,
            status=Status.CONFIRMED,
        )
        try:
            registration_services.check_in(
                actor=request.user,
                registration=registration,
                attendance=form.cleaned_data["attendance"],
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            name = registration.user.name or registration.user.email
            if form.cleaned_data["attendance"] == Registration.Attendance.PRESENT:
                messages.success(request, _("%(name)s is checked in.") % {"name": name})
            else:
                messages.success(
                    request, _("%(name)s is recorded as not present.") % {"name": name}
                )
        return redirect(
            reverse("trainings:check_in", args=[session.pk]) + f"#person-{registration.pk}"
        )
    registrations = list(_confirmed(session))
    counts = {
        "present": sum(
            1 for reg in registrations if reg.attendance == Registration.Attendance.PRESENT
        ),
        "no_show": sum(
            1 for reg in registrations if reg.attendance == Registration.Attendance.NO_SHOW
        ),
    }
    counts["open"] = len(registrations) - counts["present"] - counts["no_show"]
    return render(
        request,
        "trainings/organise/check_in.html",
        {
            "session": session,
            "course": session.course,
            "registrations": registrations,
            "counts": counts,
            # The service accepts attendance from the day on; before it the page says so.
            "before_the_day": timezone.localdate() < timezone.localdate(session.starts_at),
            "Attendance": Registration.Attendance,
        },
    )


urlpatterns = [
    path("fortbildungen/termine/<int:pk>/teilnehmende/", participants, name="participants"),
    path(
        "fortbildungen/termine/<int:pk>/anwesenheitsliste/",
        attendance_sheet,
        name="attendance_sheet",
    ),
    path("fortbildungen/termine/<int:pk>/check-in/", check_in, name="check_in"),
]
