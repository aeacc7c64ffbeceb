"""Statistics of a call: the funnel from the decisions (2016: 129 → 10 → 9 → 6), the spread
over Bundesländer and kinds of social space, the charts with their tables, who may see them,
and a query count that does not grow with the applications."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.accounts.models import Organisation
from inklusiv.applications.models import Application, SocialSpace, Status
from inklusiv.selection.models import Decision, Outcome
from inklusiv.selection.statistics import call_statistics
from tests.factories import CallFactory, StageFactory, berlin, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    call = CallFactory()
    StageFactory(
        call=call,
        position=2,
        name_de="Vor-Ort-Gespräche",
        name_en="On-site meetings",
        opens_at=berlin(2016, 11, 1, 0, 0),
        closes_at=berlin(2017, 1, 31, 23, 59),
    )
    return call


def _stages(call):
    return list(call.stages.order_by("position"))


def _bulk(call, specs, offset=0):
    """Applications from (status, stage index, state, kind, outcomes per stage index)."""
    stages = _stages(call)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Träger {offset + number} e.V.",
            legal_form="ev",
            street="Hauptstraße 1",
            postcode="10115",
            city="Berlin",
            state="BE",
        )
        for number in range(len(specs))
    )
    applications = Application.objects.bulk_create(
        Application(
            call=call,
            organisation=organisation,
            stage=stages[spec[1]],
            status=spec[0],
            reference=f"KI-{call.reference_year}-{offset + number:04d}",
        )
        for number, (organisation, spec) in enumerate(zip(organisations, specs, strict=True))
    )
    SocialSpace.objects.bulk_create(
        SocialSpace(
            application=application, kind=spec[3], name="Ort", state=spec[2], population=1000
        )
        for application, spec in zip(applications, specs, strict=True)
    )
    now = timezone.now()
    Decision.objects.bulk_create(
        Decision(application=application, stage=stages[index], outcome=outcome, decided_at=now)
        for application, spec in zip(applications, specs, strict=True)
        for index, outcome in spec[4].items()
    )
    return applications


ADVANCE, DECLINE = Outcome.ADVANCE, Outcome.DECLINE
SELECT, REJECT = Outcome.SELECT, Outcome.REJECT

SMALL = [
    (Status.SELECTED, 1, "BB", "city", {0: ADVANCE, 1: SELECT}),
    (Status.SELECTED, 1, "NW", "city", {0: ADVANCE, 1: SELECT}),
    (Status.NOT_SELECTED, 1, "NW", "city", {0: ADVANCE, 1: REJECT}),
    (Status.WITHDRAWN, 1, "BB", "city", {0: ADVANCE}),
    (Status.NOT_ADVANCED, 0, "NW", "county", {0: DECLINE}),
    (Status.NOT_ADVANCED, 0, "SN", "county", {0: DECLINE}),
    (Status.INELIGIBLE, 0, "BE", "municipality", {}),
    (Status.WITHDRAWN, 0, "BB", "municipality", {}),
    (Status.DRAFT, 0, "HH", "district", {}),
    (Status.DRAFT, 0, "HH", "district", {}),
]


def test_the_funnel_counts_submitted_advanced_remaining_and_selected(call):
    _bulk(call, SMALL)

    with translation.override("en"):
        figures = call_statistics(call)

    assert [step.count for step in figures.funnel] == [8, 4, 3, 2]
    assert [step.label for step in figures.funnel] == [
        "Submitted",
        "Advanced to “On-site meetings”",
        "Still in “On-site meetings” (not withdrawn)",
        "Selected",
    ]


def test_distributions_count_submitted_advanced_and_selected(call):
    _bulk(call, SMALL)

    with translation.override("en"):
        figures = call_statistics(call)

    states = dict(figures.by_state.rows)
    # Columns: submitted, advanced from the first stage, selected in the last.
    assert states["Brandenburg"] == [3, 2, 1]
    assert states["Nordrhein-Westfalen"] == [3, 2, 1]
    assert states["Sachsen"] == [1, 0, 0]
    assert states["Berlin"] == [1, 0, 0]
    assert states["Hamburg"] == [0, 0, 0]  # only drafts
    assert len(states) == 16
    # Most applications first, then by name: the chart and the table share this order.
    assert [label for label, _counts in figures.by_state.rows[:4]] == [
        "Brandenburg",
        "Nordrhein-Westfalen",
        "Berlin",
        "Sachsen",
    ]
    assert [column.count for column in figures.by_state.columns] == [8, 4, 2]
    kinds = {str(label): counts for label, counts in figures.by_kind.rows}
    assert kinds["Town or city (Stadt)"] == [4, 4, 2]
    assert kinds["County (Kreis)"] == [2, 0, 0]
    assert kinds["Municipality (Gemeinde)"] == [2, 0, 0]
    assert kinds["Quarter or district of a town (Stadtviertel/Stadtteil)"] == [0, 0, 0]


def _page(call):
    with translation.override("en"):
        return reverse("selection:statistics", args=[call.pk])


def test_the_page_draws_each_chart_with_the_same_figures_in_a_table(client, staff, call):
    _bulk(call, SMALL)
    client.force_login(staff)

    response = client.get(_page(call))

    assert response.status_code == 200
    content = response.content.decode()
    charts = re.findall(r'<svg role="img" aria-labelledby="([^"]+)"', content)
    assert charts == ["funnel-chart-caption", "states-chart-caption", "kinds-chart-caption"]
    for caption in charts:
        assert f'id="{caption}"' in content
    # The funnel's bars: the largest is the full width, the others in proportion.
    funnel_svg = content[content.index('aria-labelledby="funnel-chart-caption"') :]
    funnel_svg = funnel_svg[: funnel_svg.index("</svg>")]
    widths = [
        float(width)
        for width in re.findall(r'<rect class="bar" x="0" y="\d+" width="([\d.]+)"', funnel_svg)
    ]
    assert widths == [520, 260, 195, 130]
    assert ">Still in “On-site meetings” (not withdrawn)</text>" in funnel_svg
    # The same figures as a table with a caption and header cells.
    assert "<caption>Funnel: applications per step</caption>" in content
    assert re.search(
        r'<th scope="row" class="kern-table__header">Still in “On-site meetings” '
        r'\(not withdrawn\)</th><td class="kern-table__cell kern-table__cell--numeric">3</td>',
        content,
    )
    assert (
        re.search(
            r"<th scope=\"row\" class=\"kern-table__header\">Nordrhein-Westfalen</th>"
            r"(<td[^>]*>\d+</td>){3}",
            content,
        )
        .group(0)
        .count(">3<")
        == 1
    )
    assert reverse("selection:ranking", args=[call.first_stage().pk]) in content


def test_a_call_without_applications_shows_zeros(client, staff, call):
    client.force_login(staff)
    response = client.get(_page(call))
    assert response.status_code == 200
    assert [step.count for step in call_statistics(call).funnel] == [0, 0, 0, 0]


@pytest.mark.parametrize("role", ["applicant", None, "commission_member", "process_coach"])
def test_only_staff_and_programme_experts_see_statistics(client, call, role):
    client.force_login(make_user(role))
    assert client.get(_page(call)).status_code == 403
    assert client.get(reverse("selection:statistics", args=[999999])).status_code == 403


def test_programme_experts_see_statistics(client, call):
    client.force_login(make_user("programme_expert"))
    assert client.get(_page(call)).status_code == 200


def test_anonymous_people_are_sent_to_the_login(client, call):
    response = client.get(_page(call))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_unknown_call_answers_404_to_staff(client, staff):
    client.force_login(staff)
    assert client.get(reverse("selection:statistics", args=[999999])).status_code == 404


def _kommune_inklusiv_2016():
    """129 expressions of interest; 10 advance; one withdraws; 6 of the 9 are selected."""
    states = ["BB", "NW", "BY", "SN", "HE", "SH"]
    kinds = ["city", "municipality", "district", "county", "part_of_county"]
    specs = []
    for number in range(129):
        state, kind = states[number % len(states)], kinds[number % len(kinds)]
        if number < 6:
            specs.append((Status.SELECTED, 1, state, kind, {0: ADVANCE, 1: SELECT}))
        elif number < 9:
            specs.append((Status.NOT_SELECTED, 1, state, kind, {0: ADVANCE, 1: REJECT}))
        elif number == 9:
            specs.append((Status.WITHDRAWN, 1, state, kind, {0: ADVANCE}))
        else:
            specs.append((Status.NOT_ADVANCED, 0, state, kind, {0: DECLINE}))
    return specs


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_2016_funnel_and_a_query_count_that_does_not_grow(client, staff, call):
    _bulk(call, SMALL[:3])
    client.force_login(staff)
    _queries(client, _page(call))  # sessions, roles and other first-request work
    few = _queries(client, _page(call))
    other = CallFactory()
    StageFactory(call=other, position=2, opens_at=berlin(2016, 11, 1), closes_at=berlin(2017, 1, 1))
    _bulk(other, _kommune_inklusiv_2016(), offset=100)

    figures = call_statistics(other)
    many = _queries(client, _page(other))

    assert [step.count for step in figures.funnel] == [129, 10, 9, 6]
    assert few == many
