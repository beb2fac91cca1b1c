"""Bounded work per process: beyond `limit` messages in hand, answer at once instead of
queueing.

A process past its capacity otherwise queues every message until the oldest wait past the
platform's window (WeChat: 5 s, three tries) and senders get no answer at all, although the
work is eventually done. A fast, honest "nothing was saved, send it again" is better than
silence: the vendor knows where the books stand.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

OVERLOADED = "现在记账的人太多，这条消息没有记账。请过半分钟再发一遍。"


class Admission:
    """Counts the messages this process is working on; the event loop is single-threaded,
    so a plain counter is exact."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._busy = 0

    @property
    def busy(self) -> int:
        return self._busy

    @contextmanager
    def enter(self) -> Iterator[bool]:
        """Yields whether this message may be worked on; its place is freed afterwards."""
        admitted = self._busy < self._limit
        if admitted:
            self._busy += 1
        try:
            yield admitted
        finally:
            if admitted:
                self._busy -= 1
