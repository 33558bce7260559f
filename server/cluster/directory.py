"""The directory of sockets shared by several nodes, in Redis: per meeting and node a hash
(socket id -> entry) and a set naming the nodes that have one. Each node renews the expiry of
its own keys while it has sockets there, so a node that died leaves its sockets behind for
`EXPIRE_SECONDS` at most. Nothing in it must survive: Redis runs without persistence."""

import asyncio
import logging
import uuid

import msgspec
import redis.asyncio as redis

from server.live.directory import Entry

log = logging.getLogger("kreds.directory")

EXPIRE_SECONDS = 10
RENEW_SECONDS = 3.0
_encode = msgspec.msgpack.Encoder().encode
_decode = msgspec.msgpack.Decoder(Entry).decode

_UPDATE = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  return redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return 0
"""
"""Rewrite a socket's entry only while it is there: one that went meanwhile stays gone."""


def _sockets_key(meeting_id: str, node: str) -> str:
    return f"kreds:sockets:{meeting_id}:{node}"


def _nodes_key(meeting_id: str) -> str:
    return f"kreds:socket-nodes:{meeting_id}"


class RedisDirectory:
    """Every node's sockets of each meeting, in Redis; this node's also in memory."""

    def __init__(self, url: str, node: str) -> None:
        self.node = f"{node}:{uuid.uuid4().hex[:12]}"
        """This process: a node restarted under the same name starts with no sockets."""
        self._redis = redis.Redis.from_url(url)
        self._here: dict[str, set[str]] = {}
        self._update = self._redis.register_script(_UPDATE)
        self._closed = False

    async def add(self, meeting_id: str, sid: str, entry: Entry) -> None:
        self._here.setdefault(meeting_id, set()).add(sid)
        entry = msgspec.structs.replace(entry, node=self.node)
        key, nodes = _sockets_key(meeting_id, self.node), _nodes_key(meeting_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, sid, _encode(entry))
            pipe.expire(key, EXPIRE_SECONDS)
            pipe.sadd(nodes, self.node)
            pipe.expire(nodes, EXPIRE_SECONDS)
            await pipe.execute()

    async def remove(self, meeting_id: str, sid: str) -> None:
        here = self._here.get(meeting_id)
        if here is None or sid not in here:
            return
        here.discard(sid)
        if not here:
            del self._here[meeting_id]
        await self._redis.hdel(_sockets_key(meeting_id, self.node), sid)

    async def update(self, meeting_id: str, sid: str, entry: Entry) -> None:
        """In the hash of the entry's node (this node's when it names none)."""
        entry = entry if entry.node else msgspec.structs.replace(entry, node=self.node)
        key = _sockets_key(meeting_id, entry.node)
        await self._update(keys=[key], args=[sid, _encode(entry)])

    async def sockets(self, meeting_id: str) -> dict[str, Entry]:
        named = await self._redis.smembers(_nodes_key(meeting_id))
        nodes = sorted(n.decode() if isinstance(n, bytes) else n for n in named)
        if not nodes:
            return {}
        async with self._redis.pipeline(transaction=False) as pipe:
            for node in nodes:
                pipe.hgetall(_sockets_key(meeting_id, node))
            found: list[dict[bytes, bytes]] = await pipe.execute()
        sockets: dict[str, Entry] = {}
        for held in found:
            sockets.update({sid.decode(): _decode(blob) for sid, blob in held.items()})
        return sockets

    async def entry(self, meeting_id: str, sid: str) -> Entry | None:
        blob = await self._redis.hget(_sockets_key(meeting_id, self.node), sid)
        return _decode(blob) if isinstance(blob, bytes) else None

    def here(self, meeting_id: str) -> list[str]:
        return list(self._here.get(meeting_id, ()))

    def meetings_here(self) -> set[str]:
        return set(self._here)

    async def renew(self) -> None:
        """Keep this node's keys (a lapsed node's name in a set only finds an empty hash)."""
        if not self._here:
            return
        async with self._redis.pipeline(transaction=False) as pipe:
            for meeting_id in self._here:
                pipe.expire(_sockets_key(meeting_id, self.node), EXPIRE_SECONDS)
                pipe.sadd(_nodes_key(meeting_id), self.node)
                pipe.expire(_nodes_key(meeting_id), EXPIRE_SECONDS)
            await pipe.execute()

    async def keep(self) -> None:
        """Renew, forever (a task of the node's lifespan)."""
        while True:
            await asyncio.sleep(RENEW_SECONDS)
            try:
                await self.renew()
            except Exception as error:  # Redis is away: its keys may lapse; try again
                log.warning("could not renew the socket directory: %s", type(error).__name__)

    async def close(self) -> None:
        """Take this node's sockets out at once (they are closing with the node)."""
        if self._closed:
            return
        self._closed = True
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for meeting_id in self._here:
                    pipe.delete(_sockets_key(meeting_id, self.node))
                    pipe.srem(_nodes_key(meeting_id), self.node)
                await pipe.execute()
        except Exception as error:  # Redis is away: the keys lapse by themselves
            log.warning("socket directory not cleared: %s", type(error).__name__)
        self._here.clear()
        await self._redis.aclose()
