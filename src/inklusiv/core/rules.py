"""Who may read the cross-cutting records."""

import rules

from inklusiv.accounts.rules import is_funder_staff

rules.add_perm("core.view_audit_log", is_funder_staff)
rules.add_perm("core.view_outbox", is_funder_staff)
rules.add_perm("core.view_accessibility_feedback", is_funder_staff)
