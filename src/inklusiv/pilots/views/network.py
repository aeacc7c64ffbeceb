"""The network page of a pilot region (map, metrics and table on any date) and the forms that
add and change its actors and ties.

Every member of the region, its coach, its expert, funder staff and the evaluator read the page;
only those with pilots.edit_structures (the accompanying side and the region's editors) see and
use the forms. Whoever may not see the region gets 404, anonymous people the login page.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error

from .. import network as network_data
from ..forms.network import ActorForm, NetworkDateForm, TieForm
from ..models import Actor, Tie
from ..services import network as services
from .common import region_context, region_for

EDIT = "pilots.edit_structures"
COLUMNS = (
    ("name", gettext_lazy("Network actor")),
    ("kind", gettext_lazy("Organisation or person")),
    ("sector", gettext_lazy("Sector")),
    ("ties", gettext_lazy("Number of ties")),
    ("neighbours", gettext_lazy("Connected with")),
    ("joined", gettext_lazy("Joined on")),
)


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _one_year_later(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _network_url(region, **params) -> str:
    query = urlencode({key: value for key, value in params.items() if value})
    return reverse("pilots:network", args=[region.slug]) + (f"?{query}" if query else "")


def _headers(region, on, sort: str | None) -> list[dict]:
    """The table's column headers with their sort links and aria-sort state."""
    column, descending = network_data.parse_sort(sort)
    headers = []
    for key, label in COLUMNS:
        current = key == column
        # A click on the sorted column turns its order round; another column starts ascending
        # (the number of ties starts with the most connected).
        if current:
            next_sort = key if descending else f"-{key}"
        else:
            next_sort = f"-{key}" if key in ("ties", "neighbours") else key
        headers.append(
            {
                "key": key,
                "label": label,
                "url": _network_url(region, am=on.isoformat(), sort=next_sort) + "#network-table",
                "aria_sort": ("descending" if descending else "ascending") if current else "",
                "next_descending": next_sort.startswith("-"),
            }
        )
    return headers


def _counts_text(counts: network_data.Counts) -> str:
    return _("%(actors)s and %(ties)s") % {
        "actors": ngettext("%(count)s actor", "%(count)s actors", counts.actors)
        % {"count": counts.actors},
        "ties": ngettext("%(count)s tie", "%(count)s ties", counts.ties) % {"count": counts.ties},
    }


@login_required
@require_GET
def network(request, slug):
    region = region_for(request, slug)
    today = network_data.today()
    on = today
    if "am" in request.GET:
        form = NetworkDateForm(request.GET)
        if form.is_valid() and form.cleaned_data["am"]:
            on = form.cleaned_data["am"]
    else:
        form = NetworkDateForm(initial={"am": today})
    sort = request.GET.get("sort", "")
    snapshot = network_data.snapshot(region, on=on)
    # The table is the figure's accessible alternative: it lists every actor of the map (a
    # region has at most about a hundred), so it is not paginated. The page's queries stay
    # constant: the snapshot reads the actors and ties in two queries.
    rows = network_data.sort_rows(snapshot.rows, sort)
    start = region.funding_start
    quick = [
        (_("Start of funding"), start),
        (_("One year later"), _one_year_later(start)),
        (_("Today"), today),
    ]
    compare = None
    if on != start:
        before, after = network_data.growth(region, [start, on])
        compare = _("%(before)s on %(start)s → %(after)s on %(date)s") % {
            "before": _counts_text(before),
            "start": _day(start),
            "after": _counts_text(after),
            "date": _day(on),
        }
    can_edit = request.user.has_perm(EDIT, region)
    return render(
        request,
        "pilots/network/page.html",
        {
            **region_context(request, region, "network"),
            "form": form,
            "on": on,
            "is_today": on == today,
            "snapshot": snapshot,
            "metrics": snapshot.metrics,
            "rows": rows,
            "headers": _headers(region, on, sort),
            "sort": sort,
            "quick_links": [
                {
                    "label": label,
                    "day": day,
                    "url": _network_url(region, am=day.isoformat(), sort=sort),
                    "current": day == on,
                }
                for label, day in quick
            ],
            "compare": compare,
            "can_edit_network": can_edit,
        },
    )


# --- actors ------------------------------------------------------------------------------


def _actor_data(form, fields) -> dict:
    return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}


@login_required
def actor_add(request, slug):
    region = region_for(request, slug, EDIT)
    form = ActorForm(request.POST or None, initial={"joined_on": network_data.today()})
    if request.method == "POST" and form.is_valid():
        try:
            added = services.add_actor(
                actor=request.user, region=region, **_actor_data(form, services.ACTOR_FIELDS)
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("“%(name)s” belongs to the network from %(date)s.")
                % {"name": added.name, "date": _day(added.joined_on)},
            )
            return redirect(_network_url(region, am=added.joined_on.isoformat()))
    return render(
        request,
        "pilots/network/actor_form.html",
        {**region_context(request, region, "network"), "form": form, "network_actor": None},
        status=400 if form.errors else 200,
    )


@login_required
def actor_edit(request, slug, pk):
    region = region_for(request, slug, EDIT)
    network_actor = get_object_or_404(Actor, pk=pk, region=region)
    form = ActorForm(
        request.POST or None, initial=ActorForm.initial_for(network_actor), editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_actor(
                actor=request.user,
                network_actor=network_actor,
                data=_actor_data(form, services.ACTOR_FIELDS),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The actor has been saved."))
            return redirect("pilots:actor_edit", slug=region.slug, pk=network_actor.pk)
    ties = (
        Tie.objects.filter(Q(source=network_actor) | Q(target=network_actor))
        .select_related("source", "target")
        .order_by("began_on", "pk")
    )
    return render(
        request,
        "pilots/network/actor_form.html",
        {
            **region_context(request, region, "network"),
            "form": form,
            "network_actor": network_actor,
            "ties": [
                (tie, tie.target if tie.source_id == network_actor.pk else tie.source)
                for tie in ties
            ],
        },
        status=400 if form.errors else 200,
    )


# --- ties --------------------------------------------------------------------------------


@login_required
def tie_add(request, slug):
    region = region_for(request, slug, EDIT)
    initial = {"began_on": network_data.today()}
    source = request.GET.get("source", "")
    if source.isdigit():
        initial["source"] = source
    form = TieForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tie = services.add_tie(
                actor=request.user,
                region=region,
                source=data["source"],
                target=data["target"],
                kind=data["kind"],
                began_on=data["began_on"],
                ended_on=data["ended_on"],
                note=data["note"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The tie between “%(source)s” and “%(target)s” has been added.")
                % {"source": tie.source.name, "target": tie.target.name},
            )
            return redirect(_network_url(region, am=tie.began_on.isoformat()))
    return render(
        request,
        "pilots/network/tie_form.html",
        {**region_context(request, region, "network"), "form": form, "tie": None},
        status=400 if form.errors else 200,
    )


@login_required
def tie_edit(request, slug, pk):
    region = region_for(request, slug, EDIT)
    tie = get_object_or_404(Tie.objects.select_related("source", "target"), pk=pk, region=region)
    form = TieForm(request.POST or None, initial=TieForm.initial_for(tie), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_tie(
                actor=request.user,
                tie=tie,
                data={name: form.cleaned_data[name] for name in services.TIE_FIELDS},
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The tie has been saved."))
            return redirect("pilots:actor_edit", slug=region.slug, pk=tie.source_id)
    return render(
        request,
        "pilots/network/tie_form.html",
        {**region_context(request, region, "network"), "form": form, "tie": tie},
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("pilotregionen/<slug:slug>/netzwerk/", network, name="network"),
    path("pilotregionen/<slug:slug>/netzwerk/akteure/neu/", actor_add, name="actor_add"),
    path("pilotregionen/<slug:slug>/netzwerk/akteure/<int:pk>/", actor_edit, name="actor_edit"),
    path("pilotregionen/<slug:slug>/netzwerk/verbindungen/neu/", tie_add, name="tie_add"),
    path("pilotregionen/<slug:slug>/netzwerk/verbindungen/<int:pk>/", tie_edit, name="tie_edit"),
]
