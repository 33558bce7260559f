"""A participant's summary page opens in the language their phone chose (by `?lang=` or the
phone's cookie); the referat itself, and anything unknown, stays Danish."""

from server.render.summary_language import PHRASES

from .kit import Account, Clients, Server, get, post
from .test_closing import closed_holm


async def summary_path(server: Server, account: Account, clients: Clients) -> tuple[str, str]:
    """The closed Holm meeting's id and its participants' summary path."""
    meeting = await closed_holm(server, account, clients)
    made = await post(server, f"/api/meetings/{meeting.links.id}/summary-link", {}, account=account)
    assert made.status_code == 201, made.text
    return meeting.links.id, str(made.json()["url"]).removeprefix(server.url)


async def test_the_summary_page_follows_the_phone_and_the_referat_stays_danish(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting_id, path = await summary_path(server, account, clients)

    arabic = await get(server, f"{path}?lang=ar")
    assert arabic.status_code == 200
    assert '<html lang="ar" dir="rtl">' in arabic.text
    assert PHRASES["ar"]["agreements"] in arabic.text
    assert "Hente Emil fra fodbold om onsdagen" in arabic.text  # as written

    remembered = await get(server, path, headers={"Cookie": "kreds_lang=uk"})
    assert '<html lang="uk" dir="ltr">' in remembered.text
    assert PHRASES["uk"]["people"] in remembered.text

    linked = await get(server, f"{path}?lang=so", headers={"Cookie": "kreds_lang=uk"})
    assert '<html lang="so" dir="ltr">' in linked.text

    for odd in ("xx", "x" * 3000, "<script>", ""):
        danish = await get(server, f"{path}?lang={odd}", headers={"Cookie": f"kreds_lang={odd}"})
        assert danish.status_code == 200
        assert '<html lang="da">' in danish.text
        assert "Deltagere" in danish.text

    # A language opens nothing: a wrong or stretched link is refused in any language.
    for wrong in ("/o/" + "a" * 40, path + "x"):
        refused = await get(server, f"{wrong}?lang=ar", headers={"Cookie": "kreds_lang=ar"})
        assert refused.status_code == 404
        assert "Hente Emil" not in refused.text

    # The facilitator's referat is the record: Danish whatever the phone's cookie says.
    record = await get(
        server,
        f"/r/{meeting_id}?lang=ar",
        headers={"Cookie": f"kreds_session={account.session}; kreds_lang=ar"},
    )
    assert record.status_code == 200
    assert '<html lang="da">' in record.text
