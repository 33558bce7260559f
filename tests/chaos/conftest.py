"""Crash and chaos: a server of each test's own, killed and restarted on the same data."""

from tests.integration import conftest as integration

fresh_server = integration.fresh_server
"""A server of the test's own; it must be running when the test ends (no Traceback in its log)."""
