"""A person with a conflict of interest finds the application nowhere (issue 4, acceptance).

Two kinds of surface are checked, each for a programme expert and a commission member whose
conflict is declared and, separately, found automatically (they belong to a partner
organisation of the application):

1. Every URL of the application answers 403 or 404, by GET and by POST. The URLs are not
   listed by hand: they are collected from the project's resolver, so pages that are added
   later are covered as soon as they exist (see `application_urls` for how a URL is judged
   to be "of the application").
2. Every list, export, search and overview they can open leaves it out: the reference
   number and the organisation's name do not appear in the response.
"""

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote, quote_plus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from inklusiv.applications import content
from inklusiv.applications.models import (
    Application,
    Attachment,
    Message,
    Partner,
    Status,
    Version,
)
from inklusiv.calls.models import Criterion
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import (
    Assignment,
    CommissionMember,
    ConflictOfInterest,
    Decision,
    Letter,
    OpenQuestion,
    ResearchNote,
    Review,
    Score,
)
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    OrganisationFactory,
    StageFactory,
    complete,
    make_user,
)

REFERENCE = "KI-2016-0042"
ORGANISATION = "Sozialwerk Befangenheitshausen e.V."
PARTNER = "Stadtwerke Partnerort GmbH"
OTHER_REFERENCE = "KI-2016-0043"
OTHER_ORGANISATION = "Offenes Netzwerk Beispielstadt e.V."

# --- which URLs belong to an application ------------------------------------------------
#
# A URL pattern of the namespaces "applications" and "selection" is "of the application"
# when one of its keyword arguments names it:
#   - `application_pk` always names an application;
#   - `pk` names one when the path segment right before it is "applications" (the applicant's
#     and the funder's pages, selection:application, selection:declare_conflict,
#     selection:decide) or "reviews" (selection:review takes the application's pk, as agreed
#     in the URL table).
#   - `pk` after "questions", "notes", "assignments", "decisions" or "letters" names an object
#     that belongs to exactly one application; the test fills in that object of the
#     conflicted application, so these pages are covered too.
#   - `question_pk`, `note_pk`, `review_pk`, `decision_pk`, `letter_pk` (next to an application
#     `pk`) are filled in with that part of the conflicted application.
# `pk` after "stages", "calls" or "batches" names a stage, a call or a letter batch: those
# pages are overviews (checked as lists below); after "members" it names a commission seat
# (a staff page about the commission, not about one application). A `pk` after any other
# segment fails test_every_pk_pattern_is_classified, so a new kind of page gets a decision,
# not a gap.
APPLICATION_SEGMENTS = {"applications", "reviews"}
PART_SEGMENTS = {"questions", "notes", "assignments", "decisions", "letters"}
OVERVIEW_SEGMENTS = {"stages", "calls", "batches", "members"}
# Keyword arguments naming a part of the application, with the part they name.
PART_KWARGS = {
    "question_pk": "questions",
    "note_pk": "notes",
    "assignment_pk": "assignments",
    "decision_pk": "decisions",
    "letter_pk": "letters",
    "review_pk": "reviews",
}
NAMESPACES = {"applications", "selection"}
# Namespaces whose argument-free and overview pages are searched for the application.
LIST_NAMESPACES = {"applications", "selection", "core", "calls"}


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # the whole route, prefixes joined, e.g. "staff/applications/<int:pk>/"
    kwargs: tuple[str, ...]

    def segment_before(self, kwarg: str) -> str:
        match = re.search(r"([^/<>]+)/<(?:\w+:)?" + kwarg + ">", self.route)
        return match.group(1) if match else ""

    @property
    def target(self) -> str:
        """What the pattern's `pk`/`application_pk` names: application, part, overview, ?."""
        if "application_pk" in self.kwargs:
            return "application"
        if "pk" not in self.kwargs:
            return "none"
        segment = self.segment_before("pk")
        if segment in APPLICATION_SEGMENTS:
            return "application"
        if segment in PART_SEGMENTS:
            return "part"
        if segment in OVERVIEW_SEGMENTS:
            return "overview"
        return "unknown"


def _routes(patterns=None, namespace="", prefix=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _routes(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name and namespace:
            route = prefix + str(entry.pattern)
            kwargs = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
            yield Route(f"{namespace}:{entry.name}", route, kwargs)


def all_routes() -> list[Route]:
    return sorted(set(_routes()), key=lambda route: route.name)


def application_urls() -> list[Route]:
    return [
        route
        for route in all_routes()
        if route.name.split(":")[0] in NAMESPACES and route.target in ("application", "part")
    ]


def list_urls() -> list[Route]:
    return [
        route
        for route in all_routes()
        if route.name.split(":")[0] in LIST_NAMESPACES
        and route.target in ("none", "overview")
        # Argument values the test can fill in without knowing the page.
        and set(route.kwargs) <= {"pk", "slug", "file_format"}
    ]


# The pages that exist already or are agreed: if one is missing, its case is skipped (the
# area may still be under construction) rather than silently not tested.
EXPECTED_APPLICATION_PAGES = [
    "applications:overview",
    "applications:step",
    "applications:partners",
    "applications:partner_add",
    "applications:partner_edit",
    "applications:partner_remove",
    "applications:review",
    "applications:withdraw",
    "applications:receipt",
    "applications:attachment",
    "applications:staff_detail",
    "applications:staff_extension",
    "applications:staff_message",
    "selection:application",
    "selection:declare_conflict",
    "selection:review",
    "selection:decide",
]
EXPECTED_LIST_PAGES = [
    "applications:staff_list",
    "applications:staff_export",
    "selection:overview",
    "selection:stage",
    "selection:my_reviews",
    "selection:ranking",
    "selection:ranking_export",
    "selection:statistics",
    "selection:decisions",
]


def _application_cases():
    known = {route.name: route for route in application_urls()}
    names = sorted(set(EXPECTED_APPLICATION_PAGES) | set(known))
    return [pytest.param(name, known.get(name), id=name) for name in names]


def _list_cases():
    known = {route.name: route for route in list_urls()}
    names = sorted(set(EXPECTED_LIST_PAGES) | set(known))
    return [pytest.param(name, known.get(name), id=name) for name in names]


def test_every_pk_pattern_is_classified():
    unknown = [
        f"{route.name} ({route.route})"
        for route in all_routes()
        if route.name.split(":")[0] in NAMESPACES and route.target == "unknown"
    ]
    assert not unknown, (
        "Decide whether the pk of these patterns names an application (or a part of one) "
        f"and add its segment to this test: {unknown}"
    )


def test_the_collected_urls_include_the_known_pages():
    names = {route.name for route in application_urls()}
    assert {
        "applications:overview",
        "applications:receipt",
        "applications:attachment",
        "applications:staff_detail",
        "applications:staff_message",
    } <= names
    assert "applications:staff_list" in {route.name for route in list_urls()}


# --- the world ----------------------------------------------------------------------------


@pytest.fixture
def world(db):
    call = CallFactory()
    first = call.first_stage()
    StageFactory(call=call, position=2, name_de="Zweite Runde", name_en="Second round")
    criterion = Criterion.objects.create(stage=first, name_de="Sozialraum", weight=1)
    target = _application(call, ORGANISATION, REFERENCE, partner=PARTNER)
    other = _application(call, OTHER_ORGANISATION, OTHER_REFERENCE, partner="Landkreis Anderswo")
    reviewer = make_user("commission_member")
    CommissionMember.objects.create(stage=first, user=reviewer)
    for application in (target, other):
        Assignment.objects.create(
            stage=first, application=application, reviewer=reviewer, method="manual"
        )
        review = Review.objects.create(
            stage=first,
            application=application,
            reviewer=reviewer,
            status=Review.Status.SUBMITTED,
            recommendation=Review.Recommendation.ADVANCE,
            total=Decimal("4.000"),
            submitted_at=timezone.now(),
        )
        Score.objects.create(review=review, criterion=criterion, value=4)
    decision = Decision.objects.create(
        application=target, stage=first, outcome="advance", decided_at=timezone.now()
    )
    parts = {
        "questions": OpenQuestion.objects.create(application=target, text="Wer trägt das?"),
        "notes": ResearchNote.objects.create(application=target, finding="Website veraltet"),
        "assignments": Assignment.objects.get(application=target),
        "reviews": Review.objects.get(application=target),
        "decisions": decision,
        "letters": Letter.objects.create(
            decision=decision, application=target, language="de", subject="Glückwunsch", body="."
        ),
    }
    return {
        "call": call,
        "stage": first,
        "target": target,
        "other": other,
        "parts": parts,
    }


def _application(call, organisation_name, reference, *, partner):
    membership = MembershipFactory(organisation=OrganisationFactory(name=organisation_name))
    application = complete(
        ApplicationFactory(
            call=call,
            organisation=membership.organisation,
            reference=reference,
            status=Status.IN_REVIEW,
            submitted_at=timezone.now(),
        )
    )
    application.partners.update(name=partner)
    Version.objects.create(
        application=application,
        stage=application.stage,
        number=1,
        content=content.build(application),
        submitted_by=membership.user,
        submitted_at=timezone.now(),
    )
    upload = SimpleUploadedFile("absichtserklaerung.pdf", b"%PDF-1.4 test", "application/pdf")
    Attachment.objects.create(
        application=application,
        file=upload,
        original_name="absichtserklaerung.pdf",
        content_type="application/pdf",
        size=13,
        sha256="0" * 64,
    )
    return application


PEOPLE = [
    ("programme_expert", "declared"),
    ("programme_expert", "partner"),
    ("commission_member", "declared"),
    ("commission_member", "partner"),
]


def _conflicted(world, role, how):
    """A person in `role`, on the first stage's commission, with a conflict with the target.

    They are also assigned to review it (a conflict that arose after the assignment), so
    neither the assignment nor the review pages may let them in.
    """
    person = make_user(role)
    CommissionMember.objects.create(stage=world["stage"], user=person)
    Assignment.objects.create(
        stage=world["stage"], application=world["target"], reviewer=person, method="manual"
    )
    Assignment.objects.create(
        stage=world["stage"], application=world["other"], reviewer=person, method="manual"
    )
    if how == "declared":
        ConflictOfInterest.objects.create(
            user=person,
            application=world["target"],
            source=ConflictOfInterest.Source.DECLARED,
            reason="Ich berate den Träger ehrenamtlich.",
        )
    else:
        # Belongs to one of the target's partner organisations (matched by name).
        MembershipFactory(user=person, organisation=OrganisationFactory(name=PARTNER))
    return person


def _kwargs(route: Route, world) -> dict:
    target = world["target"]
    values = {}
    for name in route.kwargs:
        if name == "application_pk":
            values[name] = target.pk
        elif name == "pk":
            segment = route.segment_before("pk")
            if segment in APPLICATION_SEGMENTS:
                values[name] = target.pk
            elif segment in PART_SEGMENTS:
                values[name] = world["parts"][segment].pk
            elif segment == "stages":
                values[name] = world["stage"].pk
            elif segment == "calls":
                values[name] = world["call"].pk
            else:
                values[name] = 1
        elif name in PART_KWARGS:
            values[name] = world["parts"][PART_KWARGS[name]].pk
        elif name == "partner_pk":
            values[name] = target.partners.get().pk
        elif name == "attachment_pk":
            values[name] = target.attachments.get().pk
        elif name == "number":
            values[name] = 1
        elif name == "key":
            values[name] = "contact"
        elif name == "slug":
            values[name] = world["call"].slug
        elif name == "file_format":
            values[name] = "csv"
        else:
            values[name] = 1
    return values


def _url(name, route, world, **extra):
    if route is None:
        pytest.skip(f"{name} does not exist yet")
    try:
        return reverse(name, kwargs={**_kwargs(route, world), **extra})
    except NoReverseMatch as error:  # pragma: no cover - an argument this test cannot fill
        pytest.fail(f"cannot build {name}: {error}")


def _snapshot(world):
    target = world["target"]
    target.refresh_from_db()
    return {
        "status": target.status,
        "stage": target.stage_id,
        "audit": AuditEntry.objects.filter(object_id=str(target.pk)).count(),
        "messages": Message.objects.filter(application=target).count(),
        "reviews": Review.objects.filter(application=target).count(),
        "notes": ResearchNote.objects.filter(application=target).count(),
        "questions": list(OpenQuestion.objects.filter(application=target).values()),
        "decisions": list(Decision.objects.filter(application=target).values()),
        "conflicts": ConflictOfInterest.objects.filter(application=target).count(),
        "assignments": Assignment.objects.filter(application=target).count(),
        "partners": list(Partner.objects.filter(application=target).values("pk", "name")),
    }


# --- 1. every URL of the application --------------------------------------------------------


@pytest.mark.parametrize(("role", "how"), PEOPLE)
@pytest.mark.parametrize(("name", "route"), _application_cases())
def test_every_url_of_the_application_is_refused(client, world, role, how, name, route):
    url = _url(name, route, world)
    person = _conflicted(world, role, how)
    client.force_login(person)
    before = _snapshot(world)
    got = client.get(url)
    # 405 (the page does not take this method at all) does nothing and tells nothing either;
    # but at least one of GET and POST must reach the page and be refused.
    assert got.status_code in (403, 404, 405), (name, url, got.status_code)
    # A POST with plausible input must neither succeed nor change anything.
    data = {
        "reason": "Test",
        "text": "Test",
        "finding": "Test",
        "subject": "Test",
        "body": "Test",
        "message-subject": "Test",
        "message-body": "Test",
        "outcome": "advance",
        "recommendation": "advance",
        "submit": "1",
    }
    posted = client.post(url, data)
    assert posted.status_code in (403, 404, 405), (name, url, posted.status_code)
    assert {got.status_code, posted.status_code} & {403, 404}, (name, url)
    assert _snapshot(world) == before, (name, url)


def test_applicants_with_the_same_conflict_still_see_their_own_application(client, world):
    """A programme expert who belongs to the applicant is conflicted with its application:
    the funder's pages hide it, the applicant's pages still show it to them as a member."""
    expert = make_user("programme_expert")
    MembershipFactory(user=expert, organisation=world["target"].organisation)
    client.force_login(expert)
    target = world["target"]
    assert client.get(reverse("applications:overview", args=[target.pk])).status_code == 200
    assert client.get(reverse("applications:staff_detail", args=[target.pk])).status_code == 404
    listed = client.get(reverse("applications:staff_list")).content.decode()
    assert REFERENCE not in listed
    assert OTHER_REFERENCE in listed


def test_without_a_conflict_the_same_pages_open(client, world):
    """The control: the refusals above are the conflict's doing, not the pages' defaults."""
    expert = make_user("programme_expert")
    client.force_login(expert)
    target = world["target"]
    for name in ("applications:overview", "applications:staff_detail"):
        assert client.get(reverse(name, args=[target.pk])).status_code == 200, name
    listed = client.get(reverse("applications:staff_list"), {"q": REFERENCE}).content.decode()
    assert REFERENCE in listed
    exported = client.get(reverse("applications:staff_export", args=["csv"]))
    assert REFERENCE in b"".join(exported.streaming_content).decode("utf-8-sig")


def test_funder_staff_are_not_filtered(client, world, staff):
    ConflictOfInterest.objects.create(
        user=staff, application=world["target"], source="staff", reason="Nachbar"
    )
    client.force_login(staff)
    assert (
        client.get(reverse("applications:staff_detail", args=[world["target"].pk])).status_code
        == 200
    )
    assert REFERENCE in client.get(reverse("applications:staff_list")).content.decode()


def test_a_conflicted_expert_cannot_message_the_applicant(client, world):
    person = _conflicted(world, "programme_expert", "declared")
    client.force_login(person)
    response = client.post(
        reverse("applications:staff_message", args=[world["target"].pk]),
        {"message-subject": "Hallo", "message-body": "Eine Frage"},
    )
    assert response.status_code == 404
    assert not Message.objects.exists()


# --- 2. lists, exports, searches ----------------------------------------------------------


def _body(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if content.startswith(b"PK"):  # an XLSX workbook
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return content.decode("utf-8-sig", errors="replace")


def _assert_absent(response, where, *, world, query=""):
    if response.status_code in (302, 403, 404, 405):
        return
    assert response.status_code == 200, (where, response.status_code)
    body = _body(response)
    if query:
        # The search box repeats what was searched for; that tells nothing about the result.
        for echoed in (query, escape(query), quote_plus(query), quote(query)):
            body = body.replace(echoed, "")
    assert REFERENCE not in body, where
    assert ORGANISATION not in body, where
    for name in ("applications:staff_detail", "applications:overview"):
        assert reverse(name, args=[world["target"].pk]) not in body, where


# The staff list and export also with searches that would find exactly the application.
SEARCHES = [{}, {"q": REFERENCE}, {"q": ORGANISATION}, {"q": "Befangenheitshausen"}]


@pytest.mark.parametrize(("role", "how"), PEOPLE)
@pytest.mark.parametrize(("name", "route"), _list_cases())
def test_lists_exports_and_searches_leave_the_application_out(
    client, world, role, how, name, route
):
    person = _conflicted(world, role, how)
    client.force_login(person)
    formats = ("csv", "xlsx") if route is not None and "file_format" in route.kwargs else (None,)
    for file_format in formats:
        extra = {"file_format": file_format} if file_format else {}
        url = _url(name, route, world, **extra)
        searches = SEARCHES if name.startswith("applications:staff_") else [{}]
        for params in searches:
            _assert_absent(
                client.get(url, params),
                (name, url, params),
                world=world,
                query=params.get("q", ""),
            )
    # Ranking pages with per-reviewer normalisation and sorted other ways, when they have it.
    if name in ("selection:ranking", "selection:ranking_export"):
        for params in ({"normalise": "1"}, {"sort": "-mean"}, {"sort": "reference"}):
            _assert_absent(client.get(url, params), (name, url, params), world=world)


def test_the_lists_show_the_other_application(client, world):
    """The control for the lists: the conflicted expert sees the rest of the field."""
    person = _conflicted(world, "programme_expert", "partner")
    client.force_login(person)
    listed = client.get(reverse("applications:staff_list")).content.decode()
    assert OTHER_REFERENCE in listed
    assert REFERENCE not in listed
    workbook = _body(client.get(reverse("applications:staff_export", args=["xlsx"])))
    assert OTHER_ORGANISATION in workbook
    assert ORGANISATION not in workbook


@pytest.mark.parametrize("how", ["declared", "partner"])
def test_list_queries_stay_constant_with_conflicts(
    client, world, django_assert_max_num_queries, how
):
    """The conflict filter is one subquery, not a query per application."""
    person = _conflicted(world, "programme_expert", how)
    client.force_login(person)
    client.get(reverse("applications:staff_list"))  # warm the session and caches
    # 15: the page's own queries plus the unread-notifications count every page shows and the
    # navigation's check whether the expert accompanies a pilot region.
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("applications:staff_list"))
    for index in range(15):
        _application(
            world["call"], f"Verein {index} e.V.", f"KI-2016-{index + 100:04d}", partner="X"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("applications:staff_list"))
    assert Application.objects.count() == 17


@pytest.mark.parametrize(
    "name",
    [
        "applications:staff_list",
        "applications:staff_export",
        "selection:ranking",
        "selection:ranking_export",
    ],
)
def test_the_funder_finds_the_application_on_the_same_lists(client, world, staff, name):
    """The control for the lists: without the conflict filter the application would be there."""
    route = {route.name: route for route in list_urls()}.get(name)
    url = _url(name, route, world)
    client.force_login(staff)
    body = _body(client.get(url))
    assert REFERENCE in body or ORGANISATION in body


def test_statistics_are_aggregates_without_names(client, world, staff):
    """Statistics need no filter: they name no application, not even to the funder."""
    route = {route.name: route for route in list_urls()}.get("selection:statistics")
    url = _url("selection:statistics", route, world)
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    body = _body(response)
    for name in (REFERENCE, ORGANISATION, OTHER_REFERENCE, OTHER_ORGANISATION):
        assert name not in body
