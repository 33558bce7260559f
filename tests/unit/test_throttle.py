"""Brute-force and flood protection: a bounded number of failures (or attempts) per key within
a window."""

import pytest

from server.http import throttle
from server.http.throttle import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    ticking = Clock()
    monkeypatch.setattr(throttle.time, "monotonic", ticking)
    return ticking


def test_a_key_is_blocked_after_the_limit_of_failures(clock: Clock) -> None:
    sign_ins = Throttle(limit=5, window_seconds=900)
    key = "198.51.100.7|louise@kommune.example"
    for _ in range(4):
        sign_ins.fail(key)
    assert not sign_ins.blocked(key)
    sign_ins.fail(key)
    assert sign_ins.blocked(key)
    assert not sign_ins.blocked("198.51.100.8|louise@kommune.example")


def test_failures_older_than_the_window_are_forgotten(clock: Clock) -> None:
    codes = Throttle(limit=20, window_seconds=600)
    for _ in range(20):
        codes.fail("198.51.100.9")
        clock.now += 10
    assert codes.blocked("198.51.100.9")
    clock.now += 600 - 10 * 19
    assert not codes.blocked("198.51.100.9"), "the oldest failure left the window"
    codes.fail("198.51.100.9")
    assert codes.blocked("198.51.100.9")


def test_a_success_clears_the_key(clock: Clock) -> None:
    sign_ins = Throttle(limit=2, window_seconds=900)
    sign_ins.fail("a")
    sign_ins.clear("a")
    sign_ins.fail("a")
    assert not sign_ins.blocked("a")


def test_a_flood_of_new_keys_does_not_grow_memory_without_bound(clock: Clock) -> None:
    codes = Throttle(limit=1, window_seconds=600, max_keys=100)
    for n in range(1000):
        codes.fail(f"10.0.{n // 256}.{n % 256}")
    assert len(codes._failures) == 100
    assert codes.blocked("10.0.3.231"), "the newest keys are the ones kept"


def test_attempts_are_taken_up_to_the_limit_and_come_back_after_the_window(clock: Clock) -> None:
    joins = Throttle(limit=3, window_seconds=600)
    link = "join-link-of-emils-meeting"
    assert [joins.take(link) for _ in range(4)] == [True, True, True, False]
    assert joins.take("join-link-of-livas-meeting")
    clock.now += 599
    assert not joins.take(link)  # a refused attempt is not counted, but the window still holds
    clock.now += 2
    assert joins.take(link)
