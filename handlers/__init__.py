"""Platform-free dialogue: the routing table is built here, in one readable place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from chains.schemas import Intent
from handlers import commands, dialogue, help, query
from handlers.dispatch import Handler, first_match
from handlers.messages import Reply
from handlers.turn import Turn


def _one(fn: Callable[[Turn], Awaitable[Reply]]) -> Handler:
    async def run(turn: Turn) -> list[Reply]:
        return [await fn(turn)]

    return run


def _keeping_draft(fn: Callable[[Turn], Awaitable[Reply]]) -> Handler:
    async def run(turn: Turn) -> list[Reply]:
        return await dialogue.remind_pending(turn, await fn(turn))

    return run


def _is(intent: Intent) -> Callable[[Turn], bool]:
    return lambda turn: turn.extraction is not None and turn.intent is intent


def _action(name: str) -> Callable[[Turn], bool]:
    return lambda turn: (turn.msg.action or "").split(":")[0] == name


def build_routes() -> Handler:
    """Ordered: first match wins; the catch-all stays last."""
    return first_match(
        [
            (lambda t: commands.command_name(t.text) is not None, commands.run),
            (_action("confirm"), _one(dialogue.confirm_button)),
            (_action("cancel"), _one(dialogue.cancel_button)),
            (_action("edit"), _one(dialogue.edit_button)),
            (_is(Intent.RECORD), _one(dialogue.record)),
            (_is(Intent.CONFIRM), _one(dialogue.confirm)),
            (_is(Intent.CORRECT), _one(dialogue.correct)),
            (_is(Intent.CANCEL), _one(dialogue.cancel)),
            (_is(Intent.UNDO), _one(dialogue.undo)),
            (_is(Intent.QUERY), _keeping_draft(query.answer)),
            (lambda t: t.text.startswith("/"), _one(help.help_reply)),
            (lambda t: True, _keeping_draft(help.not_understood)),
        ]
    )
