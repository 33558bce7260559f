"""Intents that name an entity: one the sender may not see is, to them, one that does not exist.

Before an intent runs, every id it names of an entity hidden from its sender is swapped for an
id no entity can have. The handler then takes the very path it takes for an id that never
existed: the same checks in the same order, the same code and message. No oracle."""

from typing import Any

from msgspec.structs import replace

from server.domain.state import HELD_BY_ID, State
from server.domain.visibility.rules import seen
from server.domain.visibility.viewers import Viewer
from shared_schema import (
    AcceptAgreement,
    AddAgreement,
    AdmitParticipant,
    DeleteAgreement,
    DeleteCard,
    EditAgreement,
    EditCard,
    Intent,
    MoveCard,
    ProposeAgreement,
    RejectParticipant,
    ReviewAgreement,
)
from shared_schema import facilitation as f
from shared_schema import safety as s

NOWHERE = "?"
"""Outside the schema's id pattern: no entity is ever stored under it."""

_AGREEMENT_FIELDS = (("serves", "card"), ("who_participants", "participant"))
_KEEPERS = (("keeper_participants", "participant"),)
SAFETY_ITEM = "safety_rule|safety_sign|safety_contact"
"""A rule, a warning sign or a contact: `item_id` names any of the three."""

NAMED: dict[type[Any], tuple[tuple[str, str], ...]] = {
    EditCard: (("card_id", "card"),),
    MoveCard: (("card_id", "card"), ("after", "card")),
    DeleteCard: (("card_id", "card"),),
    AddAgreement: _AGREEMENT_FIELDS,
    ProposeAgreement: _AGREEMENT_FIELDS,
    EditAgreement: (("agreement_id", "agreement"), *_AGREEMENT_FIELDS),
    AcceptAgreement: (("agreement_id", "agreement"),),
    DeleteAgreement: (("agreement_id", "agreement"),),
    ReviewAgreement: (("agreement_id", "agreement"),),
    AdmitParticipant: (("participant_id", "participant"),),
    RejectParticipant: (("participant_id", "participant"),),
    f.LowerHand: (("participant_id", "participant"),),
    f.GiveWord: (("participant_id", "participant"),),
    f.MarkAbsent: (("participant_id", "participant"),),
    f.HandOver: (("participant_id", "participant"),),
    f.SetSeats: (("order", "participant"),),
    s.AddSafetyRule: _KEEPERS,
    s.EditSafetyRule: (("rule_id", "safety_rule"), *_KEEPERS),
    s.ConfirmSafetyRule: (("rule_id", "safety_rule"),),
    s.ReviewSafetyRule: (("rule_id", "safety_rule"),),
    s.EditWarningSign: (("sign_id", "safety_sign"),),
    s.EditSafetyContact: (("contact_id", "safety_contact"),),
    s.AcceptSafetyItem: (("item_id", SAFETY_ITEM),),
    s.DeleteSafetyItem: (("item_id", SAFETY_ITEM),),
}
"""Each intent's fields that name an existing entity, and its kind. Ids an intent *creates*
(card_id of a new card) are not here: they are the sender's own, made at random."""


def as_named_by(state: State, intent: Intent, viewer: Viewer) -> Intent:
    """The intent with every id of an entity its sender may not see replaced by NOWHERE."""
    fields = NAMED.get(type(intent))
    if not fields:
        return intent
    swapped: dict[str, Any] = {}
    for name, kind in fields:
        given = getattr(intent, name)
        if isinstance(given, list):
            hidden = [_unseen(state, kind, held, viewer) for held in given]
            if any(hidden):
                swapped[name] = [
                    NOWHERE if h else held for h, held in zip(hidden, given, strict=True)
                ]
        elif given is not None and _unseen(state, kind, given, viewer):
            swapped[name] = NOWHERE
    return replace(intent, **swapped) if swapped else intent


def _unseen(state: State, kinds: str, entity_id: str, viewer: Viewer) -> bool:
    for kind in kinds.split("|"):
        entity = getattr(state, HELD_BY_ID[kind]).get(entity_id)
        if entity is not None:
            return seen(state, entity, viewer) is None
    return False
