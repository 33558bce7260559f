"""The ops a Room keeps for a resync: a client back after a short drop gets each op as it may see
it; one too far behind, back from nothing, or behind ops no longer kept gets a snapshot."""

from server.domain import State, visibility
from server.domain.visibility import Viewer
from server.live.recent import SEEN_KEPT, SHORT, RecentOps
from server.live.rooms import decode_changes, encode_changes
from shared_schema import Card, Change, Intent, Upsert
from tests.fixtures import LOUISE, holm, op_id

from .meetings import intent
from .seen import act_seen

SARA = Viewer(role="familie", participant_id="sara")
METTE = Viewer(role="fagperson", participant_id="mette")
SECRET = "Jeg er bange for, at Thomas drikker igen."


def keep(state: State, recent: RecentOps, seq: int, given: Intent, actor: str) -> list[Change]:
    """Apply the intent as a Room does and keep its op at seq."""
    changes, seen = act_seen(state, given, actor)
    recent.keep(seq, encode_changes(changes), seen)
    return changes


def add(text: str, column: str = "works") -> Intent:
    card_id = f"note-{op_id()}"
    added: Intent = intent("card.add", card_id=card_id, column=column, text=text)
    return added


def test_a_client_a_few_ops_behind_gets_each_op_as_everyone_was_sent_it() -> None:
    state = holm()
    recent = RecentOps(decode_changes)
    sent = [
        keep(state, recent, 1, add("Mormor henter Emil om torsdagen."), "sara"),
        keep(state, recent, 2, add("Emil spiller fodbold om onsdagen."), "mette"),
        keep(state, recent, 3, add("Far kører Emil til træning."), "sara"),
    ]

    sync = recent.catch_up(1, 3, METTE, visibility.entities(state, METTE))

    assert sync.snapshot is None
    assert [(op.seq, op.changes) for op in sync.ops or []] == [(2, sent[1]), (3, sent[2])]


def test_a_private_note_reaches_by_resync_only_those_who_may_see_it() -> None:
    state = holm()
    recent = RecentOps(decode_changes)
    keep(state, recent, 1, intent("writing.private", column="next"), LOUISE)
    keep(state, recent, 2, add(SECRET, "next"), "sara")

    for_sara = recent.catch_up(1, 2, SARA, visibility.entities(state, SARA))
    for_mette = recent.catch_up(1, 2, METTE, visibility.entities(state, METTE))

    [sara_op] = for_sara.ops or []
    [mette_op] = for_mette.ops or []
    assert any(
        isinstance(c, Upsert) and isinstance(c.entity, Card) and c.entity.text == SECRET
        for c in sara_op.changes
    )
    assert mette_op.changes == []
    assert SECRET not in repr(for_mette)


def test_a_client_back_from_nothing_gets_a_snapshot() -> None:
    state = holm()
    recent = RecentOps(decode_changes)
    keep(state, recent, 1, add("Mormor henter Emil om torsdagen."), "sara")

    sync = recent.catch_up(0, 1, METTE, visibility.entities(state, METTE))

    assert sync.ops is None
    assert sync.snapshot == visibility.entities(state, METTE)


def test_ops_no_longer_kept_are_caught_up_by_a_snapshot() -> None:
    state, recent = rewritten(SEEN_KEPT + 2)
    last = SEEN_KEPT + 2
    entities = visibility.entities(state, METTE)

    assert recent.catch_up(1, last, METTE, entities).snapshot == entities
    assert recent.catch_up(last - 2, last, METTE, entities).ops is not None


def test_a_client_far_behind_gets_a_snapshot_though_the_ops_are_kept() -> None:
    state, recent = rewritten(SHORT + 2)
    entities = visibility.entities(state, METTE)
    assert len(entities) < SHORT, "the scenario's meeting is small"

    assert recent.catch_up(1, SHORT + 2, METTE, entities).snapshot == entities
    assert recent.catch_up(2, SHORT + 2, METTE, entities).ops is not None


def rewritten(ops: int) -> tuple[State, RecentOps]:
    """Sara writes one note and rewrites it, `ops` ops in all, each kept."""
    state = holm()
    recent = RecentOps(decode_changes)
    texts = ("Mormor henter Emil om torsdagen.", "Mormor henter Emil om fredagen.")
    keep(
        state,
        recent,
        1,
        intent("card.add", card_id="note-sara", column="works", text=texts[1]),
        "sara",
    )
    for seq in range(2, ops + 1):
        keep(
            state,
            recent,
            seq,
            intent("card.edit", card_id="note-sara", text=texts[seq % 2]),
            "sara",
        )
    return state, recent
