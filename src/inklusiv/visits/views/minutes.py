"""The agenda of an on-site meeting (printable) and its minutes page with the answers to the
open questions and the expert's assessment.

Whoever may not see a meeting gets 404, so nothing tells them it exists; that includes the
applicant and a conflicted expert on the minutes page. Participants without an account open
the agenda by the secret token of their seat, as they open their poll; that agenda never
carries the commission's research, whoever holds the link.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.applications.models import FINAL_STATES
from inklusiv.core.exceptions import DomainError
from inklusiv.selection import selectors as selection_selectors
from inklusiv.selection.models import OpenQuestion, Review
from inklusiv.selection.services import reviews as review_services

from ..forms.minutes import (
    DRAFT_BUTTON,
    MINUTES_BUTTON,
    SUBMIT_BUTTON,
    AssessmentForm,
    MinutesForm,
)
from ..models import Participant, Visit
from ..services import minutes as services


def _visit(pk) -> Visit:
    return get_object_or_404(
        Visit.objects.select_related(
            "round__stage",
            "application__organisation",
            "application__social_space",
            "application__concept",
            "minutes_by",
        ),
        pk=pk,
    )


@login_required
@require_GET
def agenda(request, pk):
    visit = _visit(pk)
    if not request.user.has_perm("visits.view_visit", visit):
        raise Http404
    return render(
        request,
        "visits/minutes/agenda.html",
        {
            "visit": visit,
            "agenda": services.agenda(visit, for_user=request.user),
            "can_record": request.user.has_perm("visits.record_minutes", visit),
            "can_organise": request.user.has_perm("visits.organise_visit", visit),
        },
    )


@never_cache
@require_GET
def participant_agenda(request, token):
    participant = get_object_or_404(
        Participant.objects.only("pk", "visit_id", "token"), token=token
    )
    visit = _visit(participant.visit_id)
    return render(
        request,
        "visits/minutes/agenda.html",
        {
            "visit": visit,
            # No reader: the token shows what every participant may see, nothing internal.
            "agenda": services.agenda(visit, for_user=None),
            "participant": participant,
            "can_record": False,
            "can_organise": False,
        },
    )


def _reviews(stage, application, reviewers):
    return (
        Review.objects.filter(stage=stage, application=application, reviewer__in=reviewers)
        .select_related("reviewer")
        .prefetch_related("scores__criterion")
    )


def _saved_review_rows(criteria, review) -> list[tuple[str, str]]:
    """What the other save stored, as (label, value) for the conflict panel."""
    if review is None:
        return []
    scores = {score.criterion_id: score for score in review.scores.all()}
    rows = []
    for criterion in criteria:
        score = scores.get(criterion.pk)
        value = "" if score is None or score.value is None else str(score.value)
        if score is not None and score.comment:
            value = f"{value} – {score.comment}" if value else score.comment
        rows.append((criterion.name, value))
    rows.append((_("Overall recommendation"), review.get_recommendation_display()))
    rows.append((_("Overall comment"), review.comment))
    return rows


def _own_review(stage, application, user):
    return _reviews(stage, application, [user]).first()


@login_required
@require_http_methods(["GET", "POST"])
def minutes(request, pk):
    visit = _visit(pk)
    user = request.user
    if not user.has_perm("visits.record_minutes", visit):
        raise Http404
    application = visit.application
    stage = visit.round.stage
    questions = list(OpenQuestion.objects.filter(application=application))
    show_held = visit.status == Visit.Status.CONFIRMED
    criteria = selection_selectors.criteria_of(stage)
    expert_ids = list(
        visit.participants.filter(kind=Participant.Kind.EXPERT, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    is_assessor = user.pk in expert_ids
    own_review = _own_review(stage, application, user) if is_assessor else None
    locked = own_review is not None and own_review.status == Review.Status.SUBMITTED
    assessment_closed = (
        application.status in FINAL_STATES
        or application.stage_id != stage.pk
        or visit.status == Visit.Status.CANCELLED
    )
    can_assess = is_assessor and not locked and not assessment_closed

    minutes_form = assessment_form = None
    minutes_conflict = review_conflict = None
    status = 200
    if request.method == "POST":
        if MINUTES_BUTTON in request.POST:
            minutes_form = MinutesForm(request.POST, questions=questions, show_held=show_held)
            if minutes_form.is_valid():
                data = minutes_form.cleaned_data
                try:
                    services.record_minutes(
                        actor=user,
                        visit=visit,
                        revision=data["revision"],
                        minutes=data["minutes"],
                        answers=minutes_form.answers(),
                        held=bool(data.get("held")),
                    )
                except services.MinutesConflict as error:
                    messages.error(request, str(error))
                    minutes_conflict = error
                    questions = list(OpenQuestion.objects.filter(application=application))
                    posted = request.POST.copy()
                    posted["revision"] = str(error.revision)
                    minutes_form = MinutesForm(posted, questions=questions, show_held=show_held)
                    minutes_form.is_valid()
                    status = 409
                except DomainError as error:
                    field = error.field if error.field in minutes_form.fields else None
                    minutes_form.add_error(field, str(error))
                else:
                    messages.success(request, _("The minutes have been saved."))
                    return redirect("visits:minutes", pk=visit.pk)
            if status == 200:
                status = 400
        elif DRAFT_BUTTON in request.POST or SUBMIT_BUTTON in request.POST:
            if not can_assess:
                messages.error(
                    request,
                    _("This assessment has been submitted and can no longer be changed.")
                    if locked
                    else _("The assessment cannot be changed now."),
                )
                return redirect("visits:minutes", pk=visit.pk)
            submitting = SUBMIT_BUTTON in request.POST
            assessment_form = AssessmentForm(request.POST, criteria=criteria, submitting=submitting)
            if assessment_form.is_valid():
                data = assessment_form.cleaned_data
                try:
                    services.ensure_assessor(actor=user, visit=visit, expert=user)
                    review_services.save_review(
                        actor=user,
                        application=application,
                        revision=data["revision"],
                        scores=assessment_form.scores(),
                        recommendation=data["recommendation"],
                        comment=data["comment"],
                        submit=submitting,
                    )
                except review_services.ReviewConflict as error:
                    messages.error(request, str(error))
                    own_review = _own_review(stage, application, user)
                    review_conflict = _saved_review_rows(criteria, own_review)
                    posted = request.POST.copy()
                    posted[assessment_form.add_prefix("revision")] = str(
                        own_review.revision if own_review else 0
                    )
                    assessment_form = AssessmentForm(
                        posted, criteria=criteria, submitting=submitting
                    )
                    assessment_form.is_valid()
                    status = 409
                except DomainError as error:
                    field = error.field if error.field in assessment_form.fields else None
                    assessment_form.add_error(field, str(error))
                else:
                    messages.success(
                        request,
                        _("Your assessment has been submitted. Thank you!")
                        if submitting
                        else _("Your assessment has been saved as a draft."),
                    )
                    return redirect("visits:minutes", pk=visit.pk)
            if status == 200:
                status = 400
        else:
            return redirect("visits:minutes", pk=visit.pk)

    if minutes_form is None:
        minutes_form = MinutesForm(
            initial=MinutesForm.initial_for(visit, questions),
            questions=questions,
            show_held=show_held,
        )
    if can_assess and assessment_form is None:
        assessment_form = AssessmentForm(
            initial=AssessmentForm.initial_for(own_review), criteria=criteria
        )
    # Staff read the experts' submitted assessments; nobody reads another's draft.
    other_reviews = [
        review
        for review in _reviews(stage, application, expert_ids).filter(
            status=Review.Status.SUBMITTED
        )
        if review.reviewer_id != user.pk
    ]
    return render(
        request,
        "visits/minutes/minutes.html",
        {
            "visit": visit,
            "application": application,
            "minutes_form": minutes_form,
            "minutes_conflict": minutes_conflict,
            "assessment_form": assessment_form if can_assess else None,
            "review_conflict": review_conflict,
            "criteria": criteria,
            "is_assessor": is_assessor,
            "own_review": own_review,
            "locked": locked,
            "assessment_closed": assessment_closed,
            "other_reviews": other_reviews,
            "buttons": {
                "minutes": MINUTES_BUTTON,
                "draft": DRAFT_BUTTON,
                "submit": SUBMIT_BUTTON,
            },
        },
        status=status,
    )


urlpatterns = [
    path("visits/meetings/<int:pk>/agenda/", agenda, name="agenda"),
    path("visits/meetings/<int:pk>/minutes/", minutes, name="minutes"),
    path("visits/poll/<str:token>/agenda/", participant_agenda, name="poll_agenda"),
]
