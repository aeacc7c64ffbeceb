"""The funder's pages for applications: filters, search, sort and pages of the list; CSV and
XLSX exports; one application's page with extensions and messages; who may do what; and a
list whose number of queries does not grow with the applications."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from inklusiv.accounts.models import Organisation
from inklusiv.applications import services
from inklusiv.applications.models import (
    Application,
    Concept,
    Message,
    Partner,
    SocialSpace,
    Status,
)
from inklusiv.core.models import AuditEntry
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    StageFactory,
    berlin,
    complete,
    make_user,
)

pytestmark = pytest.mark.django_db

LIST = reverse("applications:staff_list")


def _csv(file_format="csv"):
    return reverse("applications:staff_export", args=[file_format])


def _application(call, organisation_name, *, space, concept_goals="", fields=(), **values):
    """An application with a social space (kind, name, state, population) and a concept."""
    kind, name, state, population = space
    organisation = MembershipFactory(organisation__name=organisation_name).organisation
    application = ApplicationFactory(call=call, organisation=organisation, **values)
    SocialSpace.objects.create(
        application=application, kind=kind, name=name, state=state, population=population
    )
    Concept.objects.create(
        application=application,
        starting_situation="Viele Wege sind nicht barrierefrei.",
        goals=concept_goals or "Teilhabe für alle.",
        fields_of_action=list(fields),
        approach="Runder Tisch",
        expected_network="Vereine",
    )
    return application


@pytest.fixture
def field():
    """Four applications to one call and one to another, differing in every filter."""
    call = CallFactory()
    second_stage = StageFactory(
        call=call,
        position=2,
        name_de="Zweite Runde",
        opens_at=berlin(2030, 1, 1, 0, 0),
        closes_at=berlin(2030, 3, 1, 12, 0),
    )
    other_call = CallFactory(title_de="Ein anderer Aufruf")
    applications = {
        "neuruppin": _application(
            call,
            "Jugendarbeit Neuruppin e.V.",
            space=("city", "Neuruppin", "BB", 31000),
            fields=["leisure", "mobility"],
            reference="KI-2016-0001",
            status=Status.SUBMITTED,
            submitted_at=berlin(2016, 8, 30, 10, 0),
        ),
        "koeln": _application(
            call,
            "Lebenshilfe Köln e.V.",
            space=("district", "Köln-Chorweiler", "NW", 80000),
            fields=["housing"],
            concept_goals="Ein inklusives Quartierszentrum am Pariser Platz.",
            reference="KI-2016-0002",
            status=Status.SUBMITTED,
            submitted_at=berlin(2016, 8, 31, 23, 0),
        ),
        "rendsburg": _application(
            call,
            "Diakonie Rendsburg-Eckernförde",
            space=("county", "Kreis Rendsburg-Eckernförde", "SH", 270000),
            fields=["work"],
            reference="KI-2016-0003",
            status=Status.SUBMITTED,
            submitted_at=berlin(2016, 8, 29, 9, 0),
            stage=second_stage,
        ),
        "bernburg": _application(
            call,
            "Bürgerstiftung Bernburg",
            space=("municipality", "Bernburg", "ST", 33000),
            fields=["education", "work"],
        ),
        "other": _application(
            other_call,
            "Verein in Bayern e.V.",
            space=("city", "Landshut", "BY", 72000),
            fields=["accessibility"],
            reference="KI-2017-0001",
            status=Status.WITHDRAWN,
        ),
    }
    return {"call": call, "second_stage": second_stage, **applications}


def _listed(response) -> list[int]:
    return [application.pk for application in response.context["page_obj"].object_list]


def _ids(field, *names) -> set[int]:
    return {field[name].pk for name in names}


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ["neuruppin", "koeln", "rendsburg", "bernburg", "other"]),
        ({"status": "submitted"}, ["neuruppin", "koeln", "rendsburg"]),
        ({"status": "draft"}, ["bernburg"]),
        ({"state": "NW"}, ["koeln"]),
        ({"kind": "county"}, ["rendsburg"]),
        ({"field_of_action": "work"}, ["rendsburg", "bernburg"]),
        ({"field_of_action": "mobility"}, ["neuruppin"]),
        ({"q": "KI-2016-0003"}, ["rendsburg"]),
        ({"q": "lebenshilfe"}, ["koeln"]),
        ({"q": "Chorweiler"}, ["koeln"]),
        ({"q": "Pariser Platz"}, ["koeln"]),
        ({"q": "Bernburg", "status": "submitted"}, []),
        ({"status": "nonsense"}, ["neuruppin", "koeln", "rendsburg", "bernburg", "other"]),
    ],
)
def test_filters_and_search_narrow_the_list(client, staff, field, params, expected):
    client.force_login(staff)
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert set(_listed(response)) == _ids(field, *expected)
    assert response.context["page_obj"].paginator.count == len(expected)


def test_call_and_stage_filters_narrow_the_list(client, staff, field):
    client.force_login(staff)
    by_call = client.get(LIST, {"call": field["call"].pk})
    assert set(_listed(by_call)) == _ids(field, "neuruppin", "koeln", "rendsburg", "bernburg")
    by_stage = client.get(LIST, {"stage": field["second_stage"].pk})
    assert set(_listed(by_stage)) == _ids(field, "rendsburg")


def test_the_list_shows_the_number_of_results_and_links_each_row(client, staff, field):
    client.force_login(staff)
    response = client.get(LIST, {"state": "NW"})
    page = response.content.decode()
    assert "Lebenshilfe Köln e.V." in page
    assert reverse("applications:staff_detail", args=[field["koeln"].pk]) in page
    assert "Jugendarbeit Neuruppin" not in page
    assert 'role="search"' in page
    assert "<caption" in page


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("population", ["neuruppin", "bernburg", "other", "koeln", "rendsburg"]),
        ("-population", ["rendsburg", "koeln", "other", "bernburg", "neuruppin"]),
        ("organisation", ["bernburg", "rendsburg", "neuruppin", "koeln", "other"]),
        # By the Bundesland's name: Bayern, Brandenburg, Nordrhein-Westfalen, …
        ("state", ["other", "neuruppin", "koeln", "bernburg", "rendsburg"]),
        ("-reference", ["other", "rendsburg", "koeln", "neuruppin", "bernburg"]),
        # Drafts and withdrawals without a submission date come last either way.
        ("submitted", ["rendsburg", "neuruppin", "koeln", "bernburg", "other"]),
        ("-submitted", ["koeln", "neuruppin", "rendsburg", "bernburg", "other"]),
    ],
)
def test_sort_orders_the_list(client, staff, field, sort, expected):
    client.force_login(staff)
    response = client.get(LIST, {"sort": sort})
    assert _listed(response) == [field[name].pk for name in expected]


def test_sort_headers_toggle_and_unknown_sort_falls_back(client, staff, field):
    client.force_login(staff)
    response = client.get(LIST, {"sort": "population", "state": "NW"})
    page = response.content.decode()
    assert 'aria-sort="ascending"' in page
    assert "sort=-population" in page
    fallback = client.get(LIST, {"sort": "password"})
    assert fallback.status_code == 200
    assert len(_listed(fallback)) == 5


def test_pages_keep_the_filters(client, staff, settings):
    settings.PAGINATE_BY = 10
    call = CallFactory()
    for number in range(23):
        _application(
            call,
            f"Verein {number:02d} e.V.",
            space=("city", f"Stadt {number}", "BB" if number % 2 else "SN", 10000 + number),
        )
    client.force_login(staff)
    response = client.get(LIST, {"state": "BB", "sort": "organisation"})
    assert response.context["page_obj"].paginator.count == 11
    page = response.content.decode()
    assert "state=BB&amp;sort=organisation&amp;page=2" in page
    second = client.get(LIST, {"state": "BB", "sort": "organisation", "page": 2})
    assert len(_listed(second)) == 1
    assert second.context["page_obj"].object_list[0].organisation.name == "Verein 21 e.V."
    # The export links carry the filters, not the page.
    assert "export.csv?state=BB&amp;sort=organisation&amp;page" not in second.content.decode()
    assert "export.csv?state=BB&amp;sort=organisation" in second.content.decode()


# --- who may do what ----------------------------------------------------------------------


def _pages(application):
    pk = application.pk
    return [
        ("get", LIST),
        ("get", _csv("csv")),
        ("get", _csv("xlsx")),
        ("get", reverse("applications:staff_detail", args=[pk])),
        ("post", reverse("applications:staff_message", args=[pk])),
        ("post", reverse("applications:staff_extension", args=[pk])),
    ]


@pytest.mark.parametrize("role", ["applicant", None, "commission_member", "process_coach"])
def test_people_who_are_not_the_funder_are_refused_everywhere(client, role):
    membership = MembershipFactory()
    application = complete(ApplicationFactory(organisation=membership.organisation))
    # Even the applicant's own members see nothing of the staff pages.
    people = [make_user(role), membership.user]
    message = {"message-subject": "Hallo", "message-body": "Test"}
    for person in people:
        client.force_login(person)
        for method, url in _pages(application):
            response = getattr(client, method)(url, message if method == "post" else None)
            assert response.status_code in (403, 404), (person, url)
    assert not Message.objects.exists()
    assert not AuditEntry.objects.filter(action="applications_exported").exists()


def test_anonymous_people_are_sent_to_the_login(client):
    application = ApplicationFactory()
    for method, url in _pages(application):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert reverse("account_login") in response.url


def test_programme_expert_may_list_and_message_but_not_extend(client):
    expert = make_user("programme_expert")
    application = complete(ApplicationFactory())
    client.force_login(expert)
    assert client.get(LIST).status_code == 200
    assert client.get(_csv()).status_code == 200
    detail = client.get(reverse("applications:staff_detail", args=[application.pk]))
    assert detail.status_code == 200
    assert reverse("applications:staff_extension", args=[application.pk]) not in (
        detail.content.decode()
    )
    refused = client.post(
        reverse("applications:staff_extension", args=[application.pk]),
        {
            "extension-until_date": "2030-01-01",
            "extension-until_time": "12:00",
            "extension-reason": "Krankheit",
        },
    )
    assert refused.status_code == 403
    application.refresh_from_db()
    assert application.extended_until is None
    sent = client.post(
        reverse("applications:staff_message", args=[application.pk]),
        {"message-subject": "Rückfrage", "message-body": "Bitte ergänzen Sie die Partner."},
    )
    assert sent.status_code == 302


def test_unknown_application_and_format_answer_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("applications:staff_detail", args=[999999])).status_code == 404
    assert client.get(_csv("pdf")).status_code == 404


# --- exports ------------------------------------------------------------------------------


def _read_csv(response) -> tuple[bytes, list[list[str]]]:
    raw = b"".join(response.streaming_content)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    return raw, rows


def test_csv_export_is_what_german_excel_opens(client, staff, field):
    client.force_login(staff)
    response = client.get(_csv(), {"status": "submitted", "sort": "reference"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw, rows = _read_csv(response)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b";" in raw.splitlines()[0]
    header, *data = rows
    assert len(data) == 3 == Application.objects.filter(status=Status.SUBMITTED).count()
    assert [row[0] for row in data] == ["KI-2016-0001", "KI-2016-0002", "KI-2016-0003"]
    koeln = data[1]
    assert "Lebenshilfe Köln e.V." in koeln
    assert "Köln-Chorweiler" in koeln
    assert "Nordrhein-Westfalen" in koeln
    assert "80000" in koeln
    # Berlin time: 23:00 CEST, which is 21:00 UTC.
    assert "31.08.2016 23:00" in koeln
    assert len(header) == len(koeln)


def test_every_export_is_in_the_audit_log_with_its_filters(client, staff, field):
    client.force_login(staff)
    response = client.get(_csv(), {"state": "NW", "q": "Köln", "page": "3"})
    _raw, rows = _read_csv(response)
    assert len(rows) == 2
    entry = AuditEntry.objects.get(action="applications_exported")
    assert entry.actor == staff
    assert entry.after == {
        "format": "csv",
        "filters": {"state": "NW", "query": "Köln"},
        "rows": 1,
    }


def test_xlsx_export_opens_and_holds_the_rows(client, staff, field):
    client.force_login(staff)
    response = client.get(_csv("xlsx"), {"call": field["call"].pk, "sort": "-population"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, *rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 4
    assert rows[0][4] == "Diakonie Rendsburg-Eckernförde"
    assert rows[0][8] == 270000
    assert rows[1][12] == datetime.datetime(2016, 8, 31, 23, 0)
    entry = AuditEntry.objects.get(action="applications_exported")
    assert entry.after["format"] == "xlsx"
    assert entry.after["filters"] == {"call": field["call"].pk}


def test_exports_do_not_run_formulas_from_applicants(client, staff):
    _application(
        CallFactory(),
        '=HYPERLINK("http://evil.example","klick")',
        space=("city", "+SUM(1;2)", "BB", 1000),
    )
    client.force_login(staff)
    _raw, rows = _read_csv(client.get(_csv()))
    assert rows[1][4].startswith("'=")
    assert rows[1][7].startswith("'+")
    workbook = load_workbook(io.BytesIO(b"".join(client.get(_csv("xlsx")).streaming_content)))
    cell = workbook.active["E2"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")


# --- queries --------------------------------------------------------------------------------


def _bulk_applications(call, count: int, offset: int = 0) -> None:
    """count complete applications in a handful of INSERTs."""
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Träger {offset + number} e.V.",
            legal_form="ev",
            street="Hauptstraße 1",
            postcode="10115",
            city="Berlin",
            state="BE",
        )
        for number in range(count)
    )
    stage = call.first_stage()
    applications = Application.objects.bulk_create(
        Application(
            call=call,
            organisation=organisation,
            stage=stage,
            status=Status.SUBMITTED,
            reference=f"KI-{call.reference_year}-{offset + number:04d}",
            submitted_at=berlin(2016, 8, 1, 12, 0) + datetime.timedelta(minutes=number),
            contact_name="Katrin Lehmann",
            contact_email="k.lehmann@example.org",
        )
        for number, organisation in enumerate(organisations)
    )
    SocialSpace.objects.bulk_create(
        SocialSpace(
            application=application,
            kind="city",
            name=f"Stadt {number}",
            state=["BB", "BE", "NW", "SN"][number % 4],
            population=10000 + number,
        )
        for number, application in enumerate(applications)
    )
    Concept.objects.bulk_create(
        Concept(
            application=application,
            starting_situation="Wenig barrierefreie Angebote.",
            goals="Teilhabe",
            fields_of_action=["work", "leisure"],
            approach="Runder Tisch",
            expected_network="Vereine",
        )
        for application in applications
    )
    Partner.objects.bulk_create(
        Partner(
            application=application,
            name=f"Partner {index}",
            sector="civil_society",
            kind="association",
            contact_name="Jens Winter",
            role="Netzwerk",
        )
        for application in applications
        for index in range(3)
    )


def _queries_for(client, params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(LIST, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"sort": "-state", "field_of_action": "work", "q": "Stadt", "status": "submitted"}],
)
def test_list_queries_do_not_grow_with_the_applications(client, staff, params):
    call = CallFactory()
    _bulk_applications(call, 5)
    client.force_login(staff)
    _queries_for(client, params)  # sessions, roles and other first-request work
    few = _queries_for(client, params)
    _bulk_applications(call, 495, offset=5)
    many = _queries_for(client, params)
    assert Application.objects.count() == 500
    assert few == many


# --- one application ------------------------------------------------------------------------


def _late_draft():
    """A complete draft of a stage that closed on 31 August 2016, 23:59 Berlin time."""
    call = CallFactory(stages=False)
    stage = StageFactory(call=call)
    membership = MembershipFactory()
    application = complete(
        ApplicationFactory(call=call, stage=stage, organisation=membership.organisation)
    )
    return application, membership.user


def test_detail_shows_the_submitted_content_versions_and_partners(client, staff):
    call = CallFactory()
    membership = MembershipFactory(organisation__name="Jugendarbeit Neuruppin e.V.")
    application = complete(ApplicationFactory(call=call, organisation=membership.organisation))
    version = services.submit(actor=membership.user, application=application)
    client.force_login(staff)
    response = client.get(reverse("applications:staff_detail", args=[application.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert version.application.reference in page
    assert "Jugendarbeit Neuruppin e.V." in page
    assert "Stadt Neuruppin" in page  # the partner
    assert "Viele Wege in der Altstadt" in page  # the concept
    assert reverse("applications:receipt", args=[application.pk, 1]) in page
    assert "/staff/history/" in page
    assert '<h4 class="kern-heading-small"></h4>' not in page
    receipt = client.get(reverse("applications:receipt", args=[application.pk, 1]))
    assert receipt.status_code == 200


def _days_from_today(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_extension_granted_on_the_page_lets_a_late_submission_through(client, staff):
    application, member = _late_draft()
    client.force_login(staff)
    response = client.post(
        reverse("applications:staff_extension", args=[application.pk]),
        {
            "extension-until_date": _days_from_today(7),
            "extension-until_time": "12:00",
            "extension-reason": "Vorstandssitzung erst am 6. September",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    until = timezone.localdate() + datetime.timedelta(days=7)
    assert application.extended_until == berlin(until.year, until.month, until.day, 12, 0)
    entry = AuditEntry.objects.get(action="application_extension_granted")
    assert entry.reason == "Vorstandssitzung erst am 6. September"
    version = services.submit(actor=member, application=application, now=berlin(2016, 9, 5, 10))
    assert version.application.status == Status.SUBMITTED


def test_an_extension_ending_in_the_past_is_refused_and_the_reason_kept(client, staff):
    application, _member = _late_draft()
    client.force_login(staff)
    response = client.post(
        reverse("applications:staff_extension", args=[application.pk]),
        {
            # After the stage's deadline (31 August 2016), but long over.
            "extension-until_date": "2016-09-07",
            "extension-until_time": "12:00",
            "extension-reason": "Vorstandssitzung erst am 6. September",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert response.context["extension_form"].errors["until_date"]
    assert "muss in der Zukunft enden" in page
    assert 'href="#id_extension-until_date"' in page
    assert "Vorstandssitzung erst am 6. September" in page
    application.refresh_from_db()
    assert application.extended_until is None


def test_extension_before_the_deadline_is_explained_on_the_page(client, staff):
    # The stage closes in 30 days; an extension to next week would shorten it.
    membership = MembershipFactory()
    application = complete(ApplicationFactory(organisation=membership.organisation))
    client.force_login(staff)
    response = client.post(
        reverse("applications:staff_extension", args=[application.pk]),
        {
            "extension-until_date": _days_from_today(7),
            "extension-until_time": "12:00",
            "extension-reason": "Krankheit",
        },
    )
    assert response.status_code == 400
    form = response.context["extension_form"]
    assert form.errors["until_time"]
    assert "data-error-summary" in response.content.decode()
    assert 'href="#id_extension-until_time"' in response.content.decode()
    application.refresh_from_db()
    assert application.extended_until is None


def test_missing_input_is_refused_and_kept(client, staff):
    application, _member = _late_draft()
    client.force_login(staff)
    response = client.post(
        reverse("applications:staff_message", args=[application.pk]),
        {"message-subject": "Rückfrage zu Ihrem Antrag", "message-body": ""},
    )
    assert response.status_code == 400
    assert "Rückfrage zu Ihrem Antrag" in response.content.decode()
    assert response.context["message_form"].errors["body"]
    assert not Message.objects.exists()


def test_message_reaches_the_applicant_on_the_page_and_by_mail(
    client, staff, django_capture_on_commit_callbacks
):
    application, member = _late_draft()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:staff_message", args=[application.pk]),
            {
                "message-subject": "Rückfrage zu Ihrem Antrag",
                "message-body": "Bitte reichen Sie die Absichtserklärung der Stadt nach.",
            },
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[member.email]]
    client.force_login(member)
    mine = client.get(reverse("applications:mine")).content.decode()
    assert "Rückfrage zu Ihrem Antrag" in mine
    overview = client.get(reverse("applications:overview", args=[application.pk]))
    assert "Absichtserklärung der Stadt" in overview.content.decode()
    staff_page = client.get(reverse("applications:staff_detail", args=[application.pk]))
    assert staff_page.status_code == 403
