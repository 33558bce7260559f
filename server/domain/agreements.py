"""Agreements (hvem gør hvad): written by the facilitator, proposed from phones, reviewed at
the next meeting, read back and confirmed by everyone."""

import datetime

from msgspec.structs import replace

from server.domain import permissions, writing
from server.domain.errors import Rejected, existing, require
from server.domain.order import key_between
from server.domain.state import State, upsert_if_changed
from server.domain.text import NAME_MAX, clean
from shared_schema import (
    AcceptAgreement,
    AddAgreement,
    Agreement,
    Change,
    ConfirmAgreements,
    Confirmation,
    DeleteAgreement,
    EditAgreement,
    Participant,
    ProposeAgreement,
    Remove,
    ReviewAgreement,
    StartReadback,
    StopReadback,
    Upsert,
)
from shared_schema.agreements import AgreementFields

AGREEMENTS_MAX = 100
WHAT_MAX = 300
WHEN_MAX = 80
COMMENT_MAX = 300
WHO_MAX = 30


def _agreement(state: State, agreement_id: str) -> Agreement:
    return existing(state.agreements, agreement_id, "agreement.gone")


def _not_reading_back(state: State) -> None:
    assert state.meeting is not None
    require(
        state.meeting.status != "readback",
        "conflict",
        say="readback.running",
    )


def _date(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise Rejected("invalid", say="date.invalid") from None


def _checked(state: State, given: AgreementFields) -> dict[str, object]:
    """The agreement's fields, cleaned; raises Rejected when one cannot be kept."""
    require(
        len(given.who_participants) <= WHO_MAX and len(given.who_names) <= WHO_MAX,
        "too_large",
        say="agreement.too_many_people",
        params={"max": WHO_MAX},
    )
    who: list[str] = []
    for participant_id in given.who_participants:
        person = state.participants.get(participant_id)
        require(
            person is not None and not person.removed,
            "not_found",
            say="participant.some_gone",
        )
        if participant_id not in who:
            who.append(participant_id)
    names: list[str] = []
    for name in given.who_names:
        cleaned = clean(name, limit=NAME_MAX, required=False)
        if cleaned and cleaned not in names:
            names.append(cleaned)
    require(
        bool(who or names or given.who_municipality),
        "invalid",
        say="agreement.who_missing",
    )
    # When is a date, a time in words ("hver tirsdag", "efter behov"), both, or neither: an
    # agreement with neither runs on (løbende) until the next meeting follows it up.
    when_text = clean(given.when_text, limit=WHEN_MAX, required=False)
    when_date = _date(given.when_date)
    if given.serves is not None:
        require(
            given.serves in state.cards,
            "not_found",
            say="agreement.card_gone",
        )
    return {
        "what": clean(given.what, limit=WHAT_MAX),
        "who_participants": who,
        "who_names": names,
        "who_municipality": given.who_municipality,
        "when_date": when_date,
        "when_text": when_text,
        "serves": given.serves,
    }


def _new(
    state: State, given: AddAgreement | ProposeAgreement, actor: Participant, now: float
) -> list[Change]:
    _not_reading_back(state)
    require(given.agreement_id not in state.agreements, "conflict", say="agreement.exists")
    require(
        len(state.agreements) < AGREEMENTS_MAX,
        "too_large",
        say="agreement.too_many",
        params={"max": AGREEMENTS_MAX},
    )
    fields = _checked(state, given)
    last = max((a.order for a in state.agreements.values()), default=None)
    agreement = Agreement(
        id=given.agreement_id,
        status="agreed" if isinstance(given, AddAgreement) else "proposed",
        proposed_by=actor.id,
        order=key_between(last, None),
        created_at=now,
        **fields,  # type: ignore[arg-type]
    )
    return [Upsert(entity=writing.stamp_agreement(state, agreement))]


def add(state: State, intent: AddAgreement, actor: Participant, now: float) -> list[Change]:
    return _new(state, intent, actor, now)


def propose(state: State, intent: ProposeAgreement, actor: Participant, now: float) -> list[Change]:
    return _new(state, intent, actor, now)


def edit(state: State, intent: EditAgreement, actor: Participant, now: float) -> list[Change]:
    agreement = _agreement(state, intent.agreement_id)
    require(
        agreement.carried_from is None,
        "not_allowed",
        say="agreement.carried_change",
    )
    _not_reading_back(state)
    edited = replace(agreement, **_checked(state, intent))
    return upsert_if_changed(agreement, edited)


def accept(state: State, intent: AcceptAgreement, actor: Participant, now: float) -> list[Change]:
    agreement = _agreement(state, intent.agreement_id)
    if agreement.status == "agreed":
        return []
    _not_reading_back(state)
    return [Upsert(entity=replace(agreement, status="agreed"))]


def delete(state: State, intent: DeleteAgreement, actor: Participant, now: float) -> list[Change]:
    agreement = _agreement(state, intent.agreement_id)
    writing.refuse_to_withdraw_from_before(state, agreement, actor)
    own_proposal = agreement.status == "proposed" and agreement.proposed_by == actor.id
    permissions.require_own(DeleteAgreement, actor, own_proposal)
    require(
        agreement.carried_from is None,
        "not_allowed",
        say="agreement.carried_delete",
    )
    _not_reading_back(state)
    return [Remove(kind="agreement", id=agreement.id)]


def review(state: State, intent: ReviewAgreement, actor: Participant, now: float) -> list[Change]:
    agreement = _agreement(state, intent.agreement_id)
    require(
        agreement.carried_from is not None,
        "invalid",
        say="agreement.review_carried_only",
    )
    comment = clean(intent.comment, limit=COMMENT_MAX, required=False, multiline=True)
    reviewed = replace(agreement, review=intent.review, review_comment=comment)
    return upsert_if_changed(agreement, reviewed)


def start_readback(
    state: State, intent: StartReadback, actor: Participant, now: float
) -> list[Change]:
    assert state.meeting is not None
    if state.meeting.status == "readback":
        return []
    require(
        any(a.status == "agreed" and a.carried_from is None for a in state.agreements.values()),
        "invalid",
        say="readback.nothing",
    )
    return [Upsert(entity=replace(state.meeting, status="readback"))]


def stop_readback(
    state: State, intent: StopReadback, actor: Participant, now: float
) -> list[Change]:
    assert state.meeting is not None
    if state.meeting.status != "readback":
        return []
    cleared: list[Change] = [
        Remove(kind="confirmation", id=confirmation_id) for confirmation_id in state.confirmations
    ]
    return [Upsert(entity=replace(state.meeting, status="open")), *cleared]


def confirm(
    state: State, intent: ConfirmAgreements, actor: Participant, now: float
) -> list[Change]:
    assert state.meeting is not None
    require(
        state.meeting.status == "readback",
        "conflict",
        say="readback.not_running",
    )
    comment = clean(intent.comment, limit=COMMENT_MAX, required=not intent.agrees, multiline=True)
    confirmation = Confirmation(id=actor.id, agrees=intent.agrees, comment=comment, at=now)
    before = state.confirmations.get(actor.id)
    if before is not None and (before.agrees, before.comment) == (intent.agrees, comment):
        return []
    return [Upsert(entity=confirmation)]


def forget_person(state: State, participant_id: str) -> list[Change]:
    """Someone is sent away: agreements keep them by name, their waiting proposals are
    withdrawn and their answer to the read-back goes, so nothing points at them any more."""
    person = state.participants[participant_id]
    changes: list[Change] = []
    for agreement in state.agreements.values():
        if agreement.status == "proposed" and agreement.proposed_by == participant_id:
            changes.append(Remove(kind="agreement", id=agreement.id))
        elif participant_id in agreement.who_participants:
            names = agreement.who_names
            kept = replace(
                agreement,
                who_participants=[p for p in agreement.who_participants if p != participant_id],
                who_names=names if person.name in names else [*names, person.name],
            )
            changes.append(Upsert(entity=kept))
    if participant_id in state.confirmations:
        changes.append(Remove(kind="confirmation", id=participant_id))
    return changes


def unlink_card(state: State, card_id: str) -> list[Change]:
    """A deleted note: agreements that served it keep everything else."""
    return [
        Upsert(entity=replace(agreement, serves=None))
        for agreement in state.agreements.values()
        if agreement.serves == card_id
    ]
