"""The two kinds of id every message carries: entity ids and client-made op ids."""

from typing import Annotated

import msgspec

Id = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{1,40}$", description="An entity id")]

OpId = Annotated[
    str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{8,64}$", description="Client-made op id, unique")
]


class EntityBase(msgspec.Struct, kw_only=True):
    """What an entity is: a Struct tagged by `type`, with its id first. A person, the
    concern and an agreement, whose details their intents carry too, take those from a base
    of their own instead (`PersonDetails`, `ConcernAnswers`, `AgreementTerms`) and their id
    after them."""

    id: Id


class IntentBase(msgspec.Struct, kw_only=True):
    """What every intent is: a Struct tagged by `type`, with its client-made op id first (the
    server answers a duplicate of it with the first answer)."""

    id: OpId


class ParticipantIntent(IntentBase, kw_only=True):
    """An intent about one participant."""

    participant_id: Id
