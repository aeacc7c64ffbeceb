"""The commission of a stage: members join, change and leave; conflicts of interest are
declared by members and recorded by staff, and found automatically; the overview and stage
pages; and who may do what."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from inklusiv.applications.models import Partner, Status
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection import conflicts
from inklusiv.selection.models import Assignment, CommissionMember, ConflictOfInterest, Review
from inklusiv.selection.services import commission as services
from tests.confirmations import post_from_page
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    OrganisationFactory,
    complete,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def stage():
    stage = CallFactory().first_stage()
    stage.max_reviews_per_reviewer = 30
    stage.save()
    return stage


def _application(stage, number=1, *, status=Status.IN_REVIEW, **kwargs):
    application = ApplicationFactory(
        call=stage.call,
        stage=stage,
        status=status,
        reference=f"KI-{stage.call.reference_year}-{number:04d}",
        **kwargs,
    )
    return complete(application)


@pytest.fixture
def application(stage):
    return _application(stage)


@pytest.fixture
def member(stage):
    user = make_user("commission_member", name="Petra Gutachterin")
    CommissionMember.objects.create(stage=stage, user=user, expertise=["work"])
    return user


@pytest.fixture(autouse=True)
def _english():
    """Pages and messages in English, so the tests read the msgids (URLs get /en/)."""
    with translation.override("en"):
        yield


# --- members ----------------------------------------------------------------------------


def test_staff_add_a_member_with_expertise_and_limit(client, staff, stage):
    person = make_user("commission_member", name="Bernd Beirat")
    client.force_login(staff)
    page = client.get(reverse("selection:commission", args=[stage.pk])).content.decode()
    assert "Bernd Beirat" in page
    response = client.post(
        reverse("selection:member_add", args=[stage.pk]),
        {
            "member-user": person.pk,
            "member-expertise": ["work", "housing"],
            "member-max_reviews": 12,
        },
    )
    assert response.status_code == 302
    seat = CommissionMember.objects.get(stage=stage, user=person)
    assert seat.expertise == ["work", "housing"]
    assert seat.max_reviews == 12
    entry = AuditEntry.objects.get(action="commission_member_added")
    assert entry.actor == staff
    assert entry.after["expertise"] == ["work", "housing"]
    page = client.get(reverse("selection:commission", args=[stage.pk])).content.decode()
    assert "Bernd Beirat" in page and "Work, Housing" in page


def test_only_commission_members_and_programme_experts_can_join(client, staff, stage, applicant):
    make_user("commission_member")  # someone who could join, so the form is shown
    client.force_login(staff)
    response = client.post(
        reverse("selection:member_add", args=[stage.pk]),
        {"member-user": applicant.pk, "member-expertise": ["work"], "member-max_reviews": "7"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    # The rest of the input is kept.
    assert 'value="7"' in page
    assert "Select a valid choice" in page
    with pytest.raises(DomainError, match="Only commission members and programme experts"):
        services.add_member(actor=staff, stage=stage, user=applicant)
    expert = make_user("programme_expert")
    services.add_member(actor=staff, stage=stage, user=expert)
    with pytest.raises(DomainError, match="already a member"):
        services.add_member(actor=staff, stage=stage, user=expert)
    assert CommissionMember.objects.filter(stage=stage).count() == 1


def test_staff_change_a_member(client, staff, stage, member):
    seat = CommissionMember.objects.get(user=member)
    client.force_login(staff)
    url = reverse("selection:member_edit", args=[seat.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"expertise": ["space-travel"], "max_reviews": "-1"})
    assert bad.status_code == 400
    response = client.post(url, {"expertise": ["health"], "max_reviews": "4"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.expertise, seat.max_reviews) == (["health"], 4)
    assert AuditEntry.objects.filter(action="commission_member_changed").exists()


def test_removing_a_member_asks_first_and_takes_their_open_assignments(
    client, staff, stage, member, application
):
    Assignment.objects.create(
        stage=stage, application=application, reviewer=member, method="manual"
    )
    seat = CommissionMember.objects.get(user=member)
    client.force_login(staff)
    url = reverse("selection:member_remove", args=[seat.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Remove Petra Gutachterin from the commission?" in confirm.content.decode()
    assert CommissionMember.objects.filter(pk=seat.pk).exists()
    assert client.post(url).status_code == 200  # a bare POST only asks again
    assert CommissionMember.objects.filter(pk=seat.pk).exists()
    response = post_from_page(client, url)
    assert response.status_code == 302
    assert not CommissionMember.objects.filter(pk=seat.pk).exists()
    assert not Assignment.objects.exists()
    entry = AuditEntry.objects.get(action="commission_member_removed")
    assert entry.before["assigned_applications"] == [application.pk]


def test_a_member_who_submitted_a_review_stays(client, staff, stage, member, application):
    Review.objects.create(stage=stage, application=application, reviewer=member, status="submitted")
    seat = CommissionMember.objects.get(user=member)
    client.force_login(staff)
    response = post_from_page(
        client, reverse("selection:member_remove", args=[seat.pk]), follow=True
    )
    assert "has already submitted 1 review in this stage" in response.content.decode()
    assert CommissionMember.objects.filter(pk=seat.pk).exists()


# --- conflicts of interest --------------------------------------------------------------


def test_member_declares_a_conflict_and_no_longer_sees_the_application(
    client, stage, member, application
):
    Assignment.objects.create(
        stage=stage, application=application, reviewer=member, method="manual"
    )
    url = reverse("selection:declare_conflict", args=[application.pk])
    client.force_login(member)
    form = client.get(url)
    assert form.status_code == 200
    assert application.reference in form.content.decode()
    missing = client.post(url, {"reason": "   "})
    assert missing.status_code == 400
    assert "Please give a reason." in missing.content.decode()
    response = client.post(url, {"reason": "Ich bin im Vorstand des Partnervereins."})
    assert response.status_code == 302
    conflict = ConflictOfInterest.objects.get(user=member, application=application)
    assert conflict.source == ConflictOfInterest.Source.DECLARED
    assert conflict.created_by == member
    # Their assignment goes, so the application can get another reviewer.
    assert not Assignment.objects.exists()
    assert AuditEntry.objects.filter(
        action="conflict_recorded", reason__contains="Vorstand"
    ).exists()
    assert not member.has_perm("selection.view_application", application)
    # Declaring again, or even looking, answers 404: the application is gone for them.
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "noch einmal"}).status_code == 404
    assert ConflictOfInterest.objects.count() == 1


def test_after_declaring_the_expert_goes_to_a_page_they_may_open(client, stage, application):
    expert = make_user("programme_expert")
    client.force_login(expert)
    response = client.post(
        reverse("selection:declare_conflict", args=[application.pk]), {"reason": "Befreundet"}
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert ConflictOfInterest.objects.filter(user=expert).exists()


@pytest.mark.parametrize(
    "who", ["applicant_member", "outsider", "other_stage_member", "conflicted"]
)
def test_people_who_cannot_see_the_application_get_404_on_declaring(
    client, stage, application, who
):
    if who == "applicant_member":
        person = MembershipFactory(organisation=application.organisation).user
    elif who == "outsider":
        person = make_user(None)
    elif who == "other_stage_member":
        person = make_user("commission_member")
        CommissionMember.objects.create(stage=CallFactory().first_stage(), user=person)
    else:
        person = make_user("commission_member")
        CommissionMember.objects.create(stage=stage, user=person)
        ConflictOfInterest.objects.create(
            user=person, application=application, source="staff", reason="-"
        )
    client.force_login(person)
    url = reverse("selection:declare_conflict", args=[application.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Test"}).status_code == 404
    assert ConflictOfInterest.objects.filter(user=person, source="declared").count() == 0


def test_staff_cannot_declare_for_themselves_but_record_for_a_member(
    client, staff, stage, member, application
):
    client.force_login(staff)
    assert (
        client.get(reverse("selection:declare_conflict", args=[application.pk])).status_code == 403
    )
    with pytest.raises(PermissionDenied):
        services.declare_conflict(actor=member, application=application, reason="x", user=staff)
    url = reverse("selection:conflict_record", args=[stage.pk])
    empty = client.post(url, {"conflict-member": member.pk, "conflict-application": application.pk})
    assert empty.status_code == 400
    assert "Please give a reason." in empty.content.decode()
    response = client.post(
        url,
        {
            "conflict-member": member.pk,
            "conflict-application": application.pk,
            "conflict-reason": "Ehemalige Geschäftsführerin des Trägers",
        },
    )
    assert response.status_code == 302
    conflict = ConflictOfInterest.objects.get()
    assert (conflict.user, conflict.source, conflict.created_by) == (member, "staff", staff)
    again = client.post(
        url,
        {
            "conflict-member": member.pk,
            "conflict-application": application.pk,
            "conflict-reason": "x",
        },
    )
    assert again.status_code == 400
    assert "already recorded" in again.content.decode()
    page = client.get(reverse("selection:commission", args=[stage.pk])).content.decode()
    assert "Ehemalige Geschäftsführerin des Trägers" in page
    assert "recorded by staff" in page


def test_automatic_conflicts_from_the_applicant_and_from_a_partner_by_name(stage, member, staff):
    own = _application(stage, 1)
    partnered = _application(stage, 2)
    unrelated = _application(stage, 3)
    Membership = MembershipFactory._meta.model
    Membership.objects.create(user=member, organisation=own.organisation)
    partner_organisation = OrganisationFactory(name="Lebenshilfe Ostprignitz e.V.")
    Membership.objects.create(user=member, organisation=partner_organisation)
    Partner.objects.create(
        application=partnered,
        name="  lebenshilfe  Ostprignitz e.V.",
        sector="civil_society",
        kind="association",
        contact_name="Anna Berg",
        role="Beratung",
    )
    found = services.stage_conflicts([member.pk], [own, partnered, unrelated])
    assert set(found) == {(own.pk, member.pk), (partnered.pk, member.pk)}
    assert found[(own.pk, member.pk)].kind == "automatic"
    assert own.organisation.name in found[(own.pk, member.pk)].reason
    assert "Lebenshilfe" in found[(partnered.pk, member.pk)].reason
    # The visibility rules agree for the applicant organisation.
    assert conflicts.has_conflict(member, own)
    assert not conflicts.has_conflict(member, unrelated)


def test_automatic_partner_conflict_agrees_with_visibility_for_plain_names(stage, member):
    partnered = _application(stage, 2)
    organisation = OrganisationFactory(name="Stadt Neuruppin")
    MembershipFactory._meta.model.objects.create(user=member, organisation=organisation)
    # complete() adds the partner "Stadt Neuruppin".
    assert (partnered.pk, member.pk) in services.stage_conflicts([member.pk], [partnered])
    assert conflicts.has_conflict(member, partnered)


def test_partner_names_with_umlauts_match_whatever_their_case(stage, member):
    partnered = _application(stage, 3)
    Partner.objects.filter(application=partnered).update(name="Ökumenischer Verein Ruppin e.V.")
    organisation = OrganisationFactory(name="ÖKUMENISCHER VEREIN RUPPIN E.V. ")
    MembershipFactory._meta.model.objects.create(user=member, organisation=organisation)
    assert conflicts.has_conflict(member, partnered)
    assert (partnered.pk, member.pk) in services.stage_conflicts([member.pk], [partnered])


def test_commission_page_lists_automatic_conflicts_per_member(client, staff, stage, member):
    application = _application(stage, 5)
    MembershipFactory._meta.model.objects.create(user=member, organisation=application.organisation)
    client.force_login(staff)
    page = client.get(reverse("selection:commission", args=[stage.pk])).content.decode()
    assert "found automatically" in page
    assert f"Member of the applicant organisation {application.organisation.name}" in page
    assert application.reference in page


# --- overview and stage ------------------------------------------------------------------


def test_overview_and_stage_show_the_counts_and_the_links(client, staff, stage, member):
    for number, status in enumerate(
        [Status.IN_REVIEW, Status.IN_REVIEW, Status.ELIGIBLE, Status.DRAFT], start=1
    ):
        _application(stage, number, status=status)
    client.force_login(staff)
    overview = client.get(reverse("selection:overview")).content.decode()
    assert stage.call.title in overview
    assert reverse("selection:stage", args=[stage.pk]) in overview
    response = client.get(reverse("selection:stage", args=[stage.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("selection:commission", args=[stage.pk]) in page
    assert reverse("selection:assignment", args=[stage.pk]) in page
    stage_counts = {label: count for label, count in response.context["statuses"]}
    assert stage_counts["In review"] == 2
    assert stage_counts["Formally eligible"] == 1
    assert response.context["stage"].application_count == 3
    assert response.context["stage"].member_count == 1


def test_overview_keeps_its_query_count(client, staff, django_assert_max_num_queries):
    CallFactory()
    client.force_login(staff)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("selection:overview"))
    for _ in range(4):
        stage = CallFactory().first_stage()
        _application(stage)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("selection:overview"))


def test_programme_experts_read_the_overview_but_do_not_manage(client, stage, member):
    client.force_login(make_user("programme_expert"))
    assert client.get(reverse("selection:overview")).status_code == 200
    page = client.get(reverse("selection:stage", args=[stage.pk]))
    assert page.status_code == 200
    assert reverse("selection:commission", args=[stage.pk]) not in page.content.decode()
    assert client.get(reverse("selection:commission", args=[stage.pk])).status_code == 403


def _staff_pages(stage, seat):
    return [
        ("get", reverse("selection:overview")),
        ("get", reverse("selection:stage", args=[stage.pk])),
        ("get", reverse("selection:commission", args=[stage.pk])),
        ("post", reverse("selection:member_add", args=[stage.pk])),
        ("post", reverse("selection:conflict_record", args=[stage.pk])),
        ("get", reverse("selection:member_edit", args=[seat.pk])),
        ("post", reverse("selection:member_remove", args=[seat.pk])),
    ]


@pytest.mark.parametrize("role", ["applicant", None, "commission_member", "process_coach"])
def test_people_who_are_not_the_funder_are_refused_on_the_staff_pages(client, stage, member, role):
    seat = CommissionMember.objects.get(user=member)
    people = [make_user(role), member]
    for person in people:
        client.force_login(person)
        for method, url in _staff_pages(stage, seat):
            response = getattr(client, method)(url, {"member-user": person.pk})
            assert response.status_code == 403, (person, url)
    assert CommissionMember.objects.filter(stage=stage).count() == 1


def test_anonymous_people_are_sent_to_the_login(client, stage, member, application):
    seat = CommissionMember.objects.get(user=member)
    pages = [
        *_staff_pages(stage, seat),
        ("get", reverse("selection:declare_conflict", args=[application.pk])),
    ]
    for method, url in pages:
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert reverse("account_login") in response.url


def test_unknown_stage_member_and_application_answer_404(client, staff):
    client.force_login(staff)
    for url in [
        reverse("selection:stage", args=[999]),
        reverse("selection:commission", args=[999]),
        reverse("selection:assignment", args=[999]),
        reverse("selection:member_edit", args=[999]),
        reverse("selection:declare_conflict", args=[999]),
    ]:
        assert client.get(url).status_code == 404, url


def test_commission_page_keeps_its_query_count(client, staff, django_assert_max_num_queries):
    def stage_with(members, applications):
        stage = CallFactory().first_stage()
        created = [_application(stage, number) for number in range(1, applications + 1)]
        for _ in range(members):
            person = make_user("commission_member")
            CommissionMember.objects.create(stage=stage, user=person, expertise=["work"])
            MembershipFactory._meta.model.objects.create(
                user=person, organisation=created[0].organisation
            )
            ConflictOfInterest.objects.create(
                user=person, application=created[-1], source="declared", reason="-"
            )
        return stage

    small, large = stage_with(1, 2), stage_with(5, 8)
    client.force_login(staff)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("selection:commission", args=[small.pk])).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("selection:commission", args=[large.pk]))
    assert page.content.decode().count("found automatically") == 5
