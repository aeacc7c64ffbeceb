"""Who may do what with on-site meetings.

Funder staff and programme experts organise the meetings (in the seed, the responsible
programme expert looks for dates); an expert with a conflict of interest with the applicant
neither sees nor organises its meeting. Participants see the meetings they are invited to.
Accessibility needs are read only by the organisers.
"""

import rules

from inklusiv.accounts.rules import is_funder_staff, is_programme_expert
from inklusiv.selection import conflicts

from .models import Participant


@rules.predicate
def has_conflict(user, visit):
    return bool(visit) and conflicts.has_conflict(user, visit.application)


@rules.predicate
def is_participant(user, visit):
    if not (user and user.is_authenticated and visit):
        return False
    return Participant.objects.filter(visit=visit, user=user).exists()


@rules.predicate
def is_expert_participant(user, visit):
    if not (user and user.is_authenticated and visit):
        return False
    return Participant.objects.filter(visit=visit, user=user, kind=Participant.Kind.EXPERT).exists()


@rules.predicate
def belongs_to_applicant(user, visit):
    if not (user and user.is_authenticated and visit):
        return False
    return visit.application.organisation.memberships.filter(user=user).exists()


can_organise = is_funder_staff | (is_programme_expert & ~has_conflict)

# The pages of a stage's round (overview, settings, schedule) and of single meetings.
rules.add_perm("visits.manage_rounds", is_funder_staff | is_programme_expert)
rules.add_perm("visits.organise_visit", can_organise)
# Organisers read participants' accessibility needs; nobody else does.
rules.add_perm("visits.view_accessibility_needs", can_organise)


@rules.predicate
def has_applicant_side_seat(user, visit):
    if not (user and user.is_authenticated and visit):
        return False
    return Participant.objects.filter(
        visit=visit,
        user=user,
        kind__in=[Participant.Kind.CONTACT, Participant.Kind.PARTNER],
    ).exists()


# The conflict rule keeps the funder's side impartial; the applicant's own people (who count as
# "conflicted" with their application by definition) must of course see their meeting.
rules.add_perm(
    "visits.view_visit",
    can_organise
    | belongs_to_applicant
    | has_applicant_side_seat
    | (is_participant & ~has_conflict),
)
rules.add_perm("visits.record_minutes", is_funder_staff | (is_expert_participant & ~has_conflict))
rules.add_perm("visits.enter_availability", is_programme_expert)
