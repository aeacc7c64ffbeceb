"""The evaluation's audit keys, one module per area."""

from . import (  # noqa: F401 - each registers its labels
    audit_actions_answering,
    audit_actions_impact,
    audit_actions_indicators,
    audit_actions_reports,
    audit_actions_surveys,
)
