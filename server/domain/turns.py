"""Turn-taking: the talerække (raised hands), the runde (a round in seat order), who has the
word and who is next, and how long each person has spoken."""

from msgspec.structs import replace

from server.domain import permissions
from server.domain.errors import Rejected, require
from server.domain.state import State, upsert_if_changed
from server.domain.text import clean
from shared_schema import Change, Participant
from shared_schema.facilitation import (
    GiveWord,
    LowerHand,
    MarkAbsent,
    NextTurn,
    OrderQueue,
    PassTurn,
    RaiseHand,
    SetSeats,
    StartRound,
    StopTurns,
    Turns,
)

TOPIC_MAX = 120


def current(state: State) -> Turns:
    assert state.meeting is not None
    return state.turns or Turns(id=state.meeting.id)


def _put(state: State, turns: Turns) -> list[Change]:
    return upsert_if_changed(current(state), _settle(turns))


def _in_meeting(state: State, participant_id: str) -> Participant:
    person = state.participants.get(participant_id)
    if person is None or not person.admitted or person.removed:
        raise Rejected("not_found", say="participant.absent")
    return person


def _settle(turns: Turns) -> Turns:
    """Order the talerække and work out who is next: in a round the first in seat order who
    has not had a turn and is there; otherwise the first raised hand."""
    queue = list(turns.hands)
    if turns.unspoken_first:
        queue.sort(key=lambda person: person in turns.spoken)  # stable: raise order within
    if turns.round:
        upcoming = [
            person
            for person in turns.round
            if person not in turns.done and person not in turns.absent
        ]
    else:
        upcoming = queue
    following = next((person for person in upcoming if person != turns.speaker), None)
    return replace(turns, queue=queue, next=following)


def _end_turn(turns: Turns, now: float) -> Turns:
    """The speaker's time is counted, and in a round their turn is had; nobody has the word."""
    speaker = turns.speaker
    if speaker is None:
        return turns
    talk = dict(turns.talk)
    talk[speaker] = round(talk.get(speaker, 0.0) + max(0.0, now - (turns.speaker_since or now)), 1)
    done = turns.done
    if speaker in turns.round and speaker not in done:
        done = [*done, speaker]
    return replace(turns, speaker=None, speaker_since=None, talk=talk, done=done)


def _give(turns: Turns, person: str, now: float) -> Turns:
    counted = dict(turns.turns)
    counted[person] = counted.get(person, 0) + 1
    return replace(
        turns,
        speaker=person,
        speaker_since=now,
        hands=[hand for hand in turns.hands if hand != person],
        spoken=turns.spoken if person in turns.spoken else [*turns.spoken, person],
        turns=counted,
    )


def _end_round(turns: Turns) -> Turns:
    return replace(turns, round=[], round_topic="", done=[], passed=[])


def _onward(turns: Turns, now: float) -> Turns:
    """The word goes to whoever is next; a round with nobody left ends."""
    following = _settle(_end_turn(turns, now))
    if following.next is not None:
        return _give(following, following.next, now)
    return _end_round(following) if following.round else following


def seated(state: State, turns: Turns) -> list[str]:
    """Everyone in the meeting but the facilitator, in the facilitator's seat order; people not
    seated yet follow in the order they joined."""
    people = sorted(
        (
            person
            for person in state.participants.values()
            if person.admitted and not person.removed and person.role != "facilitator"
        ),
        key=lambda person: (person.joined_at, person.id),
    )
    there = {person.id for person in people}
    placed = [person for person in turns.seats if person in there]
    return placed + [person.id for person in people if person.id not in placed]


def raise_hand(state: State, intent: RaiseHand, actor: Participant, now: float) -> list[Change]:
    turns = current(state)
    if actor.id in turns.hands:
        return []
    return _put(state, replace(turns, hands=[*turns.hands, actor.id]))


def lower_hand(state: State, intent: LowerHand, actor: Participant, now: float) -> list[Change]:
    person = intent.participant_id or actor.id
    permissions.require_own(LowerHand, actor, person == actor.id)
    turns = current(state)
    return _put(state, replace(turns, hands=[hand for hand in turns.hands if hand != person]))


def order_queue(state: State, intent: OrderQueue, actor: Participant, now: float) -> list[Change]:
    return _put(state, replace(current(state), unspoken_first=intent.unspoken_first))


def give(state: State, intent: GiveWord, actor: Participant, now: float) -> list[Change]:
    _in_meeting(state, intent.participant_id)
    turns = current(state)
    if turns.speaker == intent.participant_id:
        return []
    return _put(state, _give(_end_turn(turns, now), intent.participant_id, now))


def next_turn(state: State, intent: NextTurn, actor: Participant, now: float) -> list[Change]:
    return _put(state, _onward(current(state), now))


def pass_turn(state: State, intent: PassTurn, actor: Participant, now: float) -> list[Change]:
    turns = current(state)
    require(
        turns.speaker is not None and bool(turns.round),
        "conflict",
        say="round.none",
    )
    assert turns.speaker is not None
    permissions.require_own(PassTurn, actor, turns.speaker == actor.id, "round.pass_own")
    passed = replace(turns, passed=[*turns.passed, turns.speaker])
    return _put(state, _onward(passed, now))


def stop(state: State, intent: StopTurns, actor: Participant, now: float) -> list[Change]:
    return _put(state, _end_round(_end_turn(current(state), now)))


def set_seats(state: State, intent: SetSeats, actor: Participant, now: float) -> list[Change]:
    require(len(set(intent.order)) == len(intent.order), "invalid", say="round.one_seat")
    for person in intent.order:
        _in_meeting(state, person)
    return _put(state, replace(current(state), seats=list(intent.order)))


def mark_absent(state: State, intent: MarkAbsent, actor: Participant, now: float) -> list[Change]:
    _in_meeting(state, intent.participant_id)
    turns = current(state)
    absent = [person for person in turns.absent if person != intent.participant_id]
    if intent.absent:
        absent.append(intent.participant_id)
    return _put(state, replace(turns, absent=absent))


def start_round(state: State, intent: StartRound, actor: Participant, now: float) -> list[Change]:
    topic = clean(intent.topic, limit=TOPIC_MAX, required=False)
    turns = _end_turn(current(state), now)
    order = seated(state, turns)
    require(
        any(person not in turns.absent for person in order),
        "conflict",
        say="round.nobody",
    )
    fresh = replace(turns, round=order, round_topic=topic, done=[], passed=[])
    return _put(state, _onward(fresh, now))


def forget(state: State, participant_id: str, now: float) -> list[Change]:
    """Someone sent away leaves the hands, the seats and the round; their spoken time stays."""
    if state.turns is None:
        return []
    turns = state.turns
    if turns.speaker == participant_id:
        turns = _end_turn(turns, now)

    def without(people: list[str]) -> list[str]:
        return [person for person in people if person != participant_id]

    turns = replace(
        turns,
        seats=without(turns.seats),
        absent=without(turns.absent),
        hands=without(turns.hands),
        round=without(turns.round),
        done=without(turns.done),
        passed=without(turns.passed),
    )
    return _put(state, turns)
