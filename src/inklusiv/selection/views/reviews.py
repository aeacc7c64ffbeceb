"""A reviewer's pages: the assigned applications, and the review form of one of them.

An application the person may not review (not assigned, or a conflict of interest) answers
404, so nothing tells them it exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from inklusiv.applications.models import FINAL_STATES
from inklusiv.core.exceptions import DomainError
from inklusiv.core.pagination import paginate

from .. import selectors
from ..forms.reviews import SUBMIT, ReviewForm
from ..models import Review
from ..review_deadlines import outstanding_for_reviewer
from ..services import reviews as services


@login_required
@permission_required("selection.my_reviews", raise_exception=True)
def my_reviews(request):
    page = paginate(request, selectors.applications_for_reviewer(request.user))
    return render(
        request,
        "selection/reviews/my_reviews.html",
        {
            "page_obj": page,
            "due": outstanding_for_reviewer(request.user),
            "statuses": {
                selectors.NOT_STARTED: _("Not started"),
                **dict(Review.Status.choices),
            },
        },
    )


def _saved_rows(criteria, review) -> list[tuple[str, str]]:
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


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    application = selectors.application_for_review(request.user, pk)
    if application is None:
        raise Http404
    criteria = selectors.criteria_of(application.stage)
    current = selectors.own_review(request.user, application)
    closed = application.status in FINAL_STATES
    conflict = None
    if request.method == "POST" and not closed and not _is_locked(current):
        submitting = SUBMIT in request.POST
        form = ReviewForm(request.POST, criteria=criteria, submitting=submitting)
        if form.is_valid():
            try:
                services.save_review(
                    actor=request.user,
                    application=application,
                    revision=form.cleaned_data["revision"],
                    scores=form.scores(),
                    recommendation=form.cleaned_data["recommendation"],
                    comment=form.cleaned_data["comment"],
                    submit=submitting,
                )
            except services.ReviewConflict as error:
                current = selectors.own_review(request.user, application)
                conflict = _saved_rows(criteria, current)
                messages.error(request, str(error))
                data = request.POST.copy()
                data["revision"] = str(current.revision if current else 0)
                form = ReviewForm(data, criteria=criteria, submitting=submitting)
                form.is_valid()
            except DomainError as error:
                current = selectors.own_review(request.user, application)
                if _is_locked(current):
                    messages.error(request, str(error))
                    return redirect("selection:review", pk=pk)
                field = error.field if error.field in form.fields else None
                form.add_error(field, str(error))
            else:
                if submitting:
                    messages.success(request, _("Your review has been submitted. Thank you!"))
                else:
                    messages.success(request, _("Your review has been saved as a draft."))
                return redirect("selection:review", pk=pk)
        status = 409 if conflict is not None else 400
    else:
        if request.method == "POST":
            # A second tab, or a form left open: the review is already locked.
            messages.error(
                request,
                _("This review has been submitted and can no longer be changed.")
                if _is_locked(current)
                else _(
                    "The procedure for this application has ended; reviews can no longer change."
                ),
            )
            return redirect("selection:review", pk=pk)
        form = ReviewForm(initial=ReviewForm.initial_for(current), criteria=criteria)
        status = 200
    return render(
        request,
        "selection/reviews/review.html",
        {
            "application": application,
            "criteria": criteria,
            "form": form,
            "review": current,
            "locked": _is_locked(current),
            "closed": closed,
            "conflict": conflict,
            "review_overdue": not _is_locked(current)
            and not closed
            and application.stage.reviews_due_at is not None
            and application.stage.reviews_due_at < timezone.now(),
        },
        status=status,
    )


def _is_locked(review) -> bool:
    return review is not None and review.status == Review.Status.SUBMITTED


urlpatterns = [
    path("reviews/", my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", review, name="review"),
]
