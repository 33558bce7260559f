"""Random intents from random people against the pure core, with an op log and snapshots kept as a
Room keeps them: whatever happens, the log and the snapshots rebuild the state exactly."""

import itertools
from collections.abc import Callable
from typing import get_args

import msgspec
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from msgspec.structs import replace

from server.domain import Rejected, State, apply, apply_system, evolve
from server.domain.followup import copy_drawing
from server.domain.genogram import check_tree
from server.domain.participants import LOBBY_MAX, PARTICIPANTS_MAX
from server.domain.visibility import Viewer, seen
from server.live.rooms import decode_changes, encode_changes
from shared_schema import (
    COLUMNS,
    AcceptAgreement,
    AddAgreement,
    AddCard,
    AddPerson,
    AddRelation,
    AddScaleNote,
    AdmitParticipant,
    AskScale,
    Carried,
    CastVote,
    Change,
    CloseMeeting,
    CloseScale,
    ColumnKey,
    ConfirmAgreements,
    DeleteAgreement,
    DeleteCard,
    DeletePerson,
    DeleteRelation,
    DeleteScale,
    DrawingCopy,
    EditCard,
    EditPerson,
    EditRelation,
    ErrorCode,
    Intent,
    JoinGenogram,
    JoinMeeting,
    Kinship,
    MoveCard,
    NudgePerson,
    Participant,
    Person,
    PlacePerson,
    ProposeAgreement,
    RejectParticipant,
    RejectWaiting,
    Relation,
    RelationKind,
    RevealScale,
    Role,
    SetAutoAdmit,
    ShowOnScreen,
    ShowScale,
    StartReadback,
    StopReadback,
    SystemIntent,
    Template,
    Upsert,
)
from shared_schema import facilitation as f
from tests.fixtures import LOUISE, NOTES, NOW, PEOPLE, SCREEN, creating

Attempt = Callable[[], list[Change]]

DOMAIN_CODES: set[ErrorCode] = {
    "not_allowed",
    "invalid",
    "too_large",
    "not_found",
    "conflict",
    "cpr_detected",
    "closed",
    "ancestry_loop",
    "too_many_parents",
    "born_after_child",
}
"""Every code the pure core may refuse with; the rest belong to the edges (rate, storage)."""

GUESTS = ["line", "grethe", "erik"]
"""Thomas's partner and his parents, from the genogram: they may turn up later."""
ACTORS = [LOUISE, *PEOPLE, *GUESTS, SCREEN, "ukendt-telefon"]
"""Everyone who may try something: the facilitator, people joined or not, let in or not, sent
away or not, the screen (never a participant) and a phone nobody knows."""
CARD_IDS = [f"note-{n}" for n in range(16)]
HOUSES: dict[ColumnKey, ColumnKey] = {
    "worries": "house_worries",
    "works": "house_good",
    "next": "house_dreams",
}
"""Where the Holm notes go when the meeting uses De 3 huse."""
COLUMN_KEYS: list[ColumnKey] = list(get_args(ColumnKey))
GENOGRAM_IDS = ["emil", "sara", "thomas", "birthe", "poul", "jonas", "alma"]
HOLM_TREE = [
    ("emil", "Emil", 2017),
    ("sara", "Sara", 1992),
    ("thomas", "Thomas", 1990),
    ("birthe", "Birthe", 1964),
    ("poul", "Poul", 1960),
    ("jonas", "Jonas", 1996),
]
HOLM_LINES: list[tuple[RelationKind, str, str]] = [
    ("divorced", "sara", "thomas"),
    ("biological", "sara", "emil"),
    ("biological", "thomas", "emil"),
    ("married", "birthe", "poul"),
    ("biological", "birthe", "sara"),
    ("biological", "poul", "sara"),
    ("biological", "birthe", "jonas"),
    ("close", "emil", "jonas"),
]
PHONE_ROLES: list[Role] = ["familie", "privat", "fagperson", "raadgiver"]
SCALE_IDS = [f"skala-{n}" for n in range(4)]
PRESETS = ["safety", "worry", "plan", "mood", "custom"]

GOOD_TEXTS = [
    *(note.text for note in NOTES),
    "Ring til Birthe på 20 30 40 50",
    "Fraværet er 18 % i år",
    "Næste møde 15.03.2026 kl. 14",
    "Morgener:\nmandag og tirsdag\n\nBirthe kommer kl. 7",
]
BAD_TEXTS = [
    "Emils CPR er 120317-4321",  # cpr_detected
    "Saras cpr 0103921234",  # cpr_detected
    "   \n ",  # invalid
    "Emil kommer for sent. " * 30,  # too_large
]
texts = st.one_of(
    st.sampled_from(GOOD_TEXTS),
    st.sampled_from(GOOD_TEXTS),
    st.sampled_from(BAD_TEXTS),
    st.text(max_size=20),
)
names = st.one_of(
    st.sampled_from(["Sara", "Line", "Grethe", "Erik", "Birthe"]),
    st.sampled_from(["", "Birthe 150864-1234", "Birthe Margrethe Holm-Sørensen Kristensen"]),
)
relations = st.sampled_from(
    ["", "farmor", "Thomas' kæreste", "mormor, cpr 1508641234", "nabo og ven af familien " * 4]
)


class DomainMachine(RuleBasedStateMachine):
    """One meeting, driven like a Room: apply, and on success evolve and log the changes."""

    def __init__(self) -> None:
        super().__init__()
        self.state = State()
        self.log: list[bytes] = []
        self.snapshot: tuple[int, bytes] | None = None
        self.clock = itertools.count(int(NOW))
        self.ops = itertools.count(1)

    # -- driving ---------------------------------------------------------------------------------

    def op_id(self) -> str:
        return f"op-{next(self.ops):08d}"

    def submit(self, intent: Intent, actor: str) -> None:
        now = float(next(self.clock))
        self._record(type(intent).__name__, lambda: apply(self.state, intent, actor, now))

    def submit_system(self, intent: SystemIntent) -> None:
        now = float(next(self.clock))
        self._record(type(intent).__name__, lambda: apply_system(self.state, intent, now))

    def _record(self, kind: str, attempt: Attempt) -> None:
        before = msgspec.msgpack.encode(self.state)
        try:
            changes = attempt()
        except Rejected as rejected:
            assert rejected.code in DOMAIN_CODES, rejected.code
            assert msgspec.msgpack.encode(self.state) == before, "a refusal changed the state"
            event(f"{kind}: {rejected.code}")
            return
        assert msgspec.msgpack.encode(self.state) == before, "apply() changed the state itself"
        if changes:  # a Room logs no op for an intent that changes nothing
            self.log.append(encode_changes(changes))
            evolve(self.state, changes)
        event(f"{kind}: {'ok' if changes else 'no change'}")

    # -- drawing: mostly what is there, sometimes anything -------------------------------------

    def actor(self, data: st.DataObject, *also: str) -> str:
        """Mostly someone let in (or one of `also`), sometimes anyone at all."""
        inside = st.sampled_from(
            sorted(p.id for p in self.state.participants.values() if p.admitted)
        )
        choices = [st.sampled_from(also), inside] if also else [inside, inside]
        return data.draw(st.one_of(*choices, st.sampled_from(ACTORS)), label="actor")

    def person(self, data: st.DataObject) -> str:
        """Mostly someone in the meeting or its lobby, sometimes anyone (Louise included)."""
        others = sorted(set(self.state.participants) - {LOUISE}) or ACTORS
        there = st.sampled_from(others)
        return data.draw(st.one_of(there, there, st.sampled_from(ACTORS)), label="person")

    def card(self, data: st.DataObject, column: ColumnKey | None = None) -> str:
        """Mostly a card on the board (in `column`, when given), sometimes any id."""
        cards = [c.id for c in self.state.cards.values() if column in (None, c.column)]
        there = st.sampled_from(sorted(cards) or CARD_IDS)
        return data.draw(st.one_of(there, there, st.sampled_from(CARD_IDS)), label="card")

    def column(self, data: st.DataObject) -> ColumnKey:
        assert self.state.meeting is not None
        mine = st.sampled_from(self.state.meeting.columns)
        return data.draw(st.one_of(mine, mine, st.sampled_from(COLUMN_KEYS)), label="column")

    # -- the meeting -----------------------------------------------------------------------------

    @initialize(
        template=st.sampled_from(list(COLUMNS)),
        present=st.sets(st.sampled_from(list(PEOPLE)), min_size=2),
        waiting=st.sets(st.sampled_from(list(PEOPLE))),
        follow_up=st.booleans(),
        tied=st.one_of(st.none(), st.none(), st.sampled_from(ACTORS)),
    )
    def meet(
        self,
        template: Template,
        present: set[str],
        waiting: set[str],
        follow_up: bool,
        tied: str | None,
    ) -> None:
        """Louise creates the meeting, sometimes a follow-up that carries the Holm drawing of
        the case's earlier meeting (a copy tied to a participant is refused, and the meeting is
        created without it); some of the Holm people join, and most are let in."""
        create = creating(template)
        if follow_up:
            copy = self.earlier_drawing(tied)
            self.submit_system(replace(create, id=self.op_id(), carried=Carried(drawing=copy)))
            assert (self.state.meeting is None) == (tied is not None)
            assert len(self.state.persons) == (0 if tied else len(HOLM_TREE))
        if self.state.meeting is None:
            self.submit_system(create)
        for person_id in sorted(present):
            person = PEOPLE[person_id]
            joining = Participant(
                id=person.id,
                name=person.name,
                role=person.role,
                relation=person.relation,
                remote=person.remote,
                joined_at=NOW,
            )
            self.submit_system(JoinMeeting(id=self.op_id(), participant=joining))
            if person_id not in waiting:
                self.submit(AdmitParticipant(id=self.op_id(), participant_id=person_id), LOUISE)
        for number, note in enumerate(NOTES):
            if note.by in present - waiting:
                column = HOUSES[note.column] if template == "three_houses" else note.column
                card = AddCard(
                    id=self.op_id(), card_id=CARD_IDS[number], column=column, text=note.text
                )
                self.submit(card, note.by)
        assert len(self.state.participants) == 1 + len(present)
        assert {c.author for c in self.state.cards.values()} == {
            note.by for note in NOTES if note.by in present - waiting
        }

    def earlier_drawing(self, tied: str | None) -> DrawingCopy:
        """The copy of the Holm drawing the case's earlier meeting left, its first person tied
        to the participant `tied`, if given."""
        earlier = State()
        evolve(
            earlier,
            [
                *(
                    Upsert(entity=Person(id=pid, name=name, born=born, focus=pid == "emil"))
                    for pid, name, born in HOLM_TREE
                ),
                *(
                    Upsert(entity=Relation(id=f"earlier-{n}", kind=kind, a=a, b=b))
                    for n, (kind, a, b) in enumerate(HOLM_LINES)
                ),
            ],
        )
        copy = copy_drawing(earlier, "earlier-meeting", NOW - 42 * 86400, self.op_id)
        assert copy is not None
        if tied is None:
            return copy
        return replace(
            copy, persons=[replace(copy.persons[0], participant=tied), *copy.persons[1:]]
        )

    @rule(data=st.data(), on=st.booleans())
    def set_auto_admit(self, data: st.DataObject, on: bool) -> None:
        self.submit(SetAutoAdmit(id=self.op_id(), on=on), self.actor(data, LOUISE))

    # -- people ----------------------------------------------------------------------------------

    @rule(
        person=st.sampled_from([*GUESTS, *PEOPLE, LOUISE]),
        role=st.one_of(st.sampled_from(PHONE_ROLES), st.just("facilitator")),
        name=names,
        relation=relations,
    )
    def join(self, person: str, role: Role, name: str, relation: str) -> None:
        joining = Participant(id=person, name=name, role=role, relation=relation, joined_at=NOW)
        self.submit_system(JoinMeeting(id=self.op_id(), participant=joining))

    @rule(data=st.data())
    def admit(self, data: st.DataObject) -> None:
        person, actor = self.person(data), self.actor(data, LOUISE)
        self.submit(AdmitParticipant(id=self.op_id(), participant_id=person), actor)

    @rule(data=st.data())
    def reject(self, data: st.DataObject) -> None:
        person, actor = self.person(data), self.actor(data, LOUISE)
        self.submit(RejectParticipant(id=self.op_id(), participant_id=person), actor)
        if person in self.state.participants and self.state.participants[person].removed:
            event("someone sent away is kept for their notes")

    @rule(data=st.data())
    def reject_waiting(self, data: st.DataObject) -> None:
        self.submit(RejectWaiting(id=self.op_id()), self.actor(data, LOUISE))

    # -- notes -----------------------------------------------------------------------------------

    @rule(data=st.data(), card=st.sampled_from(CARD_IDS), text=texts)
    def add_card(self, data: st.DataObject, card: str, text: str) -> None:
        intent = AddCard(id=self.op_id(), card_id=card, column=self.column(data), text=text)
        self.submit(intent, self.actor(data))

    @rule(data=st.data(), cards=st.lists(st.sampled_from(CARD_IDS), min_size=2, max_size=5))
    def add_many_cards(self, data: st.DataObject, cards: list[str]) -> None:
        """Notes come in bursts at the start of a round; a board needs some to move around."""
        for card in cards:
            self.add_card(data, card, data.draw(texts, label="text"))

    @rule(data=st.data(), text=texts)
    def edit_card(self, data: st.DataObject, text: str) -> None:
        card = self.card(data)
        author = self.state.cards[card].author if card in self.state.cards else LOUISE
        intent = EditCard(id=self.op_id(), card_id=card, text=text)
        self.submit(intent, self.actor(data, author, LOUISE))

    @rule(data=st.data(), first=st.booleans())
    def move_card(self, data: st.DataObject, first: bool) -> None:
        card, column = self.card(data), self.column(data)
        there = any(c.column == column for c in self.state.cards.values())
        after = self.card(data, column) if there and not first else None
        intent = MoveCard(id=self.op_id(), card_id=card, column=column, after=after)
        self.submit(intent, self.actor(data, LOUISE))

    @rule(data=st.data(), moves=st.integers(min_value=1, max_value=6))
    def arrange_the_board(self, data: st.DataObject, moves: int) -> None:
        """Louise sorts the notes while people talk: several moves, each to a real place."""
        assert self.state.meeting is not None
        if self.state.meeting.status == "closed":
            return  # a closed meeting refuses every move (the `close` rule's own business)
        louise = self.facilitator()
        for _ in range(moves):
            # She moves what she sees: a note still private to its author, or the family's in
            # family time, is not on her board (moving it is `not_found`, as for any unknown).
            shown = self.seen_cards(louise)
            if not shown:
                return
            card = data.draw(st.sampled_from(sorted(shown)), label="card")
            column = data.draw(st.sampled_from(self.state.meeting.columns), label="column")
            places = [
                None,
                *(c.id for c in self.state.column_cards(column) if c.id != card and c.id in shown),
            ]
            after = data.draw(st.sampled_from(places), label="after")
            intent = MoveCard(id=self.op_id(), card_id=card, column=column, after=after)
            self.submit(intent, louise)
            placed = [c.id for c in self.state.column_cards(column)]
            assert placed.index(card) == (0 if after is None else placed.index(after) + 1)

    @rule(data=st.data())
    def delete_card(self, data: st.DataObject) -> None:
        card = self.card(data)
        author = self.state.cards[card].author if card in self.state.cards else LOUISE
        intent = DeleteCard(id=self.op_id(), card_id=card)
        self.submit(intent, self.actor(data, author, LOUISE))

    # -- agreements, read-back, closing ----------------------------------------------------------

    @rule(data=st.data(), what=texts, proposal=st.booleans(), municipality=st.booleans())
    def write_agreement(
        self, data: st.DataObject, what: str, proposal: bool, municipality: bool
    ) -> None:
        number = data.draw(st.integers(min_value=0, max_value=7), label="agreement")
        who = data.draw(st.lists(st.sampled_from(ACTORS), max_size=2), label="who")
        serves = self.card(data) if data.draw(st.booleans(), label="serves") else None
        fields = {
            "id": self.op_id(),
            "agreement_id": f"aftale-{number}",
            "what": what,
            "who_participants": who,
            "who_municipality": municipality,
            "when_text": "hver tirsdag",
            "serves": serves,
        }
        kind = ProposeAgreement if proposal else AddAgreement
        self.submit(kind(**fields), self.actor(data, LOUISE))

    @rule(data=st.data(), accept=st.booleans())
    def decide_agreement(self, data: st.DataObject, accept: bool) -> None:
        ids = sorted(self.state.agreements) or ["aftale-0"]
        agreement = data.draw(st.sampled_from(ids), label="agreement")
        kind = AcceptAgreement if accept else DeleteAgreement
        self.submit(kind(id=self.op_id(), agreement_id=agreement), self.actor(data, LOUISE))

    @rule(data=st.data(), start=st.booleans())
    def read_back(self, data: st.DataObject, start: bool) -> None:
        intent = StartReadback(id=self.op_id()) if start else StopReadback(id=self.op_id())
        self.submit(intent, self.actor(data, LOUISE))

    @rule(data=st.data(), agrees=st.booleans(), comment=texts)
    def confirm(self, data: st.DataObject, agrees: bool, comment: str) -> None:
        intent = ConfirmAgreements(id=self.op_id(), agrees=agrees, comment=comment)
        self.submit(intent, self.actor(data))

    @rule(data=st.data(), chance=st.integers(min_value=0, max_value=9))
    def close(self, data: st.DataObject, chance: int) -> None:
        """Rarely: after closing, every other rule is refused with `closed`."""
        if chance == 0:
            self.submit(CloseMeeting(id=self.op_id()), self.actor(data, LOUISE))

    # -- the genogram and the network map --------------------------------------------------------

    def genogram_person(self, data: st.DataObject) -> str:
        """Mostly a person in the genogram, sometimes any id."""
        there = st.sampled_from(sorted(self.state.persons) or GENOGRAM_IDS)
        return data.draw(st.one_of(there, there, st.sampled_from(GENOGRAM_IDS)), label="person")

    @rule(
        data=st.data(),
        person=st.sampled_from(GENOGRAM_IDS),
        name=st.one_of(st.sampled_from(["Emil", "Sara", "Poul"]), names),
        born=st.one_of(st.none(), st.sampled_from([1959, 1964, 1990, 1992, 2017, 2025])),
        focus=st.booleans(),
        edit=st.booleans(),
    )
    def draw_person(
        self, data: st.DataObject, person: str, name: str, born: int | None, focus: bool, edit: bool
    ) -> None:
        kind = EditPerson if edit else AddPerson
        intent = kind(id=self.op_id(), person_id=person, name=name, born=born, focus=focus)
        self.submit(intent, self.actor(data, LOUISE))

    @rule()
    def draw_the_holm_family(self) -> None:
        """The facilitator draws Emil's closest family in one go, as at the start of a meeting."""
        for person_id, name, born in HOLM_TREE:
            intent = AddPerson(
                id=self.op_id(),
                person_id=person_id,
                name=name,
                born=born,
                focus=person_id == "emil",
            )
            self.submit(intent, LOUISE)
        for number, (kind, a, b) in enumerate(HOLM_LINES):
            line = AddRelation(
                id=self.op_id(), relation_id=f"holm-{number}", relation_kind=kind, a=a, b=b
            )
            self.submit(line, LOUISE)

    @rule(data=st.data(), kind=st.sampled_from(list(get_args(RelationKind))))
    def draw_line(self, data: st.DataObject, kind: RelationKind) -> None:
        number = data.draw(st.integers(min_value=0, max_value=11), label="line")
        a, b = self.genogram_person(data), self.genogram_person(data)
        intent = AddRelation(
            id=self.op_id(), relation_id=f"streg-{number}", relation_kind=kind, a=a, b=b
        )
        self.submit(intent, self.actor(data, LOUISE))

    @rule(data=st.data(), kind=st.sampled_from(list(get_args(RelationKind))), delete=st.booleans())
    def change_line(self, data: st.DataObject, kind: RelationKind, delete: bool) -> None:
        line = data.draw(st.sampled_from(sorted(self.state.relations) or ["streg-0"]), label="line")
        intent: Intent = (
            DeleteRelation(id=self.op_id(), relation_id=line)
            if delete
            else EditRelation(id=self.op_id(), relation_id=line, relation_kind=kind)
        )
        self.submit(intent, self.actor(data, LOUISE))

    @rule(
        data=st.data(),
        kinship=st.sampled_from(list(get_args(Kinship))),
        born=st.one_of(st.none(), st.sampled_from([1964, 1996, 2020])),
    )
    def join_genogram(self, data: st.DataObject, kinship: Kinship, born: int | None) -> None:
        number = data.draw(st.integers(min_value=0, max_value=5), label="joined")
        intent = JoinGenogram(
            id=self.op_id(), person_id=f"mig-{number}", kinship=kinship, born=born
        )
        self.submit(intent, self.actor(data))

    @rule(
        data=st.data(),
        ring=st.one_of(st.none(), st.integers(min_value=1, max_value=4)),
        sector=st.one_of(
            st.none(), st.sampled_from(["family", "friends", "school", "professionals"])
        ),
        dx=st.integers(min_value=-300, max_value=300),
        nudge=st.booleans(),
        delete=st.integers(min_value=0, max_value=9),
    )
    def move_or_remove_person(
        self,
        data: st.DataObject,
        ring: int | None,
        sector: str | None,
        dx: int,
        nudge: bool,
        delete: int,
    ) -> None:
        person, actor = self.genogram_person(data), self.actor(data, LOUISE)
        intent: Intent
        if delete == 0:
            intent = DeletePerson(id=self.op_id(), person_id=person)
        elif nudge:
            intent = NudgePerson(id=self.op_id(), person_id=person, dx=dx, dy=-dx / 2)
        else:
            intent = msgspec.convert(
                {
                    "type": "person.place",
                    "id": self.op_id(),
                    "person_id": person,
                    "ring": ring,
                    "sector": sector,
                },
                PlacePerson,
            )
        self.submit(intent, actor)

    @rule(data=st.data(), shows=st.sampled_from(["board", "genogram", "network"]))
    def show_on_screen(self, data: st.DataObject, shows: str) -> None:
        intent = msgspec.convert(
            {"type": "screen.show", "id": self.op_id(), "shows": shows}, ShowOnScreen
        )
        self.submit(intent, self.actor(data, LOUISE))

    # -- scaling ---------------------------------------------------------------------------------

    def scale(self, data: st.DataObject) -> str:
        there = st.sampled_from(sorted(self.state.scales) or SCALE_IDS)
        return data.draw(st.one_of(there, there, st.sampled_from(SCALE_IDS)), label="scale")

    @rule(
        data=st.data(),
        preset=st.sampled_from(PRESETS),
        question=texts,
        anonymous=st.booleans(),
    )
    def ask_scale(self, data: st.DataObject, preset: str, question: str, anonymous: bool) -> None:
        scale = data.draw(st.sampled_from(SCALE_IDS), label="scale")
        intent = AskScale(
            id=self.op_id(),
            scale_id=scale,
            preset=preset,  # type: ignore[arg-type]
            question=question,
            tied_to="Emil kommer for sent i skole",
            anonymous=anonymous,
        )
        self.submit(intent, self.actor(data, LOUISE))

    @rule(data=st.data(), value=st.one_of(st.none(), st.integers(min_value=-1, max_value=11)))
    def cast_vote(self, data: st.DataObject, value: int | None) -> None:
        vote = data.draw(st.sampled_from([f"stemme-{n}" for n in range(12)]), label="vote")
        intent = CastVote(id=self.op_id(), scale_id=self.scale(data), vote_id=vote, value=value)
        self.submit(intent, self.actor(data))

    @rule(data=st.data(), step=st.sampled_from([CloseScale, RevealScale, DeleteScale]))
    def end_scale(
        self, data: st.DataObject, step: type[CloseScale | RevealScale | DeleteScale]
    ) -> None:
        self.submit(step(id=self.op_id(), scale_id=self.scale(data)), self.actor(data, LOUISE))

    @rule(data=st.data(), on=st.booleans())
    def show_scale(self, data: st.DataObject, on: bool) -> None:
        intent = ShowScale(id=self.op_id(), scale_id=self.scale(data), on=on)
        self.submit(intent, self.actor(data, LOUISE))

    @rule(data=st.data(), text=texts, one_step_up=st.booleans())
    def follow_up(self, data: st.DataObject, text: str, one_step_up: bool) -> None:
        note = data.draw(st.sampled_from([f"opfoelgning-{n}" for n in range(6)]), label="note")
        intent = AddScaleNote(
            id=self.op_id(),
            note_id=note,
            scale_id=self.scale(data),
            follow_up="one_step_up" if one_step_up else "why_not_lower",
            text=text,
        )
        self.submit(intent, self.actor(data, LOUISE))

    # -- running the meeting: phases, turns, timer, private writing, family time, handoff ------

    def seen_cards(self, participant_id: str) -> set[str]:
        """The notes this participant has on their board."""
        person = self.state.participants[participant_id]
        viewer = Viewer(role=person.role, participant_id=person.id)
        return {c.id for c in self.state.cards.values() if seen(self.state, c, viewer) is not None}

    def facilitator(self) -> str:
        return next(
            (p.id for p in self.state.participants.values() if p.role == "facilitator"), LOUISE
        )

    def phase(self, data: st.DataObject) -> str:
        agenda = self.state.agenda
        there = [phase.id for phase in agenda.phases] if agenda else []
        return data.draw(st.sampled_from([*there, *there, "pause", "ukendt"]), label="phase")

    @rule(data=st.data(), forward=st.booleans(), stale=st.booleans())
    def step_phase(self, data: st.DataObject, forward: bool, stale: bool) -> None:
        agenda = self.state.agenda
        at = (agenda.current if agenda else None) or "welcome"
        start = self.phase(data) if stale else at
        intent: Intent = (
            f.NextPhase(id=self.op_id(), from_phase=start)
            if forward
            else f.PreviousPhase(id=self.op_id(), from_phase=start)
        )
        self.submit(intent, self.actor(data, self.facilitator()))

    @rule(data=st.data(), kind=st.integers(min_value=0, max_value=5), skipped=st.booleans())
    def change_agenda(self, data: st.DataObject, kind: int, skipped: bool) -> None:
        phase, other = self.phase(data), self.phase(data)
        intents: list[Intent] = [
            f.AddPhase(id=self.op_id(), phase_id=phase, title="Kaffepause", after=other),
            f.RenamePhase(id=self.op_id(), phase_id=phase, title="Det, der virker"),
            f.MovePhase(id=self.op_id(), phase_id=phase, after=other),
            f.SkipPhase(id=self.op_id(), phase_id=phase, skipped=skipped),
            f.GoToPhase(id=self.op_id(), phase_id=phase),
            f.UseAgenda(id=self.op_id(), template="followup"),
        ]
        self.submit(intents[kind], self.actor(data, self.facilitator()))

    @rule(data=st.data(), raising=st.booleans())
    def hand(self, data: st.DataObject, raising: bool) -> None:
        intent = f.RaiseHand(id=self.op_id()) if raising else f.LowerHand(id=self.op_id())
        self.submit(intent, self.actor(data))

    @rule(data=st.data(), kind=st.integers(min_value=0, max_value=7), flag=st.booleans())
    def run_turns(self, data: st.DataObject, kind: int, flag: bool) -> None:
        person = self.person(data)
        seats = data.draw(st.lists(st.sampled_from(ACTORS), max_size=4), label="seats")
        intents: list[Intent] = [
            f.GiveWord(id=self.op_id(), participant_id=person),
            f.NextTurn(id=self.op_id()),
            f.PassTurn(id=self.op_id()),
            f.StopTurns(id=self.op_id()),
            f.StartRound(id=self.op_id(), topic="Hvad fungerer godt?"),
            f.MarkAbsent(id=self.op_id(), participant_id=person, absent=flag),
            f.SetSeats(id=self.op_id(), order=seats),
            f.OrderQueue(id=self.op_id(), unspoken_first=flag),
        ]
        speaker = self.state.turns.speaker if self.state.turns else None
        self.submit(
            intents[kind], self.actor(data, self.facilitator(), *([speaker] * bool(speaker)))
        )

    @rule(data=st.data(), kind=st.integers(min_value=0, max_value=4), seconds=st.integers(1, 600))
    def run_timer(self, data: st.DataObject, kind: int, seconds: int) -> None:
        intents: list[Intent] = [
            f.StartTimer(id=self.op_id(), seconds=seconds),
            f.ExtendTimer(id=self.op_id()),
            f.PauseTimer(id=self.op_id()),
            f.ResumeTimer(id=self.op_id()),
            f.StopTimer(id=self.op_id()),
        ]
        self.submit(intents[kind], self.actor(data, self.facilitator()))

    @rule(data=st.data(), kind=st.integers(min_value=0, max_value=4), flag=st.booleans())
    def way_of_writing(self, data: st.DataObject, kind: int, flag: bool) -> None:
        intents: list[Intent] = [
            f.StartPrivateWriting(id=self.op_id(), column=self.column(data) if flag else None),
            f.RevealNotes(id=self.op_id()),
            f.SetAnonymous(id=self.op_id(), on=flag),
            f.StartFamilyTime(id=self.op_id()),
            f.ReleaseFamilyPlan(id=self.op_id()),
        ]
        self.submit(intents[kind], self.actor(data, self.facilitator(), "sara", "birthe"))

    @rule(data=st.data(), chance=st.integers(min_value=0, max_value=4))
    def hand_over(self, data: st.DataObject, chance: int) -> None:
        if chance == 0:
            intent = f.HandOver(id=self.op_id(), participant_id=self.person(data))
            self.submit(intent, self.actor(data, self.facilitator()))

    # -- snapshots -------------------------------------------------------------------------------

    @rule()
    def take_snapshot(self) -> None:
        self.snapshot = (len(self.log), msgspec.msgpack.encode(self.state))

    # -- invariants ------------------------------------------------------------------------------

    @invariant()
    def replaying_the_op_log_gives_the_same_state(self) -> None:
        replayed = State()
        for blob in self.log:
            evolve(replayed, decode_changes(blob))
        assert replayed == self.state

    @invariant()
    def the_latest_snapshot_and_the_ops_after_it_give_the_same_state(self) -> None:
        if self.snapshot is None:
            return
        seq, blob = self.snapshot
        loaded = msgspec.msgpack.Decoder(State).decode(blob)
        for op in self.log[seq:]:
            evolve(loaded, decode_changes(op))
        assert loaded == self.state

    @invariant()
    def nothing_points_at_what_is_not_there(self) -> None:
        meeting = self.state.meeting
        assert meeting is not None
        for card in self.state.cards.values():
            assert card.author in self.state.participants, card
            assert card.column in meeting.columns, card

    @invariant()
    def agreements_point_only_at_what_is_there(self) -> None:
        people = self.state.participants
        for agreement in self.state.agreements.values():
            assert agreement.serves is None or agreement.serves in self.state.cards, agreement
            for person in agreement.who_participants:
                assert person in people and not people[person].removed, agreement
            if agreement.status == "proposed":
                assert agreement.proposed_by in people, agreement
        for person in self.state.confirmations:
            assert person in people and not people[person].removed, person
        meeting = self.state.meeting
        assert meeting is not None
        if meeting.status != "readback" and meeting.status != "closed":
            assert self.state.confirmations == {}

    @invariant()
    def order_keys_are_unique_within_a_column(self) -> None:
        assert self.state.meeting is not None
        for column in self.state.meeting.columns:
            keys = [card.order for card in self.state.column_cards(column)]
            assert len(keys) == len(set(keys)), (column, keys)

    @invariant()
    def the_meeting_and_its_lobby_keep_their_bounds(self) -> None:
        people = [p for p in self.state.participants.values() if not p.removed]
        assert sum(p.admitted for p in people) <= PARTICIPANTS_MAX
        assert sum(not p.admitted for p in people) <= LOBBY_MAX

    @invariant()
    def someone_sent_away_is_kept_only_for_their_notes(self) -> None:
        authors = {card.author for card in self.state.cards.values()}
        for person in self.state.participants.values():
            if person.removed:
                assert person.id in authors and not person.admitted, person

    @invariant()
    def the_genogram_keeps_the_rules_of_a_family_tree(self) -> None:
        persons = self.state.persons
        for relation in self.state.relations.values():
            assert relation.a in persons and relation.b in persons and relation.a != relation.b
        check_tree(persons, self.state.relations.values())
        people = self.state.participants
        for person in persons.values():
            if person.participant is not None:
                assert person.participant in people, person
                assert not people[person.participant].removed, person
            assert (person.ring is None) == (person.sector is None), person

    @invariant()
    def the_facilitator_is_always_in_and_alone(self) -> None:
        leader = self.state.participants[self.facilitator()]
        assert leader.role == "facilitator" and leader.admitted and not leader.removed
        roles = [person.role for person in self.state.participants.values()]
        assert roles.count("facilitator") == 1

    @invariant()
    def scales_count_their_votes_and_one_at_most_is_open(self) -> None:
        scales = self.state.scales
        for vote in self.state.votes.values():
            assert vote.scale in scales, vote
        for note in self.state.scale_notes.values():
            assert note.scale in scales, note
        for scale in scales.values():
            votes = [v for v in self.state.votes.values() if v.scale == scale.id]
            assert scale.answered == len(votes), scale
            assert scale.skipped == sum(v.value is None for v in votes), scale
            assert len({v.voter for v in votes}) == len(votes), scale
            if scale.status != "revealed":
                assert scale.results == [] and scale.median is None, scale
            elif scale.anonymous:
                assert all(result.participant is None for result in scale.results), scale
        assert sum(scale.status == "open" for scale in scales.values()) <= 1
        assert sum(scale.on_screen for scale in scales.values()) <= 1

    @invariant()
    def the_agenda_and_the_turns_point_only_at_what_is_there(self) -> None:
        agenda = self.state.agenda
        assert agenda is not None
        ids = [phase.id for phase in agenda.phases]
        assert len(ids) == len(set(ids))
        assert agenda.current is None or agenda.current in ids
        turns = self.state.turns
        if turns is None:
            return
        inside = {p.id for p in self.state.participants.values() if p.admitted and not p.removed}
        for person in [*turns.hands, *turns.round, *turns.seats, turns.speaker, turns.next]:
            assert person is None or person in inside, (person, turns)
        assert sorted(turns.queue) == sorted(turns.hands)
        assert turns.next is None or turns.next != turns.speaker
        assert set(turns.done) <= set(turns.round) and set(turns.passed) <= set(turns.done)

    @invariant()
    def notes_are_hidden_only_while_writing_privately_or_in_family_time(self) -> None:
        writing = self.state.writing
        cards = self.state.cards.values()
        if writing is None or not writing.private:
            assert not any(card.hidden for card in cards)
        if writing is None or not writing.family:
            assert not any(card.family for card in cards)


DomainMachine.TestCase.settings = settings(
    max_examples=80,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestDomainMachine = DomainMachine.TestCase
