"""What the trainings app's audit keys mean; each part of the app keeps its labels in its own
module, imported here so core finds them all."""

from . import (  # noqa: F401 - each module registers its labels
    audit_actions_catalogue,
    audit_actions_certificates,
    audit_actions_registrations,
)
