"""Staff's view of a stage's reviews: per reviewer, how many are assigned, submitted,
outstanding and overdue, and the last reminder sent. Only funder staff open it; anyone else
signed in gets 404, so the page does not tell them the stage's commission exists.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from inklusiv.calls.models import Stage

from ..review_deadlines import progress_per_reviewer
from ..services.review_reminders import days_before

MANAGE = "selection.manage_procedure"


@login_required
def review_progress(request, pk):
    if not request.user.has_perm(MANAGE):
        raise Http404
    stage = get_object_or_404(Stage.objects.select_related("call"), pk=pk)
    rows = progress_per_reviewer(stage)
    totals = {
        name: sum(getattr(row, name) for row in rows)
        for name in ("assigned", "submitted", "outstanding", "overdue")
    }
    return render(
        request,
        "selection/reviews/progress.html",
        {
            "stage": stage,
            "rows": rows,
            "totals": totals,
            "overdue": stage.reviews_due_at is not None and stage.reviews_due_at < timezone.now(),
            "days_before": days_before(),
        },
    )


urlpatterns = [
    path("staff/selection/stages/<int:pk>/reviews/", review_progress, name="review_progress"),
]
