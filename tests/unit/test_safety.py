"""The sikkerhedsplan: rules and their keepers, warning signs, whom to call, moderation,
confirmation from the keepers' own phones, family time and review at the next meeting."""

from typing import Any

import msgspec
import pytest

from server import domain
from server.domain import Rejected, State, visibility
from server.domain.agenda import TEMPLATES
from server.domain.safety import ITEMS_MAX, phone_number, unkept
from server.domain.visibility import Viewer
from shared_schema import SafetyRule, Upsert

from .meetings import FACILITATOR, NOW, holm, intent, run

FETCH = {
    "must": True,
    "text": "Emil bliver hentet af en voksen, der ikke har drukket",
    "keeper_participants": ["jens"],
}


def refused(state: State, actor: str, kind: str, **fields: Any) -> str:
    with pytest.raises(Rejected) as refusal:
        run(state, actor, kind, **fields)
    return refusal.value.code


def with_farmor(state: State) -> State:
    run(state, FACILITATOR, "person.add", person_id="farmor", name="Birthe")
    return state


def test_the_facilitator_writes_a_rule_that_is_agreed_at_once() -> None:
    state = holm()
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", **FETCH)
    rule = state.safety_rules["r1"]
    assert rule.status == "agreed"
    assert rule.keeper_participants == ["jens"]
    assert rule.confirmed_by == []


def test_a_phone_proposes_a_rule_and_the_facilitator_accepts_it() -> None:
    state = holm()
    run(state, "mette", "safety.rule.add", rule_id="r1", **FETCH)
    assert state.safety_rules["r1"].status == "proposed"
    assert state.safety_rules["r1"].proposed_by == "mette"
    run(state, FACILITATOR, "safety.accept", item_id="r1")
    assert state.safety_rules["r1"].status == "agreed"
    assert run(state, FACILITATOR, "safety.accept", item_id="r1") == []


def test_the_facilitator_edits_and_removes_what_phones_proposed() -> None:
    state = holm()
    run(state, "mette", "safety.rule.add", rule_id="r1", **FETCH)
    run(
        state,
        FACILITATOR,
        "safety.rule.edit",
        rule_id="r1",
        must=False,
        text="Far henter ikke Emil alene",
    )
    assert state.safety_rules["r1"].must is False
    assert state.safety_rules["r1"].keeper_participants == []
    run(state, FACILITATOR, "safety.delete", item_id="r1")
    assert "r1" not in state.safety_rules


def test_a_phone_may_withdraw_only_its_own_waiting_proposal() -> None:
    state = holm()
    run(state, "mette", "safety.rule.add", rule_id="r1", **FETCH)
    assert refused(state, "karin", "safety.delete", item_id="r1") == "not_allowed"
    assert refused(state, "mette", "safety.rule.edit", rule_id="r1", **FETCH) == "not_allowed"
    run(state, "mette", "safety.delete", item_id="r1")
    assert "r1" not in state.safety_rules
    run(state, "mette", "safety.rule.add", rule_id="r2", **FETCH)
    run(state, FACILITATOR, "safety.accept", item_id="r2")
    assert refused(state, "mette", "safety.delete", item_id="r2") == "not_allowed"
    assert refused(state, "mette", "safety.accept", item_id="r2") == "not_allowed"


def test_keepers_confirm_the_rule_from_their_own_phone() -> None:
    state = holm()
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", **FETCH)
    run(state, "jens", "safety.rule.confirm", rule_id="r1")
    assert state.safety_rules["r1"].confirmed_by == ["jens"]
    assert run(state, "jens", "safety.rule.confirm", rule_id="r1") == []
    assert refused(state, "mette", "safety.rule.confirm", rule_id="r1") == "not_allowed"
    assert refused(state, FACILITATOR, "safety.rule.confirm", rule_id="r1") == "not_allowed"


def test_a_genogram_person_confirms_once_they_have_said_who_they_are() -> None:
    state = holm()
    run(state, FACILITATOR, "person.add", person_id="emil", name="Emil", focus=True)
    run(state, "jens", "genogram.join", person_id="morfar", kinship="morfar")
    rule = {**FETCH, "keeper_participants": [], "keeper_persons": ["morfar"]}
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", **rule)
    run(state, "jens", "safety.rule.confirm", rule_id="r1")
    assert state.safety_rules["r1"].confirmed_by == ["jens"]


def test_a_proposal_cannot_be_confirmed_before_it_is_in_the_plan() -> None:
    state = holm()
    run(state, "mette", "safety.rule.add", rule_id="r1", **FETCH)
    assert refused(state, "jens", "safety.rule.confirm", rule_id="r1") == "invalid"


def test_changing_a_rule_asks_its_keepers_again() -> None:
    state = holm()
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", **FETCH)
    run(state, "jens", "safety.rule.confirm", rule_id="r1")
    run(state, FACILITATOR, "safety.rule.edit", rule_id="r1", **{**FETCH, "text": "Ny tekst"})
    assert state.safety_rules["r1"].confirmed_by == []


def test_adding_a_keeper_keeps_the_confirmations_given() -> None:
    state = holm()
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", **FETCH)
    run(state, "jens", "safety.rule.confirm", rule_id="r1")
    both = {**FETCH, "keeper_participants": ["jens", "mette"]}
    run(state, FACILITATOR, "safety.rule.edit", rule_id="r1", **both)
    assert state.safety_rules["r1"].confirmed_by == ["jens"]


def test_a_rule_nobody_keeps_is_flagged() -> None:
    state = with_farmor(holm())
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", must=False, text="Ingen slag")
    run(state, FACILITATOR, "safety.rule.add", rule_id="r2", **FETCH)
    assert [rule.id for rule in unkept(state)] == ["r1"]
    kept = {"must": False, "text": "Ingen slag", "keeper_persons": ["farmor"]}
    run(state, FACILITATOR, "safety.rule.edit", rule_id="r1", **kept)
    assert unkept(state) == []


def test_keepers_must_be_in_the_meeting_or_the_genogram() -> None:
    state = holm()
    for keepers in ({"keeper_participants": ["ukendt"]}, {"keeper_persons": ["ukendt"]}):
        rule = {"must": True, "text": "Emil sover hjemme", **keepers}
        assert refused(state, FACILITATOR, "safety.rule.add", rule_id="r1", **rule) == "not_found"
    assert state.safety_rules == {}


def test_duplicate_ids_are_refused_across_the_whole_plan() -> None:
    state = holm()
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", **FETCH)
    sign = {"text": "Mor svarer ikke i telefonen"}
    assert refused(state, FACILITATOR, "safety.sign.add", sign_id="r1", **sign) == "conflict"
    assert len(state.safety_rules) == 1 and state.safety_signs == {}


def test_rule_text_is_cleaned_and_guarded_like_notes() -> None:
    state = holm()
    rule: dict[str, Any] = {"must": True, "keeper_participants": ["jens"]}
    for text, code in (
        ("   ", "invalid"),
        ("x" * 301, "too_large"),
        ("010203-1234", "cpr_detected"),
    ):
        assert refused(state, "mette", "safety.rule.add", rule_id="r1", text=text, **rule) == code
    run(state, "mette", "safety.rule.add", rule_id="r1", text="  Emil  sover\thjemme ", **rule)
    assert state.safety_rules["r1"].text == "Emil sover hjemme"


def test_malformed_intents_are_refused_at_the_edge() -> None:
    for fields in (
        {"type": "safety.rule.add", "rule_id": "r1", "must": "maybe", "text": "x"},
        {"type": "safety.rule.add", "rule_id": "r 1", "must": True, "text": "x"},
        {"type": "safety.rule.add", "rule_id": "r1", "must": True, "text": 3},
        {"type": "safety.rule.review", "rule_id": "r1", "review": "ok"},
        {"type": "safety.contact.add", "contact_id": "c1", "name": "Birthe", "phone": "1" * 41},
    ):
        with pytest.raises(msgspec.ValidationError):
            intent(fields.pop("type"), **fields)
    too_many = {"keeper_participants": [f"p{n}" for n in range(31)]}
    with pytest.raises(msgspec.ValidationError):
        intent("safety.rule.add", rule_id="r1", must=True, text="x", **too_many)


def test_warning_signs_say_what_each_person_does_then() -> None:
    state = with_farmor(holm())
    steps = [
        {"participant": "jens", "does": "Ringer til Mette og henter Emil"},
        {"person": "farmor", "does": "Tager Emil med hjem"},
        {"name": "Skolen", "does": "Ringer til socialrådgiveren"},
    ]
    run(state, "karin", "safety.sign.add", sign_id="s1", text="Mor lyder fuld", steps=steps)
    sign = state.safety_signs["s1"]
    assert sign.status == "proposed"
    assert [step.does for step in sign.steps] == [s["does"] for s in steps]
    run(state, FACILITATOR, "safety.accept", item_id="s1")
    run(state, FACILITATOR, "safety.sign.edit", sign_id="s1", text="Mor lyder fuld", steps=[])
    assert state.safety_signs["s1"].steps == []


def test_a_step_names_exactly_one_person() -> None:
    state = holm()
    for step in ({"does": "Ringer"}, {"participant": "jens", "name": "Jens", "does": "Ringer"}):
        sign = {"text": "Mor lyder fuld", "steps": [step]}
        assert refused(state, FACILITATOR, "safety.sign.add", sign_id="s1", **sign) == "invalid"
    assert state.safety_signs == {}


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("20304050", "20 30 40 50"),
        ("20 30 40 50", "20 30 40 50"),
        ("2030 4050", "20 30 40 50"),
        ("+45 20 30 40 50", "20 30 40 50"),
        ("+4520304050", "20 30 40 50"),
        (" 88 12 34 56 ", "88 12 34 56"),
        ("20\u00a030  40 50", "20 30 40 50"),
    ],
)
def test_danish_phone_numbers_are_kept_in_one_form(written: str, kept: str) -> None:
    assert phone_number(written) == kept


@pytest.mark.parametrize(
    "written",
    [
        "",
        "2030405",
        "203040506",
        "02030405",
        "12345678",
        "+46 20 30 40 50",
        "20-30-40-50",
        "tyve tredive",
        "0045 20 30 40 50",
        "+45",
        "20 30 40 50 60",
    ],
)
def test_what_is_not_a_danish_phone_number_is_refused(written: str) -> None:
    state = holm()
    contact = {"name": "Farmor Birthe", "phone": written}
    assert refused(state, FACILITATOR, "safety.contact.add", contact_id="c1", **contact) == (
        "invalid_phone"
    )
    assert state.safety_contacts == {}
    assert domain.MESSAGES["invalid_phone"].startswith("Skriv et dansk telefonnummer")


def test_whom_to_call_is_proposed_accepted_and_edited() -> None:
    state = holm()
    contact = {"name": "Farmor Birthe", "phone": "+45 20304050", "note": "Hvis mor ikke svarer"}
    run(state, "mette", "safety.contact.add", contact_id="c1", **contact)
    assert state.safety_contacts["c1"].phone == "20 30 40 50"
    assert state.safety_contacts["c1"].status == "proposed"
    run(state, FACILITATOR, "safety.accept", item_id="c1")
    run(state, FACILITATOR, "safety.contact.edit", contact_id="c1", name="Birthe", phone="88123456")
    assert state.safety_contacts["c1"].phone == "88 12 34 56"
    assert state.safety_contacts["c1"].note == ""
    bad = {"name": "Birthe", "phone": "123"}
    assert refused(state, FACILITATOR, "safety.contact.edit", contact_id="c1", **bad) == (
        "invalid_phone"
    )
    assert state.safety_contacts["c1"].phone == "88 12 34 56"


def test_unknown_items_are_not_found() -> None:
    state = holm()
    assert refused(state, FACILITATOR, "safety.accept", item_id="nej") == "not_found"
    assert refused(state, FACILITATOR, "safety.delete", item_id="nej") == "not_found"
    assert refused(state, FACILITATOR, "safety.rule.edit", rule_id="nej", **FETCH) == "not_found"
    assert refused(state, "jens", "safety.rule.confirm", rule_id="nej") == "not_found"
    sign = {"text": "x"}
    assert refused(state, FACILITATOR, "safety.sign.edit", sign_id="nej", **sign) == "not_found"
    contact = {"name": "B", "phone": "20304050"}
    assert (
        refused(state, FACILITATOR, "safety.contact.edit", contact_id="nej", **contact)
        == "not_found"
    )


def test_the_plan_has_a_limit() -> None:
    state = holm()
    for number in range(ITEMS_MAX):
        run(state, FACILITATOR, "safety.sign.add", sign_id=f"s{number}", text=f"Tegn {number}")
    assert refused(state, FACILITATOR, "safety.rule.add", rule_id="r1", **FETCH) == "too_large"


def test_what_the_family_writes_in_family_time_waits_for_the_family_to_share_it() -> None:
    state = holm()
    run(state, FACILITATOR, "family.start")
    run(state, "mette", "safety.rule.add", rule_id="r1", **FETCH)
    assert state.safety_rules["r1"].family
    karin = Viewer(role="fagperson", participant_id="karin")
    jens = Viewer(role="privat", participant_id="jens")
    assert [e for e in visibility.entities(state, karin) if isinstance(e, SafetyRule)] == []
    assert [e.id for e in visibility.entities(state, jens) if isinstance(e, SafetyRule)] == ["r1"]
    assert refused(state, "karin", "safety.rule.add", rule_id="r2", **FETCH) == "not_allowed"
    run(state, "mette", "family.release")
    assert not state.safety_rules["r1"].family
    assert [e.id for e in visibility.entities(state, karin) if isinstance(e, SafetyRule)] == ["r1"]


def test_someone_sent_away_keeps_no_rule_and_their_proposals_go() -> None:
    state = holm()
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", **FETCH)
    run(state, "jens", "safety.rule.confirm", rule_id="r1")
    run(state, "jens", "safety.rule.add", rule_id="r2", **FETCH)
    step = {"participant": "jens", "does": "Henter Emil"}
    run(state, FACILITATOR, "safety.sign.add", sign_id="s1", text="Mor svarer ikke", steps=[step])
    run(state, FACILITATOR, "participant.reject", participant_id="jens")
    assert state.safety_rules["r1"].keeper_participants == []
    assert state.safety_rules["r1"].confirmed_by == []
    assert "r2" not in state.safety_rules
    assert state.safety_signs["s1"].steps[0].name == "Jens"
    assert state.safety_signs["s1"].steps[0].participant is None
    assert [rule.id for rule in unkept(state)] == ["r1"]


def test_a_person_taken_out_of_the_genogram_keeps_no_rule() -> None:
    state = with_farmor(holm())
    rule = {"must": True, "text": "Emil sover hos farmor", "keeper_persons": ["farmor"]}
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", **rule)
    step = {"person": "farmor", "does": "Henter Emil"}
    run(state, FACILITATOR, "safety.sign.add", sign_id="s1", text="Mor svarer ikke", steps=[step])
    run(state, FACILITATOR, "person.delete", person_id="farmor")
    assert state.safety_rules["r1"].keeper_persons == []
    assert state.safety_signs["s1"].steps[0].name == "Birthe"


def carried_rule() -> SafetyRule:
    return SafetyRule(
        id="r-sidst",
        must=True,
        text="Emil bliver hentet af en voksen, der ikke har drukket",
        status="agreed",
        proposed_by=FACILITATOR,
        order="a0",
        created_at=NOW - 86_400 * 30,
        carried_from="r1",
    )


def test_a_carried_rule_is_reviewed_and_never_edited_or_deleted() -> None:
    state = holm()
    domain.evolve(state, [Upsert(entity=carried_rule())])
    run(
        state,
        FACILITATOR,
        "safety.rule.review",
        rule_id="r-sidst",
        review="broken",
        comment="Det skete én gang i oktober",
    )
    assert state.safety_rules["r-sidst"].review == "broken"
    assert state.safety_rules["r-sidst"].review_comment == "Det skete én gang i oktober"
    assert refused(state, FACILITATOR, "safety.rule.edit", rule_id="r-sidst", **FETCH) == (
        "not_allowed"
    )
    assert refused(state, FACILITATOR, "safety.delete", item_id="r-sidst") == "not_allowed"
    assert refused(state, "mette", "safety.rule.review", rule_id="r-sidst", review="kept") == (
        "not_allowed"
    )


def test_only_carried_rules_are_reviewed() -> None:
    state = holm()
    run(state, FACILITATOR, "safety.rule.add", rule_id="r1", **FETCH)
    assert refused(state, FACILITATOR, "safety.rule.review", rule_id="r1", review="kept") == (
        "invalid"
    )


def test_the_plan_has_its_phase_after_the_agreements_and_in_de_3_huse() -> None:
    for template in ("network", "followup"):
        phases = TEMPLATES[template]
        assert phases.index("safety") == phases.index("agreements") + 1
    assert TEMPLATES["three_houses"][-2:] == ["safety", "closing"]
    assert "safety" not in TEMPLATES["pre"]


def test_a_hidden_family_proposal_is_to_the_facilitator_one_that_does_not_exist() -> None:
    state = holm()
    run(state, FACILITATOR, "family.start")
    run(state, "mette", "safety.rule.add", rule_id="r1", **FETCH)
    for kind, fields in (
        ("safety.accept", {"item_id": "r1"}),
        ("safety.delete", {"item_id": "r1"}),
        ("safety.rule.edit", {"rule_id": "r1", **FETCH}),
        ("safety.rule.review", {"rule_id": "r1", "review": "kept"}),
    ):
        missing = {**fields, **{k: "r-ukendt" for k in ("item_id", "rule_id") if k in fields}}
        assert refused(state, FACILITATOR, kind, **fields) == refused(
            state, FACILITATOR, kind, **missing
        )
    assert state.safety_rules["r1"].status == "proposed"
    run(state, "mette", "family.release")
    run(state, FACILITATOR, "safety.accept", item_id="r1")
    assert state.safety_rules["r1"].status == "agreed"
