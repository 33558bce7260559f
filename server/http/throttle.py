"""Brute-force and flood protection: a bounded number of failures (or attempts) per key within a
window."""

import time
from collections import deque


class Throttle:
    def __init__(self, limit: int, window_seconds: float, max_keys: int = 10_000) -> None:
        self.limit = limit
        self.window = window_seconds
        self.max_keys = max_keys
        self._failures: dict[str, deque[float]] = {}

    def blocked(self, key: str) -> bool:
        failures = self._failures.get(key)
        if not failures:
            return False
        cutoff = time.monotonic() - self.window
        while failures and failures[0] < cutoff:
            failures.popleft()
        return len(failures) >= self.limit

    def fail(self, key: str) -> None:
        if len(self._failures) >= self.max_keys and key not in self._failures:
            # Forget the oldest key rather than grow without bound under a flood of new ones.
            self._failures.pop(next(iter(self._failures)))
        self._failures.setdefault(key, deque()).append(time.monotonic())

    def take(self, key: str) -> bool:
        """Count one attempt; False (and not counted) when the key has used up the window."""
        if self.blocked(key):
            return False
        self.fail(key)
        return True

    def clear(self, key: str) -> None:
        self._failures.pop(key, None)
