"""Over capacity, a process answers at once that nothing was saved, instead of letting
messages queue past the platform's window; the messages it took are done in full."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.app import runtime
from bot.config import Config, load_config
from bot.console import console_message
from chains.extractor import Extraction, RulesExtractor
from chains.schemas import ExtractContext
from handlers.admission import OVERLOADED
from tests.e2e.chat import Chat


class HeldExtractor:
    """The rules, but each extraction waits until the test lets it go: messages pile up in
    the process the way they do behind a slow dependency."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.two_waiting = asyncio.Event()
        self._waiting = 0
        self._rules = RulesExtractor()

    async def extract(self, text: str, ref_date: dt.date, context: ExtractContext) -> Extraction:
        self._waiting += 1
        if self._waiting == 2:
            self.two_waiting.set()
        await self.release.wait()
        return await self._rules.extract(text, ref_date, context)


async def test_messages_beyond_capacity_are_answered_at_once_and_saved_nowhere(
    bot_env: dict[str, str], today: dt.date
) -> None:
    config: Config = load_config(env={**bot_env, "LEDGERBOT_DIALOGUE__MAX_IN_FLIGHT": "2"})
    held = HeldExtractor()
    async with runtime(config, today=today, extractor=held) as rt:
        first = [
            asyncio.create_task(rt.dispatcher.handle(console_message(user, text)))
            for user, text in (("u1", "卖给老李3盆兰花一共30元"), ("u2", "卖给老李4盆一共40元"))
        ]
        await asyncio.wait_for(held.two_waiting.wait(), 10)
        # Both places are taken: the third sender is told at once, without waiting.
        shed = await asyncio.wait_for(
            rt.dispatcher.handle(console_message("u3", "卖给老王5盆兰花一共50元")), 1
        )
        assert [r.text for r in shed] == [OVERLOADED]
        held.release.set()
        cards = await asyncio.gather(*first)
        assert all("¥" in r.text for replies in cards for r in replies)
        # Capacity is back: u3's resend is taken and saved like any other message.
        u3 = Chat(rt, "u3")
        assert "50" in await u3.say("卖给老王5盆兰花一共50元")
        assert "已保存" in await u3.say("对")
        assert [(e.entry.users, e.entry.amount) for e in await u3.entries()] == [(("老王",), 50)]
