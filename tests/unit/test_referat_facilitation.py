"""The referat holds the bekymringsgrundlag and who spoke how much, and leaves out notes that
were never revealed or never shared by the family."""

from server import domain
from server.render import referat

from .meetings import FACILITATOR, NOW, holm, intent


def at(state: domain.State, actor: str, kind: str, now: float, **fields: object) -> None:
    domain.evolve(state, domain.apply(state, intent(kind, **fields), actor, now))


def test_the_referat_has_the_bekymringsgrundlag_and_the_talk_time() -> None:
    state = holm()
    at(state, FACILITATOR, "concern.edit", NOW, who="Skolen", statement="Emil er ofte alene.")
    at(state, FACILITATOR, "turn.give", NOW, participant_id="mette")
    at(state, FACILITATOR, "turn.give", NOW + 75, participant_id="jens")
    at(state, FACILITATOR, "meeting.close", NOW + 105)
    made = referat.build(state)
    assert made.concern == [
        ("Hvem er bekymret?", "Skolen"),
        ("Bekymringsudsagn", "Emil er ofte alene."),
    ]
    assert made.talk == ["Mette: 1 gang, 1:15", "Jens: 1 gang, 0:30"]
    text = referat.plain_text(made)
    assert "BEKYMRINGSGRUNDLAG\nHvem er bekymret?\n  Skolen" in text
    assert "TALETID\n- Mette: 1 gang, 1:15\n- Jens: 1 gang, 0:30" in text
    page = referat.page(made)
    assert 'data-testid="referat-concern"' in page and 'data-testid="referat-talk"' in page


def test_notes_never_revealed_or_shared_stay_out_of_the_referat() -> None:
    state = holm()
    at(state, FACILITATOR, "writing.private", NOW)
    at(state, "mette", "card.add", NOW, card_id="p1", column="works", text="Privat tanke")
    at(state, FACILITATOR, "family.start", NOW)
    at(state, "jens", "card.add", NOW, card_id="f1", column="next", text="Familiens plan")
    texts = [note for _, notes in referat.build(state).board for note in notes]
    assert "Privat tanke" not in texts and "Familiens plan" not in texts
    assert "Emil skal komme i skole hver dag" in texts
