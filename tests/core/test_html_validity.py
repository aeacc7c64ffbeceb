"""The demo's key pages, in both languages and for several roles, are valid HTML by the Nu Html
Checker (the W3C validator), and a page with several forms names each of them, so that a
screen reader's list of forms tells them apart.

The checker is the npm package vnu-jar (package.json; `npm ci` installs it) and needs Java
(Debian: default-jre-headless). Without them the test is skipped and says so.
"""

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from inklusiv.accounts.models import Organisation, User
from inklusiv.applications.models import Application, Status
from inklusiv.calls.models import Call
from inklusiv.demo import load as load_demo
from inklusiv.demo.call import CALL_2016_SLUG
from inklusiv.demo.people import DEMO_PEOPLE
from inklusiv.pilots.models import Measure, PilotRegion
from inklusiv.selection.models import Assignment, ResearchNote
from inklusiv.trainings.models import Registration, TrainingSession
from inklusiv.visits.models import Visit
from tests.factories import ApplicationFactory, CallFactory, MembershipFactory, complete

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", REPO / "node_modules/vnu-jar/build/dist/vnu.jar"))
STAFF, EXPERT, COMMISSION, APPLICANT, _COACH, EVALUATOR = (email for _, email, _, _ in DEMO_PEOPLE)
COORDINATOR = "m.schulz@jugendarbeit-neuruppin.example"


# Pages that show what the commission wrote: the first research note of the application shown.
GERMAN_NOTES = {
    (STAFF, "selection:application"): lambda pk: _first_finding(pk),
    (EXPERT, "visits:agenda"): lambda pk: _first_finding(Visit.objects.get(pk=pk).application_id),
}


def _first_finding(application_id):
    note = ResearchNote.objects.filter(application_id=application_id).order_by("created_at", "pk")
    return note.first().finding.split("\n")[0]


def _checker():
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is missing for the Nu Html Checker: apt-get install default-jre-headless")
    if not VNU_JAR.exists():
        pytest.skip(f"Nu Html Checker not installed at {VNU_JAR}: run `npm ci` (package vnu-jar)")
    return java


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    # The letters are queued on commit; the tests' immediate task backend then sends them.
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()


def _pages():
    """(who, path name, args) of the pages to check; each is checked in German and English."""
    users = {
        email: User.objects.get(email=email) for email in (STAFF, EXPERT, COMMISSION, APPLICANT)
    }
    call = Call.objects.get(slug=CALL_2016_SLUG)
    first, second = call.stages.order_by("position")[:2]
    assignment = Assignment.objects.filter(reviewer=users[COMMISSION], stage=first).first()
    visit = Visit.objects.filter(
        application__in=ResearchNote.objects.exclude(source_url="").values("application")
    ).first()
    experts_visit = Visit.objects.filter(participants__user=users[EXPERT]).first()
    draft = Application.objects.filter(
        status=Status.DRAFT, organisation__memberships__user=users[APPLICANT]
    ).first()
    submitted = Application.objects.filter(
        organisation__memberships__user=users[APPLICANT], call__slug=CALL_2016_SLUG
    ).get()
    organisation = Organisation.objects.filter(memberships__user=users[APPLICANT]).first()
    user_type = ContentType.objects.get_for_model(User)
    region = PilotRegion.objects.get(slug="neuruppin")
    measure = Measure.objects.filter(goal__field__region=region, status="running").first()
    # The trainings: the coming session (with its booking summary) and one that was held.
    coming = TrainingSession.objects.filter(status="scheduled").order_by("-starts_at").first()
    held = (
        TrainingSession.objects.filter(registrations__attendance=Registration.Attendance.PRESENT)
        .distinct()
        .order_by("starts_at")
        .first()
    )
    mine = Registration.objects.filter(user__email=COORDINATOR).first()
    # The evaluation: a closed wave with answers, the survey open now, a region's indicator.
    from inklusiv.evaluation.models import EvaluationReport, Indicator, PublicLink, Survey

    wave = Survey.objects.filter(status="closed", series__isnull=False).exclude(series="").first()
    running = Survey.objects.filter(status="open").first()
    public = PublicLink.objects.filter(survey=running).first()
    indicator = Indicator.objects.filter(region=region).first()
    report = EvaluationReport.objects.filter(region=region, status="released").first()
    return [
        (None, "core:home", []),
        (None, "core:easy_read", []),
        (None, "core:accessibility", []),
        (None, "core:privacy", []),
        (None, "core:imprint", []),
        (None, "calls:list", []),
        (None, "calls:detail", [call.slug]),
        (None, "calls:easy_read", [call.slug]),
        (None, "account_login", []),
        (APPLICANT, "core:dashboard", []),
        (APPLICANT, "applications:mine", []),
        (APPLICANT, "applications:overview", [draft.pk]),
        (APPLICANT, "applications:overview", [submitted.pk]),
        (APPLICANT, "applications:review", [draft.pk]),
        (APPLICANT, "accounts:organisation_detail", [organisation.pk]),
        (APPLICANT, "accounts:organisation_edit", [organisation.pk]),
        (APPLICANT, "accounts:profile", []),
        (APPLICANT, "account_email", []),
        (APPLICANT, "notifications:inbox", []),
        (APPLICANT, "notifications:settings", []),
        (COMMISSION, "selection:my_reviews", []),
        (COMMISSION, "selection:review", [assignment.application_id]),
        (COMMISSION, "selection:application", [assignment.application_id]),
        (EXPERT, "visits:mine", []),
        (EXPERT, "visits:agenda", [experts_visit.pk]),
        (EXPERT, "visits:minutes", [experts_visit.pk]),
        (EXPERT, "visits:availability", []),
        (STAFF, "core:dashboard", []),
        (STAFF, "core:audit_log", []),
        (STAFF, "core:object_history", [user_type.pk, users[COMMISSION].pk]),
        (STAFF, "accounts:staff_users", []),
        (STAFF, "accounts:staff_user_detail", [users[COMMISSION].pk]),
        (STAFF, "calls:staff_call", [call.pk]),
        (STAFF, "applications:staff_list", []),
        (STAFF, "applications:staff_detail", [visit.application_id]),
        (STAFF, "selection:application", [visit.application_id]),
        (STAFF, "selection:commission", [first.pk]),
        (STAFF, "selection:assignment", [first.pk]),
        (STAFF, "selection:ranking", [first.pk]),
        (STAFF, "selection:decisions", [second.pk]),
        (STAFF, "selection:statistics", [call.pk]),
        (STAFF, "visits:round", [second.pk]),
        (STAFF, "visits:visit", [visit.pk]),
        # The pilot phase: the region's pages (with their server-drawn figures) and the public
        # profile; a region's forms as its coordinator.
        (None, "pilots:public_list", []),
        (None, "pilots:public_region", [region.slug]),
        (STAFF, "pilots:list", []),
        (EXPERT, "pilots:region", [region.slug]),
        (EXPERT, "pilots:network", [region.slug]),
        (EXPERT, "pilots:concept", [region.slug]),
        (EXPERT, "pilots:timeline", [region.slug]),
        (EXPERT, "pilots:structures", [region.slug]),
        (EXPERT, "pilots:support", [region.slug]),
        (EXPERT, "pilots:reports", [region.slug]),
        (EXPERT, "pilots:report", [region.slug, 2018]),
        (COORDINATOR, "core:dashboard", []),
        (COORDINATOR, "pilots:measure_progress", [region.slug, measure.pk]),
        (COORDINATOR, "pilots:actor_add", [region.slug]),
        (None, "trainings:catalogue", []),
        (None, "trainings:course", [held.course.slug]),
        (None, "trainings:session", [coming.pk]),
        (STAFF, "trainings:manage", []),
        (STAFF, "trainings:course_edit", [held.course.slug]),
        (STAFF, "trainings:session_edit", [coming.pk]),
        (STAFF, "trainings:participants", [coming.pk]),
        (STAFF, "trainings:attendance_sheet", [held.pk]),
        (STAFF, "trainings:check_in", [held.pk]),
        (STAFF, "trainings:certificates_issue", [held.pk]),
        (STAFF, "trainings:session_feedback", [held.pk]),
        (STAFF, "trainings:course_feedback", [held.course.slug]),
        (STAFF, "trainings:statistics", []),
        (EXPERT, "trainings:region", [region.slug]),
        (COORDINATOR, "trainings:mine", []),
        (COORDINATOR, "trainings:registration", [mine.pk]),
        (COORDINATOR, "trainings:register", [coming.pk]),
        (EVALUATOR, "evaluation:home", []),
        (EVALUATOR, "evaluation:region", [region.slug]),
        (EVALUATOR, "evaluation:programme_model", []),
        (EVALUATOR, "evaluation:region_model", [region.slug]),
        (EVALUATOR, "evaluation:indicators", []),
        (EVALUATOR, "evaluation:region_indicators", [region.slug]),
        (EVALUATOR, "evaluation:indicator", [indicator.pk]),
        (EVALUATOR, "evaluation:indicator_values", [indicator.pk]),
        (EVALUATOR, "evaluation:surveys", []),
        (EVALUATOR, "evaluation:survey", [wave.slug]),
        (EVALUATOR, "evaluation:survey_distribution", [running.slug]),
        (EVALUATOR, "evaluation:survey_results", [wave.slug]),
        (EVALUATOR, "evaluation:reports", []),
        (EVALUATOR, "evaluation:report", [report.pk]),
        (COORDINATOR, "evaluation:region", [region.slug]),
        (COORDINATOR, "evaluation:region_results", [region.slug, wave.slug]),
        (None, "evaluation:answer_start", [public.token]),
    ]


class _Forms(HTMLParser):
    """The forms of a page (those in its main content apart) with their names, and its ids."""

    def __init__(self):
        super().__init__()
        self.forms, self.ids, self.in_main = [], set(), False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "main":
            self.in_main = True
        if tag == "form":
            self.forms.append({**attributes, "in main": self.in_main})

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False


def _unnamed_forms(html):
    """Forms without a name on a page whose main content has several (the header's sign-out
    form is named too, and sits in the named account navigation anyway)."""
    parser = _Forms()
    parser.feed(html)
    if sum(form["in main"] for form in parser.forms) < 2:
        return []
    return [
        form.get("action") or "(this page)"
        for form in parser.forms
        if not (form.get("aria-label") or "").strip()
        and not (
            form.get("aria-labelledby")
            and all(part in parser.ids for part in form["aria-labelledby"].split())
        )
    ]


def test_key_pages_are_valid_html_and_name_their_forms(client, demo, tmp_path):
    java = _checker()
    files, problems = {}, []
    for email, name, args in _pages():
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        for language in ("de", "en"):
            with translation.override(language):
                path = reverse(name, args=args)
            response = client.get(path)
            assert response.status_code == 200, f"{path} as {email}: {response.status_code}"
            html = response.content.decode()
            if language == "en" and (email, name) in GERMAN_NOTES:
                # The commission's research, written in German, says so.
                finding = GERMAN_NOTES[email, name](*args)
                assert f'<p class="kern-body" lang="de">{finding}' in html, path
            for action in _unnamed_forms(html):
                problems.append(f"{path} as {email or 'anonymous'}: form {action} has no name")
            target = tmp_path / f"page-{len(files):03d}.html"
            target.write_text(html, encoding="utf-8")
            files[target.name] = f"{path} as {email or 'anonymous'}"
    # One run for all pages: the checker's start-up takes longer than checking a page.
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
        ]
        + [str(tmp_path / name) for name in files],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    for message in json.loads(result.stdout)["messages"]:
        # Errors, and the checker's guess that a page is in another language than its lang
        # says: content in German on an English page that lacks lang="de".
        if message["type"] != "error" and "appears to be written in" not in message["message"]:
            continue
        url = message.get("url", "")
        page = files.get(url.rsplit("/", 1)[-1], url)
        extract = re.sub(r"\s+", " ", message.get("extract", ""))[:120]
        problems.append(f"{page}, line {message.get('lastLine')}: {message['message']} «{extract}»")
    assert problems == [], "\n".join(problems)


def test_german_call_text_on_an_english_page_is_marked_german(client):
    # The factory's call has an English title but its summary, purpose and eligibility only in
    # German, which the English page shows instead.
    call = CallFactory()
    with translation.override("en"):
        english = client.get(reverse("calls:detail", args=[call.slug])).content.decode()
    assert f'<h1 class="kern-heading-x-large" id="call-title">{call.title_en}</h1>' in english
    assert f'<p class="kern-body kern-body--large" lang="de">{call.summary_de}</p>' in english
    assert f'<div class="stack" lang="de"><p>{call.purpose_de}</p></div>' in english
    with translation.override("de"):
        german = client.get(reverse("calls:detail", args=[call.slug])).content.decode()
    assert 'lang="de"' not in german.split("<main", 1)[1]


def test_what_an_applicant_wrote_is_marked_german_on_english_pages(client):
    application = ApplicationFactory()
    complete(application)
    member = MembershipFactory(organisation=application.organisation).user
    client.force_login(member)
    with translation.override("en"):
        html = client.get(reverse("applications:review", args=[application.pk])).content.decode()
    concept = application.concept
    assert f'<dd lang="de">{concept.goals}</dd>' in html
    # Values the platform itself writes stay in the page's language.
    assert "<dd>Brandenburg</dd>" in html
