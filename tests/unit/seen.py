"""Apply an intent as a Room does and keep what each viewer is shown of the op."""

from server.domain import State, apply, evolve, visibility
from server.domain.visibility import OpView
from shared_schema import Change, Intent
from tests.fixtures import NOW


def act_seen(
    state: State, intent: Intent, actor_id: str, now: float = NOW
) -> tuple[list[Change], OpView]:
    changes = apply(state, intent, actor_id, now)
    witness = visibility.witness(state, changes)
    evolve(state, changes)
    return changes, witness.seen_after(state)
