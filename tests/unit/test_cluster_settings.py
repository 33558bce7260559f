"""The cluster's settings refuse what they cannot use, with a message for the operator."""

from pathlib import Path

import pytest

from server import settings
from server.store.configured import configured_store
from server.store.postgres import PostgresStore
from server.store.sqlite import SqliteStore


@pytest.mark.parametrize("given", ["0", "0.5", "301", "fem", "nan", "inf", "-3"])
def test_a_lease_length_outside_one_to_300_seconds_stops_the_start(
    given: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KREDS_DATA", str(tmp_path))
    monkeypatch.setenv("KREDS_LEASE_SECONDS", given)
    with pytest.raises(SystemExit, match="KREDS_LEASE_SECONDS"):
        settings.from_env()


def test_the_cluster_settings_are_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KREDS_DATA", str(tmp_path))
    monkeypatch.setenv("KREDS_LEASE_SECONDS", "2.5")
    monkeypatch.setenv("KREDS_NODE", "aarhus-node-1")
    monkeypatch.setenv("KREDS_DATABASE_URL", "postgresql://kreds@db.internal/kreds")
    monkeypatch.setenv("KREDS_REDIS_URL", "redis://redis.internal:6379/0")
    config = settings.from_env()
    assert (config.lease_seconds, config.node) == (2.5, "aarhus-node-1")
    assert config.redis_url == "redis://redis.internal:6379/0"
    assert isinstance(configured_store(config.database_url, config.db_path), PostgresStore)


@pytest.mark.parametrize("url", ["mysql://kreds@db/kreds", "sqlite:///var/kreds.sqlite3", "db"])
def test_a_database_url_that_is_not_postgresql_is_refused(url: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="postgresql://"):
        configured_store(url, tmp_path / "kreds.sqlite3")


def test_without_a_database_url_the_store_is_the_sqlite_file(tmp_path: Path) -> None:
    store = configured_store(None, tmp_path / "kreds.sqlite3")
    assert isinstance(store, SqliteStore) and store.path == tmp_path / "kreds.sqlite3"
