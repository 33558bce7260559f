"""`kreds backup` while the server runs, `kreds restore` with it stopped; bad copies refused."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from .kit import ROOT, Clients, Server, add_card, get, holm_meeting, setup_first


def kreds(
    server: Server, *args: str, database_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = server.env() | ({"KREDS_DATABASE_URL": database_url} if database_url else {})
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_a_backup_taken_while_serving_restores_the_meeting_as_it_was(
    fresh_server: Server, tmp_path: Path
) -> None:
    account = setup_first(fresh_server)
    clients = Clients(fresh_server)
    meeting = await holm_meeting(fresh_server, account, clients, ["Birthe"])
    kept = await meeting.phones[0].send(add_card("Emil spiller fodbold om tirsdagen."))
    copy = tmp_path / "kopi" / "kreds-backup.sqlite3"
    made = kreds(fresh_server, "backup", str(copy))
    assert made.returncode == 0, made.stderr
    assert "secret.key" in made.stdout
    later = await meeting.phones[0].send(add_card("Denne note kom efter kopien."))
    assert kept["ok"] and later["ok"]
    await clients.close()
    fresh_server.stop()

    restored = kreds(fresh_server, "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    fresh_server.start()
    clients = Clients(fresh_server)
    try:
        louise = await clients.facilitator(account, meeting.links)
        texts = {card["text"] for card in louise.replica.cards.values()}
        assert "Emil spiller fodbold om tirsdagen." in texts
        assert "Denne note kom efter kopien." not in texts
        assert louise.replica.seq == kept["seq"]
    finally:
        await clients.close()
    assert (await get(fresh_server, "/readyz")).status_code == 200


async def test_a_backup_never_overwrites_and_a_bad_copy_is_never_restored(
    fresh_server: Server, tmp_path: Path
) -> None:
    setup_first(fresh_server)
    existing = tmp_path / "findes.sqlite3"
    existing.write_bytes(b"an older copy the operator keeps")
    refused = kreds(fresh_server, "backup", str(existing))
    assert refused.returncode != 0 and "findes allerede" in refused.stderr
    assert existing.read_bytes() == b"an older copy the operator keeps"
    fresh_server.stop()

    database = fresh_server.data_dir / "kreds.sqlite3"
    before = sqlite3.connect(database).execute("SELECT email FROM users").fetchall()
    not_sqlite = tmp_path / "referat.pdf"
    not_sqlite.write_bytes(b"%PDF-1.7 " + b"x" * 4096)
    other_db = tmp_path / "andet.sqlite3"
    sqlite3.connect(other_db).execute("CREATE TABLE cards (text TEXT)").connection.commit()
    for bad, says in [
        (not_sqlite, "ikke en SQLite-database"),
        (other_db, "ikke en Kreds-database"),
        (tmp_path / "mangler.sqlite3", "findes ikke"),
    ]:
        answer = kreds(fresh_server, "restore", str(bad))
        assert answer.returncode != 0 and says in answer.stderr, answer.stderr
    assert sqlite3.connect(database).execute("SELECT email FROM users").fetchall() == before
    postgres = kreds(fresh_server, "backup", str(tmp_path / "x"), database_url="postgresql://h/db")
    assert postgres.returncode != 0 and "pg_dump" in postgres.stderr
