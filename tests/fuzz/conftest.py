"""The live-server fuzz tests share the integration tests' server: one per module, on
loopback, with no Traceback in its log when it stops."""

from tests.integration import conftest as integration

server = integration.server
account = integration.account
clients = integration.clients
