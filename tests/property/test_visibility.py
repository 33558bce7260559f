"""Random meetings, random viewers: no text or id a viewer may not see appears in anything they
receive — the live changes of every op, a resync's snapshot, the referat (text, page, JSON), the
participants' summary page and its calendar file — and the live changes add up to the snapshot.

The meeting is built by applying random intents through the domain, as a Room does. Every text
carries a unique token ("hemmelig0007"), so a leak is a plain substring; whether a viewer may
read a text is judged from the state's flags, by the rules written out in plain terms here."""

import itertools
import re

import msgspec
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from server.domain import Rejected, State, apply, evolve, visibility
from server.domain.visibility import RECORD, SUMMARY, OpView, Viewer
from server.render import calendar, referat
from shared_schema import (
    AcceptAgreement,
    AddAgreement,
    AddCard,
    AddScaleNote,
    AskScale,
    Card,
    CastVote,
    CloseMeeting,
    ColumnKey,
    DeleteAgreement,
    DeleteCard,
    EditCard,
    Entity,
    Intent,
    MoveCard,
    Participant,
    ProposeAgreement,
    RejectParticipant,
    RevealScale,
)
from shared_schema import facilitation as f
from tests.fixtures import LOUISE, NOTES, NOW, PEOPLE, holm

VIEWERS = [
    Viewer(role="facilitator", participant_id=LOUISE),
    Viewer(role="screen"),
    *(Viewer(role=p.role, participant_id=p.id) for p in PEOPLE.values()),
    RECORD,
    SUMMARY,
]
LIVE = VIEWERS[:-2]
"""Those with a socket; RECORD and SUMMARY are what the records are made as."""
FAMILY = {"familie", "privat"}
COLUMNS: list[ColumnKey] = ["worries", "works", "next"]
WRITERS = [LOUISE, *PEOPLE]


TOKEN = re.compile(r"hemmelig\d{4}")


def tokens(text: str) -> set[str]:
    return set(TOKEN.findall(text))


def may_read(card: Card, viewer: Viewer) -> str | None:
    """Which of a note's texts a viewer may read: its text, the text from before family time,
    or none (then they may not know it exists)."""
    if viewer.participant_id == card.author:
        return card.text
    if card.hidden:
        return None
    if card.family and viewer.role not in FAMILY:
        return card.shared_text
    return card.text


def allowed_and_forbidden(state: State, viewer: Viewer) -> tuple[set[str], set[str]]:
    """Texts and ids of the state this viewer may read, and those they may not."""
    allowed: set[str] = set()
    forbidden: set[str] = set()
    for card in state.cards.values():
        readable = may_read(card, viewer)
        written = tokens(card.text) | tokens(card.shared_text or "")
        seen = tokens(readable) if readable is not None else set()
        allowed |= seen
        forbidden |= written - seen
        (allowed if readable is not None else forbidden).add(card.id)
    for agreement in state.agreements.values():
        sees = (
            not agreement.family
            or viewer.role in FAMILY
            or viewer.participant_id == agreement.proposed_by
        )
        (allowed if sees else forbidden).update({agreement.id, *tokens(agreement.what)})
    for note in state.scale_notes.values():
        sees = not note.family or viewer.role in FAMILY or viewer.participant_id == note.author
        (allowed if sees else forbidden).update({note.id, *tokens(note.text)})
    for vote in state.votes.values():
        (allowed if viewer.participant_id == vote.voter else forbidden).add(vote.id)
    return allowed, forbidden - allowed


def key(entity: Entity) -> tuple[str, str]:
    return (str(entity.__struct_config__.tag), entity.id)


class VisibilityMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.state = State()
        self.tokens = itertools.count(1)
        self.ops = itertools.count(1)
        self.clock = itertools.count(int(NOW) + 60)
        self.clients: dict[Viewer, dict[tuple[str, str], Entity]] = {}
        self.last: tuple[OpView, State] | None = None

    @initialize()
    def meet(self) -> None:
        self.state = holm()
        self.clients = {v: {key(e): e for e in visibility.entities(self.state, v)} for v in LIVE}

    def text(self, base: int) -> str:
        return f"{NOTES[base % len(NOTES)].text} hemmelig{next(self.tokens):04d}"

    def submit(self, intent: Intent, actor: str) -> None:
        before = msgspec.msgpack.encode(self.state)
        try:
            changes = apply(self.state, intent, actor, float(next(self.clock)))
        except Rejected as rejected:
            assert msgspec.msgpack.encode(self.state) == before
            event(f"{type(intent).__name__}: {rejected.code}")
            return
        family = self.state.writing is not None and self.state.writing.family
        event(f"{type(intent).__name__}: ok{' in family time' if family else ''}")
        if not changes:
            return
        prior = msgspec.msgpack.decode(before, type=State)
        witness = visibility.witness(self.state, changes)
        evolve(self.state, changes)
        op = witness.seen_after(self.state)
        self.last = (op, prior)
        for viewer, client in self.clients.items():
            for change in op.changes_for(viewer):
                if hasattr(change, "entity"):
                    client[key(change.entity)] = change.entity
                else:
                    client.pop((change.kind, change.id), None)

    def pick(self, data: st.DataObject, among: list[str]) -> str:
        return data.draw(st.sampled_from(among))

    def some_card(self, data: st.DataObject) -> str:
        return self.pick(data, sorted(self.state.cards) or ["kort-ingen"])

    # -- the way of writing --------------------------------------------------------------------

    @rule(column=st.sampled_from([None, *COLUMNS]))
    def private_writing(self, column: ColumnKey | None) -> None:
        self.submit(f.StartPrivateWriting(id=self.op(), column=column), LOUISE)

    @rule()
    def reveal(self) -> None:
        self.submit(f.RevealNotes(id=self.op()), LOUISE)

    @rule(on=st.booleans())
    def anonymous(self, on: bool) -> None:
        self.submit(f.SetAnonymous(id=self.op(), on=on), LOUISE)

    @rule()
    def family_time(self) -> None:
        self.submit(f.StartFamilyTime(id=self.op()), LOUISE)

    @rule(data=st.data())
    def share_family_plan(self, data: st.DataObject) -> None:
        self.submit(f.ReleaseFamilyPlan(id=self.op()), self.pick(data, ["sara", "birthe", "mette"]))

    # -- notes ---------------------------------------------------------------------------------

    @rule(data=st.data(), column=st.sampled_from(COLUMNS), base=st.integers(0, 50))
    def write(self, data: st.DataObject, column: ColumnKey, base: int) -> None:
        card_id = f"kort-{next(self.tokens):04d}"
        intent = AddCard(id=self.op(), card_id=card_id, column=column, text=self.text(base))
        self.submit(intent, self.pick(data, WRITERS))

    @rule(data=st.data(), column=st.sampled_from(COLUMNS), base=st.integers(0, 50))
    def write_privately(self, data: st.DataObject, column: ColumnKey, base: int) -> None:
        """Private writing in one column, and someone writes in it."""
        self.submit(f.StartPrivateWriting(id=self.op(), column=column), LOUISE)
        self.write(data, column, base)

    @rule(data=st.data(), base=st.integers(0, 50))
    def edit(self, data: st.DataObject, base: int) -> None:
        intent = EditCard(id=self.op(), card_id=self.some_card(data), text=self.text(base))
        self.submit(intent, self.pick(data, WRITERS))

    @rule(data=st.data(), base=st.integers(0, 50))
    def edit_own(self, data: st.DataObject, base: int) -> None:
        """Its author edits a note: in family time, the family's edit of a note from before."""
        card = self.state.cards.get(self.some_card(data))
        if card is not None:
            intent = EditCard(id=self.op(), card_id=card.id, text=self.text(base))
            self.submit(intent, card.author)

    @rule(data=st.data(), column=st.sampled_from(COLUMNS))
    def move(self, data: st.DataObject, column: ColumnKey) -> None:
        after = data.draw(st.one_of(st.none(), st.sampled_from(sorted(self.state.cards) or ["x"])))
        self.submit(
            MoveCard(id=self.op(), card_id=self.some_card(data), column=column, after=after), LOUISE
        )

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        self.submit(
            DeleteCard(id=self.op(), card_id=self.some_card(data)), self.pick(data, WRITERS)
        )

    @rule(data=st.data())
    def send_away(self, data: st.DataObject) -> None:
        person = self.pick(data, ["hanne", "mette", "jonas"])
        self.submit(RejectParticipant(id=self.op(), participant_id=person), LOUISE)

    # -- agreements, tied to notes ("Hører til") -------------------------------------------------

    @rule(data=st.data(), base=st.integers(0, 50), tied=st.booleans(), propose=st.booleans())
    def agreement(self, data: st.DataObject, base: int, tied: bool, propose: bool) -> None:
        by = self.pick(data, list(PEOPLE)) if propose else LOUISE
        own = sorted(c.id for c in self.state.cards.values() if c.author == by)
        mine = data.draw(st.booleans()) and own
        serves = (self.pick(data, own) if mine else self.some_card(data)) if tied else None
        fields = {
            "agreement_id": f"aftale-{next(self.tokens):04d}",
            "what": self.text(base),
            "who_names": ["Birthe"],
            "when_text": "hver onsdag",
            "serves": serves,
        }
        if propose:
            self.submit(ProposeAgreement(id=self.op(), **fields), by)
        else:
            self.submit(AddAgreement(id=self.op(), **fields), LOUISE)

    @rule(data=st.data(), base=st.integers(0, 50))
    def tie_to_a_private_note(self, data: st.DataObject, base: int) -> None:
        """Someone proposes an agreement tied to their own note that others may not see."""
        private = sorted(
            (c.author, c.id)
            for c in self.state.cards.values()
            if (c.hidden or c.family) and c.author in PEOPLE
        )
        if not private:
            return
        by, card = data.draw(st.sampled_from(private))
        intent = ProposeAgreement(
            id=self.op(),
            agreement_id=f"aftale-{next(self.tokens):04d}",
            what=self.text(base),
            who_names=["Birthe"],
            when_text="hver onsdag",
            serves=card,
        )
        self.submit(intent, by)

    @rule(data=st.data(), accept=st.booleans())
    def decide(self, data: st.DataObject, accept: bool) -> None:
        chosen = self.pick(data, sorted(self.state.agreements) or ["aftale-ingen"])
        kind = AcceptAgreement if accept else DeleteAgreement
        self.submit(kind(id=self.op(), agreement_id=chosen), self.pick(data, [LOUISE, "sara"]))

    # -- scaling -----------------------------------------------------------------------------------

    @rule(data=st.data(), base=st.integers(0, 50), value=st.integers(0, 10))
    def scaling(self, data: st.DataObject, base: int, value: int) -> None:
        if "skala" not in self.state.scales:
            self.submit(AskScale(id=self.op(), scale_id="skala", preset="safety"), LOUISE)
        person = self.pick(data, list(PEOPLE))
        self.submit(
            CastVote(id=self.op(), scale_id="skala", vote_id=f"stemme-{person}", value=value),
            person,
        )
        note = AddScaleNote(
            id=self.op(),
            note_id=f"skalanote-{next(self.tokens):04d}",
            scale_id="skala",
            follow_up="one_step_up",
            text=self.text(base),
        )
        self.submit(note, person)

    @rule()
    def reveal_scale(self) -> None:
        self.submit(RevealScale(id=self.op(), scale_id="skala"), LOUISE)

    @rule(data=st.data())
    def give_word(self, data: st.DataObject) -> None:
        self.submit(f.GiveWord(id=self.op(), participant_id=self.pick(data, list(PEOPLE))), LOUISE)

    @rule(chance=st.integers(0, 9))
    def close(self, chance: int) -> None:
        """Now and then: nothing changes after it."""
        if chance == 0:
            self.submit(CloseMeeting(id=self.op(), next_meeting="2026-03-02T14:00"), LOUISE)

    # -- naming what one may not see ---------------------------------------------------------------

    @rule(data=st.data(), base=st.integers(0, 50))
    def name_a_hidden_note(self, data: st.DataObject, base: int) -> None:
        actor = self.pick(data, WRITERS)
        person = self.state.participants.get(actor)
        if person is None:
            return
        viewer = Viewer(role=person.role, participant_id=actor)
        hidden = [
            c.id
            for c in self.state.cards.values()
            if visibility.seen(self.state, c, viewer) is None
        ]
        if not hidden:
            return
        card = self.pick(data, sorted(hidden))
        assert self.answers(card, actor, base) == self.answers("findes-ikke", actor, base)

    def answers(self, named: str, actor: str, base: int) -> list[tuple[str, str]]:
        """What each intent naming this card gets: its code and message, or how much changed."""
        intents: list[Intent] = [
            EditCard(id=self.op(), card_id=named, text=self.text(base)),
            DeleteCard(id=self.op(), card_id=named),
            MoveCard(id=self.op(), card_id=named, column="next"),
            AddAgreement(
                id=self.op(),
                agreement_id="aftale-navngiver",
                what="Mormor henter",
                who_names=["Birthe"],
                when_text="i morgen",
                serves=named,
            ),
        ]
        found: list[tuple[str, str]] = []
        for intent in intents:
            try:
                found.append(("ok", str(len(apply(self.state, intent, actor, NOW)))))
            except Rejected as rejected:
                found.append((rejected.code, f"{rejected.say} {sorted(rejected.params.items())}"))
        return found

    def op(self) -> str:
        return f"op-{next(self.ops):08d}"

    # -- what every output holds -------------------------------------------------------------------

    @invariant()
    def live_changes_add_up_to_the_snapshot(self) -> None:
        for viewer, client in self.clients.items():
            snapshot = {key(e): e for e in visibility.entities(self.state, viewer)}
            assert client == snapshot, viewer

    @invariant()
    def nobody_receives_what_they_may_not_see(self) -> None:
        for viewer in VIEWERS:
            allowed, forbidden = allowed_and_forbidden(self.state, viewer)
            outputs = [msgspec.json.encode(visibility.entities(self.state, viewer)).decode()]
            if self.last is not None:
                op, prior = self.last
                before_allowed, before_forbidden = allowed_and_forbidden(prior, viewer)
                shown = msgspec.json.encode(op.changes_for(viewer)).decode()
                for secret in (forbidden | before_forbidden) - allowed - before_allowed:
                    assert secret not in shown, (viewer, secret, shown)
            if viewer in (RECORD, SUMMARY) and self.state.meeting is not None:
                made = referat.build(self.state, viewer=viewer)
                outputs += [referat.plain_text(made), referat.page(made)]
                meeting = visibility.state_for(self.state, viewer).meeting
                if meeting is not None and meeting.next_meeting:
                    outputs.append(
                        calendar.next_meeting_ics(
                            meeting.id, meeting.title, meeting.next_meeting, NOW
                        ).decode()
                    )
            for output in outputs:
                for secret in forbidden:
                    assert secret not in output, (viewer, secret)

    @invariant()
    def an_anonymous_author_stays_unknown(self) -> None:
        for viewer in VIEWERS:
            shown = visibility.entities(self.state, viewer)
            signed = {e.author for e in shown if isinstance(e, Card) and e.author}
            for entity in shown:
                knows = viewer.role == "facilitator"
                if isinstance(entity, Card) and entity.anonymous:
                    mine = viewer.participant_id == entity.author
                    assert knows or mine or entity.author == ""
                if isinstance(entity, Participant) and entity.removed:
                    # Kept for their notes: shown only beside a note with their name on it.
                    mine = viewer.participant_id == entity.id
                    assert knows or mine or entity.id in signed

    @invariant()
    def talk_time_stays_with_the_facilitator(self) -> None:
        summary = referat.build(self.state, viewer=SUMMARY) if self.state.meeting else None
        assert summary is None or summary.talk == []
        for viewer in VIEWERS:
            if viewer.role != "facilitator" and self.state.turns is not None:
                seen = visibility.seen(self.state, self.state.turns, viewer)
                assert seen is not None and not seen.talk and not seen.turns  # type: ignore[union-attr]


VisibilityMachine.TestCase.settings = settings(
    max_examples=100,
    stateful_step_count=35,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestVisibility = VisibilityMachine.TestCase
