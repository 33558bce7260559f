"""The genogram and the network map in words, for the referat: the record must hold who is in
the child's family and network, and it must paste as plain text into the case journal."""

from collections.abc import Callable
from dataclasses import dataclass

import msgspec

from server.domain import visibility
from server.domain.genogram import COUPLE, EMOTIONAL, PARENT
from server.domain.state import State
from server.domain.visibility import RECORD
from shared_schema import Person, Relation

SEXES = {"male": "mand", "female": "kvinde", "other": "andet køn", "unknown": ""}
KINDS = {
    "married": "gift",
    "cohabiting": "samboende",
    "separated": "separeret",
    "divorced": "skilt",
    "biological": "biologisk forælder",
    "adopted": "adoptivforælder",
    "foster": "plejeforælder",
    "close": "tæt forhold",
    "conflict": "konflikt",
    "distant": "fjernt forhold",
    "cut_off": "afbrudt forhold",
}
SECTORS = {
    "family": "Familie",
    "friends": "Venner og naboer",
    "school": "Skole og fritid",
    "professionals": "Fagpersoner",
}
RINGS = {1: "tættest på", 2: "tæt på", 3: "længere væk", 4: "længst væk"}


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
        return [f"Hentet fra mødet {self.carried_from}."] if self.carried_from else []


def _years(person: Person) -> str:
    if person.deceased:
        if person.born is not None and person.died is not None:
            return f"{person.born}–{person.died}, død"
        if person.died is not None:
            return f"død {person.died}"
        return f"f. {person.born}, død" if person.born is not None else "død"
    return f"f. {person.born}" if person.born is not None else ""


def _person(person: Person) -> str:
    details = [part for part in (SEXES[person.sex], _years(person)) if part]
    text = person.name + (f" ({', '.join(details)})" if details else "")
    extra = []
    if person.focus:
        extra.append("barnet i fokus")
    if person.household:
        extra.append(f"husstand: {person.household}")
    if person.note:
        extra.append(person.note)
    return text + (" – " + "; ".join(extra) if extra else "")


def _relation(relation: Relation, names: dict[str, str]) -> str:
    a, b = names[relation.a], names[relation.b]
    if relation.kind in PARENT:
        return f"{a} er {KINDS[relation.kind]} til {b}"
    if relation.kind in COUPLE or relation.kind in EMOTIONAL:
        return f"{a} og {b}: {KINDS[relation.kind]}"
    return f"{a} og {b}"


def build(state: State, carried_from: str = "") -> Drawings:
    drawn = sorted(
        (p for p in state.persons.values() if p.in_genogram),
        key=lambda p: (not p.focus, p.born if p.born is not None else 9999, p.name),
    )
    names = {p.id: p.name for p in state.persons.values()}
    order = {kind: index for index, kind in enumerate(KINDS)}
    relations = sorted(
        (r for r in state.relations.values() if r.a in names and r.b in names),
        key=lambda r: (order[r.kind], names[r.a], names[r.b]),
    )
    network: list[tuple[str, list[str]]] = []
    for sector, heading in SECTORS.items():
        placed = sorted(
            (p for p in state.persons.values() if p.sector == sector and p.ring is not None),
            key=lambda p: (p.ring, p.name),
        )
        lines = []
        for person in placed:
            assert person.ring is not None
            line = f"{person.name} (ring {person.ring}, {RINGS[person.ring]})"
            if person.can_help:
                line += f" – kan hjælpe med: {person.can_help}"
            lines.append(line)
        if lines:
            network.append((heading, lines))
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
        out += ["", "GENOGRAM", *note]
        note = []
        out += [f"- {line}" for line in drawings.persons]
        if drawings.relations:
            out += ["Forbindelser:"]
            out += [f"- {line}" for line in drawings.relations]
    if drawings.network:
        out += ["", "NETVÆRKSKORT", *note]
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


def page(drawings: Drawings, e: Callable[[str], str], *, figures: bool = False) -> list[str]:
    """The sections as HTML; `e` is the referat's own escaping of user text. With `figures`
    each section gets a place for its picture (drawn by the page's script)."""
    parts: list[str] = []
    note = [
        f'<p class="muted" data-testid="referat-carried">{e(line)}</p>'
        for line in drawings.carried_note()
    ]
    if drawings.persons:
        parts += [
            '<section aria-labelledby="r-genogram" data-testid="referat-genogram">',
            '<h2 id="r-genogram">Genogram</h2>',
            *note,
            _figure("genogram", "Genogrammet, tegnet. Personerne og forbindelserne står herunder.")
            * figures,
            "<ul>",
            "".join(f"<li>{e(line)}</li>" for line in drawings.persons),
            "</ul>",
        ]
        if drawings.relations:
            parts += [
                "<h3>Forbindelser</h3><ul>",
                "".join(f"<li>{e(line)}</li>" for line in drawings.relations),
                "</ul>",
            ]
        parts.append("</section>")
        note = []
    if drawings.network:
        parts += [
            '<section aria-labelledby="r-network" data-testid="referat-network">',
            '<h2 id="r-network">Netværkskort</h2>',
            *note,
            _figure("network", "Netværkskortet, tegnet. Personerne står herunder efter sektor.")
            * figures,
        ]
        for heading, lines in drawings.network:
            items = "".join(f"<li>{e(line)}</li>" for line in lines)
            parts.append(f"<h3>{e(heading)}</h3><ul>{items}</ul>")
        parts.append("</section>")
    return parts
