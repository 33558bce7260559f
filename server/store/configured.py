"""The Store the configuration names: PostgreSQL for a URL, else the SQLite file."""

from pathlib import Path

from server.store.postgres import PostgresStore
from server.store.protocol import Store
from server.store.sqlite import SqliteStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def configured_store(database_url: str | None, sqlite_path: Path) -> Store:
    """`KREDS_DATABASE_URL` (postgresql://...) when set; otherwise SQLite at `sqlite_path`."""
    if not database_url:
        return SqliteStore(sqlite_path)
    if not database_url.startswith(POSTGRES_SCHEMES):
        raise SystemExit(
            "KREDS_DATABASE_URL skal begynde med postgresql:// (eller være tom for SQLite),"
            f" ikke {database_url.split(':', 1)[0]!r}."
        )
    return PostgresStore(database_url)
