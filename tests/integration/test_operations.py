"""A real server's /metrics count what its phones did, and /readyz says it can serve."""

import re

from .kit import Account, Clients, Server, add_card, get, holm_meeting


def sample(text: str, name: str) -> float:
    """The value of one sample line of a Prometheus scrape."""
    found = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    assert found is not None, f"{name} is not in the scrape"
    return float(found.group(1))


async def test_metrics_count_connections_meetings_and_intents_by_outcome(
    server: Server, account: Account, clients: Clients
) -> None:
    before = (await get(server, "/metrics")).text
    meeting = await holm_meeting(server, account, clients, ["Birthe"])
    birthe = meeting.phones[0]
    accepted = await birthe.send(add_card("Emil har fået en ven i klassen."))
    refused = await birthe.send({"type": "card.add", "id": "not-a-card"})
    assert accepted["ok"] and refused["code"] == "invalid"

    scraped = (await get(server, "/metrics")).text
    assert sample(scraped, "kreds_connections") >= 2  # Louise's laptop and Birthe's phone
    assert sample(scraped, "kreds_open_meetings") >= 1
    for outcome in ("ok", "invalid"):
        name = f'kreds_intents_total{{outcome="{outcome}"}}'
        was = sample(before, name) if name in before else 0.0
        assert sample(scraped, name) >= was + 1
    assert sample(scraped, "kreds_ack_seconds_count") >= 2
    assert sample(scraped, "kreds_commit_seconds_count") >= 1
    assert "Emil" not in scraped and "Birthe" not in scraped
    ready = await get(server, "/readyz")
    assert (ready.status_code, ready.text) == (200, "ready")
