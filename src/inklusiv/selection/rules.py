"""Who may do what in the selection procedure.

Commission members and programme experts see an application only without a conflict of
interest; funder staff run the procedure and see everything.
"""

import rules

from inklusiv.accounts.rules import is_funder_staff, is_programme_expert

from . import conflicts
from .models import Assignment, CommissionMember


@rules.predicate
def has_conflict(user, application):
    return conflicts.has_conflict(user, application)


@rules.predicate
def sits_on_commission_of_stage(user, application):
    if not (user and user.is_authenticated and application):
        return False
    return CommissionMember.objects.filter(user=user, stage_id=application.stage_id).exists()


@rules.predicate
def sits_on_any_commission(user):
    return bool(user and user.is_authenticated and user.commission_seats.exists())


@rules.predicate
def is_assigned_reviewer(user, application):
    if not (user and user.is_authenticated and application):
        return False
    return Assignment.objects.filter(
        reviewer=user, application=application, stage_id=application.stage_id
    ).exists()


# Reading an application inside the procedure: its content, reviews, notes and questions.
can_read = is_funder_staff | ((is_programme_expert | sits_on_commission_of_stage) & ~has_conflict)

rules.add_perm("selection.view_procedure", is_funder_staff | is_programme_expert)
rules.add_perm("selection.manage_procedure", is_funder_staff)
rules.add_perm("selection.view_application", can_read)
rules.add_perm("selection.add_research", can_read)
rules.add_perm("selection.review_application", is_assigned_reviewer & ~has_conflict)
rules.add_perm("selection.declare_conflict", sits_on_commission_of_stage | is_programme_expert)
rules.add_perm("selection.my_reviews", sits_on_any_commission)
rules.add_perm("selection.decide", is_funder_staff)
