"""Funder staff shape calls; everyone may read published ones."""

import rules

from inklusiv.accounts.rules import is_funder_staff, is_programme_expert


@rules.predicate
def is_published(user, call):
    return bool(call and call.is_published)


rules.add_perm("calls.manage_calls", is_funder_staff)
rules.add_perm("calls.view_call", is_published | is_funder_staff | is_programme_expert)
