"""The commission of a stage: members join and leave, conflicts of interest are declared.

Also the bulk reads the commission and assignment pages share: who has which conflict with
which application, found for a whole stage in a few queries (never one query per pair).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.accounts.models import Membership, Role, User
from inklusiv.applications.models import Application, FieldOfAction, Partner
from inklusiv.calls.models import Stage
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError

from ..conflicts import name_key
from ..models import Assignment, CommissionMember, ConflictOfInterest, Decision, Review

MEMBER_ROLES = (Role.COMMISSION_MEMBER, Role.PROGRAMME_EXPERT)


def _require_manager(actor) -> None:
    if not actor.has_perm("selection.manage_procedure"):
        raise PermissionDenied


def eligible_people():
    """People who may sit on a commission: commission members and programme experts."""
    return (
        User.objects.filter(is_active=True, role_grants__role__in=MEMBER_ROLES)
        .distinct()
        .order_by("name", "email")
    )


def _clean_expertise(expertise) -> list[str]:
    known = set(FieldOfAction.values)
    codes = list(dict.fromkeys(expertise or ()))
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise DomainError(_("Please choose fields of action from the list."), field="expertise")
    return codes


def add_member(*, actor, stage: Stage, user, expertise=(), max_reviews=None) -> CommissionMember:
    """Give `user` a seat on the commission of `stage`."""
    _require_manager(actor)
    codes = _clean_expertise(expertise)
    if not user.is_active or not (set(MEMBER_ROLES) & user.role_set):
        raise DomainError(
            _("Only commission members and programme experts can join a commission."),
            field="user",
        )
    if max_reviews is not None and max_reviews < 0:
        raise DomainError(_("The limit cannot be negative."), field="max_reviews")
    with transaction.atomic():
        if CommissionMember.objects.filter(stage=stage, user=user).exists():
            raise DomainError(
                _("%(name)s is already a member of this commission.") % {"name": user},
                field="user",
            )
        member = CommissionMember.objects.create(
            stage=stage, user=user, expertise=codes, max_reviews=max_reviews
        )
        audit.record(
            actor=actor,
            obj=member,
            action="commission_member_added",
            after={
                "stage": stage.pk,
                "user": user.pk,
                "expertise": codes,
                "max_reviews": max_reviews,
            },
        )
    return member


def update_member(*, actor, member: CommissionMember, expertise=(), max_reviews=None):
    """Change a member's expertise and personal limit."""
    _require_manager(actor)
    codes = _clean_expertise(expertise)
    if max_reviews is not None and max_reviews < 0:
        raise DomainError(_("The limit cannot be negative."), field="max_reviews")
    with transaction.atomic():
        locked = CommissionMember.objects.select_for_update().get(pk=member.pk)
        before = audit.snapshot(locked, ["expertise", "max_reviews"])
        locked.expertise = codes
        locked.max_reviews = max_reviews
        locked.save(update_fields=["expertise", "max_reviews"])
        audit.record(
            actor=actor,
            obj=locked,
            action="commission_member_changed",
            before=before,
            after=audit.snapshot(locked, ["expertise", "max_reviews"]),
        )
    return locked


def remove_member(*, actor, member: CommissionMember) -> None:
    """Take a member off the commission, with their open assignments in that stage.

    Refused once they have submitted a review in the stage: the review stays part of the
    ranking, so its author stays on record as a member.
    """
    _require_manager(actor)
    with transaction.atomic():
        locked = (
            CommissionMember.objects.select_for_update().select_related("user").get(pk=member.pk)
        )
        submitted = Review.objects.filter(
            stage_id=locked.stage_id, reviewer_id=locked.user_id, status=Review.Status.SUBMITTED
        ).count()
        if submitted:
            raise DomainError(
                ngettext(
                    "%(name)s has already submitted %(count)s review in this stage and "
                    "stays a member.",
                    "%(name)s has already submitted %(count)s reviews in this stage and "
                    "stays a member.",
                    submitted,
                )
                % {"name": locked.user, "count": submitted}
            )
        assignments = Assignment.objects.filter(stage_id=locked.stage_id, reviewer=locked.user)
        removed = list(assignments.values_list("application_id", flat=True))
        audit.record(
            actor=actor,
            obj=locked,
            action="commission_member_removed",
            before={
                "stage": locked.stage_id,
                "user": locked.user_id,
                "expertise": locked.expertise,
                "max_reviews": locked.max_reviews,
                "assigned_applications": removed,
            },
        )
        assignments.delete()
        locked.delete()


def declare_conflict(*, actor, application: Application, reason: str, user=None):
    """Record a conflict of interest: the actor's own (declared) or, by staff, someone else's.

    From then on the person does not see the application anywhere, and their assignment to it
    (if any, without a submitted review) is removed so the application can get another reviewer.
    A review the person already submitted in a stage not yet decided stops counting in the
    ranking (ranking.rank leaves it out; kept for the record, with an audit entry). Once the
    stage's decision on the application is made, the conflict is refused: it could no longer
    change the choice, and a decided ranking must not change afterwards.
    """
    person = user or actor
    if person == actor:
        # A person may declare only for an application they can currently see.
        if not (
            actor.has_perm("selection.declare_conflict", application)
            and actor.has_perm("selection.view_application", application)
        ):
            raise PermissionDenied
        source = ConflictOfInterest.Source.DECLARED
    else:
        _require_manager(actor)
        source = ConflictOfInterest.Source.STAFF
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Please give a reason."), field="reason")
    with transaction.atomic():
        # The application's row lock orders this against a decision on it being made.
        locked = (
            Application.objects.select_for_update().only("pk", "stage_id").get(pk=application.pk)
        )
        if decided_in_current_stage(locked):
            raise DomainError(
                _(
                    "The decision on %(application)s in this stage has already been made, so a "
                    "conflict of interest can no longer be recorded for it. If it matters for "
                    "the record, please tell funder staff."
                )
                % {"application": application}
            )
        if ConflictOfInterest.objects.filter(user=person, application=application).exists():
            raise DomainError(
                _("A conflict of interest of %(name)s with %(application)s is already recorded.")
                % {"name": person, "application": application}
            )
        conflict = ConflictOfInterest.objects.create(
            user=person,
            application=application,
            source=source,
            reason=reason,
            created_by=actor,
        )
        submitted = Review.objects.filter(
            application=application, reviewer=person, status=Review.Status.SUBMITTED
        ).values("stage_id")
        open_assignments = Assignment.objects.filter(
            application=application, reviewer=person
        ).exclude(stage_id__in=submitted)
        removed = list(open_assignments.values_list("stage_id", flat=True))
        open_assignments.delete()
        # Submitted earlier in the current, undecided stage: no longer counted in the ranking.
        excluded = list(
            Review.objects.filter(
                application=application,
                reviewer=person,
                stage_id=locked.stage_id,
                status=Review.Status.SUBMITTED,
            )
        )
        for review in excluded:
            audit.record(
                actor=actor,
                obj=review,
                action="review_excluded_for_conflict",
                after={"conflict": conflict.pk, "counted_in_ranking": False},
                reason=reason,
            )
        audit.record(
            actor=actor,
            obj=conflict,
            action="conflict_recorded",
            after={
                "user": person.pk,
                "application": application.pk,
                "source": source,
                "assignments_removed_in_stages": removed,
                "reviews_excluded": [review.pk for review in excluded],
            },
            reason=reason,
        )
    return conflict


def decided_in_current_stage(application) -> bool:
    """Whether the stage the application is in has made its decision on it."""
    return Decision.objects.filter(
        application_id=application.pk, stage_id=application.stage_id
    ).exists()


# --- bulk reads -------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    user_id: int
    application_id: int
    kind: str  # "declared", "staff" or "automatic"
    reason: str


def stage_conflicts(user_ids, applications, *, ids=None) -> dict[tuple[int, int], Conflict]:
    """Every conflict between the people and the applications, keyed by (application, user).

    Three queries whatever the sizes: declared conflicts, the people's organisations, and the
    applications' partners. Automatic: the person belongs to the applicant organisation or to
    an organisation whose name equals a partner's. `ids` may give the applications' ids as a
    subquery (a queryset's `.values("pk")`), so long lists never become SQL parameters.
    """
    user_ids = list(user_ids)
    applications = list(applications)
    found: dict[tuple[int, int], Conflict] = {}
    if not user_ids or not applications:
        return found
    application_ids = ids if ids is not None else [application.pk for application in applications]
    by_organisation = defaultdict(set)
    # Normalised name → (person, the organisation's own spelling of the name).
    by_name = defaultdict(set)
    organisation_names = {}
    memberships = Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "organisation_id", "organisation__name"
    )
    for user_id, organisation_id, name in memberships:
        by_organisation[organisation_id].add(user_id)
        by_name[name_key(name)].add((user_id, name))
        organisation_names[organisation_id] = name
    if by_organisation:
        for application in applications:
            for user_id in by_organisation.get(application.organisation_id, ()):
                found[(application.pk, user_id)] = Conflict(
                    user_id,
                    application.pk,
                    "automatic",
                    _("Member of the applicant organisation %(name)s")
                    % {"name": organisation_names[application.organisation_id]},
                )
        partners = Partner.objects.filter(application_id__in=application_ids).values_list(
            "application_id", "name"
        )
        for application_id, name in partners:
            for user_id, own_name in by_name.get(name_key(name), ()):
                found.setdefault(
                    (application_id, user_id),
                    Conflict(
                        user_id,
                        application_id,
                        "automatic",
                        _("Member of the partner organisation %(name)s") % {"name": own_name},
                    ),
                )
    declared = ConflictOfInterest.objects.filter(
        user_id__in=user_ids, application_id__in=application_ids
    ).values_list("user_id", "application_id", "source", "reason")
    for user_id, application_id, source, reason in declared:
        # A declared conflict wins: its reason is the person's own.
        found[(application_id, user_id)] = Conflict(user_id, application_id, source, reason)
    return found
