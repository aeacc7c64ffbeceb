"""The indicators' pages: who sees what (200/403/404), the forms keep input and show one error
summary, values and corrections through the pages, and the exports' content."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.core.models import AuditEntry
from inklusiv.evaluation.models import IndicatorValue, Target
from tests.evaluation.indicators_fixtures import fill, make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # reverse() then gives the /en/ pages, so the texts read as in the templates.
    with translation.override("en"):
        yield


@pytest.fixture
def setup(eworld):
    programme = make_indicator(None, code="PR1", disaggregations=[], baseline=None)
    own = make_indicator(eworld.region, code="N1", contributes_to=programme)
    other = make_indicator(eworld.other_region, code="O1", contributes_to=programme)
    fill(own, ["2017-H2", "2018-H1"], target=Decimal("20"), value=Decimal("18"))
    fill(other, ["2017-H2"], target=Decimal("10"), value=Decimal("14"))
    return {"programme": programme, "own": own, "other": other}


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


PROGRAMME_READERS = ["staff", "evaluator", "expert"]
REGION_PEOPLE = ["coordinator", "editor", "steering", "reader", "coach"]


@pytest.mark.parametrize(
    ("who", "status"),
    [(who, 200) for who in PROGRAMME_READERS]
    + [(who, 404) for who in [*REGION_PEOPLE, "outsider", "applicant"]],
)
def test_programme_iptt_and_exports(client, eworld, setup, who, status):
    user = getattr(eworld, who)
    for name in ("indicators", "indicators_csv", "indicators_xlsx"):
        assert get(client, user, reverse(f"evaluation:{name}")).status_code == status, name
    programme_page = reverse("evaluation:indicator", args=[setup["programme"].pk])
    assert get(client, user, programme_page).status_code == status


@pytest.mark.parametrize(
    ("who", "own", "other"),
    [(who, 200, 200) for who in PROGRAMME_READERS]
    + [(who, 200, 404) for who in REGION_PEOPLE]
    + [("other_coordinator", 404, 200), ("outsider", 404, 404), ("applicant", 404, 404)],
)
def test_region_pages_are_for_the_regions_readers(client, eworld, setup, who, own, other):
    user = getattr(eworld, who)
    assert (
        get(
            client, user, reverse("evaluation:region_indicators", args=[eworld.region.slug])
        ).status_code
        == own
    )
    assert (
        get(client, user, reverse("evaluation:indicator", args=[setup["own"].pk])).status_code
        == own
    )
    assert (
        get(client, user, reverse("evaluation:indicator", args=[setup["other"].pk])).status_code
        == other
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 200),
        ("editor", 200),
        ("coach", 200),
        ("evaluator", 200),
        ("staff", 200),
        ("reader", 403),
        ("steering", 403),
        ("expert", 403),
        ("other_coordinator", 404),
        ("outsider", 404),
    ],
)
def test_write_pages_of_a_region_indicator(client, eworld, setup, who, status):
    user = getattr(eworld, who)
    pk = setup["own"].pk
    value = IndicatorValue.objects.filter(indicator=setup["own"]).first()
    for url in (
        reverse("evaluation:indicator_edit", args=[pk]),
        reverse("evaluation:indicator_targets", args=[pk]),
        reverse("evaluation:indicator_values", args=[pk]),
        reverse("evaluation:value_correct", args=[value.pk]),
    ):
        assert get(client, user, url).status_code == status, url
    add = reverse("evaluation:region_indicator_add", args=[eworld.region.slug])
    assert get(client, user, add).status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("evaluator", 200), ("staff", 200), ("expert", 403), ("coordinator", 404)]
)
def test_programme_indicator_add(client, eworld, who, status):
    assert (
        get(client, getattr(eworld, who), reverse("evaluation:indicator_add")).status_code == status
    )


def test_iptt_shows_targets_actuals_deviation_in_words_and_roll_up(client, eworld, setup):
    response = get(client, eworld.evaluator, reverse("evaluation:indicators") + "?span=2")
    html = response.content.decode()
    assert "N1" in html and "O1" in html and "PR1" in html
    assert "rolled up from 2 regional indicators" in html
    # The programme's 2017-H2: targets 20 + 10 = 30, actual 18 + 14 = 32, better.
    row = response.context["rows"]
    programme = next(r for r in row if r.indicator.code == "PR1")
    cell = programme.cells[0]
    assert (cell.period, cell.target, cell.actual) == ("2017-H2", 30, 32)
    assert programme.status(cell) == "ahead"
    assert "better than the target" in html and "worse than the target" in html


def test_filters_narrow_the_table(client, eworld, setup):
    client.force_login(eworld.evaluator)
    url = reverse("evaluation:indicators")
    rows = client.get(url, {"region": eworld.other_region.slug}).context["rows"]
    assert [r.indicator.code for r in rows] == ["O1"]
    rows = client.get(url, {"region": "programme"}).context["rows"]
    assert [r.indicator.code for r in rows] == ["PR1"]
    rows = client.get(url, {"step": 5}).context["rows"]
    assert rows == []
    rows = client.get(url, {"region": "nirgendwo"}).context["rows"]
    assert len(rows) == 3


def test_region_iptt_is_in_the_region_tab(client, eworld, setup):
    response = get(
        client, eworld.reader, reverse("evaluation:region_indicators", args=[eworld.region.slug])
    )
    assert response.context["section"] == "evaluation"
    assert [r.indicator.code for r in response.context["rows"]] == ["N1"]
    assert "Add an indicator" not in response.content.decode()


def test_detail_has_chart_table_categories_and_history(client, eworld, setup):
    client.force_login(eworld.editor)
    own = setup["own"]
    client.post(
        reverse("evaluation:indicator_values", args=[own.pk]),
        {
            "period": "2017-H2",
            "value": "19",
            "value_disability__with": "5",
            "source": "Liste",
            "comment": "Nachmeldung",
        },
    )
    html = client.get(reverse("evaluation:indicator", args=[own.pk])).content.decode()
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert "Target, actual value and deviation per half-year" in html
    assert "Values by With or without disability" in html
    assert "replaced on" in html and "Nachmeldung" in html


def test_values_form_keeps_input_and_shows_one_summary(client, eworld, setup):
    client.force_login(eworld.editor)
    url = reverse("evaluation:indicator_values", args=[setup["own"].pk])
    response = client.post(
        url, {"period": "2017-H2", "value": "21", "value_disability__with": "7", "source": "Liste"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("kern-alert--danger error-summary") == 1
    assert "comment" in html.lower() and 'value="7"' in html and 'value="21"' in html
    assert IndicatorValue.objects.filter(indicator=setup["own"]).count() == 2


def test_values_form_refuses_negative_people_on_the_field(client, eworld, setup):
    client.force_login(eworld.editor)
    url = reverse("evaluation:indicator_values", args=[setup["own"].pk])
    response = client.post(
        url,
        {"period": "2017-H1", "value": "5", "value_disability__without": "-2", "source": "Liste"},
    )
    form = response.context["form"]
    assert "value_disability__without" in form.errors


def test_targets_form_sets_targets_for_the_funding_span(client, eworld, setup):
    client.force_login(eworld.coordinator)
    url = reverse("evaluation:indicator_targets", args=[setup["own"].pk])
    fields = [name for name in client.get(url).context["form"].fields]
    assert fields[0] == "target_2017_H1" and fields[-1] == "target_2019_H1"
    response = client.post(
        url, {"target_2017_H1": "5", "target_2017_H2": "", "target_2018_H1": "25"}
    )
    assert response.status_code == 302
    assert dict(Target.objects.filter(indicator=setup["own"]).values_list("period", "value")) == {
        "2017-H1": 5,
        "2018-H1": 25,
    }


def test_correction_page_keeps_the_old_value(client, eworld, setup):
    client.force_login(eworld.coordinator)
    value = IndicatorValue.objects.filter(indicator=setup["own"], period="2017-H2").get()
    url = reverse("evaluation:value_correct", args=[value.pk])
    response = client.post(url, {"value": "19", "source": "Liste", "comment": ""})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    response = client.post(url, {"value": "19", "source": "Liste", "comment": "Zählfehler"})
    assert response.status_code == 302
    value.refresh_from_db()
    assert not value.is_current and value.replaced_by.value == 19
    assert client.get(url).status_code == 404


def test_indicator_form_creates_and_edits(client, eworld, setup):
    client.force_login(eworld.coordinator)
    url = reverse("evaluation:region_indicator_add", args=[eworld.region.slug])
    data = {
        "code": "N2",
        "name": "Barrierefreie Orte",
        "definition": "Zahl der Orte",
        "unit": "count",
        "decimals": "0",
        "direction": "higher",
        "data_source": "Begehung",
        "step": "1",
        "goals": [eworld.goals[0].pk],
        "order": "0",
        "disaggregations": ["sector"],
    }
    response = client.post(url, data)
    assert response.status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200 and "already has the short name" in response.content.decode()
    edit = reverse("evaluation:indicator_edit", args=[setup["own"].pk])
    assert client.get(edit).context["form"].initial["code"] == "N1"


def test_csv_export_rows_and_audit(client, eworld, setup):
    client.force_login(eworld.evaluator)
    IndicatorValue.objects.create(
        indicator=setup["own"],
        period="2017-H2",
        category="disability:with",
        value=3,
        source="Liste",
        entered_at=IndicatorValue.objects.first().entered_at,
    )
    response = client.get(reverse("evaluation:indicators_csv"), {"region": eworld.region.slug})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = [line.split(";") for line in text.strip().splitlines()]
    assert lines[0][:5] == ["region", "code", "name", "unit", "period"]
    assert len(lines) == 1 + 3  # N1: 2017-H2 total and category, 2018-H1 total
    total = lines[1]
    assert (
        total[1] == "N1" and total[4] == "2017-H2" and total[6] == "20.00" and total[7] == "18.00"
    )
    assert total[10] == "-2.00"
    assert "with disability" in lines[2][5] and lines[2][6] == ""
    entry = AuditEntry.objects.get(action="evaluation_indicators_exported")
    assert entry.after["format"] == "csv" and entry.after["region"] == eworld.region.pk


def test_xlsx_export_opens(client, eworld, setup):
    client.force_login(eworld.staff)
    response = client.get(reverse("evaluation:indicators_xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "region"
    assert len(rows) == 1 + 2 + 1 + 2  # N1 two half-years, O1 one, PR1 rolled up for two
    programme = [row for row in rows if row[1] == "PR1"]
    assert programme[0][4:8] == ("2017-H2", None, 30, 32)
