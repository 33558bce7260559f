"""A small meeting of the Holm family, built through the pure domain, for unit tests."""

from typing import Any

import msgspec

from server import domain
from server.domain import State
from shared_schema import (
    COLUMNS,
    Agreement,
    Carried,
    CreateMeeting,
    Intent,
    JoinMeeting,
    Meeting,
    Participant,
)

NOW = 1_795_000_000.0
FACILITATOR = "louise"
PEOPLE = {
    "mette": ("Mette", "familie", "mor"),
    "jens": ("Jens", "privat", "morfar"),
    "karin": ("Karin", "fagperson", "klasselærer"),
}


def holm(carried: list[Agreement] | None = None) -> State:
    """Louise facilitates; Mette, Jens and Karin are admitted; one note in "Hvad skal der ske?".
    A follow-up meeting starts with `carried` agreements from the last one."""
    state = State()
    created = CreateMeeting(
        id="create-0001",
        meeting=Meeting(
            id="holm",
            title="Netværksmøde om Emil, 9 år",
            template="three_columns",
            columns=list(COLUMNS["three_columns"]),
            created_at=NOW,
        ),
        facilitator=Participant(
            id=FACILITATOR, name="Louise", role="facilitator", admitted=True, joined_at=NOW
        ),
        carried=Carried(agreements=carried) if carried else None,
    )
    domain.evolve(state, domain.apply_system(state, created, NOW))
    for pid, (name, role, relation) in PEOPLE.items():
        joined = JoinMeeting(
            id=f"join-{pid}-01",
            participant=msgspec.convert(
                {"id": pid, "name": name, "role": role, "relation": relation, "joined_at": NOW},
                Participant,
            ),
        )
        domain.evolve(state, domain.apply_system(state, joined, NOW))
        run(state, FACILITATOR, "participant.admit", participant_id=pid)
    run(
        state,
        FACILITATOR,
        "card.add",
        card_id="next-1",
        column="next",
        text="Emil skal komme i skole hver dag",
    )
    return state


_count = 0


def intent(kind: str, **fields: Any) -> Any:
    """An intent decoded as the server decodes one from a socket."""
    global _count
    _count += 1
    return msgspec.convert({"type": kind, "id": f"op-unit-{_count:06d}", **fields}, Intent)


def run(state: State, actor: str, kind: str, **fields: Any) -> list[Any]:
    """Apply one intent and evolve the state; raises Rejected like the Room sees it."""
    changes = domain.apply(state, intent(kind, **fields), actor, NOW)
    domain.evolve(state, changes)
    return changes
