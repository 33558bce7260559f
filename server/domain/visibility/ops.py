"""One op as each viewer may see it: what it changed of what they could see.

The Room records, when it applies an op, the entities the op touched and those whose view
depends on them, as they were before and after. Each viewer then receives the difference of
their view of the two: an upsert for what they now see differently, a removal for what they saw
and no longer do, and nothing at all about what they never saw (not even its id)."""

from dataclasses import dataclass

from server.domain.state import HELD_BY_ID, State, from_entities
from server.domain.visibility.rules import Key, plain, referred_by, refers_to, seen
from server.domain.visibility.viewers import Viewer
from shared_schema import Change, Entity, Remove, Upsert


def _key_of(change: Change) -> Key:
    if isinstance(change, Upsert):
        return (str(change.entity.__struct_config__.tag), change.entity.id)
    return (change.kind, change.id)


def _get(state: State, held: Key) -> Entity | None:
    kind, entity_id = held
    field = HELD_BY_ID.get(kind)
    if field is None:
        found: Entity | None = getattr(state, kind, None)
        return found if found is not None and found.id == entity_id else None
    entity: Entity | None = getattr(state, field).get(entity_id)
    return entity


def _excerpt(state: State, keys: list[Key]) -> State:
    """The entities named, and those they refer to: all a rule reads of them."""
    held: list[Entity] = []
    for named in keys:
        entity = _get(state, named)
        if entity is None:
            continue
        held.append(entity)
        held.extend(e for e in (_get(state, k) for k in refers_to(state, entity)) if e is not None)
    return from_entities(held)


@dataclass(frozen=True)
class _Excerpts:
    keys: list[Key]
    before: State
    after: State


@dataclass(frozen=True)
class OpView:
    """What one op changed, as far as any viewer's view of it goes. An op every viewer
    receives as it is keeps nothing but its changes (most ops: a Room keeps the last few
    hundred)."""

    changes: list[Change]
    excerpts: _Excerpts | None = None

    @property
    def plain(self) -> bool:
        """Every viewer receives the op's changes as they are."""
        return self.excerpts is None

    def changes_for(self, viewer: Viewer) -> list[Change]:
        if self.excerpts is None:
            return self.changes
        before, after = self.excerpts.before, self.excerpts.after
        shown: list[Change] = []
        for held in self.excerpts.keys:
            was = _get(before, held)
            now = _get(after, held)
            had = seen(before, was, viewer) if was is not None else None
            has = seen(after, now, viewer) if now is not None else None
            if has is not None and has != had:
                shown.append(Upsert(entity=has))
            elif has is None and had is not None:
                shown.append(Remove(kind=held[0], id=held[1]))  # type: ignore[arg-type]
        return shown


@dataclass(frozen=True)
class Witness:
    """Taken just before an op's changes are applied; `seen_after` finishes it."""

    changes: list[Change]
    keys: list[Key]
    before: State

    def seen_after(self, state: State) -> OpView:
        keys = dict.fromkeys(self.keys)
        for held in self.keys:
            keys.update(dict.fromkeys(referred_by(state, held)))
        ordered = list(keys)
        after = _excerpt(state, ordered)
        everyone = all(
            plain(excerpt, entity)
            for excerpt in (self.before, after)
            for entity in excerpt.entities()
        )
        if everyone:
            return OpView(changes=self.changes)
        return OpView(changes=self.changes, excerpts=_Excerpts(ordered, self.before, after))


def witness(state: State, changes: list[Change]) -> Witness:
    """Call before evolve(state, changes)."""
    keys = dict.fromkeys(_key_of(change) for change in changes)
    for held in list(keys):
        keys.update(dict.fromkeys(referred_by(state, held)))
    ordered = list(keys)
    return Witness(changes=changes, keys=ordered, before=_excerpt(state, ordered))
