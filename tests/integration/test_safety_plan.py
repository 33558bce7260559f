"""The sikkerhedsplan over the wire: built from phones, confirmed by its keepers, in the
referat (text, page, JSON), and carried into the follow-up meeting for review."""

import asyncio

from .kit import Account, Clients, Server, admit, get, join, person
from .test_cases import case_meeting, new_case


async def test_a_safety_plan_is_built_confirmed_recorded_and_followed_up(
    server: Server, account: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account)
    first = await case_meeting(server, account, case_id, "Netværksmøde 1")
    facilitator = await clients.facilitator(account, first)
    sara = await join(server, first.join_token, person("Sara"))
    await admit(facilitator, sara)
    phone = await clients.phone(sara)

    rule = {
        "rule_id": "regel-hentes",
        "text": "Emil bliver hentet af en voksen, der ikke har drukket",
        "keeper_participants": [sara.participant_id],
    }
    assert (await phone.intent("safety.rule.add", **rule))["ok"]
    duplicate = await phone.intent("safety.rule.add", **rule)
    assert not duplicate["ok"] and duplicate["code"] == "conflict"
    refused = await phone.intent("safety.rule.confirm", rule_id="regel-hentes")
    assert refused["code"] == "invalid"  # not in the plan until the facilitator takes it
    assert (await facilitator.intent("safety.accept", item_id="regel-hentes"))["ok"]
    assert (await phone.intent("safety.rule.confirm", rule_id="regel-hentes"))["ok"]
    unkept = {"rule_id": "regel-ingen", "must": False, "text": "Ingen råber ad Emil"}
    assert (await facilitator.intent("safety.rule.add", **unkept))["ok"]

    bad = await phone.intent(
        "safety.contact.add", contact_id="ring-farmor", name="Farmor Birthe", phone="1234"
    )
    assert not bad["ok"] and bad["code"] == "invalid_phone"
    assert bad["message"] == "invalid_phone"
    good = await phone.intent(
        "safety.contact.add", contact_id="ring-farmor", name="Farmor Birthe", phone="+45 20304050"
    )
    assert good["ok"], good
    assert (await facilitator.intent("safety.accept", item_id="ring-farmor"))["ok"]
    step = {"participant": sara.participant_id, "does": "Ringer til farmor Birthe"}
    sign = {"sign_id": "tegn-telefon", "text": "Far tager ikke telefonen", "steps": [step]}
    assert (await facilitator.intent("safety.sign.add", **sign))["ok"]
    await asyncio.sleep(0.2)
    rules = facilitator.replica.of("safety_rule")
    assert rules["regel-hentes"]["confirmed_by"] == [sara.participant_id]
    assert phone.replica.of("safety_contact")["ring-farmor"]["phone"] == "20 30 40 50"
    assert (await facilitator.intent("meeting.close"))["ok"]

    text = (await get(server, f"/r/{first.id}/referat.txt", account=account)).text
    assert "SIKKERHEDSPLAN" in text
    assert "1. Skal ske: Emil bliver hentet af en voksen, der ikke har drukket" in text
    assert "   Holdes af: Sara\n   Bekræftet af: Sara" in text
    assert "OBS: 1 regel/regler uden nogen, der holder dem." in text
    assert "- Farmor Birthe: 20 30 40 50" in text
    assert "  - Sara: Ringer til farmor Birthe" in text
    page = (await get(server, f"/r/{first.id}", account=account)).text
    assert 'data-testid="referat-safety"' in page
    exported = (await get(server, f"/r/{first.id}/referat.json", account=account)).json()
    assert {"safety_rule", "safety_sign", "safety_contact"} <= {
        e["type"] for e in exported["entities"]
    }

    follow_up = await case_meeting(server, account, case_id, "Opfølgningsmøde")
    again = await clients.facilitator(account, follow_up)
    carried = list(again.replica.of("safety_rule").values())
    fetch = next(r for r in carried if r["text"].startswith("Emil bliver hentet"))
    assert fetch["carried_from"] == first.id
    assert fetch["keeper_names"] == ["Sara"] and fetch.get("keeper_participants", []) == []
    assert [c["phone"] for c in again.replica.of("safety_contact").values()] == ["20 30 40 50"]
    edited = await again.intent(
        "safety.rule.edit", rule_id=fetch["id"], text="Noget andet", must=True
    )
    assert edited["code"] == "not_allowed"
    reviewed = await again.intent(
        "safety.rule.review", rule_id=fetch["id"], review="broken", comment="Én gang i oktober"
    )
    assert reviewed["ok"], reviewed
    agenda = again.replica.of("agenda")[follow_up.id]
    assert "safety" in [phase["kind"] for phase in agenda["phases"]]
    text = (await get(server, f"/r/{follow_up.id}/referat.txt", account=account)).text
    assert "OPFØLGNING PÅ SIKKERHEDSPLANEN FRA SIDSTE MØDE" in text
    assert "   Status: Brudt\n   Kommentar: Én gang i oktober" in text
