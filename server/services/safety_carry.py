"""What a follow-up meeting brings of the case's last sikkerhedsplan: every rule, to review
(kept / broken / changed), and the warning signs and whom to call, to go on with. People are
named, since the new meeting has new participants and its drawing new ids."""

from msgspec.structs import replace

from server.live.rooms import Rooms
from server.services.auth import new_id
from server.store import MeetingRow
from shared_schema import SignStep
from shared_schema.safety import SafetyItem


async def open_plan(rooms: Rooms, previous: MeetingRow) -> list[SafetyItem]:
    """The previous meeting's safety plan as it was agreed and shared, under new ids."""
    state = (await rooms.get(previous.id)).state

    def name(participant: str | None, person: str | None) -> str:
        if participant is not None and participant in state.participants:
            return state.participants[participant].name
        if person is not None and person in state.persons:
            return state.persons[person].name
        return ""

    def step(given: SignStep) -> SignStep:
        return SignStep(name=name(given.participant, given.person) or given.name, does=given.does)

    carried: list[SafetyItem] = []
    for rule in sorted(state.safety_rules.values(), key=lambda r: (r.order, r.id)):
        if rule.status != "agreed" or rule.family:
            continue
        keepers = [name(p, None) for p in rule.keeper_participants] + [
            name(None, p) for p in rule.keeper_persons
        ]
        carried.append(
            replace(
                rule,
                id=new_id()[:32],
                keeper_participants=[],
                keeper_persons=[],
                keeper_names=[k for k in dict.fromkeys([*keepers, *rule.keeper_names]) if k],
                confirmed_by=[],
                carried_from=previous.id,
                review=None,
                review_comment="",
            )
        )
    for sign in sorted(state.safety_signs.values(), key=lambda s: (s.order, s.id)):
        if sign.status == "agreed" and not sign.family:
            carried.append(replace(sign, id=new_id()[:32], steps=[step(s) for s in sign.steps]))
    for contact in sorted(state.safety_contacts.values(), key=lambda c: (c.order, c.id)):
        if contact.status == "agreed" and not contact.family:
            carried.append(replace(contact, id=new_id()[:32]))
    return carried
