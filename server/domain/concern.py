"""The bekymringsgrundlag: written by the facilitator or the family's rådgiver."""

from msgspec.structs import replace

from server.domain.state import State
from server.domain.text import clean
from shared_schema import Change, Participant, Upsert
from shared_schema.facilitation import Concern, ConcernAnswers, EditConcern

ANSWER_MAX = 2000


def edit(state: State, intent: EditConcern, actor: Participant, now: float) -> list[Change]:
    assert state.meeting is not None
    answers = {name: _answer(getattr(intent, name)) for name in ConcernAnswers.__struct_fields__}
    concern = replace(Concern(id=state.meeting.id), **answers)
    before = state.concern or Concern(id=state.meeting.id)
    if replace(before, edited_by=None, edited_at=None) == concern:
        return []
    return [Upsert(entity=replace(concern, edited_by=actor.id, edited_at=now))]


def _answer(text: str) -> str:
    return clean(text, limit=ANSWER_MAX, required=False, multiline=True)
