"""The one way a message becomes replies, for every channel.

One unit of work (database transaction) per incoming message, owned here; expected
problems become Chinese replies, unexpected ones are logged and answered generically.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.types import IncomingMessage, Reply
from chains.extractor import Extractor
from chains.schemas import ExtractContext
from handlers.draft import Draft
from handlers.turn import Policy, Turn, UserFacingError
from handlers.voice import Transcriber
from storage.reports import ReportRepository
from storage.repositories import AccountRepository, LedgerRepository
from storage.state import Dedup, DraftStore, RateLimiter

log = logging.getLogger(__name__)
Handler = Callable[[Turn], Awaitable[list[Reply]]]
GENERIC_ERROR = "抱歉，出了点问题，这条消息没有记账。请稍后再说一遍。"
TOO_FAST = "发得太快了，请稍等一会儿再发。这条没有记账。"
MAX_TEXT = 2000


@dataclass(frozen=True)
class Services:
    sessions: async_sessionmaker[AsyncSession]
    drafts: DraftStore[Draft]
    dedup: Dedup
    limiter: RateLimiter
    extractor: Extractor
    policy: Policy
    today: Callable[[], dt.date]
    speech: Transcriber | None = None


class Dispatcher:
    def __init__(self, services: Services, route: Handler) -> None:
        self._s = services
        self._route = route

    async def handle(self, msg: IncomingMessage) -> list[Reply]:
        """Replies to one message; [] when it is a redelivery already handled."""
        try:
            if msg.message_id and not await self._s.dedup.claim(
                f"{msg.chat.platform}:{msg.message_id}"
            ):
                return []
            if not await self._s.limiter.allow(msg.chat.key):
                return [Reply(text=TOO_FAST)]
            async with self._s.sessions.begin() as session:
                turn = await self._turn(msg, session)
                return await self._route(turn)
        except UserFacingError as exc:
            return [Reply(text=str(exc))]
        except Exception:
            log.exception(
                "failed to handle %s message in chat %s", msg.chat.platform, msg.chat.chat_id
            )
            return [Reply(text=GENERIC_ERROR)]

    async def _turn(self, msg: IncomingMessage, session: AsyncSession) -> Turn:
        account_id = await AccountRepository(session).resolve(msg.chat.platform, msg.chat.user_id)
        ledger = LedgerRepository(session)
        turn = Turn(
            msg=msg,
            text=msg.text.strip()[:MAX_TEXT],
            today=self._s.today(),
            account_id=account_id,
            actor=f"{msg.chat.platform}:{msg.chat.user_id}",
            ledger=ledger,
            reports=ReportRepository(session),
            drafts=self._s.drafts,
            policy=self._s.policy,
            draft=await self._s.drafts.get(msg.chat.key),
        )
        users, products, units = await ledger.known_names(account_id)
        if msg.voice is not None:
            await self._hear(turn, users | products)
        if not turn.text.startswith("/") and msg.action is None:
            context = ExtractContext(
                known_users=tuple(sorted(users)),
                known_products=tuple(sorted(products)),
                known_units=tuple(sorted(units)),
                asking=turn.draft.asking if turn.draft else None,
                has_draft=turn.draft is not None,
            )
            turn.extraction = await self._s.extractor.extract(turn.text, turn.today, context)
        return turn

    async def _hear(self, turn: Turn, hints: set[str]) -> None:
        assert turn.msg.voice is not None
        if self._s.speech is None:
            raise UserFacingError("语音识别还没有配置，请打字记账。")
        heard = await self._s.speech.transcribe(turn.msg.voice, sorted(hints))
        turn.voice_record_id = await turn.ledger.add_voice_record(
            turn.account_id,
            file_path=heard.stored_path,
            duration=heard.duration_seconds,
            transcript=heard.text,
            recogniser=heard.recogniser,
        )
        if not heard.text.strip():
            raise UserFacingError("没听清，请再说一遍或打字。这条没有记账。")
        turn.text, turn.source, turn.transcript = heard.text.strip(), "voice", heard.text.strip()


def first_match(routes: Sequence[tuple[Callable[[Turn], bool], Handler]]) -> Handler:
    """Route a turn to the first handler whose predicate holds."""

    async def route(turn: Turn) -> list[Reply]:
        for matches, handler in routes:
            if matches(turn):
                return await handler(turn)
        raise LookupError("no route matched; the table must end with a catch-all")

    return route
