"""One on-site meeting for its organisers: place, participants, poll answers, accessibility
needs, fixing or moving its time, and cancelling it.

People without `visits.manage_rounds` get 403 (the page is not for their role); an expert
with a conflict of interest gets 404 (they must not learn that the meeting exists).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inklusiv.core import audit, confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error

from ..forms.rounds import CancelForm, ParticipantForm, PinForm, PlaceForm
from ..models import AccessibilityNeed, Participant, Visit
from ..services import invitations, lifecycle
from ..services import rounds as round_services
from ..services import schedule as schedule_services
from ..services.polls import poll_table


def _visit(request, pk) -> Visit:
    if not request.user.has_perm("visits.manage_rounds"):
        raise PermissionDenied
    visit = get_object_or_404(
        Visit.objects.select_related(
            "round__stage__call", "application__organisation", "application__social_space"
        ),
        pk=pk,
    )
    if not request.user.has_perm("visits.organise_visit", visit):
        raise Http404
    return visit


def _context(request, visit, *, participant_form=None, pin_form=None):
    user = request.user
    participants = list(
        visit.participants.select_related("user", "partner").order_by("kind", "name")
    )
    needs = []
    if user.has_perm("visits.view_accessibility_needs", visit):
        needs = list(
            AccessibilityNeed.objects.filter(participant__visit=visit)
            .select_related("participant")
            .order_by("participant__name")
        )
    if needs:
        # Health-related data: who read whose needs, and when, is on record (not the needs).
        audit.record(
            actor=user,
            obj=visit,
            action="accessibility_needs_viewed",
            after={"participants": [need.participant_id for need in needs]},
        )
    # Planning this meeting (time, poll, participants) ends with it, or with its round.
    active = visit.status in round_services.ACTIVE_STATUSES and not lifecycle.round_finished(
        visit.round
    )
    return {
        "visit": visit,
        "round": visit.round,
        "stage": visit.round.stage,
        "application": visit.application,
        "social_space": getattr(visit.application, "social_space", None),
        "participants": participants,
        "experts": [p for p in participants if p.kind == Participant.Kind.EXPERT],
        "poll": poll_table(visit),
        "needs": needs,
        "can_see_needs": user.has_perm("visits.view_accessibility_needs", visit),
        "active": active,
        "planned_start": schedule_services.planned_start(visit),
        "participant_form": participant_form or ParticipantForm(visit=visit),
        "pin_form": pin_form or PinForm(visit=visit),
        "error_forms": [f for f in (participant_form, pin_form) if f is not None and f.errors],
    }


@login_required
def visit_page(request, pk):
    visit = _visit(request, pk)
    return render(request, "visits/visit/detail.html", _context(request, visit))


@login_required
def visit_place(request, pk):
    visit = _visit(request, pk)
    form = PlaceForm(
        request.POST or None,
        initial={
            "place": visit.place,
            "street": visit.street,
            "postcode": visit.postcode,
            "city": visit.city,
            "latitude": "" if visit.latitude is None else f"{visit.latitude:g}",
            "longitude": "" if visit.longitude is None else f"{visit.longitude:g}",
            "duration_minutes": visit.duration_minutes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            round_services.update_place(actor=request.user, visit=visit, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The meeting place has been saved."))
            return redirect("visits:visit", pk=visit.pk)
    return render(
        request,
        "visits/visit/place.html",
        {"visit": visit, "application": visit.application, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def participant_add(request, pk):
    visit = _visit(request, pk)
    form = ParticipantForm(request.POST, visit=visit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            participant = round_services.add_participant(
                actor=request.user,
                visit=visit,
                kind=data["kind"],
                user=data["user"]
                if data["kind"] in (Participant.Kind.EXPERT, Participant.Kind.COMMISSION)
                else None,
                name=data["name"],
                email=data["email"],
                language=data["language"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s takes part in the meeting now.") % {"name": participant.name},
            )
            return redirect("visits:visit", pk=visit.pk)
    return render(
        request,
        "visits/visit/detail.html",
        _context(request, visit, participant_form=form),
        status=400,
    )


def _invited(visit) -> bool:
    """Whether the meeting's time was sent, so that people hold it in their calendars."""
    return visit.status == Visit.Status.CONFIRMED and visit.start is not None


@login_required
@require_POST
def participant_remove(request, pk):
    if not request.user.has_perm("visits.manage_rounds"):
        raise PermissionDenied
    participant = get_object_or_404(
        Participant.objects.select_related(
            "visit__round__stage", "visit__application__organisation"
        ),
        pk=pk,
    )
    visit = participant.visit
    if not request.user.has_perm("visits.organise_visit", visit):
        raise Http404
    scope = f"remove-participant:{visit.pk}:{visit.sequence}"
    if not confirmation.is_confirmed(request, scope, [participant.pk]):
        invited = _invited(visit)
        explanation = [
            _(
                "%(name)s gets a cancellation by e-mail, which also removes the meeting from "
                "their calendar."
            )
            % {"name": participant.name}
            if invited
            else _("The meeting's time has not been sent yet, so nobody gets an e-mail.")
        ]
        explanation.append(
            _("Their answers to the poll are deleted. You can add them again later.")
        )
        return confirmation.render_page(
            request,
            confirmation.Confirmation(
                question=_("Remove %(name)s from the meeting with %(organisation)s?")
                % {"name": participant.name, "organisation": visit.application.organisation.name},
                action=_("Remove %(name)s") % {"name": participant.name},
                cancel_url=reverse("visits:visit", args=[visit.pk]),
                scope=scope,
                ids=[participant.pk],
                context_line=str(visit.round.stage.label),
                explanation=explanation,
            ),
        )
    try:
        round_services.remove_participant(actor=request.user, participant=participant)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s no longer takes part in the meeting.") % {"name": participant.name},
        )
    return redirect("visits:visit", pk=visit.pk)


@login_required
@require_POST
def visit_pin(request, pk):
    visit = _visit(request, pk)
    form = PinForm(request.POST, visit=visit)
    if form.is_valid():
        try:
            schedule_services.pin(actor=request.user, visit=visit, start=form.cleaned_data["start"])
        except DomainError as error:
            add_domain_error(form, error, {"start": "start_date"})
        else:
            messages.success(
                request,
                _(
                    "The meeting is fixed to this time. Run the optimiser again to plan the "
                    "other meetings around it, then confirm to send the update."
                ),
            )
            return redirect("visits:visit", pk=visit.pk)
    return render(
        request,
        "visits/visit/detail.html",
        _context(request, visit, pin_form=form),
        status=400,
    )


@login_required
@require_POST
def visit_unpin(request, pk):
    visit = _visit(request, pk)
    try:
        schedule_services.unpin(actor=request.user, visit=visit)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The time is no longer fixed; the optimiser may choose another one.")
        )
    return redirect("visits:visit", pk=visit.pk)


def _cancel_confirmation(visit) -> confirmation.Confirmation:
    """Whom the cancellation reaches; its value changes when the meeting or its people do."""
    people = list(visit.participants.order_by("kind", "name")) if visit.start else []
    return confirmation.Confirmation(
        question="",
        action="",
        cancel_url=reverse("visits:visit", args=[visit.pk]),
        scope=f"cancel-visit:{visit.pk}:{visit.sequence}:{visit.status}",
        ids=[participant.pk for participant in people],
        items=[f"{participant.name} ({participant.email})" for participant in people],
    )


@login_required
def visit_cancel(request, pk):
    visit = _visit(request, pk)
    form = CancelForm(request.POST or None)
    check = _cancel_confirmation(visit)
    changed = False
    if request.method == "POST" and form.is_valid():
        if not confirmation.is_confirmed(request, check.scope, check.ids):
            # A POST that did not come from this page (or from an older state of the
            # meeting) only shows the page: nobody is mailed without seeing whom.
            changed = True
        else:
            try:
                invitations.cancel(
                    actor=request.user, visit=visit, reason=form.cleaned_data["reason"]
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request, _("The meeting is cancelled; everyone invited has been told.")
                )
                return redirect("visits:visit", pk=visit.pk)
    return render(
        request,
        "visits/visit/cancel.html",
        {
            "visit": visit,
            "application": visit.application,
            "form": form,
            "confirmation": check,
            "changed": changed,
        },
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("staff/visits/meetings/<int:pk>/", visit_page, name="visit"),
    path("staff/visits/meetings/<int:pk>/place/", visit_place, name="visit_place"),
    path("staff/visits/meetings/<int:pk>/participants/", participant_add, name="participant_add"),
    path(
        "staff/visits/participants/<int:pk>/remove/",
        participant_remove,
        name="participant_remove",
    ),
    path("staff/visits/meetings/<int:pk>/pin/", visit_pin, name="visit_pin"),
    path("staff/visits/meetings/<int:pk>/unpin/", visit_unpin, name="visit_unpin"),
    path("staff/visits/meetings/<int:pk>/cancel/", visit_cancel, name="visit_cancel"),
]
