"""`kreds backup` / `kreds restore` for the SQLite file, through SQLite's online backup API: a
consistent copy while the server runs, page by page, without stopping writers for long."""

import sqlite3
from pathlib import Path

from server.store.migrations import SQLITE_MIGRATIONS

KREDS_TABLES = {"users", "meetings", "ops", "snapshots", "participants", "audit"}
PAGES_PER_STEP = 1024
"""Pages copied per step; between steps the server's writer may commit."""


class BackupError(Exception):
    """A backup or restore that was refused, with the reason for the operator."""


def backup(database: Path, target: Path) -> None:
    """A consistent copy of the live database at `target`, which must not exist yet."""
    if not database.is_file():
        raise BackupError(f"Der er ingen database i {database}.")
    if target.exists():
        raise BackupError(f"{target} findes allerede; vælg et nyt filnavn.")
    _copy(sqlite3.connect(database), target, "DELETE")
    _check(target)


def restore(copy: Path, database: Path) -> None:
    """Replace the database's contents by a backup's. Run it with the server stopped: a
    running server holds meetings in memory that the restored file no longer has."""
    if not copy.is_file():
        raise BackupError(f"{copy} findes ikke.")
    _check(copy)
    _copy(sqlite3.connect(f"file:{copy}?mode=ro", uri=True), database, "WAL")


def _copy(source: sqlite3.Connection, target: Path, journal_mode: str) -> None:
    """Page by page from `source` into the file `target`; each side waits for a writer that
    holds it (the server's, on the live database) instead of failing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    written = sqlite3.connect(target)
    try:
        for conn in (source, written):
            conn.execute("PRAGMA busy_timeout=5000")
        source.backup(written, pages=PAGES_PER_STEP)
        written.execute(f"PRAGMA journal_mode={journal_mode}")
    finally:
        written.close()
        source.close()


def _check(path: Path) -> None:
    """A whole Kreds database, of a schema this version can run."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} er ikke en SQLite-database ({error}).") from None
    if verdict != ("ok",):
        raise BackupError(f"{path} er beskadiget: {verdict[0] if verdict else '?'}")
    if not KREDS_TABLES <= tables or not 1 <= version <= len(SQLITE_MIGRATIONS):
        raise BackupError(
            f"{path} er ikke en Kreds-database, som denne version kan bruge"
            f" (skemaversion {version}, denne version kender 1-{len(SQLITE_MIGRATIONS)})."
        )
