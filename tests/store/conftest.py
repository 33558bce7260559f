"""Each store test runs against SQLite and against a real PostgreSQL, one database per test."""

import itertools
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from server.store import Store
from server.store.postgres import PostgresStore
from server.store.sqlite import SqliteStore
from tests.services import PostgresServer

_numbers = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    yield server
    server.destroy()


StoreMaker = Callable[[], Store]
"""A new Store on the test's database: a second one is the same data opened again."""


@pytest.fixture(params=["sqlite", "postgres"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> StoreMaker:
    if request.param == "sqlite":
        path = tmp_path / "kreds.sqlite3"
        return lambda: SqliteStore(path)
    server: PostgresServer = request.getfixturevalue("postgres")
    url = server.create_database(f"contract_{next(_numbers)}")
    return lambda: PostgresStore(url)


@pytest.fixture
async def store(make_store: StoreMaker) -> AsyncIterator[Store]:
    opened = make_store()
    await opened.open()
    yield opened
    await opened.close()
