"""The genogram and the network map in words, for the referat: the record must hold who is in
the child's family and network, and it must paste as plain text into the case journal."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import get_args

import msgspec

from server.domain import visibility
from server.domain.genogram import COUPLE, EMOTIONAL, PARENT
from server.domain.state import State
from server.domain.visibility import RECORD
from server.render.words import DANISH, say
from shared_schema import Person, Relation, RelationKind, Sector


@dataclass(frozen=True)
class Drawings:
    """The two drawings as the referat lists them; empty when the meeting drew neither."""

    persons: list[str]
    relations: list[str]
    network: list[tuple[str, list[str]]]
    carried_from: str = ""
    """The day of the earlier meeting a follow-up's drawing was brought over from, in words."""
    figures: str = ""
    """What the page's pictures draw, as JSON (see figure_data)."""

    def carried_note(self) -> list[str]:
        return [say("carried", day=self.carried_from)] if self.carried_from else []


def _years(person: Person) -> str:
    if person.deceased:
        if person.born is not None and person.died is not None:
            return say("lived", born=person.born, died=person.died)
        if person.died is not None:
            return say("died_in", died=person.died)
        return say("born_died", born=person.born) if person.born is not None else say("died")
    return say("born", born=person.born) if person.born is not None else ""


def _person(person: Person) -> str:
    details = [part for part in (DANISH[f"sex.{person.sex}"], _years(person)) if part]
    text = person.name + (f" ({', '.join(details)})" if details else "")
    extra = []
    if person.focus:
        extra.append(DANISH["focus"])
    if person.household:
        extra.append(say("household", household=person.household))
    if person.note:
        extra.append(person.note)
    return text + (" – " + "; ".join(extra) if extra else "")


def _relation(relation: Relation, names: dict[str, str]) -> str:
    a, b, kind = names[relation.a], names[relation.b], DANISH[f"kind.{relation.kind}"]
    if relation.kind in PARENT:
        return say("parent_of", a=a, kind=kind, b=b)
    if relation.kind in COUPLE or relation.kind in EMOTIONAL:
        return f"{a} og {b}: {kind}"
    return f"{a} og {b}"


def build(state: State, carried_from: str = "") -> Drawings:
    drawn = sorted(
        (p for p in state.persons.values() if p.in_genogram),
        key=lambda p: (not p.focus, p.born if p.born is not None else 9999, p.name),
    )
    names = {p.id: p.name for p in state.persons.values()}
    order = {kind: index for index, kind in enumerate(get_args(RelationKind))}
    relations = sorted(
        (r for r in state.relations.values() if r.a in names and r.b in names),
        key=lambda r: (order[r.kind], names[r.a], names[r.b]),
    )
    network: list[tuple[str, list[str]]] = []
    for sector in get_args(Sector):
        placed = sorted(
            (p for p in state.persons.values() if p.sector == sector and p.ring is not None),
            key=lambda p: (p.ring, p.name),
        )
        lines = []
        for person in placed:
            assert person.ring is not None
            where = DANISH[f"ring.{person.ring}"]
            line = say("placed", name=person.name, ring=person.ring, where=where)
            if person.can_help:
                line += say("can_help", help=person.can_help)
            lines.append(line)
        if lines:
            network.append((DANISH[f"sector.{sector}"], lines))
    return Drawings(
        persons=[_person(p) for p in drawn],
        relations=[_relation(r, names) for r in relations],
        network=network,
        carried_from=carried_from,
        figures=figure_data(state),
    )


def figure_data(state: State) -> str:
    """The persons and relations the referat's pictures draw, as JSON for the page: only what
    the facilitator may see, and only those in a drawing (in the genogram or placed on the map).
    Every "<" is escaped, so no name or note can end the page's data block."""
    seen = visibility.entities(state, RECORD)
    persons = [e for e in seen if isinstance(e, Person) and (e.in_genogram or e.ring is not None)]
    drawn = {person.id for person in persons}
    relations = [e for e in seen if isinstance(e, Relation) and e.a in drawn and e.b in drawn]
    encoded = msgspec.json.encode({"persons": persons, "relations": relations}).decode()
    return encoded.replace("<", "\\u003c")


def plain_text(drawings: Drawings) -> list[str]:
    """The sections' lines for the journal text; nothing when nothing was drawn."""
    out: list[str] = []
    # The note goes under the first heading printed: the genogram's, or the map's alone.
    note = drawings.carried_note()
    if drawings.persons:
        out += ["", DANISH["genogram"].upper(), *note]
        note = []
        out += [f"- {line}" for line in drawings.persons]
        if drawings.relations:
            out += [f"{DANISH['relations']}:"]
            out += [f"- {line}" for line in drawings.relations]
    if drawings.network:
        out += ["", DANISH["network"].upper(), *note]
        for heading, lines in drawings.network:
            out.append(f"{heading}:")
            out += [f"- {line}" for line in lines]
    return out


def _figure(kind: str, caption: str) -> str:
    """A place for a picture the page's script draws; the lists below it stay the record."""
    return (
        f'<figure class="drawing-figure" role="img" aria-labelledby="r-{kind}-caption"'
        f' data-testid="referat-{kind}-figure"><div data-figure="{kind}"></div>'
        f'<figcaption id="r-{kind}-caption">{caption}</figcaption></figure>'
    )


def page(
    drawings: Drawings,
    e: Callable[[str], str],
    words: Mapping[str, str] = DANISH,
    *,
    figures: bool = False,
) -> list[str]:
    """The sections as HTML; `e` is the referat's own escaping of user text, `words` the page's
    frame. With `figures` each section gets a place for its picture (drawn by the page's
    script)."""
    parts: list[str] = []
    note = [
        f'<p class="muted" data-testid="referat-carried">{e(line)}</p>'
        for line in drawings.carried_note()
    ]
    if drawings.persons:
        parts += [
            '<section aria-labelledby="r-genogram" data-testid="referat-genogram">',
            f'<h2 id="r-genogram">{e(words["genogram"])}</h2>',
            *note,
            _figure("genogram", DANISH["genogram.figure"]) * figures,
            "<ul>",
            "".join(f"<li>{e(line)}</li>" for line in drawings.persons),
            "</ul>",
        ]
        if drawings.relations:
            parts += [
                f"<h3>{e(words['relations'])}</h3><ul>",
                "".join(f"<li>{e(line)}</li>" for line in drawings.relations),
                "</ul>",
            ]
        parts.append("</section>")
        note = []
    if drawings.network:
        parts += [
            '<section aria-labelledby="r-network" data-testid="referat-network">',
            f'<h2 id="r-network">{e(words["network"])}</h2>',
            *note,
            _figure("network", DANISH["network.figure"]) * figures,
        ]
        for heading, lines in drawings.network:
            items = "".join(f"<li>{e(line)}</li>" for line in lines)
            parts.append(f"<h3>{e(heading)}</h3><ul>{items}</ul>")
        parts.append("</section>")
    return parts
