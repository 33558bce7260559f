"""The scaling section of the referat: the question, its anchors, the spread, the median and the
follow-up notes; names only when the question was named; nothing before the reveal."""

from server.render import referat

from .meetings import FACILITATOR, holm, run


def scaled(anonymous: bool) -> referat.Referat:
    state = holm()
    run(state, FACILITATOR, "scale.ask", scale_id="s1", preset="safety", anonymous=anonymous)
    run(state, "mette", "scale.vote", scale_id="s1", vote_id="v1", value=4)
    run(state, "jens", "scale.vote", scale_id="s1", vote_id="v2", value=7)
    run(state, "karin", "scale.vote", scale_id="s1", vote_id="v3", value=None)
    run(state, FACILITATOR, "scale.reveal", scale_id="s1")
    run(
        state,
        "jens",
        "scale.note",
        note_id="n1",
        scale_id="s1",
        follow_up="why_not_lower",
        text="Jens følger Emil i skole om tirsdagen",
    )
    run(
        state,
        FACILITATOR,
        "scale.note",
        note_id="n2",
        scale_id="s1",
        follow_up="one_step_up",
        text="En voksen om morgenen i de dårlige perioder",
    )
    run(
        state,
        FACILITATOR,
        "scale.ask",
        scale_id="s2",
        preset="custom",
        question="Hvor godt sover Emil?",
        tied_to="Emil er træt i skolen",
    )
    return referat.build(state)


def test_the_referat_keeps_the_spread_median_and_follow_up_notes() -> None:
    text = referat.plain_text(scaled(anonymous=True))
    section = text.split("SKALERING", 1)[1].split("AFTALER", 1)[0]
    assert "1. På en skala fra 0 til 10: hvor sikkert er det for barnet i dag?" in section
    assert "Det er helt sikkert, at barnet vil blive skadet (igen)" in section
    assert "3 svar, anonymt, heraf 1 sprang over" in section
    assert "Fordeling: 4, 7" in section
    assert "Median: 5,5" in section
    assert "Hvorfor ikke lavere?\n   - Jens følger Emil i skole om tirsdagen" in section
    assert "ét trin op?\n   - En voksen om morgenen i de dårlige perioder" in section
    assert "2. Hvor godt sover Emil?" in section
    assert "Knyttet til: Emil er træt i skolen" in section
    assert "Resultatet blev ikke vist." in section
    assert "Mette" not in section and "Jens:" not in section


def test_a_named_question_names_the_voters_in_the_referat() -> None:
    made = scaled(anonymous=False)
    assert made.scaling[0].spread == "Mette: 4, Jens: 7"
    page = referat.page(made)
    assert 'data-testid="referat-scaling"' in page
    assert "Mette: 4, Jens: 7" in page and "Median: 5,5" in page


def test_a_meeting_without_scaling_has_no_section() -> None:
    made = referat.build(holm())
    assert made.scaling == []
    assert "SKALERING" not in referat.plain_text(made)
    assert "referat-scaling" not in referat.page(made)
