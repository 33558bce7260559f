"""Real servers for tests, from Debian's packages on loopback (see server/cluster/local.py)."""

from server.cluster.local import Cluster, PostgresServer

__all__ = ["Cluster", "PostgresServer"]
