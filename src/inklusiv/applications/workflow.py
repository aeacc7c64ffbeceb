"""The application lifecycle as one table: (state, action) → new state, and who may do it.

No other code sets Application.status. Each transition locks the row, checks this table and
the actor's permission, and writes the audit log; services add the side effects (version,
e-mail) inside the same transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError

from .models import Application, Status


def _has_next_stage(application) -> str | None:
    if application.stage.next_stage() is None:
        return _("This is the last stage: select or do not select the application instead.")
    return None


def _is_last_stage(application) -> str | None:
    if application.stage.next_stage() is not None:
        return _("There is a further stage: advance or decline the application instead.")
    return None


@dataclass(frozen=True)
class Transition:
    target: str
    permission: str
    label: str
    # Returns a message when the transition is not possible for this application.
    guard: Callable[[Application], str | None] | None = None
    reason_required: bool = False


def _staff(target, label, **kwargs) -> Transition:
    return Transition(target, "applications.decide", label, **kwargs)


_WITHDRAW = Transition(
    Status.WITHDRAWN,
    "applications.withdraw_application",
    gettext_lazy("Withdraw"),
    reason_required=True,
)

TRANSITIONS: dict[tuple[str, str], Transition] = {
    (Status.DRAFT, "submit"): Transition(
        Status.SUBMITTED, "applications.submit_application", gettext_lazy("Submit")
    ),
    (Status.SUBMITTED, "mark_eligible"): _staff(Status.ELIGIBLE, gettext_lazy("Formally eligible")),
    (Status.SUBMITTED, "mark_ineligible"): _staff(
        Status.INELIGIBLE, gettext_lazy("Formally ineligible"), reason_required=True
    ),
    (Status.ELIGIBLE, "start_review"): _staff(Status.IN_REVIEW, gettext_lazy("Start the review")),
    (Status.ADVANCED, "start_review"): _staff(Status.IN_REVIEW, gettext_lazy("Start the review")),
    (Status.IN_REVIEW, "advance"): _staff(
        Status.ADVANCED, gettext_lazy("Advance to the next stage"), guard=_has_next_stage
    ),
    (Status.IN_REVIEW, "decline"): _staff(
        Status.NOT_ADVANCED, gettext_lazy("Do not advance"), guard=_has_next_stage
    ),
    (Status.IN_REVIEW, "select"): _staff(
        Status.SELECTED, gettext_lazy("Select"), guard=_is_last_stage
    ),
    (Status.IN_REVIEW, "reject"): _staff(
        Status.NOT_SELECTED, gettext_lazy("Do not select"), guard=_is_last_stage
    ),
    (Status.DRAFT, "withdraw"): _WITHDRAW,
    (Status.SUBMITTED, "withdraw"): _WITHDRAW,
    (Status.ELIGIBLE, "withdraw"): _WITHDRAW,
    (Status.IN_REVIEW, "withdraw"): _WITHDRAW,
    (Status.ADVANCED, "withdraw"): _WITHDRAW,
}


def allowed_actions(application: Application, user) -> list[str]:
    return [
        action
        for (state, action), transition in TRANSITIONS.items()
        if state == application.status and user.has_perm(transition.permission, application)
    ]


def apply(application: Application, action: str, *, actor, reason: str = "") -> Application:
    """Run one transition on a freshly locked row; call inside transaction.atomic()."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    transition = TRANSITIONS.get((locked.status, action))
    if transition is None:
        raise DomainError(
            _("This is not possible while the application is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    if not actor.has_perm(transition.permission, locked):
        raise PermissionDenied
    problem = transition.guard(locked) if transition.guard else None
    if problem:
        raise DomainError(problem)
    if transition.reason_required and not reason.strip():
        raise DomainError(_("Please give a reason."), field="reason")
    before = {"status": locked.status, "stage": locked.stage_id}
    locked.status = transition.target
    now = timezone.now()
    if transition.target == Status.SUBMITTED:
        locked.submitted_at = now
    if transition.target == Status.WITHDRAWN:
        locked.withdrawn_at = now
        locked.withdrawal_reason = reason
    if transition.target == Status.ADVANCED:
        # Advancing moves the application into the next round.
        locked.stage = locked.stage.next_stage()
    locked.save(
        update_fields=["status", "stage", "submitted_at", "withdrawn_at", "withdrawal_reason"]
    )
    audit.record(
        actor=actor,
        obj=locked,
        action=f"application_{action}",
        before=before,
        after={"status": locked.status, "stage": locked.stage_id},
        reason=reason,
    )
    return locked


def label(action: str) -> str:
    """The button label of an action, the same whatever state it starts from."""
    for (_state, name), transition in TRANSITIONS.items():
        if name == action:
            return str(transition.label)
    raise KeyError(action)
