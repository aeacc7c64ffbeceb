"""Reads shared by views: applications of a person, steps and their completion, staff lists."""

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from inklusiv.accounts.models import Role, State
from inklusiv.calls.models import Stage

from .models import Answers, Application, Concept, Message, Partner, SocialSpace, Status


def applications_of(user):
    """Applications of every organisation the person belongs to, newest first."""
    return (
        Application.objects.filter(organisation__memberships__user=user)
        .select_related("call", "stage", "organisation")
        .prefetch_related(
            Prefetch("messages", queryset=Message.objects.order_by("-sent_at")),
            "decisions__stage__call__stages",
            "decisions__letters",
        )
        .order_by("-updated_at")
    )


def application_for_view(pk):
    return (
        Application.objects.select_related("call__initiative", "stage", "organisation")
        .prefetch_related("partners", "versions", "messages__sender", "attachments")
        .filter(pk=pk)
        .first()
    )


def question_stages(application):
    """Stages up to the application's current one that ask their own questions."""
    return (
        Stage.objects.filter(call=application.call_id, position__lte=application.stage.position)
        .annotate(question_count=Count("questions"))
        .filter(question_count__gt=0)
        .prefetch_related("questions")
        .order_by("position")
    )


def steps(application) -> list[dict]:
    """The form's steps in order, each with whether something has been saved in it."""
    has_space = SocialSpace.objects.filter(application=application).exists()
    has_concept = Concept.objects.filter(application=application).exists()
    answered = set(
        Answers.objects.filter(application=application)
        .exclude(data={})
        .values_list("stage_id", flat=True)
    )
    result = [
        {
            "key": "contact",
            "title": _("Organisation and contact"),
            "done": bool(application.contact_email),
        },
        {"key": "space", "title": _("Social space"), "done": has_space},
        {"key": "partners", "title": _("Partners"), "done": application.partners.exists()},
        {"key": "concept", "title": _("Concept"), "done": has_concept},
    ]
    for stage in question_stages(application):
        result.append(
            {
                "key": f"questions-{stage.pk}",
                "title": stage.name,
                "done": stage.pk in answered,
                "stage": stage,
            }
        )
    return result


# Sort keys a request may ask for, each with its columns; "-key" sorts descending.
STAFF_SORTS = {
    "reference": ("reference",),
    "organisation": ("organisation__name",),
    "space": ("social_space__name",),
    "state": ("state_rank",),
    "population": ("social_space__population",),
    "submitted": ("submitted_at",),
}
STAFF_DEFAULT_SORT = "reference"
LONG_CALL_AND_STAGE_TEXTS = (
    *(
        f"call__{name}_{language}"
        for name in ("summary", "purpose", "eligibility")
        for language in ("de", "en")
    ),
    "call__easy_read_summary",
    "stage__description_de",
    "stage__description_en",
)


def _state_rank():
    # Bundesländer sort by their name, not their two-letter code (BB would precede BW).
    ranked = sorted(State.choices, key=lambda choice: choice[1])
    return Case(
        *[
            When(social_space__state=code, then=Value(rank))
            for rank, (code, _label) in enumerate(ranked)
        ],
        default=Value(None),
        output_field=IntegerField(),
    )


def staff_applications(
    *,
    call=None,
    stage=None,
    status=None,
    state=None,
    space_kind=None,
    field_of_action=None,
    query=None,
    sort=STAFF_DEFAULT_SORT,
    viewer=None,
):
    """The staff list and export; a fixed number of queries however many applications there are.

    With a `viewer` who is not funder staff (a programme expert), the applications they have
    a conflict of interest with are left out, as one subquery (see hidden_by_conflict).

    Search is a case-insensitive substring match on the reference number, the organisation,
    the social space and the concept's texts, the same query on SQLite and PostgreSQL (though
    SQLite ignores case for ASCII letters only: there "köln" does not find "Köln").
    """
    partner_count = (
        Partner.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(count=Count("pk"))
        .values("count")
    )
    applications = (
        Application.objects.select_related("call", "stage", "organisation", "social_space")
        # Lists and exports show titles, not the long texts of calls and stages; leaving
        # those out keeps every joined and sorted row narrow (and nothing reads them later).
        .defer(*LONG_CALL_AND_STAGE_TEXTS)
    ).annotate(
        # A subquery, not Count() over a join: no GROUP BY over every selected column, and
        # the paginator's count() can leave it out.
        partner_count=Coalesce(Subquery(partner_count), 0),
    )
    if viewer is not None and not sees_every_application(viewer):
        from inklusiv.selection.conflicts import without_conflicts

        applications = without_conflicts(applications, viewer)
    if call:
        applications = applications.filter(call=call)
    if stage:
        applications = applications.filter(stage=stage)
    if status:
        applications = applications.filter(status=status)
    if state:
        applications = applications.filter(social_space__state=state)
    if space_kind:
        applications = applications.filter(social_space__kind=space_kind)
    if field_of_action:
        # The JSON list as text contains the quoted code exactly when the list holds it; JSON
        # containment (`contains`) would be neater but SQLite does not support it.
        applications = applications.filter(
            concept__fields_of_action__icontains=f'"{field_of_action}"'
        )
    if query:
        applications = applications.filter(
            Q(reference__icontains=query)
            | Q(organisation__name__icontains=query)
            | Q(social_space__name__icontains=query)
            | Q(concept__starting_situation__icontains=query)
            | Q(concept__goals__icontains=query)
            | Q(concept__approach__icontains=query)
            | Q(concept__expected_network__icontains=query)
        )
    sort = sort if sort and sort.removeprefix("-") in STAFF_SORTS else STAFF_DEFAULT_SORT
    key = sort.removeprefix("-")
    if key == "state":
        applications = applications.annotate(state_rank=_state_rank())
    descending = sort.startswith("-")
    # Empty values (drafts without a social space or submission date) go last either way,
    # which SQLite and PostgreSQL only agree on when told.
    order = [
        F(column).desc(nulls_last=True) if descending else F(column).asc(nulls_last=True)
        for column in STAFF_SORTS[key]
    ]
    return applications.order_by(*order, "pk")


def sees_every_application(user) -> bool:
    """Funder staff run the procedure and see every application, conflicts or not."""
    return user.has_role(Role.FUNDER_STAFF)


def hidden_by_conflict(user, application) -> bool:
    """Whether the funder's pages must hide `application` from `user` (answered with 404).

    Only on the funder's surfaces: a member of the applicant organisation is conflicted with
    its own application but still follows it on the applicant's pages.
    """
    # Imported here: the selection app builds on applications, not the other way round.
    from inklusiv.selection.conflicts import has_conflict

    return not sees_every_application(user) and has_conflict(user, application)


def due_next(applications) -> list[Application]:
    """Drafts whose deadline has not passed, soonest first: what the applicant must do next."""
    return sorted((a for a in applications if a.status == Status.DRAFT), key=lambda a: a.deadline)
