"""The meeting itself: created by the server, settings changed by the facilitator."""

from msgspec.structs import replace

from server.domain import agenda, followup
from server.domain.errors import require
from server.domain.state import State
from server.domain.text import TITLE_MAX, clean
from shared_schema import Carried, Change, CreateMeeting, Participant, SetAutoAdmit, Upsert


def create(state: State, intent: CreateMeeting, now: float) -> list[Change]:
    """The meeting, its facilitator and agenda; a follow-up's with all it carries, the copied
    drawing held to the drawing's rules (a copy refused refuses the meeting with it)."""
    require(state.meeting is None, "conflict", say="meeting.exists")
    require(intent.facilitator.role == "facilitator", "invalid")
    carried = intent.carried or Carried()
    drawing = [] if carried.drawing is None else followup.carry(intent.meeting.id, carried.drawing)
    title = clean(intent.meeting.title, limit=TITLE_MAX)
    return [
        Upsert(entity=replace(intent.meeting, title=title)),
        Upsert(entity=replace(intent.facilitator, admitted=True)),
        *(Upsert(entity=agreement) for agreement in carried.agreements),
        *(Upsert(entity=item) for item in carried.safety),
        Upsert(
            entity=agenda.from_template(
                intent.meeting.id,
                agenda.template_for(
                    intent.meeting.template, bool(carried.agreements or carried.safety)
                ),
            )
        ),
        *drawing,
    ]


def set_auto_admit(
    state: State, intent: SetAutoAdmit, actor: Participant, now: float
) -> list[Change]:
    assert state.meeting is not None
    if state.meeting.auto_admit == intent.on:
        return []
    # Letting everyone in from now on lets in those already waiting too: nobody is left behind
    # in the lobby because they came a minute early.
    waiting: list[Change] = (
        [
            Upsert(entity=replace(person, admitted=True))
            for person in state.participants.values()
            if not person.admitted and not person.removed and person.role != "facilitator"
        ]
        if intent.on
        else []
    )
    return [Upsert(entity=replace(state.meeting, auto_admit=intent.on)), *waiting]
