"""The sikkerhedsplan's section of the referat: what was taken into the plan and shared."""

import pytest

from server.domain import Rejected
from server.render import referat

from .meetings import FACILITATOR, holm, run


def test_the_record_holds_only_what_was_taken_into_the_plan_and_shared() -> None:
    state = holm()
    fetch = {"text": "Emil hentes af en ædru voksen", "keeper_participants": ["jens"]}
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", **fetch)
    run(state, "jens", "safety.rule.confirm", rule_id="r1")
    run(state, "mette", "safety.rule.add", rule_id="r2", text="Et forslag, ingen tog med")
    run(state, FACILITATOR, "family.start")
    run(state, "mette", "safety.sign.add", sign_id="s1", text="Familiens eget tegn")
    # The facilitator does not see the family's sign, so cannot name it either.
    with pytest.raises(Rejected) as refusal:
        run(state, FACILITATOR, "safety.accept", item_id="s1")
    assert refusal.value.code == "not_found"
    made = referat.build(state)
    assert [line.text for line in made.safety.rules] == ["Emil hentes af en ædru voksen"]
    assert made.safety.rules[0].keepers == "Jens"
    assert made.safety.rules[0].confirmed == "Jens"
    assert made.safety.signs == []
    text = referat.plain_text(made)
    assert "Et forslag" not in text and "Familiens eget tegn" not in text
    run(state, "mette", "family.release")
    assert referat.build(state).safety.signs == []  # shared, but not yet taken into the plan
    run(state, FACILITATOR, "safety.accept", item_id="s1")
    assert [sign for sign, _ in referat.build(state).safety.signs] == ["Familiens eget tegn"]


def test_a_meeting_without_a_plan_has_no_section() -> None:
    made = referat.build(holm())
    assert "SIKKERHEDSPLAN" not in referat.plain_text(made)
    assert "referat-safety" not in referat.page(made)


def test_the_page_escapes_what_people_wrote() -> None:
    state = holm()
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", text="<b>Ingen slag</b>", must=False)
    page = referat.page(referat.build(state))
    assert "&lt;b&gt;Ingen slag&lt;/b&gt;" in page and "<b>Ingen slag" not in page
    assert "Ingen holder reglen" in page
