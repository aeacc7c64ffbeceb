"""Who may see and change an application: its organisation's members, and the funder."""

import rules

from inklusiv.accounts.rules import is_funder_staff, is_programme_expert


@rules.predicate
def is_member_of_applicant(user, application):
    if not (user and user.is_authenticated and application):
        return False
    return application.organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_draft(user, application):
    return application is not None and application.is_editable


@rules.predicate
def has_conflict_of_interest(user, application):
    # Imported here: the selection app builds on applications, not the other way round.
    from inklusiv.selection.conflicts import has_conflict

    return has_conflict(user, application)


is_funder = is_funder_staff | is_programme_expert
# A programme expert with a conflict of interest does not see the application at all (members
# of the applicant still do, through is_member_of_applicant); funder staff see everything.
is_funder_without_conflict = is_funder_staff | (is_programme_expert & ~has_conflict_of_interest)

rules.add_perm("applications.view_application", is_member_of_applicant | is_funder_without_conflict)
rules.add_perm("applications.edit_application", is_member_of_applicant & is_draft)
rules.add_perm("applications.submit_application", is_member_of_applicant)
rules.add_perm("applications.withdraw_application", is_member_of_applicant)
rules.add_perm("applications.list_applications", is_funder)
rules.add_perm("applications.grant_extension", is_funder_staff)
rules.add_perm("applications.send_message", is_funder_without_conflict)
rules.add_perm("applications.decide", is_funder_staff)
