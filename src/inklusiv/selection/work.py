"""Work items of the selection procedure.

Funder staff: applications awaiting the formal check, letters waiting to be sent, and
applications in review awaiting the decision of their stage (who fills its quota).
Reviewers (commission members, and programme experts who review): their outstanding reviews
per stage, due when the stage's reviews are due. Staff's items count per stage in one
aggregate query each; the stages are then read in one more.
"""

from django.db.models import Count, F, Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.applications.models import Application, Status
from inklusiv.calls.models import Stage
from inklusiv.notifications.work import WorkItem, register

from .review_deadlines import outstanding_for_reviewer
from .services.letters import decisions_awaiting_letter


def _per_stage(queryset) -> dict[int, dict]:
    """{stage id: {"count": n, "last": greatest pk}} of a queryset with a stage_id column."""
    rows = queryset.order_by().values("stage_id").annotate(count=Count("pk"), last=Max("pk"))
    return {row["stage_id"]: row for row in rows}


def _stages(*per_stage: dict[int, dict]) -> dict[int, Stage]:
    ids = set().union(*per_stage)
    if not ids:
        return {}
    return Stage.objects.select_related("call").in_bulk(ids)


def staff_items(user):
    if not user.has_perm("selection.decide"):
        return []
    to_check = _per_stage(Application.objects.filter(status=Status.SUBMITTED))
    letters = _per_stage(decisions_awaiting_letter())
    # As services.decisions.candidates, for every stage: in review, not yet decided there.
    undecided = _per_stage(
        Application.objects.filter(status=Status.IN_REVIEW).exclude(decisions__stage=F("stage"))
    )
    stages = _stages(to_check, letters, undecided)
    group = _("Selection procedure")
    items = []
    for stage_id, row in to_check.items():
        count = row["count"]
        items.append(
            WorkItem(
                key="selection.formal_check",
                label=ngettext(
                    "%(count)s application awaits the formal check (%(stage)s)",
                    "%(count)s applications await the formal check (%(stage)s)",
                    count,
                )
                % {"count": count, "stage": stages[stage_id].label},
                count=count,
                url=reverse("selection:formal_check", args=[row["last"]])
                if count == 1
                else reverse("selection:decisions", args=[stage_id]),
                group=group,
            )
        )
    for stage_id, row in letters.items():
        count = row["count"]
        items.append(
            WorkItem(
                key="selection.letters",
                label=ngettext(
                    "%(count)s letter waits to be sent (%(stage)s)",
                    "%(count)s letters wait to be sent (%(stage)s)",
                    count,
                )
                % {"count": count, "stage": stages[stage_id].label},
                count=count,
                url=reverse("selection:decisions", args=[stage_id]),
                group=group,
            )
        )
    for stage_id, row in undecided.items():
        count = row["count"]
        items.append(
            WorkItem(
                key="selection.decisions",
                label=ngettext(
                    "%(count)s application in review awaits the decision (%(stage)s)",
                    "%(count)s applications in review await the decision (%(stage)s)",
                    count,
                )
                % {"count": count, "stage": stages[stage_id].label},
                count=count,
                url=reverse("selection:decisions", args=[stage_id]),
                group=group,
            )
        )
    return items


def review_items(user):
    """Reviews the person still has to submit, per stage, counted as the reminders and staff's
    progress page count them (review_deadlines), so the three never disagree."""
    # Only people with a platform role sit on a commission (as the navigation assumes).
    if not user.role_set:
        return []
    items = []
    for row in outstanding_for_reviewer(user):
        count = row.outstanding
        items.append(
            WorkItem(
                key="selection.reviews",
                label=ngettext(
                    "%(count)s review outstanding (%(stage)s)",
                    "%(count)s reviews outstanding (%(stage)s)",
                    count,
                )
                % {"count": count, "stage": row.stage.label},
                count=count,
                url=reverse("selection:my_reviews"),
                due=row.due,
                group=_("Your reviews"),
            )
        )
    return items


register(staff_items)
register(review_items)
