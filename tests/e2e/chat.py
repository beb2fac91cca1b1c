"""A console-style chat partner for transcript tests: it drives the real Dispatcher."""

from __future__ import annotations

from sqlalchemy import text

from bot.app import Runtime
from bot.console import console_message, render
from handlers.messages import Action, ChatRef, IncomingMessage, Reply
from storage.accounts import AccountRepository
from storage.entries import SavedEntry
from storage.repositories import LedgerRepository


class Chat:
    def __init__(self, rt: Runtime, user: str = "alice") -> None:
        self.rt, self.user = rt, user
        self.last: list[Reply] = []

    async def say(self, text: str) -> str:
        """What the console shows for the replies to `text`."""
        self.last = await self.rt.dispatcher.handle(console_message(self.user, text))
        return "\n".join(render(r) for r in self.last)

    async def press(self, action: Action) -> str:
        msg = IncomingMessage(
            chat=ChatRef(platform="console", chat_id=self.user, user_id=self.user), action=action
        )
        self.last = await self.rt.dispatcher.handle(msg)
        return "\n".join(render(r) for r in self.last)

    def action(self, kind: str) -> Action:
        """The card's button of this kind (confirm, edit, cancel)."""
        for reply in self.last:
            for choice in reply.choices:
                if choice.action.kind == kind:
                    return choice.action
        raise AssertionError(f"no {kind} button in {self.last}")

    async def entries(self) -> list[SavedEntry]:
        async with self.rt.sessions() as s:
            account = await AccountRepository(s).find("console", self.user)
            return [] if account is None else await LedgerRepository(s).active(account)

    async def audit_actions(self) -> list[str]:
        async with self.rt.sessions() as s:
            rows = await s.execute(text("SELECT action FROM audit_log ORDER BY id"))
            return [a for (a,) in rows]
