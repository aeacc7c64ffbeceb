"""No view mails many people, or deletes, on one POST: it asks first.

Two halves. The walk reads the source of every URL pattern's view and fails when a view uses
a service that mails many people or deletes, unless the view is listed below with how it
confirms; a scan of the services fails when a new deleting or bulk-mailing service appears
without being named here. The functional half posts once to each confirmed view without the
confirmation and checks that nothing happened (no mail, no audit entry, no change) and that
the page asks; then it confirms and checks that the action happened.
"""

import ast
import datetime
import functools
import inspect
import textwrap
from pathlib import Path

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from inklusiv.accounts.models import Membership
from inklusiv.applications.models import Application, Partner, PartnerKind, Sector, Status
from inklusiv.calls.models import Criterion, Question, Stage
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import Assignment, CommissionMember, Decision, LetterBatch
from inklusiv.visits.models import Availability, Participant, Visit
from tests.confirmations import confirmation_fields
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    QuestionFactory,
    berlin,
    make_user,
)
from tests.selection.test_decisions import make_procedure
from tests.selection.test_letters import decided
from tests.visits.conftest import visit_round  # noqa: F401 - the fixture, used by name

SRC = Path(__file__).resolve().parent.parent / "src" / "inklusiv"

# Services that mail many people or cannot be undone. A bare name matches any owner; a
# dotted one only that module alias (so `services.delete` is not every `.delete`).
GUARDED_SERVICES = {
    "send_letters",
    "decide_batch",
    "mark_remaining_eligible",
    "start_review_for_stage",
    "send_poll",
    "send_reminders",
    "invitations.confirm",
    "invitations.cancel",
    "remove_participant",
    "remove_member",
    "remove_partner",
    "services.delete",
    "services.remove",
    "services.unassign",
    "delete_document",
    "remove_field",
    "remove_goal",
    "remove_measure",
    "remove_milestone",
    "cancel_session",
    "issue_all",
    "remove_element",
    "remove_section",
    "remove_question",
    "services.transition",
    "services.remind",
}

# Views that act only on a second POST carrying the confirm value of the same selection.
CONFIRMED_VIEWS = {
    "selection:send_letters",
    "selection:decide_batch",
    "selection:mark_remaining_eligible",
    "selection:start_review",
    "visits:round_send_poll",
    "visits:round_remind",
    "visits:round_confirm",
    "visits:visit_cancel",
    "visits:participant_remove",
    "visits:availability_delete",
    "selection:unassign",
    "pilots:field_edit",
    "pilots:goal_edit",
    "pilots:measure",
    "pilots:milestone_edit",
}
# Deleting views whose own page is the question (reached by a link): its form carries the
# confirm value, so a POST from anywhere else only shows the page. They mail nobody.
CONFIRMED_BY_PAGE = {
    "calls:stage_delete",
    "calls:criterion_delete",
    "calls:question_delete",
    "accounts:member_remove",
    "applications:partner_remove",
    "selection:member_remove",
    "pilots:member_remove",
    "pilots:document_delete",
    "trainings:session_cancel",
    "trainings:certificates_issue",
    "evaluation:element_delete",
    "evaluation:section_delete",
    "evaluation:question_delete",
    "evaluation:survey_transition",
    "evaluation:invitations_remind",
}
# Deletes that need no question, and why (none at present).
EXEMPT_VIEWS: dict[str, str] = {}

# Service functions that delete rows or mail in a loop, but are not actions a view offers
# as such, with the reason. A new one fails test_every_deleting_or_mass_mailing_service_is_known.
SERVICE_EXEMPT = {
    "accounts.services.set_roles": "replaces a person's roles (an edit, audited)",
    "applications.services._discard_attachments": "drops replaced files of a draft",
    "selection.services.commission.declare_conflict": "drops open assignments of a conflict",
    "visits.services.polls.set_slots": "replaces a meeting's proposed times",
    "visits.services.polls.answer": "a participant changes their own answers",
    "visits.services.minutes._purge_visits": "retention: needs deleted after the meeting",
    "visits.services.minutes.purge_accessibility_needs": "retention task, no view",
    "visits.services.invitations._send": "the mail of one meeting, one per participant",
    "visits.services.invitations.uninvite_participant": "one person taken off (via removal)",
    "visits.services.invitations.invite_participant": "one person added late",
    "applications.services.notify_members": "one organisation's members about their own case",
    "selection.services.letters.send_decision_letters": "one decision's letter (a batch runs it)",
    "selection.services.letters.run_batch": "the worker of a confirmed batch",
    "notifications.services.notify": "the one sender; its callers are what is checked here",
    "pilots.services.support.send_task_reminders": "daily job, no view: one mail per task owner",
    "trainings.services.feedback.request_feedback": "daily job, no view: once per session",
    "trainings.services.mails.send_session_changed": "one session's own people; its callers are "
    "the session's edit form and the confirmed cancellation (trainings:session_cancel)",
    "trainings.services.registrations._drop_needs": "one registration's own needs as it ends",
    "trainings.services.registrations._store_needs": "a person replaces their own needs",
    "trainings.services.registrations.purge_accessibility_needs": "retention task, no view",
    "trainings.services.registrations.purge_session_needs": "retention: the needs of a session "
    "called off, within its confirmed cancellation",
    "evaluation.services.answering.purge_drafts": "retention task, no view",
    "evaluation.services.answering.submit": "the respondent's own unfinished answers become "
    "their response",
    "evaluation.services.indicators.set_targets": "the targets form: an emptied half-year's "
    "target is removed (an edit, audited)",
    "evaluation.services.invitations.invite": "mails only the addresses typed into its form, "
    "each once",
    "evaluation.services.surveys._save_choices": "a draft question's own answer options, "
    "edited in its form",
}
KNOWN_SERVICES = {
    "calls.services.delete",
    "accounts.services.remove_member",
    "applications.services.remove_partner",
    "selection.services.assignment.unassign",
    "selection.services.commission.remove_member",
    "selection.services.decisions.decide_batch",
    "selection.services.decisions.mark_remaining_eligible",
    "selection.services.decisions.start_review_for_stage",
    "selection.services.letters.send_letters",
    "visits.services.availability.remove",
    "visits.services.polls.send_poll",
    "visits.services.polls.send_reminders",
    "visits.services.invitations.confirm",
    "visits.services.invitations.cancel",
    "visits.services.rounds.remove_participant",
    "pilots.services.regions.remove_member",
    "pilots.services.structures.delete_document",
    "pilots.services.concept.remove_field",
    "pilots.services.concept.remove_goal",
    "pilots.services.concept.remove_measure",
    "pilots.services.concept.remove_milestone",
    "evaluation.services.impact.remove_element",
    "evaluation.services.surveys.remove_section",
    "evaluation.services.surveys.remove_question",
    "evaluation.services.surveys.transition",
    "evaluation.services.invitations.remind",
}
MAIL_CALLS = {"send_templated_mail", "_mail", "_send", "notify", "notify_members", "send"}


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace or ""
            yield from _patterns(entry, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry.callback


@functools.cache
def _views() -> frozenset:
    return frozenset(inspect.unwrap(callback) for _name, callback in _patterns())


def _names_in(function) -> set[str]:
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):
        return set()
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
            if isinstance(node.value, ast.Name):
                found.add(f"{node.value.id}.{node.attr}")
        elif isinstance(node, ast.Name):
            found.add(node.id)
    return found


def _used_names(view) -> set[str]:
    """Names and owner.attribute pairs the view refers to, through the helper functions of
    its own module that it calls (a view may hand the action to a helper)."""
    view = inspect.unwrap(view)
    module = inspect.getmodule(view)
    found, todo, seen = set(), [view], set()
    while todo:
        function = todo.pop()
        if function in seen:
            continue
        seen.add(function)
        names = _names_in(function)
        found |= names
        for name in names:
            helper = getattr(module, name, None)
            if inspect.isfunction(helper) and helper.__module__ == module.__name__:
                helper = inspect.unwrap(helper)
                # A local variable may share a view's name (`measure`): views are not helpers.
                if helper is view or helper not in _views():
                    todo.append(helper)
    return found


def _guarded_calls(function) -> set[str]:
    used = _used_names(function)
    return {
        name
        for name in GUARDED_SERVICES
        if name in used and ("." in name or not name.startswith("_"))
    }


def test_every_view_that_mails_many_or_deletes_is_listed():
    listed = CONFIRMED_VIEWS | CONFIRMED_BY_PAGE | set(EXEMPT_VIEWS)
    unlisted = {}
    seen = set()
    for name, callback in _patterns():
        calls = _guarded_calls(callback)
        if calls:
            seen.add(name)
            if name not in listed:
                unlisted[name] = sorted(calls)
    assert unlisted == {}, f"views without a confirmation step: {unlisted}"
    # The lists name real views that still use such a service (no stale entries).
    assert listed <= seen, sorted(listed - seen)


def _service_functions():
    for path in sorted(SRC.glob("*/services.py")) + sorted(SRC.glob("*/services/*.py")):
        module = ".".join(path.relative_to(SRC).with_suffix("").parts)
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                yield f"{module}.{node.name}", node


def _deletes(node) -> bool:
    return any(
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "delete"
        and not (isinstance(call.func.value, ast.Call) and "storage" in ast.unparse(call.func))
        for call in ast.walk(node)
    )


def _mails_in_a_loop(node) -> bool:
    for loop in ast.walk(node):
        if isinstance(loop, ast.For):
            for call in ast.walk(loop):
                if isinstance(call, ast.Call):
                    func = call.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    if name in MAIL_CALLS:
                        return True
    return False


def test_every_deleting_or_mass_mailing_service_is_known():
    found = {
        name for name, node in _service_functions() if _deletes(node) or _mails_in_a_loop(node)
    }
    unknown = found - KNOWN_SERVICES - set(SERVICE_EXEMPT)
    assert unknown == set(), (
        f"services that delete or mail in a loop: {sorted(unknown)}; give their views a "
        "confirmation step and add them to GUARDED_SERVICES/KNOWN_SERVICES, or explain in "
        "SERVICE_EXEMPT why none is needed"
    )


# --- the functional half ----------------------------------------------------------------------


def _letters(staff, request):
    _call, first, _second, _applications = decided(staff, count=3)
    return (
        reverse("selection:send_letters", args=[first.pk]),
        {},
        lambda: (
            LetterBatch.objects.count(),
            Decision.objects.filter(letters__isnull=False).count(),
        ),
    )


def _decide_batch(staff, request):
    _call, first, _second, _applications = make_procedure(count=3, quota=1)
    return (
        reverse("selection:decide_batch", args=[first.pk]),
        {"count": "1", "reason_advance": "Stark.", "reason_decline": "Schwächer."},
        lambda: Decision.objects.count(),
    )


def _eligible(staff, request):
    _call, first, _second, _applications = make_procedure(count=3, status=Status.SUBMITTED)
    return (
        reverse("selection:mark_remaining_eligible", args=[first.pk]),
        {},
        lambda: sorted(Application.objects.values_list("status", flat=True)),
    )


def _start_review(staff, request):
    _call, first, _second, _applications = make_procedure(count=3, status=Status.ELIGIBLE)
    return (
        reverse("selection:start_review", args=[first.pk]),
        {},
        lambda: sorted(Application.objects.values_list("status", flat=True)),
    )


def _participants_state():
    return sorted(Participant.objects.values_list("pk", "polled_at", "reminded_at", "reminders"))


def _poll(staff, request):
    setup = request.getfixturevalue("visit_round")
    return (
        reverse("visits:round_send_poll", args=[setup.stage.pk]),
        {},
        _participants_state,
    )


def _remind(staff, request):
    setup = request.getfixturevalue("visit_round")
    Participant.objects.exclude(kind=Participant.Kind.EXPERT).update(
        polled_at=timezone.now() - datetime.timedelta(days=3)
    )
    return (reverse("visits:round_remind", args=[setup.stage.pk]), {}, _participants_state)


def _visits_state():
    return sorted(Visit.objects.values_list("pk", "status", "start", "sequence"))


def _invitations(staff, request):
    setup = request.getfixturevalue("visit_round")
    for number, visit in enumerate(setup.visits):
        Visit.objects.filter(pk=visit.pk).update(proposed_start=berlin(2016, 11, 9 + number, 10, 0))
    return (reverse("visits:round_confirm", args=[setup.stage.pk]), {}, _visits_state)


def _confirmed(visit):
    Visit.objects.filter(pk=visit.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 10, 10, 0), sequence=0
    )


def _cancel(staff, request):
    setup = request.getfixturevalue("visit_round")
    _confirmed(setup.visits[0])
    return (
        reverse("visits:visit_cancel", args=[setup.visits[0].pk]),
        {"reason": "Die Gastgeberin ist erkrankt."},
        _visits_state,
    )


def _remove(staff, request):
    setup = request.getfixturevalue("visit_round")
    _confirmed(setup.visits[0])
    return (
        reverse("visits:participant_remove", args=[setup.contacts[0].pk]),
        {},
        lambda: (_visits_state(), sorted(Participant.objects.values_list("pk", flat=True))),
    )


def _stage_delete(staff, request):
    stage = CallFactory().first_stage()
    return (
        reverse("calls:stage_delete", args=[stage.pk]),
        {},
        lambda: Stage.objects.filter(pk=stage.pk).exists(),
    )


def _criterion_delete(staff, request):
    criterion = Criterion.objects.create(stage=CallFactory().first_stage(), name_de="Netzwerk")
    return (
        reverse("calls:criterion_delete", args=[criterion.pk]),
        {},
        lambda: Criterion.objects.filter(pk=criterion.pk).exists(),
    )


def _question_delete(staff, request):
    question = QuestionFactory(stage=CallFactory().first_stage())
    return (
        reverse("calls:question_delete", args=[question.pk]),
        {},
        lambda: Question.objects.filter(pk=question.pk).exists(),
    )


def _member_remove(staff, request):
    applicant = request.getfixturevalue("applicant")
    organisation = applicant.memberships.get().organisation
    member = make_user(None, email="mitglied@verein.example", name="Max Mitglied")
    membership = MembershipFactory(
        user=member, organisation=organisation, role=Membership.Role.MEMBER
    )
    return (
        reverse("accounts:member_remove", args=[organisation.pk, membership.pk]),
        {"reason": "Umzug"},
        lambda: Membership.objects.filter(pk=membership.pk).exists(),
        applicant,
    )


def _partner_remove(staff, request):
    applicant = request.getfixturevalue("applicant")
    application = ApplicationFactory(organisation=applicant.memberships.get().organisation)
    partner = Partner.objects.create(
        application=application,
        name="Lebenshilfe Neuruppin",
        sector=Sector.CIVIL_SOCIETY,
        kind=PartnerKind.ASSOCIATION,
        contact_name="Jana Schulz",
        role="Beratung",
    )
    return (
        reverse("applications:partner_remove", args=[application.pk, partner.pk]),
        {},
        lambda: Partner.objects.filter(pk=partner.pk).exists(),
        applicant,
    )


def _commission_member_remove(staff, request):
    seat = CommissionMember.objects.create(
        stage=CallFactory().first_stage(), user=make_user("commission_member")
    )
    return (
        reverse("selection:member_remove", args=[seat.pk]),
        {},
        lambda: CommissionMember.objects.filter(pk=seat.pk).exists(),
    )


def _availability_delete(staff, request):
    setup = request.getfixturevalue("visit_round")
    interval = Availability.objects.filter(user=setup.expert).first()
    return (
        reverse("visits:availability_delete", args=[interval.pk]),
        {},
        lambda: Availability.objects.filter(pk=interval.pk).exists(),
        setup.expert,
    )


def _unassign(staff, request):
    _call, first, _second, applications = make_procedure(count=1)
    reviewer = make_user("commission_member")
    CommissionMember.objects.create(stage=first, user=reviewer)
    assignment = Assignment.objects.create(
        stage=first, application=applications[0], reviewer=reviewer, method="manual"
    )
    return (
        reverse("selection:unassign", args=[assignment.pk]),
        {},
        lambda: Assignment.objects.filter(pk=assignment.pk).exists(),
    )


def _region(staff):
    from tests.pilots.conftest import make_region

    return make_region(staff, make_user("programme_expert"), make_user("process_coach"))


def _concept_parts(staff):
    from inklusiv.pilots.services import concept

    region = _region(staff)
    field = concept.add_field(actor=staff, region=region, name="Freizeit", life_area="leisure")
    goal = concept.add_goal(actor=staff, field=field, title="Alle machen mit", step=3)
    measure = concept.add_measure(
        actor=staff,
        goal=goal,
        title="Inklusives Sportfest",
        starts_on=datetime.date(2017, 5, 1),
        ends_on=datetime.date(2017, 9, 30),
    )
    milestone = concept.add_milestone(
        actor=staff, measure=measure, title="Halle gebucht", due_on=datetime.date(2017, 6, 1)
    )
    return region, field, goal, measure, milestone


def _removal(name, index, model):
    def build(staff, request):
        parts = _concept_parts(staff)
        region, obj = parts[0], parts[index]
        if index in (1, 2):  # a field of action or a goal goes only once it is empty
            obj = _empty(staff, parts[1], index)
        return (
            reverse(f"pilots:{name}", args=[region.slug, obj.pk]),
            {"remove": "1"},
            lambda: model.objects.filter(pk=obj.pk).exists(),
        )

    return build


def _empty(staff, field, index):
    from inklusiv.pilots.services import concept

    if index == 1:
        return concept.add_field(
            actor=staff, region=field.region, name="Wohnen", life_area="housing"
        )
    return concept.add_goal(actor=staff, field=field, title="Wohnen im Quartier", step=2)


def _region_member_remove(staff, request):
    from inklusiv.pilots.models import RegionMember

    region = _region(staff)
    member = RegionMember.objects.create(
        region=region, user=make_user(None, email="leser@region.example"), role="reader"
    )
    return (
        reverse("pilots:member_remove", args=[region.slug, member.pk]),
        {"reason": "Umzug"},
        lambda: RegionMember.objects.filter(pk=member.pk).exists(),
    )


def _document_delete(staff, request):
    from inklusiv.pilots.models import RegionDocument
    from inklusiv.pilots.services import structures
    from tests.pilots.test_structures import pdf

    region = _region(staff)
    document = structures.upload_document(
        actor=staff, region=region, kind="other", title="Geschäftsordnung", upload=pdf()
    )
    return (
        reverse("pilots:document_delete", args=[region.slug, document.pk]),
        {},
        lambda: RegionDocument.objects.filter(pk=document.pk).exists(),
    )


def _pilots_removals():
    from inklusiv.pilots.models import FieldOfAction, Goal, Measure, Milestone

    return {
        "pilots:field_edit": (_removal("field_edit", 1, FieldOfAction), False),
        "pilots:goal_edit": (_removal("goal_edit", 2, Goal), False),
        "pilots:measure": (_removal("measure", 3, Measure), False),
        "pilots:milestone_edit": (_removal("milestone_edit", 4, Milestone), False),
        "pilots:member_remove": (_region_member_remove, False),
        "pilots:document_delete": (_document_delete, False),
    }


def _training_session(*, days):
    from inklusiv.trainings.models import Course, Registration, TrainingSession

    course = Course.objects.create(
        slug="leichte-sprache",
        title="Leichte Sprache im Alltag",
        description="Texte verständlich schreiben.",
        format="on_site",
        length_minutes=240,
        published=True,
    )
    start = timezone.now() + datetime.timedelta(days=days)
    session = TrainingSession.objects.create(
        course=course,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        format="on_site",
        venue="Rathaus",
        capacity=10,
        registration_deadline=start - datetime.timedelta(days=1),
        cancellation_deadline=start - datetime.timedelta(days=2),
    )
    registration = Registration.objects.create(
        session=session,
        user=make_user(None, email="teilnehmerin@region.example"),
        status=Registration.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    return session, registration


def _training_session_cancel(staff, request):
    from inklusiv.trainings.models import TrainingSession

    session, _registration = _training_session(days=10)
    return (
        reverse("trainings:session_cancel", args=[session.pk]),
        {"reason": "Die Referentin ist erkrankt."},
        lambda: TrainingSession.objects.get(pk=session.pk).status,
    )


def _certificates_issue(staff, request):
    from inklusiv.trainings.models import Certificate, Registration

    session, registration = _training_session(days=-3)
    Registration.objects.filter(pk=registration.pk).update(
        attendance=Registration.Attendance.PRESENT, checked_in_at=timezone.now()
    )
    return (
        reverse("trainings:certificates_issue", args=[session.pk]),
        {},
        lambda: Certificate.objects.count(),
    )


def _evaluation_survey(staff, *, status="draft"):
    from inklusiv.evaluation.models import Question, Section, Survey
    from tests.pilots.conftest import make_region

    expert = make_user("programme_expert", email="ev-expert@inklusiv.example")
    region = make_region(staff, expert, None, name="Nieder-Olm")
    survey = Survey.objects.create(title="Einstellungen 2017", slug="einstellungen", status=status)
    survey.regions.set([region])
    section = Section.objects.create(survey=survey, title="Über Sie")
    question = Question.objects.create(
        section=section, code="alter", kind=Question.Kind.NUMBER, text="Wie alt sind Sie?"
    )
    return survey, region, section, question


def _element_delete(staff, request):
    from inklusiv.evaluation.models import ImpactElement, ImpactModel

    model = ImpactModel.objects.create(title="Wirkungsmodell des Programms")
    element = ImpactElement.objects.create(model=model, level="input", title="Förderung")
    return (
        reverse("evaluation:element_delete", args=[element.pk]),
        {},
        lambda: ImpactElement.objects.filter(pk=element.pk).exists(),
    )


def _section_delete(staff, request):
    from inklusiv.evaluation.models import Section

    _survey, _region, section, _question = _evaluation_survey(staff)
    return (
        reverse("evaluation:section_delete", args=[section.pk]),
        {},
        lambda: Section.objects.filter(pk=section.pk).exists(),
    )


def _question_delete(staff, request):
    from inklusiv.evaluation.models import Question

    _survey, _region, _section, question = _evaluation_survey(staff)
    return (
        reverse("evaluation:question_delete", args=[question.pk]),
        {},
        lambda: Question.objects.filter(pk=question.pk).exists(),
    )


def _survey_close(staff, request):
    from inklusiv.evaluation.models import Draft, Survey

    survey, region, _section, _question = _evaluation_survey(staff, status="open")
    Draft.objects.create(
        survey=survey, region=region, token_hash="0" * 64, updated_on=timezone.localdate()
    )
    return (
        reverse("evaluation:survey_transition", args=[survey.slug, "close"]),
        {},
        lambda: (Survey.objects.get(pk=survey.pk).status, Draft.objects.count()),
    )


def _invitations_remind(staff, request):
    from inklusiv.evaluation.models import Invitation

    survey, region, _section, _question = _evaluation_survey(staff, status="open")
    sent = timezone.now() - datetime.timedelta(days=10)
    for number in range(2):
        Invitation.objects.create(
            survey=survey,
            region=region,
            email=f"person{number}@nieder-olm.example",
            token_hash=f"{number}" * 64,
            sent_at=sent,
        )
    return (
        reverse("evaluation:invitations_remind", args=[survey.slug]),
        {},
        lambda: sorted(Invitation.objects.values_list("token_hash", flat=True)),
    )


SCENARIOS = {
    "selection:unassign": (_unassign, False),
    "visits:availability_delete": (_availability_delete, False),
    "calls:stage_delete": (_stage_delete, False),
    "calls:criterion_delete": (_criterion_delete, False),
    "calls:question_delete": (_question_delete, False),
    "accounts:member_remove": (_member_remove, False),
    "applications:partner_remove": (_partner_remove, False),
    "selection:member_remove": (_commission_member_remove, False),
    "selection:send_letters": (_letters, True),
    "selection:decide_batch": (_decide_batch, False),
    "selection:mark_remaining_eligible": (_eligible, False),
    "selection:start_review": (_start_review, False),
    "visits:round_send_poll": (_poll, True),
    "visits:round_remind": (_remind, True),
    "visits:round_confirm": (_invitations, True),
    "visits:visit_cancel": (_cancel, True),
    "visits:participant_remove": (_remove, True),
    **_pilots_removals(),
    "trainings:session_cancel": (_training_session_cancel, True),
    "trainings:certificates_issue": (_certificates_issue, True),
    "evaluation:element_delete": (_element_delete, False),
    "evaluation:section_delete": (_section_delete, False),
    "evaluation:question_delete": (_question_delete, False),
    "evaluation:survey_transition": (_survey_close, False),
    "evaluation:invitations_remind": (_invitations_remind, True),
}


def test_every_confirmed_view_has_a_scenario():
    assert set(SCENARIOS) == CONFIRMED_VIEWS | CONFIRMED_BY_PAGE


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CONFIRMED_VIEWS | CONFIRMED_BY_PAGE))
def test_one_post_changes_nothing_and_asks_then_the_confirmation_acts(
    name,
    client,
    staff,
    request,
    django_capture_on_commit_callbacks,
):
    build, mails = SCENARIOS[name]
    url, data, state, *actor = build(staff, request)
    client.force_login(actor[0] if actor else staff)
    mail.outbox.clear()
    # The last entry's key, not the count: PostgreSQL's sequences do not restart per test.
    before = state()
    last_entry = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
    assert first.status_code == 200, name
    assert mail.outbox == [], name
    assert state() == before, name
    # Reading the pages may be logged; no state change is.
    assert (
        not AuditEntry.objects.filter(pk__gt=last_entry)
        .exclude(action__endswith="_viewed")
        .exists()
    ), name
    fields = confirmation_fields(first)

    # A forged or outdated confirm value is no confirmation either.
    with django_capture_on_commit_callbacks(execute=True):
        forged = client.post(url, {**data, **fields, "confirm": "0" * 32})
    assert forged.status_code == 200 and mail.outbox == [] and state() == before, name
    assert "confirm" in confirmation_fields(forged)

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {**data, **fields})
    assert done.status_code == 302, name
    assert state() != before, name
    assert bool(mail.outbox) == mails, name
