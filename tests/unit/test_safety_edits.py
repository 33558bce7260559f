"""Changing and removing warning signs and whom to call, as the facilitator's tab does: bad
input is refused and changes nothing, phones cannot change the agreed plan, the same change
twice is one change, and an item hidden in family time is to the facilitator one that does not
exist."""

from typing import Any

import msgspec
import pytest

from server.domain import Rejected, State
from shared_schema import Remove

from .meetings import FACILITATOR, holm, intent, run

SIGN = {
    "text": "Mor svarer ikke i telefonen om aftenen",
    "steps": [{"participant": "jens", "does": "Kører forbi og ser til Emil"}],
}
CONTACT = {"name": "Farmor Birthe", "phone": "20304050", "note": "Hvis mor ikke svarer"}


def refused(state: State, actor: str, kind: str, **fields: Any) -> str:
    with pytest.raises(Rejected) as refusal:
        run(state, actor, kind, **fields)
    return refusal.value.code


def planned() -> State:
    state = holm()
    run(state, FACILITATOR, "safety.sign.add", sign_id="s1", **SIGN)
    run(state, FACILITATOR, "safety.contact.add", contact_id="c1", **CONTACT)
    return state


def test_the_facilitator_changes_a_warning_sign_and_its_steps() -> None:
    state = planned()
    steps = [
        {"participant": "jens", "does": "Ringer til Mette"},
        {"name": "Skolen", "does": "Ringer til socialrådgiveren"},
    ]
    run(state, FACILITATOR, "safety.sign.edit", sign_id="s1", text="Mor lyder fuld", steps=steps)
    sign = state.safety_signs["s1"]
    assert sign.text == "Mor lyder fuld"
    assert [(s.participant, s.name, s.does) for s in sign.steps] == [
        ("jens", "", "Ringer til Mette"),
        (None, "Skolen", "Ringer til socialrådgiveren"),
    ]
    assert sign.status == "agreed"


def test_the_facilitator_changes_whom_to_call() -> None:
    state = planned()
    run(
        state,
        FACILITATOR,
        "safety.contact.edit",
        contact_id="c1",
        **{**CONTACT, "phone": "+45 88 12 34 56"},
    )
    assert state.safety_contacts["c1"].phone == "88 12 34 56"
    assert state.safety_contacts["c1"].note == "Hvis mor ikke svarer"


def test_malformed_changes_are_refused_at_the_edge() -> None:
    for kind, fields in (
        ("safety.sign.edit", {"sign_id": "s1", "text": 7}),
        ("safety.sign.edit", {"sign_id": "s 1", "text": "Mor lyder fuld"}),
        ("safety.sign.edit", {"sign_id": "s1", "text": "x", "steps": [{"name": "Jens"}]}),
        ("safety.sign.edit", {"sign_id": "s1", "text": "x", "steps": [{"does": "x"}] * 31}),
        ("safety.contact.edit", {"contact_id": "c1", "name": "Birthe"}),
        ("safety.contact.edit", {"contact_id": "c1", "name": "B", "phone": "2" * 41}),
        ("safety.contact.edit", {"contact_id": "c1", "name": "x" * 201, "phone": "20304050"}),
    ):
        with pytest.raises(msgspec.ValidationError):
            intent(kind, **fields)


def test_oversized_or_empty_changes_are_refused_and_change_nothing() -> None:
    state = planned()
    before = (state.safety_signs["s1"], state.safety_contacts["c1"])
    long_step = [{"participant": "jens", "does": "x" * 201}]
    for kind, fields, code in (
        ("safety.sign.edit", {"sign_id": "s1", "text": "x" * 301}, "too_large"),
        ("safety.sign.edit", {"sign_id": "s1", "text": "   "}, "invalid"),
        ("safety.sign.edit", {"sign_id": "s1", "text": "Mor", "steps": long_step}, "too_large"),
        ("safety.sign.edit", {"sign_id": "s1", "text": "Ring 010203-1234"}, "cpr_detected"),
        ("safety.contact.edit", {**CONTACT, "contact_id": "c1", "note": "x" * 201}, "too_large"),
        ("safety.contact.edit", {**CONTACT, "contact_id": "c1", "phone": "1234"}, "invalid_phone"),
        ("safety.contact.edit", {**CONTACT, "contact_id": "c1", "name": " "}, "invalid"),
    ):
        assert refused(state, FACILITATOR, kind, **fields) == code
    assert (state.safety_signs["s1"], state.safety_contacts["c1"]) == before


def test_phones_cannot_change_or_remove_the_agreed_plan() -> None:
    state = planned()
    before = (state.safety_signs["s1"], state.safety_contacts["c1"])
    for actor in ("mette", "jens", "karin"):
        sign = {"sign_id": "s1", "text": "Mor er træt"}
        assert refused(state, actor, "safety.sign.edit", **sign) == "not_allowed"
        contact = {**CONTACT, "contact_id": "c1", "name": "Farfar"}
        assert refused(state, actor, "safety.contact.edit", **contact) == "not_allowed"
        for item in ("s1", "c1"):
            assert refused(state, actor, "safety.delete", item_id=item) == "not_allowed"
    assert (state.safety_signs["s1"], state.safety_contacts["c1"]) == before


def test_the_same_change_twice_is_one_change() -> None:
    state = planned()
    edit = {"sign_id": "s1", "text": "Mor lyder fuld", "steps": []}
    assert run(state, FACILITATOR, "safety.sign.edit", **edit)
    assert run(state, FACILITATOR, "safety.sign.edit", **edit) == []
    assert run(state, FACILITATOR, "safety.contact.edit", contact_id="c1", **CONTACT) == []


def test_the_facilitator_removes_a_sign_and_a_contact() -> None:
    state = planned()
    changes = run(state, FACILITATOR, "safety.delete", item_id="s1")
    assert changes == [Remove(kind="safety_sign", id="s1")]
    run(state, FACILITATOR, "safety.delete", item_id="c1")
    assert state.safety_signs == {} and state.safety_contacts == {}
    assert refused(state, FACILITATOR, "safety.delete", item_id="s1") == "not_found"


def test_a_sign_or_contact_hidden_in_family_time_is_as_if_it_did_not_exist() -> None:
    state = holm()
    run(state, FACILITATOR, "family.start")
    run(state, "mette", "safety.sign.add", sign_id="s1", **SIGN)
    run(state, "mette", "safety.contact.add", contact_id="c1", **CONTACT)
    for kind, fields, missing in (
        ("safety.sign.edit", {"sign_id": "s1", **SIGN}, {"sign_id": "s-ukendt", **SIGN}),
        (
            "safety.contact.edit",
            {"contact_id": "c1", **CONTACT},
            {"contact_id": "c-ukendt", **CONTACT},
        ),
    ):
        assert refused(state, FACILITATOR, kind, **fields) == "not_found"
        assert refused(state, FACILITATOR, kind, **missing) == "not_found"
    assert state.safety_signs["s1"].text == SIGN["text"]
    assert state.safety_contacts["c1"].phone == "20 30 40 50"
