"""One cluster per module: PostgreSQL, Redis, two Kreds nodes and HAProxy, on loopback."""

from collections.abc import Iterator

import pytest

from server.cluster.local import Cluster


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    running = Cluster()
    try:
        running.start()
        yield running
    finally:
        running.destroy()
