"""Distributing a survey: each region's public link to copy, personal invitations by e-mail,
the list of invitations with their status, reminders (the page is the question), and the
responses per region while the survey runs, with small numbers hidden (minimum group size).

An invitation's status is shown, but never linked to a response: with anonymity on, nothing
ties the two together."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.core.pagination import paginate

from ..forms.surveys import InviteForm
from ..models import Survey
from ..selectors import surveys as selectors
from ..services import invitations as services
from .builder import survey_for


@login_required
@require_http_methods(["GET", "POST"])
def survey_distribution(request, slug):
    survey = survey_for(request, slug)
    is_open = survey.status == Survey.Status.OPEN
    form = InviteForm(request.POST or None, survey=survey)
    if request.method == "POST" and is_open and form.is_valid():
        emails = form.cleaned_data["emails"]
        try:
            created = services.invite(
                actor=request.user,
                survey=survey,
                region=form.cleaned_data["region"],
                emails=emails,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            sent = {invitation.email for invitation in created}
            repeated = [email for email in emails if email not in sent]
            if created:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s invitation has been sent.",
                        "%(count)s invitations have been sent.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
            if repeated:
                messages.info(
                    request,
                    _("Already invited, so not sent again: %(emails)s")
                    % {"emails": ", ".join(repeated)},
                )
            return redirect("evaluation:survey_distribution", slug=survey.slug)
    rows, total = selectors.response_counts(survey)
    for row in rows:
        row.url = services.public_link_url(row.link) if row.link else ""
    page = paginate(request, selectors.invitations(survey))
    return render(
        request,
        "evaluation/distribution/survey_distribution.html",
        {
            "survey": survey,
            "is_open": is_open,
            "form": form,
            "rows": rows,
            "total": total,
            "k": survey.min_group_size,
            "page_obj": page,
            "invitation_counts": selectors.invitation_counts(survey),
            "due": services.due_for_reminder(survey).count() if is_open else 0,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitations_remind(request, slug):
    """ "Remind everyone who has not answered?" is the page itself."""
    survey = survey_for(request, slug)
    due = list(services.due_for_reminder(survey).values_list("pk", flat=True))
    check = confirmation.for_page("remind-survey-invitations", [survey.pk, *due])
    errors = []
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        try:
            count = services.remind(actor=request.user, survey=survey)
        except DomainError as error:
            errors.append(str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s reminder has been sent.",
                    "%(count)s reminders have been sent.",
                    count,
                )
                % {"count": count},
            )
            return redirect("evaluation:survey_distribution", slug=survey.slug)
    return render(
        request,
        "evaluation/distribution/invitations_remind.html",
        {
            "survey": survey,
            "due": len(due),
            "is_open": survey.status == Survey.Status.OPEN,
            "confirmation": check,
            "changed": confirmation.selection_changed(request),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


urlpatterns = [
    path(
        "evaluation/umfragen/<slug:slug>/verteilen/",
        survey_distribution,
        name="survey_distribution",
    ),
    path(
        "evaluation/umfragen/<slug:slug>/einladungen/erinnern/",
        invitations_remind,
        name="invitations_remind",
    ),
]
