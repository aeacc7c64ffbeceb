"""The organisers' pages of a stage's on-site meetings: the stages with meetings, a round's
settings, its meetings, the optimiser's proposal (or why there is none) and confirming it.

Funder staff and programme experts (`visits.manage_rounds`) see these pages; anyone else
signed in gets 403. An expert never sees the meetings of applications they have a conflict
of interest with.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from inklusiv.accounts.models import Role
from inklusiv.calls.models import Stage
from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.selection import conflicts

from .. import schedule_solver
from ..forms.rounds import RoundSettingsForm
from ..models import Participant, Visit, VisitRound
from ..services import invitations, lifecycle
from ..services import rounds as round_services
from ..services import schedule as schedule_services
from ..services.polls import slot_label

PERMISSION = "visits.manage_rounds"
# Service fields that the form splits into a date and a time input.
FORM_FIELDS = {
    "window_start": "window_start_date",
    "window_end": "window_end_date",
    "poll_closes_at": "poll_closes_date",
}
RUN_STATUS = {
    schedule_solver.Status.OPTIMAL: gettext_lazy("best possible schedule found"),
    schedule_solver.Status.FEASIBLE: gettext_lazy(
        "schedule found (the time limit ended the search early)"
    ),
    schedule_solver.Status.INFEASIBLE: gettext_lazy("no schedule is possible"),
    schedule_solver.Status.UNKNOWN: gettext_lazy("no schedule found in time"),
}


def organisers_only(view):
    """Signed-in people without the permission get 403; anonymous people the login page."""
    return login_required(permission_required(PERMISSION, raise_exception=True)(view))


def sees_every_meeting(user) -> bool:
    return user.has_role(Role.FUNDER_STAFF)


def visible(user, visits):
    """The meetings `user` may organise: an expert's conflicts are left out."""
    if sees_every_meeting(user):
        return visits
    return visits.exclude(application__in=conflicts.conflicted_application_ids(user))


def _stage(pk) -> Stage:
    return get_object_or_404(
        Stage.objects.select_related("call__initiative"), pk=pk, requires_site_visit=True
    )


def _round(stage) -> VisitRound | None:
    return VisitRound.objects.filter(stage=stage).select_related("organiser", "run_by").first()


# --- the stages -------------------------------------------------------------------------


@organisers_only
def stages(request):
    user = request.user
    hidden = ~Q(visit_round__visits__application__in=conflicts.conflicted_application_ids(user))
    shown = Q() if sees_every_meeting(user) else hidden
    rows = (
        Stage.objects.filter(requires_site_visit=True)
        .select_related("call", "visit_round")
        .annotate(
            meetings=Count(
                "visit_round__visits",
                filter=shown & ~Q(visit_round__visits__status=Visit.Status.CANCELLED),
            ),
            confirmed=Count(
                "visit_round__visits",
                filter=shown & Q(visit_round__visits__status=Visit.Status.CONFIRMED),
            ),
            held=Count(
                "visit_round__visits",
                filter=shown & Q(visit_round__visits__status=Visit.Status.HELD),
            ),
        )
        .order_by("-call__reference_year", "call__pk", "position")
    )
    return render(request, "visits/rounds/stages.html", {"stages": rows})


# --- one round ----------------------------------------------------------------------------


def _rows(user, round_):
    visits = (
        visible(user, round_.visits.all())
        .select_related("application__organisation")
        .prefetch_related("participants")
        .order_by("application__reference", "pk")
    )
    rows = []
    for visit in visits:
        participants = list(visit.participants.all())
        answering = [p for p in participants if p.answers_poll]
        rows.append(
            {
                "visit": visit,
                "experts": [p.name for p in participants if p.kind == Participant.Kind.EXPERT],
                "answered": sum(1 for p in answering if p.responded_at),
                "asked": len(answering),
            }
        )
    return rows


def _explanations(user, round_, sentences):
    """The optimiser's sentences; an expert reads "another meeting" where they name a meeting
    the expert must not know of."""
    if sees_every_meeting(user) or not sentences:
        return list(sentences)
    hidden = [
        str(visit)
        for visit in round_.visits.filter(
            application__in=conflicts.conflicted_application_ids(user)
        ).select_related("application")
    ]
    result = []
    for sentence in sentences:
        for label in hidden:
            sentence = sentence.replace(label, _("another meeting"))
        result.append(sentence)
    return result


def _new_time(visit) -> bool:
    """Whether confirming would send this meeting: its planned time (pinned, else proposed)
    is not what participants were told."""
    planned = visit.pinned_start or visit.proposed_start
    return (
        visit.status in round_services.ACTIVE_STATUSES
        and planned is not None
        and planned != visit.start
    )


def _round_context(request, stage, round_, *, form=None):
    user = request.user
    context = {"stage": stage, "call": stage.call, "round": round_}
    if round_ is None:
        context["form"] = form or RoundSettingsForm()
        return context
    rows = _rows(user, round_)
    found = round_.run_status in (schedule_solver.Status.OPTIMAL, schedule_solver.Status.FEASIBLE)
    problems = (
        schedule_services.check(round_)
        if any(schedule_services.planned_start(row["visit"]) for row in rows)
        else []
    )
    context.update(
        {
            "rows": rows,
            "run_found": found,
            "run_status_label": RUN_STATUS.get(round_.run_status, round_.run_status),
            "explanations": _explanations(user, round_, round_.run_explanations),
            "problems": _explanations(user, round_, problems),
            "to_confirm": sum(1 for row in rows if _new_time(row["visit"])),
            # A finished round offers no planning steps (the services refuse them too).
            "finished": lifecycle.round_finished(round_),
        }
    )
    return context


@organisers_only
def round_page(request, stage_pk):
    stage = _stage(stage_pk)
    return render(
        request, "visits/rounds/round.html", _round_context(request, stage, _round(stage))
    )


@organisers_only
def round_settings(request, stage_pk):
    stage = _stage(stage_pk)
    round_ = _round(stage)
    form = RoundSettingsForm(request.POST or None, round=round_)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_services.set_up_round(
                actor=request.user,
                stage=stage,
                window_start=data["window_start"],
                window_end=data["window_end"],
                duration_minutes=data["duration_minutes"],
                speed_kmh=data["speed_kmh"],
                buffer_minutes=data["buffer_minutes"],
                max_per_day=data["max_per_day"],
                slot_times=data["slot_times"],
                poll_closes_at=data["poll_closes_at"],
                organiser=data["organiser"],
            )
        except DomainError as error:
            add_domain_error(form, error, FORM_FIELDS)
        else:
            if round_ is None:
                messages.success(
                    request,
                    _("The on-site meetings are set up: one meeting per application."),
                )
            else:
                messages.success(request, _("The settings have been saved."))
            return redirect("visits:round", stage_pk=stage.pk)
    return render(
        request,
        "visits/rounds/settings.html",
        {"stage": stage, "call": stage.call, "round": round_, "form": form},
        status=400 if form.errors else 200,
    )


def _existing_round(stage) -> VisitRound:
    round_ = _round(stage)
    if round_ is None:
        # Nothing to act on yet: the set-up form is on the round page.
        raise DomainError(_("Set up the on-site meetings of this stage first."))
    return round_


@organisers_only
@require_POST
def round_run(request, stage_pk):
    stage = _stage(stage_pk)
    try:
        result = schedule_services.run(actor=request.user, round=_existing_round(stage))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if result.found:
            messages.success(
                request,
                ngettext(
                    "The optimiser proposes a time for %(count)s meeting. Check the proposal, "
                    "then confirm it to send the invitation.",
                    "The optimiser proposes a time for %(count)s meetings. Check the proposal, "
                    "then confirm it to send the invitations.",
                    len(result.assignments),
                )
                % {"count": len(result.assignments)},
            )
        else:
            messages.warning(
                request, _("No schedule is possible. The page explains what stands in the way.")
            )
    return redirect("visits:round", stage_pk=stage.pk)


def _invitations_confirmation(stage, round_, visits, scope, ids) -> confirmation.Confirmation:
    """Which meetings go out, when, and to how many people each."""
    counts = dict(
        Participant.objects.filter(visit__in=visits)
        .values("visit")
        .annotate(n=Count("pk"))
        .values_list("visit", "n")
    )
    people = sum(counts.values())
    items = []
    for visit in visits:
        planned = visit.pinned_start or visit.proposed_start
        kind = _("invitation") if visit.start is None else _("update")
        count = counts.get(visit.pk, 0)
        items.append(
            _("%(meeting)s: %(when)s (%(kind)s, %(people)s)")
            % {
                "meeting": f"{visit.application.reference or '–'} "
                f"{visit.application.organisation.name}",
                "when": slot_label(planned, visit.duration_minutes),
                "kind": kind,
                "people": ngettext("%(count)s person", "%(count)s people", count)
                % {"count": count},
            }
        )
    return confirmation.Confirmation(
        question=ngettext(
            "Send the invitation or update for %(count)s meeting?",
            "Send the invitations or updates for %(count)s meetings?",
            len(visits),
        )
        % {"count": len(visits)},
        action=ngettext("Send %(count)s invitation", "Send %(count)s invitations", len(visits))
        % {"count": len(visits)},
        cancel_url=reverse("visits:round", args=[stage.pk]),
        scope=scope,
        ids=ids,
        context_line=stage.label,
        explanation=[
            ngettext(
                "%(count)s person gets an e-mail with a calendar entry for their meeting.",
                "%(count)s people get an e-mail with a calendar entry for their meeting.",
                people,
            )
            % {"count": people},
            _("A time once sent can only be changed by sending an update to everyone."),
        ],
        items_heading=_("Meetings"),
        items=items,
    )


@organisers_only
@require_POST
def round_confirm(request, stage_pk):
    stage = _stage(stage_pk)
    try:
        round_ = _existing_round(stage)
        lifecycle.ensure_round_open(round_)
        problems = schedule_services.check(round_)
        if problems:
            raise DomainError(
                _(
                    "The current plan breaks the rules of this round, so no invitation was "
                    "sent. Run the optimiser again or move the meetings named on this page."
                )
            )
        visits = [
            visit
            for visit in visible(
                request.user, round_.visits.filter(status__in=round_services.ACTIVE_STATUSES)
            ).select_related("application__organisation", "round")
            if visit.pinned_start or visit.proposed_start
        ]
        if not visits:
            raise DomainError(
                _("No meeting has a time yet. Run the optimiser or fix a time on a meeting's page.")
            )
        changing = [visit for visit in visits if _new_time(visit)]
        scope = f"invitations:{round_.pk}"
        ids = [
            f"{visit.pk}@{(visit.pinned_start or visit.proposed_start).isoformat()}"
            for visit in changing
        ]
        if changing and not confirmation.is_confirmed(request, scope, ids):
            return confirmation.render_page(
                request, _invitations_confirmation(stage, round_, changing, scope, ids)
            )
        sent = invitations.confirm(actor=request.user, visits=visits)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if sent:
            messages.success(
                request,
                ngettext(
                    "An invitation or update has been sent for %(count)s meeting.",
                    "Invitations or updates have been sent for %(count)s meetings.",
                    sent,
                )
                % {"count": sent},
            )
        else:
            messages.info(request, _("Every meeting's time was already sent; nothing new to send."))
    return redirect("visits:round", stage_pk=stage.pk)


urlpatterns = [
    path("staff/visits/", stages, name="stages"),
    path("staff/visits/stages/<int:stage_pk>/", round_page, name="round"),
    path("staff/visits/stages/<int:stage_pk>/settings/", round_settings, name="round_settings"),
    path("staff/visits/stages/<int:stage_pk>/schedule/", round_run, name="round_run"),
    path("staff/visits/stages/<int:stage_pk>/confirm/", round_confirm, name="round_confirm"),
]
