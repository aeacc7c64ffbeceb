"""Named predicates for roles and organisation membership; other apps import them."""

import rules

from .models import Membership, Role


def _has_role(role):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user):
        return bool(user and user.is_authenticated and user.has_role(role))

    return predicate


is_funder_staff = _has_role(Role.FUNDER_STAFF)
is_programme_expert = _has_role(Role.PROGRAMME_EXPERT)
is_commission_member = _has_role(Role.COMMISSION_MEMBER)
is_process_coach = _has_role(Role.PROCESS_COACH)
is_evaluator = _has_role(Role.EVALUATOR)
is_trainer = _has_role(Role.TRAINER)


@rules.predicate
def is_applicant(user):
    """Anyone who belongs to at least one provider organisation."""
    return bool(user and user.is_authenticated and user.memberships.exists())


@rules.predicate
def is_organisation_member(user, organisation):
    if not (user and user.is_authenticated and organisation):
        return False
    return organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_organisation_admin(user, organisation):
    if not (user and user.is_authenticated and organisation):
        return False
    return organisation.memberships.filter(user=user, role=Membership.Role.ADMIN).exists()


rules.add_perm("accounts.manage_users", is_funder_staff)
rules.add_perm("accounts.list_organisations", is_funder_staff)
rules.add_perm("accounts.view_organisation", is_funder_staff | is_organisation_member)
rules.add_perm("accounts.change_organisation", is_funder_staff | is_organisation_admin)
rules.add_perm("accounts.manage_members", is_funder_staff | is_organisation_admin)
rules.add_perm("accounts.create_organisation", rules.is_authenticated)
