"""Formal check, decisions (single and batch), letter templates, sending and its progress.

Staff pages need `selection.decide` (funder staff): anyone else signed in gets 403 before
any object is loaded. The applicant's letter download answers 404 to everyone but the
applicant organisation's members and staff.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from inklusiv.applications.models import Application, Status
from inklusiv.calls.models import Call, Stage
from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error

from ..forms.decisions import BatchDecisionForm, DecideForm, FormalCheckForm, LetterTemplateForm
from ..models import Decision, Letter, LetterBatch, Outcome, Review
from ..services import decisions as decision_services
from ..services import letters as letter_services

PERMISSION = "selection.decide"


def staff_only(view):
    """Signed-in people without the permission get 403; anonymous people the login page."""
    return login_required(permission_required(PERMISSION, raise_exception=True)(view))


def _stage(pk) -> Stage:
    return get_object_or_404(Stage.objects.select_related("call__initiative"), pk=pk)


def _application(pk) -> Application:
    return get_object_or_404(
        Application.objects.select_related("stage__call__initiative", "organisation", "call"),
        pk=pk,
    )


# --- the stage's decisions page --------------------------------------------------------


def _scores(stage, application_ids) -> dict[int, dict]:
    rows = (
        Review.objects.filter(
            stage=stage, application_id__in=application_ids, status=Review.Status.SUBMITTED
        )
        .values("application_id")
        .annotate(mean=Avg("total"), count=Count("pk"))
    )
    return {row["application_id"]: row for row in rows}


def _decisions_context(request, stage, *, batch_form=None) -> dict:
    order = decision_services.ranked_candidates(stage)
    ranked_ids = [pk for pk, _rank, _tied in order]
    waiting = Application.objects.select_related("organisation").in_bulk(ranked_ids)
    scores = _scores(stage, ranked_ids)
    quota = stage.quota
    advanced_so_far = Decision.objects.filter(
        stage=stage, outcome__in=(Outcome.ADVANCE, Outcome.SELECT)
    ).count()
    places_left = max(quota - advanced_so_far, 0) if quota is not None else None
    ranked = []
    for position, (pk, rank, tied) in enumerate(order, start=1):
        score = scores.get(pk, {})
        ranked.append(
            {
                "position": position,
                "rank": rank,
                "tied": tied,
                "application": waiting[pk],
                "mean": score.get("mean"),
                "count": score.get("count", 0),
                "within_quota": places_left is not None and position <= places_left,
            }
        )
    default_count = places_left if places_left is not None else 0
    decided = (
        Decision.objects.filter(stage=stage)
        .select_related("application__organisation")
        .annotate(sent_at=Max("letters__sent_at"))
        .order_by("application__reference")
    )
    return {
        "stage": stage,
        "call": stage.call,
        "is_last": stage.is_last,
        "to_check": Application.objects.filter(stage=stage, status=Status.SUBMITTED)
        .select_related("organisation")
        .order_by("reference"),
        "ready_for_review": Application.objects.filter(
            stage=stage, status__in=(Status.ELIGIBLE, Status.ADVANCED)
        ).count(),
        "ranked": ranked,
        "advanced_so_far": advanced_so_far,
        "places_left": places_left,
        "batch_form": batch_form
        or BatchDecisionForm(
            waiting=len(ranked), initial={"count": min(default_count, len(ranked))}
        ),
        "decided": decided,
        "without_letter": letter_services.decisions_without_letter(stage).count(),
        "batches": LetterBatch.objects.filter(stage=stage)[:10],
    }


@staff_only
def decisions(request, pk):
    stage = _stage(pk)
    return render(request, "selection/decisions/stage.html", _decisions_context(request, stage))


def _names(applications) -> list[str]:
    return [
        f"{application.reference or '–'} {application.organisation.name}"
        for application in applications
    ]


@staff_only
@require_POST
def mark_remaining_eligible(request, pk):
    stage = _stage(pk)
    waiting = list(
        Application.objects.filter(stage=stage, status=Status.SUBMITTED)
        .select_related("organisation")
        .order_by("reference", "pk")
    )
    scope = f"eligible:{stage.pk}"
    ids = [application.pk for application in waiting]
    if not confirmation.is_confirmed(request, scope, ids):
        count = len(waiting)
        return confirmation.render_page(
            request,
            confirmation.Confirmation(
                question=ngettext(
                    "Mark %(count)s application eligible?",
                    "Mark %(count)s applications eligible?",
                    count,
                )
                % {"count": count},
                action=_("Mark eligible"),
                cancel_url=reverse("selection:decisions", args=[stage.pk]),
                scope=scope,
                ids=ids,
                context_line=stage.label,
                explanation=[
                    _(
                        "Each of them passes the formal check without a check of its own. "
                        "This cannot be undone."
                    )
                ],
                items_heading=_("Applications"),
                items=_names(waiting),
            ),
        )
    count = decision_services.mark_remaining_eligible(actor=request.user, stage=stage)
    messages.success(
        request,
        ngettext(
            "%(count)s application has been marked eligible.",
            "%(count)s applications have been marked eligible.",
            count,
        )
        % {"count": count},
    )
    return redirect("selection:decisions", pk=stage.pk)


@staff_only
@require_POST
def start_review(request, pk):
    stage = _stage(pk)
    ready = list(
        Application.objects.filter(stage=stage, status__in=(Status.ELIGIBLE, Status.ADVANCED))
        .select_related("organisation")
        .order_by("reference", "pk")
    )
    scope = f"start-review:{stage.pk}"
    ids = [application.pk for application in ready]
    if not confirmation.is_confirmed(request, scope, ids):
        count = len(ready)
        return confirmation.render_page(
            request,
            confirmation.Confirmation(
                question=ngettext(
                    "Start the review for %(count)s application?",
                    "Start the review for %(count)s applications?",
                    count,
                )
                % {"count": count},
                action=_("Start the review"),
                cancel_url=reverse("selection:decisions", args=[stage.pk]),
                scope=scope,
                ids=ids,
                context_line=stage.label,
                explanation=[
                    _(
                        "The commission can then review them; they can no longer be "
                        "checked formally. This cannot be undone."
                    )
                ],
                items_heading=_("Applications"),
                items=_names(ready),
            ),
        )
    count = decision_services.start_review_for_stage(actor=request.user, stage=stage)
    messages.success(
        request,
        ngettext(
            "The review has started for %(count)s application.",
            "The review has started for %(count)s applications.",
            count,
        )
        % {"count": count},
    )
    return redirect("selection:decisions", pk=stage.pk)


def _batch_ids(ranked_ids, data) -> list[str]:
    """The confirmed selection: who goes on, who does not, and the reasons given."""
    count = data["count"]
    marks = [f"{'+' if i < count else '-'}{pk}" for i, pk in enumerate(ranked_ids)]
    return [*marks, f"r:{data['reason_advance']}", f"r:{data['reason_decline']}"]


def _batch_confirmation(request, stage, order, count, data) -> confirmation.Confirmation:
    """What recording the batch would decide, application by application."""
    ranked_ids = [pk for pk, _rank, _tied in order]
    advance = set(ranked_ids[:count])
    applications = Application.objects.select_related("organisation").in_bulk(ranked_ids)
    go_on = dict(Outcome.choices)[decision_services.positive_outcome(stage)]
    stop = dict(Outcome.choices)[decision_services.negative_outcome(stage)]
    went_on = len(advance)
    rest = len(ranked_ids) - went_on
    return confirmation.Confirmation(
        question=ngettext(
            "Record %(count)s decision?", "Record %(count)s decisions?", len(ranked_ids)
        )
        % {"count": len(ranked_ids)},
        action=_("Record the decisions"),
        cancel_url=reverse("selection:decisions", args=[stage.pk]) + "#batch",
        scope=f"decide-batch:{stage.pk}:{count}",
        ids=_batch_ids(ranked_ids, data),
        context_line=stage.label,
        explanation=[
            _("%(on)s, %(off)s.")
            % {
                "on": ngettext(
                    "%(count)s application goes on", "%(count)s applications go on", went_on
                )
                % {"count": went_on},
                "off": ngettext("%(count)s does not", "%(count)s do not", rest) % {"count": rest},
            },
            _(
                "Decisions cannot be undone. The letters are not sent yet: you send them "
                "afterwards, with a confirmation of their own."
            ),
        ],
        items_heading=_("Decisions"),
        items=[
            f"{applications[pk].reference or '–'} {applications[pk].organisation.name}: "
            f"{go_on if pk in advance else stop}"
            for pk in ranked_ids
        ],
    )


@staff_only
@require_POST
def decide_batch(request, pk):
    stage = _stage(pk)
    order = decision_services.ranked_candidates(stage)
    ranked_ids = [pk for pk, _rank, _tied in order]
    form = BatchDecisionForm(request.POST, waiting=len(ranked_ids))
    if form.is_valid():
        data = form.cleaned_data
        problem = None
        if not data["confirm_over_quota"]:
            problem = decision_services.quota_problem(stage, data["count"])
        if problem:
            add_domain_error(form, problem)
        elif not confirmation.is_confirmed(
            request, f"decide-batch:{stage.pk}:{data['count']}", _batch_ids(ranked_ids, data)
        ):
            return confirmation.render_page(
                request, _batch_confirmation(request, stage, order, data["count"], data)
            )
        else:
            return _record_batch(request, stage, order, ranked_ids, form)
    context = _decisions_context(request, stage, batch_form=form)
    context["quota_warning"] = "confirm_over_quota" in form.errors
    return render(request, "selection/decisions/stage.html", context, status=400)


def _record_batch(request, stage, order, ranked_ids, form):
    data = form.cleaned_data
    try:
        made = decision_services.decide_batch(
            actor=request.user,
            stage=stage,
            advance=ranked_ids[: data["count"]],
            reason_advance=data["reason_advance"],
            reason_decline=data["reason_decline"],
            confirm_over_quota=data["confirm_over_quota"],
        )
    except DomainError as error:
        add_domain_error(form, error)
    else:
        went_on = sum(1 for d in made if d.outcome == decision_services.positive_outcome(stage))
        messages.success(
            request,
            _("%(recorded)s: %(on)s, %(off)s. Check the letters, then send them.")
            % {
                "recorded": ngettext(
                    "%(count)s decision recorded", "%(count)s decisions recorded", len(made)
                )
                % {"count": len(made)},
                "on": ngettext("%(count)s goes on", "%(count)s go on", went_on)
                % {"count": went_on},
                "off": ngettext("%(count)s does not", "%(count)s do not", len(made) - went_on)
                % {"count": len(made) - went_on},
            },
        )
        count = data["count"]
        if 0 < count < len(order) and order[count - 1][1] is not None:
            if order[count - 1][1] == order[count][1]:
                # A tie across the line was split by reference order: staff should know.
                messages.warning(
                    request,
                    _(
                        "Rank %(rank)s was shared across the line you drew; within the "
                        "tie the order of reference numbers decided. Check these "
                        "decisions."
                    )
                    % {"rank": order[count - 1][1]},
                )
        return redirect("selection:decisions", pk=stage.pk)
    context = _decisions_context(request, stage, batch_form=form)
    context["quota_warning"] = "confirm_over_quota" in form.errors
    return render(request, "selection/decisions/stage.html", context, status=400)


def _letters_confirmation(stage, decisions) -> confirmation.Confirmation:
    """ "119 Schreiben an 119 Träger versenden?", with the list and one sample letter."""
    organisations = {decision.application.organisation_id for decision in decisions}
    letters, receivers = len(decisions), len(organisations)
    minutes = round(letter_services.hold_back_default().total_seconds() / 60)
    outcomes = dict(Outcome.choices)
    sample = decisions[0]
    preview_url = (
        reverse(
            "selection:letter_preview_pdf",
            args=[stage.call_id, sample.outcome, "de"],
        )
        + f"?application={sample.application_id}"
    )
    explanation = [
        _(
            "Each applicant organisation receives the letter of its decision by e-mail, as a "
            "PDF, in the language of each recipient."
        )
    ]
    if minutes:
        explanation.append(
            ngettext(
                "The letters wait %(count)s minute before they go out; until then you can "
                "cancel the sending on the progress page.",
                "The letters wait %(count)s minutes before they go out; until then you can "
                "cancel the sending on the progress page.",
                minutes,
            )
            % {"count": minutes}
        )
    else:
        explanation.append(_("The letters go out at once and cannot be called back."))
    return confirmation.Confirmation(
        question=_("Send %(letters)s to %(organisations)s?")
        % {
            "letters": ngettext("%(count)s letter", "%(count)s letters", letters)
            % {"count": letters},
            "organisations": ngettext(
                "%(count)s applicant organisation", "%(count)s applicant organisations", receivers
            )
            % {"count": receivers},
        },
        action=ngettext("Send %(count)s letter", "Send %(count)s letters", letters)
        % {"count": letters},
        cancel_url=reverse("selection:decisions", args=[stage.pk]),
        scope=f"letters:{stage.pk}",
        ids=[decision.pk for decision in decisions],
        context_line=stage.label,
        explanation=explanation,
        preview_url=preview_url,
        preview_label=_("Sample letter to %(organisation)s (PDF)")
        % {"organisation": sample.application.organisation.name},
        items_heading=_("Recipients"),
        items=[
            f"{decision.application.reference or '–'} {decision.application.organisation.name}: "
            f"{outcomes[decision.outcome]}"
            for decision in decisions
        ],
    )


@staff_only
@require_POST
def send_letters(request, pk):
    stage = _stage(pk)
    decisions = list(letter_services.decisions_without_letter(stage))
    if not decisions:
        messages.error(request, _("There are no decisions without a letter."))
        return redirect("selection:decisions", pk=stage.pk)
    if not confirmation.is_confirmed(
        request, f"letters:{stage.pk}", [decision.pk for decision in decisions]
    ):
        return confirmation.render_page(request, _letters_confirmation(stage, decisions))
    try:
        batch = letter_services.send_letters(actor=request.user, decisions=decisions)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("selection:decisions", pk=stage.pk)
    return redirect("selection:batch", pk=batch.pk)


# --- one application --------------------------------------------------------------------


@staff_only
def formal_check(request, pk):
    application = _application(pk)
    form = FormalCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision_services.check_formally(
                actor=request.user,
                application=application,
                eligible=form.cleaned_data["result"] == "eligible",
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The formal check has been recorded."))
            return redirect("selection:decisions", pk=application.stage_id)
    return render(
        request,
        "selection/decisions/formal_check.html",
        {"application": application, "stage": application.stage, "form": form},
        status=400 if form.errors else 200,
    )


@staff_only
def decide(request, pk):
    application = _application(pk)
    stage = application.stage
    form = DecideForm(request.POST or None, outcomes=decision_services.outcomes_for(stage))
    quota_warning = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision_services.decide(
                actor=request.user,
                application=application,
                outcome=data["outcome"],
                reason=data["reason"],
                confirm_over_quota=data["confirm_over_quota"],
            )
        except DomainError as error:
            quota_warning = isinstance(error, decision_services.QuotaExceeded)
            add_domain_error(form, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("selection:decisions", pk=stage.pk)
    score = _scores(stage, [application.pk]).get(application.pk, {})
    return render(
        request,
        "selection/decisions/decide.html",
        {
            "application": application,
            "stage": stage,
            "form": form,
            "quota_warning": quota_warning,
            "mean": score.get("mean"),
            "review_count": score.get("count", 0),
            "existing": Decision.objects.filter(application=application)
            .select_related("stage")
            .order_by("stage__position"),
        },
        status=400 if form.errors else 200,
    )


# --- letter templates -----------------------------------------------------------------


def _call(pk) -> Call:
    return get_object_or_404(Call.objects.select_related("initiative"), pk=pk)


def _template_key(outcome, language):
    if outcome not in Outcome.values or language not in letter_services.LANGUAGES:
        raise Http404
    return outcome, language


@staff_only
def letter_templates(request, pk):
    call = _call(pk)
    templates = letter_services.templates_of(call)
    rows = [
        {
            "outcome": outcome,
            "label": label,
            "templates": [templates[(outcome, language)] for language in letter_services.LANGUAGES],
        }
        for outcome, label in Outcome.choices
    ]
    return render(
        request,
        "selection/letters/templates.html",
        {
            "call": call,
            "rows": rows,
            "languages": letter_services.LANGUAGES,
            "placeholders": letter_services.placeholders_explained(),
            "stages": call.stages.order_by("position"),
        },
    )


@staff_only
def letter_template(request, pk, outcome, language):
    call = _call(pk)
    outcome, language = _template_key(outcome, language)
    template = letter_services.template_for(call, outcome, language)
    form = LetterTemplateForm(
        request.POST or None,
        call=call,
        initial={
            "subject": template.subject,
            "body": template.body,
            "application": request.GET.get("application"),
        },
    )
    preview = None
    preview_application = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            if data["application"] is None:
                form.add_error("application", _("Choose an application for the preview."))
            else:
                preview_application = data["application"]
                template.subject, template.body = data["subject"], data["body"]
                preview = letter_services.preview(template, preview_application)
        else:
            try:
                letter_services.save_template(
                    actor=request.user,
                    call=call,
                    outcome=outcome,
                    language=language,
                    subject=data["subject"],
                    body=data["body"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The letter text has been saved."))
                return redirect("selection:letter_templates", pk=call.pk)
    return render(
        request,
        "selection/letters/template_form.html",
        {
            "call": call,
            "template": template,
            "outcome_label": dict(Outcome.choices)[outcome],
            "language": language,
            "form": form,
            "placeholders": letter_services.placeholders_explained(),
            "preview": preview,
            "preview_application": preview_application,
            "is_saved": template.pk is not None,
        },
        status=400 if form.errors else 200,
    )


@staff_only
def letter_preview_pdf(request, pk, outcome, language):
    from django.utils import translation

    from ..letters_pdf import render_letter_pdf

    call = _call(pk)
    outcome, language = _template_key(outcome, language)
    chosen = request.GET.get("application", "")
    if not chosen.isdigit():
        raise Http404
    application = get_object_or_404(
        Application.objects.select_related("organisation", "call__initiative", "stage"),
        pk=int(chosen),
        call=call,
    )
    template = letter_services.template_for(call, outcome, language)
    text = letter_services.preview(template, application)
    with translation.override(language):
        pdf = render_letter_pdf(application=application, text=text)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"preview-{application.reference or application.pk}-{outcome}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- sending progress ---------------------------------------------------------------------


def _batch(pk) -> LetterBatch:
    return get_object_or_404(LetterBatch.objects.select_related("stage__call"), pk=pk)


@staff_only
def batch(request, pk):
    letter_batch = _batch(pk)
    held_back = letter_batch.held_back
    running = held_back or letter_batch.status in (
        LetterBatch.Status.QUEUED,
        LetterBatch.Status.RUNNING,
    )
    context = {
        "batch": letter_batch,
        "stage": letter_batch.stage,
        "running": running,
        "held_back": held_back,
        "failures": [line for line in letter_batch.error.splitlines() if line.strip()],
    }
    if request.GET.get("fragment"):
        # The progress script swaps this part in place, so focus and reading position stay.
        return render(request, "selection/letters/progress.html", context)
    return render(request, "selection/letters/batch.html", context)


@staff_only
@require_POST
def batch_cancel(request, pk):
    letter_batch = _batch(pk)
    try:
        letter_services.cancel_batch(actor=request.user, batch=letter_batch)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "The sending is cancelled; %(count)s letter was not sent.",
                "The sending is cancelled; %(count)s letters were not sent.",
                letter_batch.total,
            )
            % {"count": letter_batch.total},
        )
    return redirect("selection:batch", pk=letter_batch.pk)


# --- the applicant's letter -------------------------------------------------------------


@login_required
def letter_pdf(request, pk):
    letter = (
        Letter.objects.select_related("application__organisation")
        .filter(pk=pk, sent_at__isnull=False)
        .first()
    )
    if letter is None or not (
        request.user.has_perm(PERMISSION)
        or letter.application.organisation.memberships.filter(user=request.user).exists()
    ):
        raise Http404
    if not letter.pdf:
        raise Http404
    with letter.pdf.open("rb") as stored:
        data = stored.read()
    response = HttpResponse(data, content_type="application/pdf")
    name = f"{letter.application.reference or letter.application.pk}-{letter.language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("staff/selection/stages/<int:pk>/decisions/", decisions, name="decisions"),
    path(
        "staff/selection/stages/<int:pk>/decisions/eligible/",
        mark_remaining_eligible,
        name="mark_remaining_eligible",
    ),
    path(
        "staff/selection/stages/<int:pk>/decisions/start-review/",
        start_review,
        name="start_review",
    ),
    path("staff/selection/stages/<int:pk>/decisions/batch/", decide_batch, name="decide_batch"),
    path("staff/selection/stages/<int:pk>/letters/send/", send_letters, name="send_letters"),
    path("staff/selection/applications/<int:pk>/decide/", decide, name="decide"),
    path(
        "staff/selection/applications/<int:pk>/formal-check/",
        formal_check,
        name="formal_check",
    ),
    path("staff/selection/calls/<int:pk>/letters/", letter_templates, name="letter_templates"),
    path(
        "staff/selection/calls/<int:pk>/letters/<str:outcome>/<str:language>/",
        letter_template,
        name="letter_template",
    ),
    path(
        "staff/selection/calls/<int:pk>/letters/<str:outcome>/<str:language>/preview.pdf",
        letter_preview_pdf,
        name="letter_preview_pdf",
    ),
    path("staff/selection/batches/<int:pk>/", batch, name="batch"),
    path("staff/selection/batches/<int:pk>/cancel/", batch_cancel, name="batch_cancel"),
    path("selection/letters/<int:pk>.pdf", letter_pdf, name="letter_pdf"),
]
