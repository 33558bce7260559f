import asyncio

from server.transport.websocket import _Coalesced


class Transport:
    def __init__(self) -> None:
        self.calls: list[tuple[str, bytes]] = []
        self.closing = False

    def write(self, data: bytes) -> None:
        self.calls.append(("write", data))

    def close(self) -> None:
        self.calls.append(("close", b""))
        self.closing = True

    def is_closing(self) -> bool:
        return self.closing

    def get_extra_info(self, name: str) -> str:
        return f"info:{name}"


async def test_frames_sent_in_one_turn_go_out_in_one_write() -> None:
    raw = Transport()
    coalesced = _Coalesced(raw, asyncio.get_running_loop())  # type: ignore[arg-type]
    coalesced.write(b"one")
    coalesced.write(b"two")
    assert raw.calls == []
    await asyncio.sleep(0)
    coalesced.write(b"three")
    await asyncio.sleep(0)
    assert raw.calls == [("write", b"onetwo"), ("write", b"three")]


async def test_close_sends_what_is_pending_first_and_nothing_after() -> None:
    raw = Transport()
    coalesced = _Coalesced(raw, asyncio.get_running_loop())  # type: ignore[arg-type]
    coalesced.write(b"goodbye")
    coalesced.close()
    coalesced.write(b"late")
    await asyncio.sleep(0)
    assert raw.calls == [("write", b"goodbye"), ("close", b"")]


async def test_everything_else_is_the_transport_s() -> None:
    coalesced = _Coalesced(Transport(), asyncio.get_running_loop())  # type: ignore[arg-type]
    assert coalesced.get_extra_info("peername") == "info:peername"
