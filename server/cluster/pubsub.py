"""What crosses nodes goes through Redis, by python-socketio's own AsyncRedisManager."""

import socketio

from server.transport.sockets import FanOut


class RedisFanOut(socketio.AsyncRedisManager, FanOut):  # type: ignore[misc]
    """AsyncRedisManager, delivering on this node the way FanOut does (in the calling task, in
    seq order): the pub/sub manager hands every emit, its own and the other nodes', to the
    next manager in line, which is FanOut."""
