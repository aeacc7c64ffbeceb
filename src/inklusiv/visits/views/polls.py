"""The availability poll (opened by its secret token, no account needed), "My meetings",
and the organisers' buttons for proposed times, asking and reminding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.selection import conflicts

from ..forms.polls import PollForm, SlotsForm
from ..models import AccessibilityNeed, Participant, Visit, VisitRound
from ..selectors import seat_filter
from ..services import polls as services


def _participant(token):
    return get_object_or_404(
        Participant.objects.select_related(
            "visit__round__stage", "visit__application__organisation"
        ),
        token=token,
    )


def _saved(participant, form):
    """The stored answers, for the confirmation shown after saving."""
    labels = {field.name: field.label for field in form.slot_fields()}
    given = {f"slot_{a.slot_id}": a.get_answer_display() for a in participant.answers.all()}
    return [(labels[name], given[name]) for name in labels if name in given]


@never_cache
def poll(request, token):
    participant = _participant(token)
    visit = participant.visit
    if request.method == "POST":
        form = PollForm(participant, request.POST)
        if form.is_valid():
            try:
                services.answer(
                    participant=participant,
                    answers=form.answers(),
                    needs=form.cleaned_data["needs"],
                    details=form.cleaned_data["details"],
                    consent=form.cleaned_data["consent"],
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                messages.success(request, _("Thank you, your answers have been saved."))
                return redirect("visits:poll", token=participant.token)
        status = 400
    else:
        form = PollForm(participant)
        status = 200
    participant.refresh_from_db()
    need = AccessibilityNeed.objects.filter(participant=participant).first()
    return render(
        request,
        "visits/polls/poll.html",
        {
            "participant": participant,
            "visit": visit,
            "round": visit.round,
            "form": form,
            "saved": _saved(participant, form) if participant.responded_at else [],
            "need": need,
            "closed": services.poll_closed(visit.round) or visit.status in services.CLOSED_STATUSES,
            "confirmed": visit.status == Visit.Status.CONFIRMED and visit.start is not None,
            "confirmed_label": services.slot_label(visit.start, visit.duration_minutes)
            if visit.start
            else "",
        },
        status=status,
    )


def _my_visits(user):
    return (
        Visit.objects.filter(
            seat_filter(user, "participants__")
            | Q(application__organisation__memberships__user=user)
        )
        .distinct()
        .select_related("round__stage__call", "application__organisation")
        .prefetch_related("participants")
        .order_by("start", "round__window_start", "application__reference")
    )


def _seat(visit, user):
    email = (user.email or "").lower()
    return next(
        (
            p
            for p in visit.participants.all()
            if p.user_id == user.pk or (email and p.email.lower() == email)
        ),
        None,
    )


@login_required
def mine(request):
    user = request.user
    member_of = set(user.memberships.values_list("organisation_id", flat=True))
    conflicted = set(conflicts.conflicted_application_ids(user).values_list("pk", flat=True))
    rows = []
    for visit in _my_visits(user):
        seat = _seat(visit, user)
        applicant_side = visit.application.organisation_id in member_of or (
            seat is not None and seat.kind in (Participant.Kind.CONTACT, Participant.Kind.PARTNER)
        )
        # The applicant's own people "conflict" with it by definition; for everyone else a
        # conflict of interest hides the meeting, even from an invited expert.
        if not applicant_side and visit.application_id in conflicted:
            continue
        rows.append(
            {
                "visit": visit,
                "seat": seat,
                "when": services.slot_label(visit.start, visit.duration_minutes)
                if visit.start
                else "",
                "poll_token": seat.token if seat and seat.answers_poll else "",
                "confirmed": visit.status == Visit.Status.CONFIRMED and visit.start is not None,
                # Agenda and calendar file check view_visit; a seat by e-mail alone does not.
                "can_view": user.has_perm("visits.view_visit", visit),
            }
        )
    return render(
        request,
        "visits/mine.html",
        {
            "rows": rows,
            "can_enter_availability": user.has_perm("visits.enter_availability"),
            "can_manage_rounds": user.has_perm("visits.manage_rounds"),
        },
    )


def _round(request, stage_pk):
    # The role first: someone who may not manage rounds learns nothing about the stage.
    if not request.user.has_perm("visits.manage_rounds"):
        raise PermissionDenied
    return get_object_or_404(VisitRound.objects.select_related("stage"), stage__pk=stage_pk)


def _round_action(request, stage_pk, action, done):
    round_ = _round(request, stage_pk)
    try:
        count = action(actor=request.user, round=round_)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done(count))
    return redirect("visits:round", stage_pk=stage_pk)


@login_required
@require_POST
def round_slots(request, stage_pk):
    return _round_action(
        request,
        stage_pk,
        services.generate_slots,
        lambda n: (
            ngettext(
                "%(count)d proposed time has been created.",
                "%(count)d proposed times have been created.",
                n,
            )
            % {"count": n}
        ),
    )


def _addressees(participants) -> list[str]:
    return [
        f"{p.name} ({p.email}) – {p.visit.application.reference or '–'} "
        f"{p.visit.application.organisation.name}"
        for p in participants
    ]


def _mail_round(request, stage_pk, *, kind, recipients, action, done, question, button, text):
    """Ask for confirmation with the list of people, then mail them on the second POST."""
    round_ = _round(request, stage_pk)
    people = list(recipients(round_))
    scope = f"{kind}:{round_.pk}"
    ids = [participant.pk for participant in people]
    # Nobody to mail, or a closed poll: the action itself says so, without a question.
    asking = people and not services.poll_closed(round_)
    if asking and not confirmation.is_confirmed(request, scope, ids):
        count = len(people)
        return confirmation.render_page(
            request,
            confirmation.Confirmation(
                question=question(count),
                action=button(count),
                cancel_url=reverse("visits:round", args=[stage_pk]),
                scope=scope,
                ids=ids,
                context_line=round_.stage.label,
                explanation=[text],
                items_heading=_("Recipients"),
                items=_addressees(people),
            ),
        )
    return _round_action(request, stage_pk, action, done)


@login_required
@require_POST
def round_send_poll(request, stage_pk):
    return _mail_round(
        request,
        stage_pk,
        kind="poll",
        recipients=services.to_ask,
        action=services.send_poll,
        done=lambda n: (
            ngettext(
                "The poll has been sent to %(count)d person.",
                "The poll has been sent to %(count)d people.",
                n,
            )
            % {"count": n}
        ),
        question=lambda n: (
            ngettext(
                "Send the poll to %(count)d person?",
                "Send the poll to %(count)d people?",
                n,
            )
            % {"count": n}
        ),
        button=lambda n: (
            ngettext("Send the poll to %(count)d person", "Send the poll to %(count)d people", n)
            % {"count": n}
        ),
        text=_(
            "Each of them gets an e-mail with their personal link to the poll and the times "
            "proposed for their meeting."
        ),
    )


@login_required
@require_POST
def round_remind(request, stage_pk):
    return _mail_round(
        request,
        stage_pk,
        kind="remind",
        recipients=services.to_remind,
        action=services.send_reminders,
        done=lambda n: (
            ngettext(
                "A reminder has been sent to %(count)d person.",
                "A reminder has been sent to %(count)d people.",
                n,
            )
            % {"count": n}
        ),
        question=lambda n: (
            ngettext(
                "Remind %(count)d person of the poll?",
                "Remind %(count)d people of the poll?",
                n,
            )
            % {"count": n}
        ),
        button=lambda n: (
            ngettext("Send %(count)d reminder", "Send %(count)d reminders", n) % {"count": n}
        ),
        text=_(
            "They were asked but have not answered yet. Each gets one reminder by e-mail with "
            "their link to the poll."
        ),
    )


@login_required
def visit_slots(request, pk):
    if not request.user.has_perm("visits.manage_rounds"):
        raise PermissionDenied
    visit = get_object_or_404(
        Visit.objects.select_related("round__stage", "application__organisation"), pk=pk
    )
    if not request.user.has_perm("visits.organise_visit", visit):
        raise Http404
    if request.method == "POST":
        form = SlotsForm(visit, request.POST)
        if form.is_valid():
            removed = set(form.cleaned_data["remove"])
            starts = [s.start for s in visit.slots.all() if str(s.pk) not in removed]
            if form.cleaned_data.get("new"):
                starts.append(form.cleaned_data["new"])
            try:
                services.set_slots(actor=request.user, visit=visit, starts=starts)
            except DomainError as error:
                field = "new_date" if error.field == "new" else None
                form.add_error(field, str(error))
            else:
                messages.success(request, _("The proposed times have been saved."))
                return redirect("visits:visit_slots", pk=visit.pk)
        status = 400
    else:
        form = SlotsForm(visit)
        status = 200
    return render(
        request,
        "visits/polls/slots.html",
        {"visit": visit, "form": form, "poll": services.poll_table(visit)},
        status=status,
    )


urlpatterns = [
    path("visits/", mine, name="mine"),
    path("visits/poll/<str:token>/", poll, name="poll"),
    path("staff/visits/stages/<int:stage_pk>/slots/", round_slots, name="round_slots"),
    path("staff/visits/stages/<int:stage_pk>/poll/", round_send_poll, name="round_send_poll"),
    path("staff/visits/stages/<int:stage_pk>/remind/", round_remind, name="round_remind"),
    path("staff/visits/meetings/<int:pk>/slots/", visit_slots, name="visit_slots"),
]
