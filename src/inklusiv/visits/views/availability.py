"""Programme experts enter when they can travel for each round, and where they set off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import dateformat, formats
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError

from ..forms.polls import AvailabilityForm, TravelBaseForm
from ..models import Availability, TravelBase, VisitRound
from ..services import availability as services

# DomainError fields of the service → the form's inputs that show the message.
_FIELDS = {"starts_at": "starts_at_date", "ends_at": "ends_at_date", "note": "note"}


def _day(moment) -> str:
    return f"{dateformat.format(moment, 'l')}, {formats.date_format(moment, 'DATE_FORMAT')}"


def _require_expert(request):
    if not request.user.has_perm("visits.enter_availability"):
        raise PermissionDenied


def _rounds():
    return VisitRound.objects.select_related("stage__call").order_by("-window_start")


def _base_form(user, data=None):
    base = TravelBase.objects.filter(user=user).first()
    initial = (
        {
            "city": base.city,
            "postcode": base.postcode,
            "latitude": base.latitude,
            "longitude": base.longitude,
        }
        if base
        else {}
    )
    return TravelBaseForm(data, initial=initial, prefix="base")


def _render(request, *, add_form=None, base_form=None, status=200):
    rounds = list(_rounds())
    mine = {}
    for interval in Availability.objects.filter(user=request.user).order_by("starts_at"):
        start, end = localtime(interval.starts_at), localtime(interval.ends_at)
        interval.day = _day(start)
        interval.until_day = _day(end) if end.date() != start.date() else ""
        mine.setdefault(interval.round_id, []).append(interval)
    for round_ in rounds:
        round_.my_intervals = mine.get(round_.pk, [])
    add_form = add_form or AvailabilityForm(rounds=_rounds(), prefix="add")
    base_form = base_form or _base_form(request.user)
    return render(
        request,
        "visits/availability/availability.html",
        {
            "rounds": rounds,
            "add_form": add_form,
            "base_form": base_form,
            "error_forms": [f for f in (add_form, base_form) if f.errors],
        },
        status=status,
    )


@login_required
def availability(request):
    _require_expert(request)
    if request.method != "POST":
        return _render(request)
    if request.POST.get("action") == "base":
        form = _base_form(request.user, request.POST)
        if form.is_valid():
            try:
                services.set_travel_base(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                messages.success(request, _("Your travel base has been saved."))
                return redirect("visits:availability")
        return _render(request, base_form=form, status=400)
    form = AvailabilityForm(request.POST, rounds=_rounds(), prefix="add")
    if form.is_valid():
        try:
            services.add(
                actor=request.user,
                round=form.cleaned_data["round"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            form.add_error(_FIELDS.get(error.field), str(error))
        else:
            messages.success(request, _("Your availability has been added."))
            return redirect("visits:availability")
    return _render(request, add_form=form, status=400)


@login_required
@require_POST
def availability_delete(request, pk):
    _require_expert(request)
    interval = Availability.objects.filter(pk=pk, user=request.user).first()
    if interval is None:
        raise Http404
    scope = "remove-availability"
    if not confirmation.is_confirmed(request, scope, [interval.pk]):
        start, end = localtime(interval.starts_at), localtime(interval.ends_at)
        return confirmation.render_page(
            request,
            confirmation.Confirmation(
                question=_("Remove your availability from %(start)s to %(end)s?")
                % {
                    "start": f"{_day(start)}, {formats.time_format(start, 'TIME_FORMAT')}",
                    "end": f"{_day(end)}, {formats.time_format(end, 'TIME_FORMAT')}",
                },
                action=_("Remove the availability"),
                cancel_url=reverse("visits:availability"),
                scope=scope,
                ids=[interval.pk],
                explanation=[
                    _("The optimiser then no longer plans meetings for you in this time.")
                ],
            ),
        )
    services.remove(actor=request.user, availability=interval)
    messages.success(request, _("The availability has been removed."))
    return redirect("visits:availability")


urlpatterns = [
    path("visits/availability/", availability, name="availability"),
    path("visits/availability/<int:pk>/delete/", availability_delete, name="availability_delete"),
]
