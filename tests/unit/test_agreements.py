"""Agreements: written, proposed and accepted, reviewed, read back and confirmed."""

import pytest

from server.domain import Rejected
from server.domain.agreements import AGREEMENTS_MAX
from shared_schema import Agreement

from .meetings import FACILITATOR, NOW, holm, run

SCHOOL = {
    "what": "Følge Emil i skole om morgenen",
    "who_participants": ["jens"],
    "when_text": "hver tirsdag og torsdag",
    "serves": "next-1",
}


def test_facilitator_writes_an_agreement_that_is_agreed_at_once() -> None:
    state = holm()
    run(state, FACILITATOR, "agreement.add", agreement_id="a1", **SCHOOL)
    agreement = state.agreements["a1"]
    assert agreement.status == "agreed"
    assert agreement.who_participants == ["jens"]
    assert agreement.serves == "next-1"


def test_who_can_be_named_people_and_the_municipality() -> None:
    state = holm()
    run(
        state,
        FACILITATOR,
        "agreement.add",
        agreement_id="a1",
        what="Bevilge aflastning en weekend om måneden",
        who_names=["Farmor Birthe", "Farmor Birthe"],
        who_municipality=True,
        when_date="2026-12-01",
    )
    assert state.agreements["a1"].who_names == ["Farmor Birthe"]
    assert state.agreements["a1"].who_municipality


def test_a_phone_proposes_and_the_facilitator_accepts() -> None:
    state = holm()
    run(state, "mette", "agreement.propose", agreement_id="p1", **SCHOOL)
    assert state.agreements["p1"].status == "proposed"
    assert state.agreements["p1"].proposed_by == "mette"
    run(state, FACILITATOR, "agreement.accept", agreement_id="p1")
    assert state.agreements["p1"].status == "agreed"


def test_a_phone_cannot_write_accept_or_delete_others_agreements() -> None:
    state = holm()
    with pytest.raises(Rejected) as refused:
        run(state, "mette", "agreement.add", agreement_id="a1", **SCHOOL)
    assert refused.value.code == "not_allowed"
    run(state, "mette", "agreement.propose", agreement_id="p1", **SCHOOL)
    for kind in ("agreement.accept", "agreement.delete"):
        with pytest.raises(Rejected) as refused:
            run(state, "jens", kind, agreement_id="p1")
        assert refused.value.code == "not_allowed"


def test_the_proposer_may_withdraw_and_the_facilitator_reject_a_proposal() -> None:
    state = holm()
    run(state, "mette", "agreement.propose", agreement_id="p1", **SCHOOL)
    run(state, "mette", "agreement.delete", agreement_id="p1")
    assert "p1" not in state.agreements
    run(state, "jens", "agreement.propose", agreement_id="p2", **SCHOOL)
    run(state, FACILITATOR, "agreement.delete", agreement_id="p2")
    assert state.agreements == {}


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({**SCHOOL, "who_participants": []}, "invalid"),
        ({**SCHOOL, "when_text": "", "when_date": "2026-02-30"}, "invalid"),
        ({**SCHOOL, "what": "   "}, "invalid"),
        ({**SCHOOL, "what": "x" * 301}, "too_large"),
        ({**SCHOOL, "what": "Ring til Mette, 010203-1234"}, "cpr_detected"),
        ({**SCHOOL, "who_participants": ["nobody"]}, "not_found"),
        ({**SCHOOL, "serves": "no-card"}, "not_found"),
    ],
)
def test_bad_agreements_are_refused_and_change_nothing(
    fields: dict[str, object], code: str
) -> None:
    state = holm()
    with pytest.raises(Rejected) as refused:
        run(state, FACILITATOR, "agreement.add", agreement_id="a1", **fields)
    assert refused.value.code == code
    assert state.agreements == {}


def test_a_duplicate_agreement_id_is_a_conflict() -> None:
    state = holm()
    run(state, FACILITATOR, "agreement.add", agreement_id="a1", **SCHOOL)
    with pytest.raises(Rejected) as refused:
        run(state, "mette", "agreement.propose", agreement_id="a1", **SCHOOL)
    assert refused.value.code == "conflict"


def test_agreements_per_meeting_are_bounded() -> None:
    state = holm()
    for number in range(AGREEMENTS_MAX):
        run(state, FACILITATOR, "agreement.add", agreement_id=f"a{number}", **SCHOOL)
    with pytest.raises(Rejected) as refused:
        run(state, FACILITATOR, "agreement.add", agreement_id="one-more", **SCHOOL)
    assert refused.value.code == "too_large"


def test_agreements_keep_the_order_they_were_written_in() -> None:
    state = holm()
    for number in range(5):
        run(state, FACILITATOR, "agreement.add", agreement_id=f"a{number}", **SCHOOL)
    ordered = sorted(state.agreements.values(), key=lambda a: a.order)
    assert [a.id for a in ordered] == [f"a{n}" for n in range(5)]


def test_read_back_confirmations_and_remarks() -> None:
    state = holm()
    run(state, FACILITATOR, "agreement.add", agreement_id="a1", **SCHOOL)
    run(state, FACILITATOR, "readback.start")
    assert state.meeting is not None and state.meeting.status == "readback"
    run(state, "mette", "agreements.confirm", agrees=True)
    run(state, "jens", "agreements.confirm", agrees=False, comment="Torsdag kan jeg først kl. 8")
    assert state.confirmations["mette"].agrees
    assert state.confirmations["jens"].comment == "Torsdag kan jeg først kl. 8"


def test_a_remark_needs_words_and_the_facilitator_does_not_confirm() -> None:
    state = holm()
    run(state, FACILITATOR, "agreement.add", agreement_id="a1", **SCHOOL)
    run(state, FACILITATOR, "readback.start")
    with pytest.raises(Rejected) as refused:
        run(state, "jens", "agreements.confirm", agrees=False, comment=" ")
    assert refused.value.code == "invalid"
    with pytest.raises(Rejected) as refused:
        run(state, FACILITATOR, "agreements.confirm", agrees=True)
    assert refused.value.code == "not_allowed"


def test_confirming_outside_the_read_back_is_refused() -> None:
    state = holm()
    with pytest.raises(Rejected) as refused:
        run(state, "mette", "agreements.confirm", agrees=True)
    assert refused.value.code == "conflict"


def test_the_read_back_needs_an_agreement_and_freezes_the_list_until_stopped() -> None:
    state = holm()
    with pytest.raises(Rejected) as refused:
        run(state, FACILITATOR, "readback.start")
    assert refused.value.code == "invalid"
    run(state, FACILITATOR, "agreement.add", agreement_id="a1", **SCHOOL)
    run(state, FACILITATOR, "readback.start")
    run(state, "mette", "agreements.confirm", agrees=True)
    with pytest.raises(Rejected) as refused:
        run(state, FACILITATOR, "agreement.add", agreement_id="a2", **SCHOOL)
    assert refused.value.code == "conflict"
    run(state, FACILITATOR, "readback.stop")
    assert state.confirmations == {}
    run(state, FACILITATOR, "agreement.edit", agreement_id="a1", **{**SCHOOL, "what": "Ny tekst"})
    assert state.agreements["a1"].what == "Ny tekst"


def carried_school() -> Agreement:
    return Agreement(
        id="old-1",
        what="Følge Emil i skole",
        who_names=["Jens"],
        when_text="hver tirsdag",
        status="agreed",
        proposed_by=FACILITATOR,
        order="a0",
        created_at=NOW,
        carried_from="last-meeting",
    )


def test_a_follow_up_reviews_last_meetings_agreements() -> None:
    state = holm(carried=[carried_school()])
    run(
        state,
        FACILITATOR,
        "agreement.review",
        agreement_id="old-1",
        review="partly",
        comment="Tirsdag gik, torsdag ikke",
    )
    assert state.agreements["old-1"].review == "partly"
    assert state.agreements["old-1"].review_comment == "Tirsdag gik, torsdag ikke"


def test_carried_agreements_are_reviewed_not_edited_and_new_ones_not_reviewed() -> None:
    state = holm(carried=[carried_school()])
    with pytest.raises(Rejected) as refused:
        run(state, FACILITATOR, "agreement.edit", agreement_id="old-1", **SCHOOL)
    assert refused.value.code == "not_allowed"
    with pytest.raises(Rejected) as refused:
        run(state, "mette", "agreement.review", agreement_id="old-1", review="done")
    assert refused.value.code == "not_allowed"
    run(state, FACILITATOR, "agreement.add", agreement_id="a1", **SCHOOL)
    with pytest.raises(Rejected) as refused:
        run(state, FACILITATOR, "agreement.review", agreement_id="a1", review="done")
    assert refused.value.code == "invalid"


def test_the_read_back_is_of_this_meetings_agreements() -> None:
    state = holm(carried=[carried_school()])
    with pytest.raises(Rejected) as refused:
        run(state, FACILITATOR, "readback.start")
    assert refused.value.code == "invalid"


def test_an_agreement_names_at_most_thirty_people() -> None:
    state = holm()
    with pytest.raises(Rejected) as refused:
        run(
            state,
            FACILITATOR,
            "agreement.add",
            agreement_id="a1",
            **{**SCHOOL, "who_names": [f"Person {n}" for n in range(31)]},
        )
    assert refused.value.code == "too_large"


def test_someone_sent_away_stays_in_agreements_by_name_only() -> None:
    state = holm()
    run(state, FACILITATOR, "agreement.add", agreement_id="a1", **SCHOOL)
    run(state, "jens", "agreement.propose", agreement_id="p1", **SCHOOL)
    run(state, FACILITATOR, "readback.start")
    run(state, "jens", "agreements.confirm", agrees=True)
    run(state, FACILITATOR, "participant.reject", participant_id="jens")
    assert "jens" not in state.participants
    assert state.agreements["a1"].who_participants == []
    assert state.agreements["a1"].who_names == ["Jens"]
    assert "p1" not in state.agreements
    assert "jens" not in state.confirmations


def test_deleting_the_note_an_agreement_serves_keeps_the_agreement() -> None:
    state = holm()
    run(state, FACILITATOR, "agreement.add", agreement_id="a1", **SCHOOL)
    run(state, FACILITATOR, "card.delete", card_id="next-1")
    assert state.agreements["a1"].serves is None
    assert state.agreements["a1"].what == SCHOOL["what"]


def test_an_agreement_with_no_fixed_time_runs_on_until_the_next_meeting() -> None:
    state = holm()
    run(state, FACILITATOR, "agreement.add", agreement_id="a1", **{**SCHOOL, "when_text": ""})
    run(
        state,
        FACILITATOR,
        "agreement.add",
        agreement_id="a2",
        **{**SCHOOL, "what": "Mormor hjælper", "when_text": "efter behov"},
    )
    assert state.agreements["a1"].when_date is None and state.agreements["a1"].when_text == ""
    assert state.agreements["a2"].when_text == "efter behov"
