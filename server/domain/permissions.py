"""Who may do what: one table, role × intent."""

from typing import Literal

from shared_schema import Role

Action = Literal[
    "card.add",
    "card.edit.own",
    "card.edit.any",
    "card.move",
    "card.delete.own",
    "card.delete.any",
    "participant.admit",
    "participant.reject",
    "meeting.auto_admit",
    "agreement.write",
    "agreement.propose",
    "agreement.withdraw.own",
    "agreement.confirm",
    "meeting.close",
    "genogram.edit",
    "genogram.join",
    "network.place",
    "screen.show",
    "scale.ask",
    "scale.vote",
    "scale.close",
    "scale.note",
    "agenda.edit",
    "phase.change",
    "concern.write",
    "turn.take",
    "turns.run",
    "timer.run",
    "writing.run",
    "family.start",
    "family.release",
    "family.end",
    "facilitator.handoff",
    "safety.write",
    "safety.propose",
    "safety.withdraw.own",
    "safety.confirm",
]

PARTICIPANT_ROLES: frozenset[Role] = frozenset({"familie", "privat", "fagperson", "raadgiver"})
EVERYONE: frozenset[Role] = PARTICIPANT_ROLES | {"facilitator"}
FACILITATOR: frozenset[Role] = frozenset({"facilitator"})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    "card.add": EVERYONE,
    "card.edit.own": EVERYONE,
    "card.edit.any": FACILITATOR,
    "card.move": FACILITATOR,
    "card.delete.own": EVERYONE,
    "card.delete.any": FACILITATOR,
    "participant.admit": FACILITATOR,
    "participant.reject": FACILITATOR,
    "meeting.auto_admit": FACILITATOR,
    "agreement.write": FACILITATOR,
    "agreement.propose": PARTICIPANT_ROLES,
    "agreement.withdraw.own": EVERYONE,
    "agreement.confirm": PARTICIPANT_ROLES,
    "meeting.close": FACILITATOR,
    "genogram.edit": FACILITATOR,
    "genogram.join": PARTICIPANT_ROLES,
    "network.place": FACILITATOR,
    "screen.show": FACILITATOR,
    "scale.ask": FACILITATOR,
    "scale.vote": PARTICIPANT_ROLES,
    "scale.close": FACILITATOR,
    "scale.note": EVERYONE,
    "agenda.edit": FACILITATOR,
    "phase.change": FACILITATOR,
    "concern.write": frozenset({"facilitator", "raadgiver"}),
    "turn.take": PARTICIPANT_ROLES,
    "turns.run": FACILITATOR,
    "timer.run": FACILITATOR,
    "writing.run": FACILITATOR,
    "family.start": FACILITATOR,
    "family.release": frozenset({"familie", "privat"}),
    "family.end": FACILITATOR,
    "facilitator.handoff": FACILITATOR,
    "safety.write": FACILITATOR,
    "safety.propose": EVERYONE,
    "safety.withdraw.own": EVERYONE,
    "safety.confirm": PARTICIPANT_ROLES,
}


def can(role: Role, action: Action) -> bool:
    return role in PERMISSIONS[action]
