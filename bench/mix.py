"""What simulated people do in a meeting, and how often: the realistic mix of edits.

Notes (add, edit, delete by their author; move by the facilitator), votes on the meeting's
safety scale (cast and changed by each phone), and presence (phones dropping off and coming
back). Add an Action to a mix below and the load generator sends it in proportion to its
weight.
"""

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCENARIO = Path(__file__).resolve().parent.parent / "tests" / "integration" / "holm.json"
"""The Holm family's invented meeting (a copy of shared/scenarios/holm.json)."""
HOLM: dict[str, Any] = json.loads(SCENARIO.read_text("utf-8"))

_SECTIONS = {"bekymrer": "worries", "fungerer": "works", "skal_ske": "next"}
NOTES: list[tuple[str, str]] = [
    (_SECTIONS[section], note["text"]) for section, notes in HOLM["notes"].items() for note in notes
]
"""(column, text) of every note in the scenario; simulated edits write these texts."""
COLUMNS: tuple[str, ...] = ("worries", "works", "next")
"""The columns of the `three_columns` template the benchmark meetings use."""

_ROLES = {
    "familie": "familie",
    "privat netværk": "privat",
    "fagperson": "fagperson",
    "rådgiver": "raadgiver",
}
PEOPLE: list[dict[str, Any]] = [
    {
        "name": p["name"],
        "role": _ROLES[p["role"]],
        "relation": p["relation"],
        "remote": p["remote"],
    }
    for p in HOLM["participants"]
]

SCALE_ID = "sikkerhed"
"""The safety scale the facilitator asks in every benchmark meeting before the load starts."""

OWN_NOTES_MIN = 2
OWN_NOTES_MAX = 5
"""Each phone keeps between these many notes of its own, so meetings stay a realistic size."""

CHURN_PER_PHONE_PER_MINUTE = 0.5
"""Presence: how often a phone drops its connection (screen lock, Wi-Fi) and comes back:
about every two minutes, more often than in a calm meeting."""
OFFLINE_SECONDS = (0.5, 2.0)

Intent = dict[str, Any]


@dataclass
class Hand:
    """What one device knows and owns: its notes, and the board as it has seen it."""

    facilitator: bool
    rng: random.Random
    own: dict[str, str] = field(default_factory=dict)
    """card id -> text of the notes this device wrote."""
    board: dict[str, str] = field(default_factory=dict)
    """card id -> column of every note this device has seen."""
    turn: int = 0
    vote_id: str | None = None

    def new_id(self, prefix: str) -> str:
        return f"{prefix}{self.rng.getrandbits(64):016x}"

    def next_note(self, avoid: str = "") -> tuple[str, str]:
        """The next note of the scenario, never the text `avoid` (an unchanged edit is no op)."""
        while True:
            self.turn += 1
            column, text = NOTES[(self.turn + self.rng.randrange(len(NOTES))) % len(NOTES)]
            if text != avoid:
                return column, text


def add_note(hand: Hand) -> Intent | None:
    if len(hand.own) >= OWN_NOTES_MAX:
        return None
    column, text = hand.next_note()
    card_id = hand.new_id("c")
    hand.own[card_id] = text
    return {
        "type": "card.add",
        "id": hand.new_id("op"),
        "card_id": card_id,
        "column": column,
        "text": text,
    }


def edit_note(hand: Hand) -> Intent | None:
    if not hand.own:
        return None
    card_id = hand.rng.choice(list(hand.own))
    _, text = hand.next_note(avoid=hand.own[card_id])
    hand.own[card_id] = text
    return {"type": "card.edit", "id": hand.new_id("op"), "card_id": card_id, "text": text}


def delete_note(hand: Hand) -> Intent | None:
    if len(hand.own) <= OWN_NOTES_MIN:
        return None
    card_id = hand.rng.choice(list(hand.own))
    del hand.own[card_id]
    return {"type": "card.delete", "id": hand.new_id("op"), "card_id": card_id}


def move_note(hand: Hand) -> Intent | None:
    """The facilitator drags a note to a column, first or after another note there."""
    if not hand.board:
        return None
    card_id = hand.rng.choice(list(hand.board))
    column = hand.rng.choice(COLUMNS)
    there = [other for other, at in hand.board.items() if at == column and other != card_id]
    after = hand.rng.choice(there) if there and hand.rng.random() < 0.8 else None
    return {
        "type": "card.move",
        "id": hand.new_id("op"),
        "card_id": card_id,
        "column": column,
        "after": after,
    }


def vote(hand: Hand) -> Intent:
    """A phone votes on the safety scale, or changes its vote: the vote keeps its id."""
    if hand.vote_id is None:
        hand.vote_id = hand.new_id("v")
    return {
        "type": "scale.vote",
        "id": hand.new_id("op"),
        "scale_id": SCALE_ID,
        "vote_id": hand.vote_id,
        "value": hand.rng.randrange(11),
    }


@dataclass(frozen=True)
class Action:
    kind: str
    weight: float
    make: Callable[[Hand], Intent | None]
    """The intent, or None when it does not apply now (then another action is tried)."""


PHONE_MIX: tuple[Action, ...] = (
    Action("card.add", 30, add_note),
    Action("card.edit", 55, edit_note),
    Action("card.delete", 15, delete_note),
    Action("scale.vote", 15, vote),
)
FACILITATOR_MIX: tuple[Action, ...] = (
    Action("card.move", 100, move_note),
    Action("card.add", 0.001, add_note),
)
"""The facilitator moves notes; it adds one only while the board is still empty."""


def next_intent(hand: Hand) -> Intent | None:
    """One intent drawn from the device's mix by weight (falling back to what applies)."""
    mix = FACILITATOR_MIX if hand.facilitator else PHONE_MIX
    first = hand.rng.choices(mix, weights=[action.weight for action in mix])[0]
    for action in (first, *sorted(mix, key=lambda action: -action.weight)):
        intent = action.make(hand)
        if intent is not None:
            return intent
    return None


def track(board: dict[str, str], change: dict[str, Any]) -> None:
    """Keep `board` (card id -> column) up to date from one broadcast change.

    Kreds sends entity upserts and removals; the bare relay echoes the intents themselves.
    """
    kind = change.get("type")
    if kind == "upsert":
        entity = change["entity"]
        if entity.get("type") == "card":
            board[entity["id"]] = entity["column"]
    elif kind == "remove":
        if change.get("kind") == "card":
            board.pop(change["id"], None)
    elif kind in ("card.add", "card.move"):
        board[change["card_id"]] = change["column"]
    elif kind == "card.delete":
        board.pop(change["card_id"], None)
