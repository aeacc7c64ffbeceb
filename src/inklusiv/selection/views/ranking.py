"""The ranking of a stage for funder staff and programme experts, and its CSV export.

Programme experts see the ranking without the applications they have a conflict of interest
with: the ranking is then computed over the rest (see ranking.rank), so neither rows nor gaps
in the ranks tell them anything about those applications.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rules.contrib.views import permission_required

from inklusiv.accounts.models import State
from inklusiv.applications.models import Application, SpaceKind, Status
from inklusiv.calls.models import Stage
from inklusiv.core import audit

from .. import conflicts
from ..models import Outcome, Review
from ..ranking import RankedApplication, Ranking, rank

PERMISSION = "selection.view_procedure"
URL_PLACEHOLDER = 987654321


def _procedure_only(view):
    """Signed-in people without the permission get 403 before anything is loaded."""
    return login_required(permission_required(PERMISSION, raise_exception=True)(view))


STATE_NAMES = dict(State.choices)


def _text(value) -> str:
    return (value or "").casefold()


def _space(row):
    return getattr(row.application, "social_space", None)


# Sort keys a request may ask for ("-key" descending), each with how a row sorts. A key that
# returns None sorts last in both directions (unreviewed applications, missing social spaces).
SORTS = {
    "rank": lambda row: row.rank,
    "reference": lambda row: _text(row.application.reference),
    "organisation": lambda row: _text(row.application.organisation.name),
    "space": lambda row: _text(_space(row).name) if _space(row) else None,
    "state": lambda row: _text(STATE_NAMES.get(_space(row).state)) if _space(row) else None,
    "mean": lambda row: row.mean,
    "z": lambda row: row.z_mean,
    "reviews": lambda row: row.count,
    "spread": lambda row: row.spread,
}
DEFAULT_SORT = "rank"
# Column headers that sort, with their label; "z" only when normalised.
SORTABLE_COLUMNS = (
    ("rank", gettext_lazy("Rank")),
    ("reference", gettext_lazy("Reference number")),
    ("organisation", gettext_lazy("Organisation")),
    ("space", gettext_lazy("Social space")),
    ("state", gettext_lazy("Bundesland")),
    ("mean", gettext_lazy("Mean score")),
    ("z", gettext_lazy("Normalised score (z)")),
    ("reviews", gettext_lazy("Reviews")),
    ("spread", gettext_lazy("Spread")),
)
# Descending first for measures: the first click on "Mean score" shows the best on top.
DESCENDING_FIRST = {"mean", "z", "reviews", "spread"}


def _options(request) -> tuple[bool, str]:
    normalise = request.GET.get("normalise") == "1"
    sort = request.GET.get("sort") or DEFAULT_SORT
    if sort.removeprefix("-") not in SORTS or (sort.removeprefix("-") == "z" and not normalise):
        sort = DEFAULT_SORT
    return normalise, sort


def _sorted(rows: list[RankedApplication], sort: str) -> list[RankedApplication]:
    key = SORTS[sort.removeprefix("-")]
    present = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    # Python's sort is stable: equal keys keep the ranking's order.
    present.sort(key=key, reverse=sort.startswith("-"))
    return present + missing


def _columns(current: str, normalise: bool) -> dict:
    columns = {}
    for key, label in SORTABLE_COLUMNS:
        if key == "z" and not normalise:
            continue
        first = f"-{key}" if key in DESCENDING_FIRST else key
        if current == key:
            columns[key] = {"label": label, "next": f"-{key}", "aria_sort": "ascending"}
        elif current == f"-{key}":
            columns[key] = {"label": label, "next": key, "aria_sort": "descending"}
        else:
            columns[key] = {"label": label, "next": first, "aria_sort": ""}
    return columns


def _ranking_for(request, stage) -> Ranking:
    normalise = _options(request)[0]
    visible = None
    if not request.user.has_perm("selection.manage_procedure"):
        visible = conflicts.without_conflicts(
            Application.objects.filter(call_id=stage.call_id), request.user
        )
    return rank(stage, normalise=normalise, applications=visible)


def _stage(pk) -> Stage:
    return get_object_or_404(Stage.objects.select_related("call"), pk=pk)


@_procedure_only
def ranking(request, pk):
    stage = _stage(pk)
    normalise, sort = _options(request)
    result = _ranking_for(request, stage)
    rows = _sorted(result.rows, sort)
    in_rank_order = sort == DEFAULT_SORT
    # The quota line is drawn after the last row within the quota, in rank order only and
    # only when it separates something.
    quota_line_after = None
    if in_rank_order and result.quota is not None and 0 < result.within_quota_count < len(rows):
        quota_line_after = result.within_quota_count
    ranked = sum(1 for row in rows if row.rank is not None)
    _row_cells(rows, normalise=normalise, has_quota=result.quota is not None)
    is_staff = request.user.has_perm("selection.manage_procedure")
    return render(
        request,
        "selection/ranking/ranking.html",
        {
            "stage": stage,
            "call": stage.call,
            "ranking": result,
            "rows": rows,
            "ranked_count": ranked,
            "normalise": normalise,
            "sort": sort,
            "in_rank_order": in_rank_order,
            "quota_line_after": quota_line_after,
            "columns": _columns(sort, normalise),
            "column_count": 14 if normalise else 13,
            "conflicts_left_out": not is_staff,
            "excluded": _excluded(result) if is_staff else None,
            "can_print_pdf": is_staff,
        },
    )


def _excluded(result: Ranking) -> dict | None:
    """How many reviews a late conflict of interest took out of the ranking, and where."""
    if not result.excluded_reviews:
        return None
    references = sorted(
        row.application.reference or "–"
        for row in result.rows
        if row.application.pk in result.excluded_reviews
    )
    return {"count": sum(result.excluded_reviews.values()), "references": ", ".join(references)}


def _labels() -> dict:
    """Labels resolved once per page, not once per row (see applications' export)."""
    return {
        "status": {value: str(label) for value, label in Status.choices},
        "outcome": {value: str(label) for value, label in Outcome.choices},
        "state": dict(State.choices),
        "kind": {value: str(label) for value, label in SpaceKind.choices},
    }


# The status an application reaches by this stage's decision; anything else (e.g. withdrawn
# after being advanced, or in review in the next stage) is shown beside the decision.
DECIDED_STATUS = {
    Outcome.ADVANCE: {Status.ADVANCED},
    Outcome.DECLINE: {Status.NOT_ADVANCED},
    Outcome.SELECT: {Status.SELECTED},
    Outcome.REJECT: {Status.NOT_SELECTED},
}


def _row_cells(rows, *, normalise: bool, has_quota: bool) -> None:
    """Each row's table cells as HTML, built here rather than in the template: with 500 rows
    the template engine's per-cell lookups and number formatting took most of a second."""
    labels = _labels()
    separator = formats.get_format("DECIMAL_SEPARATOR")
    words = {
        "tied": _("tied"),
        "tied_across": _("tied across the quota line"),
        "no_rank": _("no rank yet"),
        "now": _("now:"),
        "yes": _("yes"),
        "no": _("no"),
    }
    try:
        # A placeholder pk replaced per row: the pattern is the same for every application.
        pattern = reverse("selection:application", args=[URL_PLACEHOLDER])
    except NoReverseMatch:  # the procedure view of an application is not there (yet)
        pattern = ""

    def number(value):
        return "–" if value is None else f"{value:.2f}".replace(".", separator)

    cell = '<td class="kern-table__cell">{}</td>'
    numeric = '<td class="kern-table__cell kern-table__cell--numeric">{}</td>'
    for row in rows:
        application = row.application
        space = getattr(application, "social_space", None)
        reference = application.reference or "–"
        if pattern:
            url = pattern.replace(str(URL_PLACEHOLDER), str(application.pk))
            reference = format_html('<a class="kern-link" href="{}">{}</a>', url, reference)
        if row.rank is None:
            rank_html = format_html('–<span class="kern-sr-only"> {}</span>', words["no_rank"])
        elif row.tied:
            tie = words["tied_across"] if row.tie_across_quota else words["tied"]
            rank_html = format_html('{} <span class="ranking-tie">{}</span>', row.rank, tie)
        else:
            rank_html = str(row.rank)
        if space:
            space_html = format_html(
                "{}<br><small>{}</small>", space.name, labels["kind"].get(space.kind, space.kind)
            )
            state = labels["state"].get(space.state, space.state)
        else:
            space_html, state = "–", "–"
        status = labels["status"].get(application.status, application.status)
        if row.decision:
            status_html = format_html("<strong>{}</strong>", labels["outcome"][row.decision])
            if application.status not in DECIDED_STATUS.get(row.decision, set()):
                status_html = format_html(
                    "{}<br><small>{} {}</small>", status_html, words["now"], status
                )
        else:
            status_html = status
        spread = number(row.spread)
        if row.count:
            spread = format_html(
                "{}<br><small>{}–{}</small>", spread, number(row.minimum), number(row.maximum)
            )
        if not has_quota:
            quota = "–"
        else:
            quota = words["yes"] if row.within_quota else words["no"]
        cells = [
            format_html(cell, rank_html),
            format_html('<th scope="row" class="kern-table__header">{}</th>', reference),
            format_html(cell, application.organisation.name),
            format_html(cell, space_html),
            format_html(cell, state),
            format_html(numeric, number(row.mean)),
        ]
        if normalise:
            cells.append(format_html(numeric, number(row.z_mean)))
        cells += [
            format_html(numeric, row.count),
            format_html(numeric, spread),
            format_html(numeric, row.recommendations["advance"]),
            format_html(numeric, row.recommendations["undecided"]),
            format_html(numeric, row.recommendations["decline"]),
            format_html(cell, status_html),
            format_html(cell, quota),
        ]
        # Safe: every part went through format_html.
        row.cells = mark_safe("".join(cells))


# --- the export -------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defused(value):
    """Applicants' text that a spreadsheet would run as a formula gets an apostrophe (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def _number(value, places=3) -> str:
    # German Excel reads a decimal comma; the export is for German funders' staff first.
    return "" if value is None else f"{value:.{places}f}".replace(".", ",")


def _export_headers(normalise: bool) -> list[str]:
    headers = [
        _("Rank"),
        _("Tied"),
        _("Within the quota"),
        _("Reference number"),
        _("Organisation"),
        _("Social space"),
        _("Kind of social space"),
        _("Bundesland"),
        _("Mean score"),
    ]
    if normalise:
        headers.append(_("Normalised score (z)"))
    headers += [
        _("Reviews"),
        _("Lowest total"),
        _("Highest total"),
        _("Spread (highest − lowest)"),
        _("Standard deviation"),
        str(Review.Recommendation.ADVANCE.label),
        str(Review.Recommendation.UNDECIDED.label),
        str(Review.Recommendation.DECLINE.label),
        _("Status or decision"),
    ]
    return headers


def _export_lines(result: Ranking, rows):
    labels = _labels()
    writer = csv.writer(_Echo(), delimiter=";")
    # The byte order mark makes Excel read the file as UTF-8, so umlauts survive.
    yield "\ufeff" + writer.writerow(_export_headers(result.normalise))
    yes, no = _("yes"), _("no")
    for row in rows:
        application = row.application
        space = getattr(application, "social_space", None)
        cells = [
            row.rank if row.rank is not None else "",
            (_("tied across the quota line") if row.tie_across_quota else yes) if row.tied else no,
            (yes if row.within_quota else no) if result.quota is not None else "",
            _defused(application.reference),
            _defused(application.organisation.name),
            _defused(space.name) if space else "",
            labels["kind"].get(space.kind, space.kind) if space else "",
            labels["state"].get(space.state, space.state) if space else "",
            _number(row.mean),
        ]
        if result.normalise:
            cells.append(_number(row.z_mean))
        cells += [
            row.count,
            _number(row.minimum),
            _number(row.maximum),
            _number(row.spread),
            _number(row.deviation),
            row.recommendations["advance"],
            row.recommendations["undecided"],
            row.recommendations["decline"],
            labels["outcome"][row.decision]
            if row.decision
            else labels["status"].get(application.status, application.status),
        ]
        yield writer.writerow(cells)


@_procedure_only
def ranking_export(request, pk):
    stage = _stage(pk)
    normalise, sort = _options(request)
    result = _ranking_for(request, stage)
    rows = _sorted(result.rows, sort)
    # The export names applicants and their scores: who took it out is logged first.
    audit.record(
        actor=request.user,
        obj=stage,
        action="ranking_exported",
        after={"normalise": normalise, "sort": sort, "rows": len(rows)},
    )
    filename = f"ranking-stage-{stage.pk}-{timezone.localtime():%Y-%m-%d-%H%M}.csv"
    response = StreamingHttpResponse(
        _export_lines(result, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- the PDF for the commission's meeting ---------------------------------------------------


def _pdf_rows(rows, *, normalise: bool, has_quota: bool) -> list[dict]:
    """Each row's cells as plain text (the PDF has no links), as the page shows them."""
    labels = _labels()
    separator = formats.get_format("DECIMAL_SEPARATOR")
    tied, tied_across, yes, no = _("tied"), _("tied across the quota line"), _("yes"), _("no")

    def number(value):
        return "–" if value is None else f"{value:.2f}".replace(".", separator)

    result = []
    for row in rows:
        application = row.application
        space = getattr(application, "social_space", None)
        status = labels["status"].get(application.status, application.status)
        decision = labels["outcome"][row.decision] if row.decision else ""
        cells = {
            "rank": "–" if row.rank is None else str(row.rank),
            "tie": (tied_across if row.tie_across_quota else tied) if row.tied else "",
            "reference": application.reference or "–",
            "organisation": application.organisation.name,
            "space": space.name if space else "–",
            "kind": labels["kind"].get(space.kind, space.kind) if space else "",
            "state": labels["state"].get(space.state, space.state) if space else "–",
            "mean": number(row.mean),
            "z": number(row.z_mean) if normalise else None,
            "count": str(row.count),
            "spread": number(row.spread),
            "range": f"{number(row.minimum)}–{number(row.maximum)}" if row.count else "",
            "advance": str(row.recommendations["advance"]),
            "undecided": str(row.recommendations["undecided"]),
            "decline": str(row.recommendations["decline"]),
            "decision": decision,
            "status": status if not decision else "",
            "now": status
            if decision and application.status not in DECIDED_STATUS.get(row.decision, set())
            else "",
            "quota": (yes if row.within_quota else no) if has_quota else "–",
        }
        result.append(cells)
    return result


@login_required
def ranking_pdf(request, pk):
    """The whole ranking as of now, as an A4 landscape PDF for the commission's meeting.

    Funder staff only (others get 404, so nobody learns the document exists); the download
    is audited as an export, because it names applicants and their scores."""
    from ..ranking_pdf import render_ranking_pdf

    if not request.user.has_perm("selection.manage_procedure"):
        raise Http404
    stage = get_object_or_404(Stage.objects.select_related("call__initiative"), pk=pk)
    normalise, _sort = _options(request)
    result = rank(stage, normalise=normalise)
    made_at = timezone.now()
    quota_line_after = None
    if result.quota is not None and 0 < result.within_quota_count < len(result.rows):
        quota_line_after = result.within_quota_count
    headers = [str(label) for key, label in SORTABLE_COLUMNS if normalise or key != "z"] + [
        _("Recommend"),
        _("Undecided"),
        _("Do not recommend"),
        _("Status or decision"),
        _("Within the quota"),
    ]
    audit.record(
        actor=request.user,
        obj=stage,
        action="ranking_exported",
        after={"format": "pdf", "normalise": normalise, "rows": len(result.rows)},
    )
    # Rendered after the audit entry is written and outside any transaction or row lock: a
    # ranking of 129 applications takes a few seconds.
    pdf = render_ranking_pdf(
        stage=stage,
        ranking=result,
        rows=_pdf_rows(result.rows, normalise=normalise, has_quota=result.quota is not None),
        headers=headers,
        quota_line_after=quota_line_after,
        excluded=_excluded(result),
        made_at=made_at,
        made_by=request.user,
    )
    filename = f"ranking-stage-{stage.pk}-{timezone.localtime(made_at):%Y-%m-%d-%H%M}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("staff/selection/stages/<int:pk>/ranking/", ranking, name="ranking"),
    path("staff/selection/stages/<int:pk>/ranking.csv", ranking_export, name="ranking_export"),
    path("staff/selection/stages/<int:pk>/ranking.pdf", ranking_pdf, name="ranking_pdf"),
]
