"""Property test of the application lifecycle (issue 4, acceptance).

Hypothesis draws an application in any status in either stage of a two-stage call, and a
sequence of steps (action, actor, with or without a reason) from the table's actions plus
some that do not exist, and runs each through workflow.apply as a service would. After every
step the invariants below must hold; besides, an independent model of the rules (written
from the issue, not from the table's code) predicts whether the step is allowed, so a table
that allowed too much or too little would fail too.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from inklusiv.applications import workflow
from inklusiv.applications.models import FINAL_STATES, Application, Status
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    StageFactory,
    make_user,
)

TABLE_ACTIONS = sorted({action for _status, action in workflow.TRANSITIONS})
# Actions the table does not know: they must be refused in every status.
INVALID_ACTIONS = ["reopen", "delete", "approve", "", "ADVANCE", "submit "]

# The model: who may do what, and which actions need a reason or a particular stage.
STAFF_ACTIONS = {"mark_eligible", "mark_ineligible", "start_review", "advance", "decline"} | {
    "select",
    "reject",
}
MEMBER_ACTIONS = {"submit", "withdraw"}
NEEDS_REASON = {"mark_ineligible", "withdraw"}
NEEDS_NEXT_STAGE = {"advance", "decline"}
NEEDS_LAST_STAGE = {"select", "reject"}
EXPECTED_TARGETS = {
    (Status.DRAFT, "submit"): Status.SUBMITTED,
    (Status.SUBMITTED, "mark_eligible"): Status.ELIGIBLE,
    (Status.SUBMITTED, "mark_ineligible"): Status.INELIGIBLE,
    (Status.ELIGIBLE, "start_review"): Status.IN_REVIEW,
    (Status.ADVANCED, "start_review"): Status.IN_REVIEW,
    (Status.IN_REVIEW, "advance"): Status.ADVANCED,
    (Status.IN_REVIEW, "decline"): Status.NOT_ADVANCED,
    (Status.IN_REVIEW, "select"): Status.SELECTED,
    (Status.IN_REVIEW, "reject"): Status.NOT_SELECTED,
    **{
        (status, "withdraw"): Status.WITHDRAWN
        for status in (
            Status.DRAFT,
            Status.SUBMITTED,
            Status.ELIGIBLE,
            Status.IN_REVIEW,
            Status.ADVANCED,
        )
    },
}


def _model_allows(status, stage, action, actor, reason) -> bool:
    if (status, action) not in EXPECTED_TARGETS:
        return False
    if action in STAFF_ACTIONS and actor != "staff":
        return False
    if action in MEMBER_ACTIONS and actor != "member":
        return False
    if action in NEEDS_NEXT_STAGE and stage.next_stage() is None:
        return False
    if action in NEEDS_LAST_STAGE and stage.next_stage() is not None:
        return False
    return not (action in NEEDS_REASON and not reason)


def test_the_model_and_the_table_know_the_same_transitions():
    assert {key: t.target for key, t in workflow.TRANSITIONS.items()} == EXPECTED_TARGETS
    assert EXPECTED_TARGETS.keys().isdisjoint(
        {(status, action) for status in FINAL_STATES for action in TABLE_ACTIONS}
    )


@pytest.fixture
def world(db):
    call = CallFactory()
    first = call.first_stage()
    second = StageFactory(call=call, position=2, name_de="Zweite Runde", name_en="Second round")
    membership = MembershipFactory()
    return {
        "call": call,
        "stages": [first, second],
        "organisation": membership.organisation,
        "people": {
            "member": membership.user,
            "staff": make_user("funder_staff"),
            "expert": make_user("programme_expert"),
            "outsider": make_user(None),
        },
    }


# A step's action is either any action (the table's or an unknown one), or, given as a
# number, one of the actions the model expects from the current status: without these,
# random walks rarely get past the first transitions. People who run the procedure act more
# often than others, and reasons are mostly given, so that walks go deep; refusals stay
# frequent all the same.
steps = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(TABLE_ACTIONS + INVALID_ACTIONS), st.integers(0, 7)),
        st.sampled_from(["staff"] * 4 + ["member"] * 3 + ["expert", "outsider"]),
        st.sampled_from(["Der Träger hat sich aufgelöst."] * 3 + ["", "   "]),
    ),
    min_size=8,
    max_size=20,
)


def _action(choice, status) -> str:
    if isinstance(choice, str):
        return choice
    fitting = sorted(action for (state, action) in EXPECTED_TARGETS if state == status)
    return fitting[choice % len(fitting)] if fitting else "withdraw"


# Open states more often than final ones, which refuse everything.
START_STATES = [status for status in Status if status not in FINAL_STATES] * 3 + sorted(
    FINAL_STATES
)


def _transition_entries(application):
    return list(
        audit.history_for(application)
        .filter(action__in=[f"application_{action}" for action in TABLE_ACTIONS])
        .order_by("created_at", "id")
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    start=st.sampled_from(START_STATES),
    start_stage=st.sampled_from([0, 1]),
    steps=steps,
)
def test_random_steps_keep_the_lifecycle_invariants(world, start, start_stage, steps):
    # Each example works in its own transaction, rolled back at the end, so examples do not
    # see each other's application (an organisation applies once per call).
    with transaction.atomic():
        application = ApplicationFactory(
            call=world["call"],
            organisation=world["organisation"],
            stage=world["stages"][start_stage],
            status=start,
        )
        changes = 0
        for choice, actor_key, reason in steps:
            actor = world["people"][actor_key]
            before = Application.objects.select_related("stage").get(pk=application.pk)
            action = _action(choice, before.status)
            entries_before = audit.history_for(application).count()
            expected = _model_allows(before.status, before.stage, action, actor_key, reason.strip())
            try:
                # A savepoint per step, as a service's transaction.atomic() would be.
                with transaction.atomic():
                    workflow.apply(application, action, actor=actor, reason=reason)
            except (DomainError, PermissionDenied) as refusal:
                after = Application.objects.get(pk=application.pk)
                assert not expected, (before.status, action, actor_key, reason, refusal)
                # Refused: nothing changed and nothing was written to the log.
                assert (after.status, after.stage_id) == (before.status, before.stage_id)
                assert audit.history_for(application).count() == entries_before
                continue
            after = Application.objects.get(pk=application.pk)
            assert expected, (before.status, action, actor_key, reason)
            # Shown by --hypothesis-show-statistics: which transitions the run exercised.
            event(f"allowed: {action}")
            changes += 1
            # The table allows exactly this step, to exactly this state.
            transition = workflow.TRANSITIONS[(before.status, action)]
            assert after.status == transition.target
            assert before.status not in FINAL_STATES
            # The stage moves only on advance, and then to the next one.
            if action == "advance":
                assert after.stage_id == before.stage.next_stage().pk
            else:
                assert after.stage_id == before.stage_id
            # Exactly one audit entry, holding before and after.
            new_entries = list(audit.history_for(application))[
                : audit.history_for(application).count() - entries_before
            ]
            assert len(new_entries) == 1
            entry = new_entries[0]
            assert entry.action == f"application_{action}"
            assert entry.actor_id == actor.pk
            assert entry.before == {"status": before.status, "stage": before.stage_id}
            assert entry.after == {"status": after.status, "stage": after.stage_id}
            assert entry.reason == reason
        # Over the whole run: one entry per status change, each a real change.
        entries = _transition_entries(application)
        assert len(entries) == changes
        assert all(entry.before["status"] != entry.after["status"] for entry in entries)
        transaction.set_rollback(True)


def test_final_states_refuse_every_action(world):
    """Exhaustively, beside the random walk: nothing leaves a final state, whoever asks."""
    for status in FINAL_STATES:
        with transaction.atomic():
            application = ApplicationFactory(
                call=world["call"], organisation=world["organisation"], status=status
            )
            for action in TABLE_ACTIONS + INVALID_ACTIONS:
                for person in world["people"].values():
                    with pytest.raises((DomainError, PermissionDenied)):
                        with transaction.atomic():
                            workflow.apply(application, action, actor=person, reason="Grund")
            application.refresh_from_db()
            assert application.status == status
            assert not _transition_entries(application)
            transaction.set_rollback(True)
