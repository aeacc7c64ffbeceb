"""A pilot region's trainings: which of its members registered for which session and who
attended, inside the region's own layout (a tab of its pages)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from inklusiv.core.pagination import paginate
from inklusiv.pilots.views.common import region_context, region_for

from ..models import Registration, TrainingSession

Status = Registration.Status
SHOWN = (Status.CONFIRMED, Status.OFFERED, Status.WAITING)


@login_required
@require_GET
def region_trainings(request, slug):
    region = region_for(request, slug, "pilots.view_region")
    registrations = Registration.objects.filter(
        region=region, status__in=SHOWN, session__status=TrainingSession.Status.SCHEDULED
    )
    counts = registrations.aggregate(
        people=Count("user", distinct=True),
        sessions=Count("session", distinct=True),
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        attended=Count("pk", filter=Q(attendance=Registration.Attendance.PRESENT)),
        attendees=Count(
            "user", filter=Q(attendance=Registration.Attendance.PRESENT), distinct=True
        ),
    )
    page = paginate(
        request,
        registrations.select_related("user", "session__course").order_by(
            "-session__starts_at", "session_id", "user__name", "pk"
        ),
    )
    context = region_context(request, region, "trainings")
    context.update({"page_obj": page, "registrations": page.object_list, "counts": counts})
    return render(request, "trainings/region/region.html", context)


urlpatterns = [
    path("fortbildungen/region/<slug:slug>/", region_trainings, name="region"),
]
