"""The public pages of the trainings: the catalogue of published courses with their next
sessions, a course's page and a session's page.

No login needed. A session's page shows when and where (with the accessibility of the place),
the services offered, the free seats or the waiting list and the way to register, or why one
cannot. The link to the online room is shown only to people with a seat and to the organisers,
who also find the links to their own pages here.
"""

from collections import defaultdict

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inklusiv.core.pagination import paginate

from .. import selectors
from ..models import Course, Registration, TrainingSession
from ..models.course import length_display

# How many upcoming sessions the catalogue shows for each course.
NEXT_SESSIONS = 3


def can_organise(user, session) -> bool:
    return bool(user.is_authenticated and user.has_perm("trainings.organise_session", session))


def waiting_place(registration) -> int | None:
    return selectors.waiting_position(registration) if registration else None


def active_registration(user, session):
    """The user's registration for the session that holds or awaits a seat, if any."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(session=session, user=user, status__in=selectors.ACTIVE)
        .select_related("session")
        .first()
    )


def registration_block(user, session, registration=None, now=None) -> str:
    """Why the user cannot register for the session now ("" when they can, or when only
    signing in is missing). The service checks all of it again."""
    now = now or timezone.now()
    if session.status == TrainingSession.Status.CANCELLED:
        return _("This session has been cancelled. You can no longer register.")
    if session.starts_at <= now:
        return _("This session has already begun. You can no longer register.")
    if registration is not None:
        return _("You are already registered for this session.")
    if session.registration_deadline < now:
        return _("The registration deadline has passed.")
    if user.is_authenticated and not user.has_perm("trainings.register", session):
        if session.member_roles:
            return _("Only people with the roles named above can register for this session.")
        if session.audience == TrainingSession.Audience.PILOT_MEMBERS:
            return _("Only members of a pilot region can register for this session.")
        return _("Only members of the chosen pilot regions can register for this session.")
    return ""


def _published_or_organiser(request, session):
    if not session.course.published and not can_organise(request.user, session):
        raise Http404


@require_GET
def catalogue(request):
    courses = Course.objects.filter(published=True).select_related("trainer").order_by("title")
    page_obj = paginate(request, courses)
    now = timezone.now()
    upcoming = selectors.sessions_with_counts(
        TrainingSession.objects.filter(
            course__in=list(page_obj.object_list),
            status=TrainingSession.Status.SCHEDULED,
            starts_at__gt=now,
        ).order_by("starts_at", "pk")
    )
    sessions = defaultdict(list)
    for session in upcoming:
        if len(sessions[session.course_id]) < NEXT_SESSIONS:
            session.free = max(session.capacity - (session.taken or 0), 0)
            session.open = session.registration_deadline >= now
            sessions[session.course_id].append(session)
    rows = [
        {
            "course": course,
            "length": length_display(course.length_minutes),
            "sessions": sessions.get(course.pk, []),
        }
        for course in page_obj.object_list
    ]
    return render(request, "trainings/public/catalogue.html", {"page_obj": page_obj, "rows": rows})


@require_GET
def course(request, slug):
    found = get_object_or_404(Course.objects.select_related("trainer"), slug=slug)
    organiser = request.user.is_authenticated and request.user.has_perm(
        "trainings.change_course", found
    )
    if not found.published and not organiser:
        raise Http404
    now = timezone.now()
    sessions = selectors.sessions_with_counts(
        found.sessions.select_related("trainer").order_by("starts_at", "pk")
    )
    upcoming, past = [], []
    for session in sessions:
        session.free = max(session.capacity - (session.taken or 0), 0)
        session.open = (
            session.status == TrainingSession.Status.SCHEDULED
            and session.registration_deadline >= now
        )
        (past if session.ends_at < now else upcoming).append(session)
    past.reverse()
    return render(
        request,
        "trainings/public/course.html",
        {
            "course": found,
            "length": length_display(found.length_minutes),
            "upcoming": upcoming,
            "past": past,
        },
    )


@require_GET
def session_page(request, pk):
    session = get_object_or_404(
        TrainingSession.objects.select_related("course", "course__trainer", "trainer"), pk=pk
    )
    _published_or_organiser(request, session)
    user = request.user
    now = timezone.now()
    registration = active_registration(user, session)
    organiser = can_organise(user, session)
    free = selectors.free_seats(session)
    register_block = registration_block(user, session, registration, now)
    # Coordinators who registered themselves may still register colleagues.
    colleagues = bool(
        registration is not None
        and not registration_block(user, session, None, now)
        and selectors.registrable_people(user)[1].exists()
    )
    return render(
        request,
        "trainings/public/session.html",
        {
            "session": session,
            "course": session.course,
            "length": length_display(session.course.length_minutes),
            "trainer": session.trainer or session.course.trainer,
            "free": free,
            "full": free <= 0,
            "registration": registration,
            "place": waiting_place(registration) if registration else None,
            "register_block": register_block,
            "audience_regions": [region.name for region in session.regions.order_by("name")]
            if session.audience == TrainingSession.Audience.REGIONS
            else [],
            "colleagues": colleagues,
            "organiser": organiser,
            "show_link": bool(
                session.online_link and (organiser or (registration and registration.has_seat))
            ),
            "past": session.ends_at < now,
            "cancelled": session.status == TrainingSession.Status.CANCELLED,
            "offer_hours": settings.TRAINING_OFFER_HOURS,
            "facts": venue_facts(session),
        },
    )


def venue_facts(session) -> list[tuple[str, bool]]:
    """The place's accessibility, each fact with whether the place has it."""
    return [
        (_("Step-free access"), session.step_free),
        (_("Accessible toilet"), session.accessible_toilet),
        (_("Induction loop for hearing aids"), session.induction_loop),
        (_("Quiet room"), session.quiet_room),
    ]


urlpatterns = [
    path("fortbildungen/", catalogue, name="catalogue"),
    path("fortbildungen/kurs/<slug:slug>/", course, name="course"),
    path("fortbildungen/termine/<int:pk>/", session_page, name="session"),
]
