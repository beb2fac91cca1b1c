"""The one way a message becomes replies, for every channel.

One unit of work (database transaction) per incoming message, owned here; expected
problems become Chinese replies, unexpected ones are logged and answered generically.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chains.extractor import Extraction, Extractor
from chains.schemas import ExtractContext
from handlers import render
from handlers.admission import OVERLOADED, Admission
from handlers.commands import is_command
from handlers.draft import Draft
from handlers.messages import IncomingMessage, Reply, UserFacingError, VoiceInput
from handlers.observe import Observer, traced
from handlers.states import Handler
from handlers.turn import Policy, Turn
from handlers.voice import Transcriber, Transcript
from ledger.limits import clean_text
from storage.accounts import AccountRepository
from storage.counterparties import CounterpartyRepository
from storage.reports import ReportRepository
from storage.repositories import LedgerRepository
from storage.state import ChatBusy, ChatLocks, Dedup, DraftStore, RateLimiter

log = logging.getLogger(__name__)
GENERIC_ERROR = "抱歉，出了点问题，这条消息没有记账。请稍后再说一遍。"
TOO_FAST = "发得太快了，请稍等一会儿再发。这条没有记账。"
BUSY = "上一条消息还在处理，请过几秒再发这一条。这条没有记账。"
MAX_TEXT = 2000
T = TypeVar("T")


@dataclass(frozen=True)
class Services:
    sessions: async_sessionmaker[AsyncSession]
    drafts: DraftStore[Draft]
    dedup: Dedup
    limiter: RateLimiter
    locks: ChatLocks
    extractor: Extractor
    policy: Policy
    today: Callable[[], dt.date]
    observer: Observer
    admission: Admission
    speech: Transcriber | None = None
    # The most one message's database work may take: past it the server counts as gone
    # (blackholed, so statement_timeout never reaches it) and the vendor hears "没有记账".
    db_deadline_seconds: float | None = None


class Dispatcher:
    def __init__(self, services: Services, route: Handler) -> None:
        self._s = services
        self._route = route
        self._abandoned: set[asyncio.Future[Any]] = set()

    @property
    def services(self) -> Services:
        return self._s

    async def handle(self, msg: IncomingMessage) -> list[Reply]:
        """Replies to one message; [] when it is a redelivery already handled."""
        with traced(), self._s.admission.enter() as admitted:
            start = time.perf_counter()
            if admitted:
                replies, outcome = await self._answer(msg)
            else:
                replies, outcome = [Reply(text=OVERLOADED)], "shed"
            self._s.observer.message(msg.chat.platform, outcome, time.perf_counter() - start)
            log.info(
                "message handled",
                extra={"channel": msg.chat.platform, "chat": msg.chat.chat_id,
                       "outcome": outcome, "ms": round((time.perf_counter() - start) * 1000, 1)},
            )
            return replies

    async def _answer(self, msg: IncomingMessage) -> tuple[list[Reply], str]:
        dedup_key = f"{msg.chat.platform}:{msg.message_id}" if msg.message_id else None
        try:
            if dedup_key and not await self._s.dedup.claim(dedup_key):
                return [], "redelivery"
            if not await self._s.limiter.allow(msg.chat.key):
                return [Reply(text=TOO_FAST)], "limited"
            return await self._handle(msg), "answered"
        except UserFacingError as exc:
            return [Reply(text=str(exc))], "refused"
        except ChatBusy:
            await self._release(dedup_key)
            return [Reply(text=BUSY)], "busy"
        except Exception:
            log.exception(
                "failed to handle %s message in chat %s", msg.chat.platform, msg.chat.chat_id
            )
            await self._release(dedup_key)
            return [Reply(text=GENERIC_ERROR)], "failed"

    async def _release(self, dedup_key: str | None) -> None:
        """Nothing was committed: let the platform's redelivery try again."""
        if dedup_key:
            with contextlib.suppress(Exception):
                await self._s.dedup.release(dedup_key)

    async def _handle(self, msg: IncomingMessage) -> list[Reply]:
        # Speech may take seconds (network) and reads no conversation state: it runs before
        # the chat's lock, and no database transaction is held while waiting on it.
        users, products, units = await self._bounded(self._known_names(msg))
        heard = await self._hear(msg.voice, users | products) if msg.voice else None
        # Control characters (NUL above all) mean nothing in a vendor's words, and
        # PostgreSQL text cannot hold NUL: they go before anything reads the message.
        text = clean_text(heard.text.strip() if heard else msg.text.strip()[:MAX_TEXT])
        async with self._s.locks.hold(msg.chat.key):
            draft = await self._s.drafts.get(msg.chat.key)
            extraction = None
            if not is_command(text) and msg.action is None:  # a command needs no extractor
                context = ExtractContext(
                    known_users=tuple(sorted(users)),
                    known_products=tuple(sorted(products)),
                    known_units=tuple(sorted(units)),
                    asking=draft.asking if draft else None,
                    has_draft=draft is not None,
                    pending=render.saved_lines(draft) if draft else None,
                )
                extraction = await self._s.extractor.extract(text, self._s.today(), context)
            turn, replies = await self._bounded(
                self._unit_of_work(msg, text, draft, extraction, heard))
            # Committed: only now may the chat's draft change (a failed commit keeps it).
            if turn.draft_changed:
                if turn.next_draft is None:
                    await self._s.drafts.clear(msg.chat.key)
                else:
                    await self._s.drafts.save(msg.chat.key, turn.next_draft)
            return replies

    async def _unit_of_work(self, msg: IncomingMessage, text: str, draft: Draft | None,
                            extraction: Extraction | None,
                            heard: Transcript | None) -> tuple[Turn, list[Reply]]:
        async with self._s.sessions.begin() as session:
            turn = await self._turn(session, msg, text, draft, extraction, heard)
            return turn, await self._route(turn)

    async def _bounded(self, work: Coroutine[Any, Any, T]) -> T:
        """`work` within the database deadline. Past it the vendor is answered at once: the
        work is cancelled but not waited for, since psycopg may spend seconds more trying to
        cancel a query on a server that does not answer."""
        if self._s.db_deadline_seconds is None:
            return await work
        task = asyncio.ensure_future(work)
        try:
            done, _ = await asyncio.wait({task}, timeout=self._s.db_deadline_seconds)
        except asyncio.CancelledError:
            task.cancel()
            raise
        if task in done:
            return task.result()
        task.cancel()
        self._abandoned.add(task)  # referenced until its clean-up ends
        task.add_done_callback(self._abandoned.discard)
        raise TimeoutError(f"database work past {self._s.db_deadline_seconds} s")

    async def _turn(
        self,
        session: AsyncSession,
        msg: IncomingMessage,
        text: str,
        draft: Draft | None,
        extraction: Extraction | None,
        heard: Transcript | None,
    ) -> Turn:
        account_id = await AccountRepository(session).resolve(msg.chat.platform, msg.chat.user_id)
        ledger = LedgerRepository(session)
        turn = Turn(
            msg=msg,
            text=text,
            today=self._s.today(),
            account_id=account_id,
            actor=f"{msg.chat.platform}:{msg.chat.user_id}",
            ledger=ledger,
            reports=ReportRepository(session),
            people=CounterpartyRepository(session),
            drafts=self._s.drafts,
            policy=self._s.policy,
            draft=draft,
            extraction=extraction,
        )
        if heard is not None:
            turn.source, turn.transcript = "voice", text
            turn.voice_record_id = await ledger.add_voice_record(
                account_id,
                file_path=heard.stored_path,
                duration=heard.duration_seconds,
                transcript=heard.text,
                recogniser=heard.recogniser,
            )
        return turn

    async def _known_names(self, msg: IncomingMessage) -> tuple[set[str], set[str], set[str]]:
        """The account's counterparties, products and units (empty for a new user)."""
        async with self._s.sessions() as session:
            return await LedgerRepository(session).known_names(msg.chat.platform, msg.chat.user_id)

    async def _hear(self, voice: VoiceInput, hints: set[str]) -> Transcript:
        if self._s.speech is None:
            raise UserFacingError("语音识别还没有配置，请打字记账。这条没有记账。")
        heard = await self._s.speech.transcribe(voice, sorted(hints))
        if not heard.text.strip():
            raise UserFacingError("没听清，请再说一遍或打字。这条没有记账。")
        return heard
