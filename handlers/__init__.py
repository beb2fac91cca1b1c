"""Platform-free dialogue. The routing is the state table in handlers/states.py."""

from __future__ import annotations

from handlers.states import build_router

__all__ = ["build_router"]
