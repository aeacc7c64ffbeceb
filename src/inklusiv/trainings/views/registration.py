"""A participant's pages: registering for a session (oneself or a colleague of one's region,
with accessibility needs and their separate consent), one's registrations, one registration
with its needs and the way to cancel it, the offer of a seat from the waiting list (opened from
the mail by its signed token, without signing in) and the session's calendar file.

Someone else's registration answers 404, as if it did not exist. Every write goes through
services.registrations; its DomainError is shown on the form or as a message.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.core import confirmation, ical
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.core.pagination import paginate

from .. import calendar, selectors
from ..forms.registration import NeedsForm, RegistrationForm
from ..models import AccessibilityNeed, Registration, TrainingSession
from ..services import registrations as services
from .public import (
    active_registration,
    can_organise,
    registration_block,
    waiting_place,
)

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _session(pk):
    return get_object_or_404(
        TrainingSession.objects.select_related("course", "course__trainer", "trainer"), pk=pk
    )


def _registration_for(request, pk, perm="trainings.view_registration"):
    """The registration if the user may see it (else 404, so nothing leaks)."""
    registration = get_object_or_404(
        Registration.objects.select_related(
            "session",
            "session__course",
            "session__trainer",
            "session__course__trainer",
            "user",
            "region",
        ),
        pk=pk,
    )
    if not request.user.has_perm(perm, registration):
        raise Http404
    return registration


def status_message(registration, *, for_self=True) -> str:
    """What the person hears right after registering."""
    if registration.status == Registration.Status.CONFIRMED:
        if for_self:
            return _("Your seat is confirmed. We have sent you a confirmation by e-mail.")
        return _("The seat of %(name)s is confirmed. They have been told by e-mail.") % {
            "name": registration.user.name or registration.user.email
        }
    place = waiting_place(registration)
    if for_self:
        return _(
            "The session is full: you are on the waiting list, place %(place)s. When a seat "
            "becomes free, we will offer it to you by e-mail."
        ) % {"place": place}
    return _(
        "The session is full: %(name)s is on the waiting list, place %(place)s. They will be "
        "offered a seat by e-mail when one becomes free."
    ) % {"name": registration.user.name or registration.user.email, "place": place}


@login_required
@require_http_methods(["GET", "POST"])
def register(request, pk):
    session = _session(pk)
    if not session.course.published and not can_organise(request.user, session):
        raise Http404
    if not request.user.has_perm("trainings.register", session):
        raise PermissionDenied
    own = active_registration(request.user, session)
    regions, members = selectors.registrable_people(request.user)
    members = [getattr(member, "user", member) for member in members]
    if own is not None and not members:
        messages.info(request, _("You are already registered for this session."))
        return redirect("trainings:registration", pk=own.pk)
    block = registration_block(request.user, session, None)
    if block:
        messages.error(request, block)
        return redirect("trainings:session", pk=session.pk)
    own_regions = list(selectors.user_regions(request.user))
    choice_regions = {region.pk: region for region in [*own_regions, *regions]}
    form = RegistrationForm(
        session,
        request.POST if request.method == "POST" else None,
        actor=request.user,
        members=members,
        regions=list(choice_regions.values()),
        myself=own is None,
    )
    if request.method == "POST" and form.is_valid():
        person = form.chosen_user()
        try:
            registration = services.register(
                actor=request.user,
                session=session,
                user=person,
                region=form.chosen_region(),
                needs=form.needs_given(),
                details=form.cleaned_data.get("details", ""),
                consent=bool(form.cleaned_data.get("consent")),
            )
        except DomainError as error:
            add_domain_error(form, error, {"user": "person"})
        else:
            for_self = registration.user_id == request.user.pk
            messages.success(request, status_message(registration, for_self=for_self))
            if request.user.has_perm("trainings.view_registration", registration):
                return redirect("trainings:registration", pk=registration.pk)
            return redirect("trainings:session", pk=session.pk)
    free = selectors.free_seats(session)
    return render(
        request,
        "trainings/registration/register.html",
        {
            "session": session,
            "course": session.course,
            "form": form,
            "full": free <= 0,
            "free": free,
            "offer_hours": settings.TRAINING_OFFER_HOURS,
            "own": own,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def mine(request):
    now = timezone.now()
    registrations = list(
        Registration.objects.filter(user=request.user)
        .select_related("session", "session__course", "region", "certificate")
        .order_by("session__starts_at", "pk")
    )
    places = selectors.waiting_positions(registrations)
    offers, upcoming, past = [], [], []
    for registration in registrations:
        registration.place = places.get(registration.pk)
        session = registration.session
        if registration.status == Registration.Status.OFFERED and session.ends_at >= now:
            offers.append(registration)
        elif session.ends_at >= now and registration.status in selectors.ACTIVE:
            upcoming.append(registration)
        elif session.ends_at < now and (
            registration.status == Registration.Status.CONFIRMED or registration.attended
        ):
            past.append(registration)
    past.reverse()
    for registration in past:
        registration.has_certificate = _has_certificate(registration)
        registration.can_give_feedback = (
            registration.attended
            and not registration.feedback_given
            and registration.session.starts_at <= now
        )
    for registration in offers:
        registration.offer_action = _offer_action(registration)
    past_page = paginate(request, past)
    return render(
        request,
        "trainings/registration/mine.html",
        {"offers": offers, "upcoming": upcoming, "page_obj": past_page, "past": past_page},
    )


def _offer_action(registration) -> str:
    """Where the accept button of an open offer posts to (the offer page, by its token)."""
    if registration.status != Registration.Status.OFFERED:
        return ""
    return reverse("trainings:offer", args=[services.offer_token(registration)])


def _has_certificate(registration) -> bool:
    return hasattr(registration, "certificate") or registration.attended


def _cancel_state(user, registration, now=None):
    """(may cancel now, why not) for the cancel button."""
    now = now or timezone.now()
    session = registration.session
    if registration.status not in selectors.ACTIVE:
        return False, ""
    if session.starts_at <= now:
        return False, _("The session has begun; a registration can no longer be cancelled.")
    if can_organise(user, session):
        return True, ""
    if session.cancellation_deadline < now:
        return False, _(
            "The cancellation deadline passed on %(deadline)s. If you cannot come, please tell "
            "the organisers, so that your seat can go to someone on the waiting list."
        ) % {"deadline": _when(session.cancellation_deadline)}
    return True, ""


def _when(moment) -> str:
    local = timezone.localtime(moment)
    return date_format(local, "DATETIME_FORMAT")


@login_required
@require_http_methods(["GET", "POST"])
def registration_page(request, pk):
    registration = _registration_for(request, pk)
    session = registration.session
    now = timezone.now()
    owner = registration.user_id == request.user.pk
    # Only the person reads their own needs here; organisers read them (audited) on the
    # participants' page.
    need = None
    form = None
    editable_needs = owner and registration.status in selectors.ACTIVE and session.starts_at > now
    if owner:
        need = AccessibilityNeed.objects.filter(registration=registration).first()
    if editable_needs:
        initial = {"needs": need.needs, "details": need.details, "consent": True} if need else {}
        form = NeedsForm(
            session, request.POST if request.method == "POST" else None, initial=initial
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.update_needs(
                    actor=request.user,
                    registration=registration,
                    needs=form.needs_given(),
                    details=form.cleaned_data.get("details", ""),
                    consent=bool(form.cleaned_data.get("consent")),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your accessibility needs have been saved."))
                return redirect("trainings:registration", pk=registration.pk)
    elif request.method == "POST":
        raise PermissionDenied
    may_cancel, cancel_block = _cancel_state(request.user, registration, now)
    return render(
        request,
        "trainings/registration/registration.html",
        {
            "registration": registration,
            "session": session,
            "course": session.course,
            "owner": owner,
            "need": need,
            "form": form,
            "place": waiting_place(registration),
            "may_cancel": may_cancel,
            "cancel_block": cancel_block,
            "has_seat": registration.has_seat,
            "show_link": bool(session.online_link and registration.has_seat),
            "has_certificate": _has_certificate(registration),
            "can_give_feedback": owner
            and registration.attended
            and not registration.feedback_given
            and session.starts_at <= now,
            "offer_action": _offer_action(registration) if owner else "",
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk):
    registration = _registration_for(request, pk, "trainings.cancel_registration")
    url = reverse("trainings:registration", args=[registration.pk])
    may_cancel, why_not = _cancel_state(request.user, registration)
    if not may_cancel:
        messages.error(request, why_not or _("This registration cannot be cancelled."))
        return redirect(url)
    session = registration.session
    owner = registration.user_id == request.user.pk
    scope = f"training-cancel:{registration.pk}:{registration.status}"
    if not confirmation.is_confirmed(request, scope, [registration.pk]):
        explanation = []
        if registration.has_seat or registration.status == Registration.Status.OFFERED:
            explanation.append(
                _("Your seat goes to the next person on the waiting list.")
                if owner
                else _("The seat goes to the next person on the waiting list.")
            )
        if not owner:
            explanation.append(
                _("%(name)s is told by e-mail.")
                % {"name": registration.user.name or registration.user.email}
            )
        explanation.append(
            _(
                "You can register again later only if there is still a seat or a place on the "
                "waiting list."
            )
            if owner
            else _("Their accessibility needs are deleted.")
        )
        question = (
            _("Cancel your registration for “%(title)s”?")
            if owner
            else _("Cancel the registration of %(name)s for “%(title)s”?")
        ) % {
            "title": session.course.title,
            "name": registration.user.name or registration.user.email,
        }
        return confirmation.render_page(
            request,
            confirmation.Confirmation(
                question=question,
                action=_("Cancel the registration"),
                cancel_url=url,
                scope=scope,
                ids=[registration.pk],
                context_line=_when(session.starts_at),
                explanation=explanation,
            ),
        )
    try:
        services.cancel(actor=request.user, registration=registration)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect(url)
    messages.success(request, _("The registration has been cancelled."))
    if owner:
        return redirect("trainings:mine")
    return redirect("trainings:session", pk=session.pk)


@never_cache
@require_http_methods(["GET", "POST"])
def offer(request, token):
    """The offer of a seat, by the signed token from the mail: the token is the proof, so no
    sign-in is needed. GET only shows; the two buttons POST."""
    try:
        registration = services.registration_for_token(token)
    except DomainError as error:
        return render(
            request,
            "trainings/registration/offer.html",
            {"invalid": str(error)},
            status=404,
        )
    session = registration.session
    now = timezone.now()
    state = _offer_state(registration, now)
    if request.method == "POST":
        if state != "open":
            messages.error(request, _("This offer is no longer open."))
            return redirect("trainings:offer", token=token)
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.accept_offer(registration=registration)
                messages.success(request, _("Your seat is confirmed. See you at the session!"))
            elif action == "decline":
                services.decline_offer(registration=registration)
                messages.success(
                    request,
                    _(
                        "You have declined the seat. It goes to the next person on the waiting "
                        "list."
                    ),
                )
            else:
                return redirect("trainings:offer", token=token)
        except DomainError as error:
            messages.error(request, str(error))
        return redirect("trainings:offer", token=token)
    response = render(
        request,
        "trainings/registration/offer.html",
        {
            "registration": registration,
            "session": session,
            "course": session.course,
            "state": state,
            "token": token,
            "signed_in_as_owner": request.user.is_authenticated
            and request.user.pk == registration.user_id,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _offer_state(registration, now) -> str:
    """open, confirmed (taken), expired or closed (declined, cancelled, session gone)."""
    status = registration.status
    if status == Registration.Status.CONFIRMED:
        return "confirmed"
    if status == Registration.Status.EXPIRED:
        return "expired"
    if status != Registration.Status.OFFERED:
        return "closed"
    if registration.session.status == TrainingSession.Status.CANCELLED:
        return "closed"
    if registration.offer_expires_at and registration.offer_expires_at <= now:
        return "expired"
    return "open"


@login_required
@require_GET
def session_ics(request, pk):
    session = _session(pk)
    allowed = (
        can_organise(request.user, session)
        or Registration.objects.filter(
            session=session, user=request.user, status=Registration.Status.CONFIRMED
        ).exists()
    )
    if not allowed:
        raise Http404
    # A seat holder's file carries the online room and their registration page.
    own = Registration.objects.filter(
        session=session, user=request.user, status=Registration.Status.CONFIRMED
    ).first()
    if own is None and not can_organise(request.user, session):
        raise Http404
    event = calendar.event_for(session, registration=own)
    response = HttpResponse(ical.download(event), content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, calendar.filename(session))
    # The file may carry the online room's link: no shared caches.
    patch_cache_control(response, private=True)
    return response


urlpatterns = [
    path("fortbildungen/termine/<int:pk>/anmelden/", register, name="register"),
    path("fortbildungen/meine-anmeldungen/", mine, name="mine"),
    path("fortbildungen/anmeldungen/<int:pk>/", registration_page, name="registration"),
    path("fortbildungen/anmeldungen/<int:pk>/abmelden/", cancel, name="cancel"),
    path("fortbildungen/angebot/<str:token>/", offer, name="offer"),
    path("fortbildungen/termine/<int:pk>/kalender.ics", session_ics, name="session_ics"),
]
