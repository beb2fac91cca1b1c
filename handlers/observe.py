"""What the dispatcher reports about each message, and the trace id its log lines carry.

The dispatcher knows each message's outcome (answered, redelivery, limited, refused, busy,
failed); how outcomes are counted (Prometheus, or not at all) is the composition root's
choice, so this module holds only the seam.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

# One id per incoming message (or HTTP request), read by the log formatter; a context
# variable follows the message into tasks it starts.
trace_id: ContextVar[str] = ContextVar("trace_id", default="")


@contextmanager
def traced() -> Iterator[str]:
    """A trace id for the work inside: the one the channel started for this request, or a
    fresh one (the console has no request), reset afterwards so the next message gets its own."""
    token = trace_id.set(trace_id.get() or secrets.token_hex(8))
    try:
        yield trace_id.get()
    finally:
        trace_id.reset(token)


class Observer(Protocol):
    def message(self, platform: str, outcome: str, seconds: float) -> None:
        """One message handled: outcome is answered, redelivery, limited, refused,
        busy, shed (over capacity) or failed."""

