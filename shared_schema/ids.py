"""The two kinds of id every message carries: entity ids and client-made op ids."""

from typing import Annotated

import msgspec

Id = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{1,40}$", description="An entity id")]

OpId = Annotated[
    str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{8,64}$", description="Client-made op id, unique")
]
