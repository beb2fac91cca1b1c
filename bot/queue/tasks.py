"""The task registry: a name, an async function and its engine options.

A module that has slow work declares it once with `@task("name")`; the engine turns every
registered task into an actor of its broker, and `Queue.enqueue("name", **kwargs)` sends
one. Arguments must be JSON (they travel through the broker). A task runs at least once
and may run again after a worker dies, so each must be idempotent by its own key.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

TaskFn = Callable[..., Coroutine[Any, Any, None]]  # (ctx: TaskContext, **json_kwargs)


@dataclass(frozen=True, slots=True)
class TaskSpec:
    name: str
    fn: TaskFn
    time_limit_seconds: float
    max_retries: int


REGISTRY: dict[str, TaskSpec] = {}


def task(name: str, *, time_limit_seconds: float = 120.0,
         max_retries: int = 3) -> Callable[[TaskFn], TaskFn]:
    """Register `fn(ctx, **kwargs)` as the task `name` (import-time, once per name)."""

    def register(fn: TaskFn) -> TaskFn:
        if name in REGISTRY and REGISTRY[name].fn is not fn:
            raise ValueError(f"task {name!r} is registered twice")
        REGISTRY[name] = TaskSpec(name, fn, time_limit_seconds, max_retries)
        return fn

    return register


def load_all() -> dict[str, TaskSpec]:
    """Import every module that declares tasks, so a worker knows all of them."""
    import bot.wechat.tasks  # noqa: F401

    return REGISTRY

