"""The last ops a Room applied, kept so that a client back after a short drop gets those.

Most ops every viewer receives as they are: of those only the op's encoded changes are kept,
one bytes object that the garbage collector does not track, decoded for a resync. Kept as
structs (an op view, its list, its upserts) they left 4.1 tracked objects per op in the heap
against 1.6 now, and the youngest generation reached its threshold that much sooner
(server/transport/collector.py, docs/performance.md). Ops that not everyone may see keep their
view, from which each viewer's version is made."""

from collections.abc import Callable

from server.domain.visibility import OpView, Viewer
from shared_schema import Change, Entity, Op, Sync

SEEN_KEPT = 256
"""Recent ops kept: a client back after a short drop gets those instead of a snapshot."""
SHORT = 50
"""Ops a client may be behind by and still get them one by one (or as many as it would
otherwise get entities)."""

Decode = Callable[[bytes], list[Change]]


class RecentOps:
    def __init__(self, decode: Decode) -> None:
        self._kept: dict[int, bytes | OpView] = {}
        self._decode = decode

    def keep(self, seq: int, blob: bytes, seen: OpView) -> None:
        """The op at seq: its encoded changes, and what each viewer may see of it."""
        self._kept[seq] = blob if seen.plain else seen
        self._kept.pop(seq - SEEN_KEPT, None)

    def catch_up(self, last_seq: int, seq: int, viewer: Viewer, entities: list[Entity]) -> Sync:
        """From last_seq to seq as this viewer may see it: the ops, if all are kept and not too
        many, else the snapshot (`entities`, what the viewer may see of the meeting now)."""
        wanted = range(last_seq + 1, seq + 1)
        # From 0 always a snapshot: it replaces all a client holds, which is what a client
        # that now may see less (its role handed on) needs.
        short = 0 < last_seq and len(wanted) <= max(SHORT, len(entities))
        if short and all(s in self._kept for s in wanted):
            return Sync(seq=seq, ops=[Op(seq=s, changes=self._changes(s, viewer)) for s in wanted])
        return Sync(seq=seq, snapshot=entities)

    def _changes(self, seq: int, viewer: Viewer) -> list[Change]:
        kept = self._kept[seq]
        return self._decode(kept) if isinstance(kept, bytes) else kept.changes_for(viewer)
