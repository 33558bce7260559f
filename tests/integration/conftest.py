"""One real Kreds server per test module, on loopback, with its own data directory."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from .kit import Account, Clients, Server, setup_first


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("kreds") / "data")
    running.start()
    yield running
    running.stop()
    # Whatever the tests sent, the server never failed on it.
    assert "Traceback" not in running.log(), running.log()


@pytest.fixture(scope="module")
def account(server: Server) -> Account:
    """Louise, the first facilitator, set up through POST /api/setup and signed in."""
    return setup_first(server)


@pytest.fixture
async def clients(server: Server) -> AsyncIterator[Clients]:
    crowd = Clients(server)
    yield crowd
    await crowd.close()


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[Server]:
    """A server of this test's own, for what happens once per installation or restarts it."""
    running = Server(tmp_path / "data")
    running.start()
    yield running
    running.stop()
    assert "Traceback" not in running.log(), running.log()
