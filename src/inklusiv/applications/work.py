"""The applicant's work items: drafts still to be submitted before their deadline."""

from django.db.models import Count, F, Max, Min
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.notifications.work import WorkItem, register

from .models import Application, Status


def drafts(user):
    """Drafts of the person's organisations that can still be submitted, due at the soonest
    deadline (the stage's end, or a later extension: Application.deadline in SQL)."""
    row = (
        Application.objects.filter(organisation__memberships__user=user, status=Status.DRAFT)
        .annotate(
            deadline_at=Greatest(
                Coalesce("extended_until", "stage__closes_at"), F("stage__closes_at")
            )
        )
        .filter(deadline_at__gte=timezone.now())
        .aggregate(count=Count("pk", distinct=True), due=Min("deadline_at"), last=Max("pk"))
    )
    count = row["count"]
    if not count:
        return []
    # One draft: straight to it; several: to the list, where each shows its deadline.
    url = (
        reverse("applications:overview", args=[row["last"]])
        if count == 1
        else reverse("applications:mine")
    )
    return [
        WorkItem(
            key="applications.drafts",
            label=ngettext(
                "%(count)s application not yet submitted",
                "%(count)s applications not yet submitted",
                count,
            )
            % {"count": count},
            count=count,
            url=url,
            due=row["due"],
            group=_("Your applications"),
        )
    ]


register(drafts)
