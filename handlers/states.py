"""The dialogue's state machine as a table: (state, event) → handler.

The state is read from the chat's draft; the event from the message (a pressed button, a
slash command, or the extractor's intent). handlers/dialogue.mmd draws the same table and
a test keeps the two in agreement.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum

from handlers import amend, commands, credit_limit, dialogue, help, name_reply, query
from handlers.draft import Draft
from handlers.messages import Reply
from handlers.turn import Turn

Handler = Callable[[Turn], Awaitable[list[Reply]]]


class State(StrEnum):
    IDLE = "idle"  # nothing waiting
    ASKING = "asking"  # a draft waits for a missing field
    CARD = "card"  # a complete draft waits for 对
    NAMING = "naming"  # a draft waits for which counterparty a said name is


def state_of(draft: Draft | None) -> State:
    if draft is None:
        return State.IDLE
    if draft.naming is not None:
        return State.NAMING
    return State.ASKING if draft.asking or draft.doubt else State.CARD


def event_of(turn: Turn) -> str:
    """What the message is, as the table names it."""
    if turn.msg.action is not None:
        return f"button:{turn.msg.action.kind}"
    if commands.is_command(turn.text):  # known or not: commands.run shows help for the rest
        return "command"
    if credit_limit.parse(turn.text) is not None:
        return "limit"
    return turn.intent.value


def _one(fn: Callable[[Turn], Awaitable[Reply]]) -> Handler:
    async def run(turn: Turn) -> list[Reply]:
        return [await fn(turn)]

    return run


def _keeping_draft(fn: Callable[[Turn], Awaitable[Reply]]) -> Handler:
    """Answer, then show the waiting card or question again so it is not forgotten."""

    async def run(turn: Turn) -> list[Reply]:
        return await dialogue.remind_pending(turn, await fn(turn))

    return run


def _then_waiting(fn: Callable[[Turn], Awaitable[Reply]]) -> Handler:
    """After a card is settled, the card that was waiting behind it is shown again."""

    async def run(turn: Turn) -> list[Reply]:
        first = await fn(turn)
        held = {d.id for d in turn.draft.held} if turn.draft is not None else set()
        front = turn.next_draft
        if turn.draft_changed and front is not None and front.id in held:
            return [first, dialogue.waiting_reply(turn, front)]
        return [first]

    return run


_WAITING = (State.ASKING, State.CARD, State.NAMING)
_ALL = (State.IDLE, *_WAITING)


def build_table() -> dict[tuple[State, str], Handler]:
    table: dict[tuple[State, str], Handler] = {}

    def on(states: tuple[State, ...], events: tuple[str, ...], handler: Handler) -> None:
        for state in states:
            for event in events:
                table[(state, event)] = handler

    on(_ALL, ("record",), _one(dialogue.record))
    on(_ALL, ("correct",), _then_waiting(dialogue.correct))
    on(_ALL, ("confirm",), _then_waiting(dialogue.confirm))
    on(_ALL, ("button:confirm",), _then_waiting(dialogue.confirm_button))
    on(_ALL, ("cancel",), _then_waiting(dialogue.cancel))
    on(_ALL, ("button:cancel",), _then_waiting(dialogue.cancel_button))
    on(_ALL, ("button:edit",), _one(dialogue.edit_button))
    on(_ALL, ("undo",), _then_waiting(dialogue.undo))
    on(_ALL, ("query",), _keeping_draft(query.answer))
    on(_ALL, ("command",), commands.run)
    on(_ALL, ("edit", "delete"), _one(amend.earlier_entry))
    on(_ALL, ("other",), _keeping_draft(help.not_understood))
    on(_ALL, ("limit",), _keeping_draft(credit_limit.handle))
    # While a name is asked about, a message that answers it settles the name; any other
    # message is handled as it would be while a field is asked for.
    for event in ("record", "correct", "confirm", "cancel", "other"):
        table[(State.NAMING, event)] = name_reply.or_else(table[(State.ASKING, event)])
    return table


def build_router() -> Handler:
    table = build_table()

    async def route(turn: Turn) -> list[Reply]:
        return await table[(state_of(turn.draft), event_of(turn))](turn)

    return route
