"""Read-side queries for calls: a fixed number of queries per page."""

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.utils import timezone

from .models import Call, Stage


def _with_first_stage(calls):
    first = Stage.objects.filter(call=OuterRef("pk")).order_by("position")
    return calls.select_related("initiative").annotate(
        first_opens=Subquery(first.values("opens_at")[:1]),
        first_closes=Subquery(first.values("closes_at")[:1]),
        stage_count=Count("stages", distinct=True),
    )


def public_calls():
    """Published calls, split into those one can (soon) apply to and past ones."""
    now = timezone.now()
    calls = _with_first_stage(Call.objects.filter(is_published=True))
    current = calls.filter(first_closes__gte=now).order_by("first_closes", "pk")
    past = calls.exclude(first_closes__gte=now).order_by("-reference_year", "-first_closes", "pk")
    return current, past


def call_for_view(slug, *, user):
    """A published call, or an unpublished one for those who shape calls; None otherwise."""
    call = (
        Call.objects.select_related("initiative")
        .prefetch_related(
            Prefetch(
                "stages",
                queryset=Stage.objects.order_by("position").prefetch_related("questions"),
            )
        )
        .filter(slug=slug)
        .first()
    )
    if call is None or not user.has_perm("calls.view_call", call):
        return None
    return call


def staff_calls():
    return (
        _with_first_stage(Call.objects.all())
        .annotate(application_count=Count("applications", distinct=True))
        .order_by("-reference_year", "title_de")
    )


def call_for_staff(pk):
    return (
        Call.objects.select_related("initiative")
        .prefetch_related(
            Prefetch(
                "stages",
                queryset=Stage.objects.order_by("position")
                .annotate(application_count=Count("applications"))
                .prefetch_related("criteria", "questions"),
            )
        )
        .filter(pk=pk)
        .first()
    )
