"""The one way a message becomes replies, for every channel.

One unit of work (database transaction) per incoming message, owned here; expected
problems become Chinese replies, unexpected ones are logged and answered generically.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chains.extractor import Extraction, Extractor
from chains.schemas import ExtractContext
from handlers import render
from handlers.admission import OVERLOADED, Admission
from handlers.binding import PendingPhone, PhoneBinding
from handlers.commands import is_command
from handlers.draft import Draft
from handlers.messages import ChatRef, IncomingMessage, Reply, UserFacingError
from handlers.observe import Observer, traced
from handlers.states import Handler
from handlers.turn import Policy, Turn
from handlers.voice import Heard, Listener, Transcriber, is_retry
from ledger.limits import clean_text
from storage.accounts import AccountRepository
from storage.counterparties import CounterpartyRepository
from storage.handled import HandledMessages
from storage.notices import Notices
from storage.reports import ReportRepository
from storage.repositories import LedgerRepository
from storage.state import ChatBusy, ChatLocks, DraftStore, Leases, RateLimiter

log = logging.getLogger(__name__)
GENERIC_ERROR = "抱歉，出了点问题，这条消息没有记账。请稍后再说一遍。"
TOO_FAST = "发得太快了，请稍等一会儿再发。这条没有记账。"
BUSY = "上一条消息还在处理，请过几秒再发这一条。这条没有记账。"
# The commit's answer never came: nothing is said until the message's row is looked up.
UNSURE = ("数据库连接断了，还不能确定刚才这条有没有记上。请过一会儿再发一遍："
          "已经记上的不会重复记。")
MAX_TEXT = 2000
T = TypeVar("T")


class NotCommitted(Exception):
    """The commit failed and the lookup shows nothing of the message was saved."""


@dataclass(frozen=True)
class Services:
    sessions: async_sessionmaker[AsyncSession]
    drafts: DraftStore[Draft]
    leases: Leases
    limiter: RateLimiter
    locks: ChatLocks
    extractor: Extractor
    policy: Policy
    today: Callable[[], dt.date]
    observer: Observer
    admission: Admission
    phones: DraftStore[PendingPhone]
    notices: Notices
    speech: Transcriber | None = None
    # How long to keep asking PostgreSQL whether a commit whose answer was lost went in.
    outcome_wait_seconds: float = 3.0
    # The most one message's database work may take: past it the server counts as gone
    # (blackholed, so statement_timeout never reaches it) and the vendor hears "没有记账".
    db_deadline_seconds: float | None = None


class _Progress:
    """How far a message's unit of work got: a deadline passed once its COMMIT was sent
    leaves the outcome unknown, and the vendor must not be told "没有记账"."""

    committing = False


class Dispatcher:
    def __init__(self, services: Services, route: Handler) -> None:
        self._s = services
        self._route = route
        self._abandoned: set[asyncio.Future[Any]] = set()
        self._listener = Listener(services.sessions, services.speech)
        self._phones = PhoneBinding(services.phones)

    @property
    def services(self) -> Services:
        return self._s

    async def handle(self, msg: IncomingMessage, *, replay: bool = False) -> list[Reply]:
        """Replies to one message; [] while another process is handling the same message.

        A message with a platform id is handled under a lease (storage.state.Leases) and
        finishes by writing its row in `handled_messages`, so nothing runs twice. A
        redelivery of a finished message gets [] (its replies went out), or with `replay`
        the stored replies (a channel whose first answer may never have been delivered).
        Beyond the process's capacity the sender is told at once to resend.
        """
        with traced(), self._s.admission.enter() as admitted:
            start = time.perf_counter()
            if admitted:
                replies, outcome = await self._leased(msg, replay)
            else:
                replies, outcome = [Reply(text=OVERLOADED)], "shed"
            self._s.observer.message(msg.chat.platform, outcome, time.perf_counter() - start)
            log.info(
                "message handled",
                extra={"channel": msg.chat.platform, "chat": msg.chat.chat_id,
                       "outcome": outcome, "ms": round((time.perf_counter() - start) * 1000, 1)},
            )
            return replies

    async def _leased(self, msg: IncomingMessage, replay: bool) -> tuple[list[Reply], str]:
        leases = self._s.leases
        if not msg.message_id:
            turn_key = f"{msg.chat.platform}:turn:{uuid.uuid4().hex}"
            return await self._guarded(msg, leases.scoped(turn_key))
        key = self.message_key(msg.chat, msg.message_id)
        try:
            async with leases.hold(key) as mine:
                if not mine:
                    return [], "redelivery"
                stored = await self._bounded(self._stored(leases.scoped(key)))
                if stored is not None:
                    return ([Reply.model_validate(r) for r in stored] if replay else []), (
                        "redelivery"
                    )
                return await self._guarded(msg, leases.scoped(key))
        except Exception:  # Redis or PostgreSQL unreachable before any work began
            log.exception("cannot start %s message %s", msg.chat.platform, msg.message_id)
            return [Reply(text=GENERIC_ERROR)], "failed"

    async def _stored(self, key: str) -> list[dict[str, Any]] | None:
        async with self._s.sessions() as session:
            return await HandledMessages(session).find(key)

    @staticmethod
    def message_key(chat: ChatRef, message_id: str) -> str:
        """Scoped to the chat: a message id repeated by another user can never be answered
        with that user's stored replies. Its lease is `services.leases.key(message_key)`."""
        return f"{chat.key}:{message_id}"

    async def _guarded(self, msg: IncomingMessage, key: str) -> tuple[list[Reply], str]:
        try:
            if not await self._s.limiter.allow(msg.chat.key):
                return [Reply(text=TOO_FAST)], "limited"
            replies = await self._handle(msg, key)
            # Pushed to this chat while it was quiet (a login code): after a handled message,
            # so a failure never loses them.
            notices = [Reply(text=t) for t in await self._s.notices.take(msg.chat.key)]
            return [*notices, *replies], "answered"
        except UserFacingError as exc:
            return [Reply(text=str(exc))], "refused"
        except ChatBusy:
            return [Reply(text=BUSY)], "busy"
        except Exception:
            log.exception(
                "failed to handle %s message in chat %s", msg.chat.platform, msg.chat.chat_id
            )
            return [Reply(text=GENERIC_ERROR)], "failed"

    async def _handle(self, msg: IncomingMessage, key: str) -> list[Reply]:
        # Speech may take seconds (network) and reads no conversation state: it runs before
        # the chat's lock, and no database transaction is held while waiting on it.
        users, products, units = await self._bounded(self._known_names(msg))
        heard = await self._hear(msg, users | products)
        # Control characters (NUL above all) mean nothing in a vendor's words, and
        # PostgreSQL text cannot hold NUL: they go before anything reads the message.
        text = clean_text(heard.transcript.text.strip() if heard else msg.text.strip()[:MAX_TEXT])
        async with self._s.locks.hold(msg.chat.key):
            draft = await self._s.drafts.get(msg.chat.key)
            extraction = None
            if not is_command(text) and msg.action is None:  # a command needs no extractor
                context = ExtractContext(
                    known_users=tuple(sorted(users)),
                    known_products=tuple(sorted(products)),
                    known_units=tuple(sorted(units)),
                    asking=draft.asking if draft else None,
                    choosing=draft.doubt if draft else None,
                    has_draft=draft is not None,
                    pending=render.saved_lines(draft) if draft else None,
                )
                extraction = await self._s.extractor.extract(text, self._s.today(), context)
            progress = _Progress()
            try:
                turn, replies, known = await self._bounded(
                    self._unit_of_work(msg, key, text, draft, extraction, heard, progress))
            except TimeoutError:
                if not progress.committing:
                    raise  # nothing was sent to be committed: "没有记账" is the truth
                log.error("deadline passed during the commit of %s", key)
                known = False
            if not known:
                return [Reply(text=UNSURE)]  # the draft stays: a re-对 saves once
            # Committed: only now may the chat's draft change (a failed commit keeps it).
            if turn.draft_changed:
                try:
                    if turn.next_draft is None:
                        await self._s.drafts.clear(msg.chat.key)
                    else:
                        await self._s.drafts.save(msg.chat.key, turn.next_draft)
                except Exception:
                    # The books did change, so the vendor must hear the replies, not
                    # "没有记账" (re-dictating would save twice); a stale draft left behind
                    # cannot save again, its dedup key is taken.
                    log.exception("draft of %s not updated after its commit", msg.chat.key)
            return replies

    async def _unit_of_work(
        self, msg: IncomingMessage, key: str, text: str, draft: Draft | None,
        extraction: Extraction | None, heard: Heard | None, progress: _Progress,
    ) -> tuple[Turn, list[Reply], bool]:
        """The message's one transaction; the bool says whether its commit is known."""
        async with self._s.sessions() as session:
            await session.begin()
            turn = await self._turn(session, msg, text, draft, extraction, heard)
            replies = await self._respond(turn, AccountRepository(session))
            if heard is not None:
                replies = [*heard.notes, *replies]
            # Files and charts are not kept: a replay says the words again, it does not resend.
            await HandledMessages(session).record(key, [
                r.model_dump(mode="json", exclude={"document", "chart"})
                for r in replies])
            progress.committing = True
            return turn, replies, await self._commit(session, key)

    async def _respond(self, turn: Turn, accounts: AccountRepository) -> list[Reply]:
        notes, handled = await self._phones.handle(turn, accounts)
        return notes if handled else [*notes, *await self._route(turn)]

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

    async def _commit(self, session: AsyncSession, key: str) -> bool:
        """True once the message's changes are known to be in; False when that cannot be
        known yet. Raises NotCommitted when they are known not to be."""
        try:
            await session.commit()
            return True
        except Exception:
            log.warning("commit of %s failed; looking its row up", key, exc_info=True)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._s.outcome_wait_seconds
        while True:
            try:
                async with self._s.sessions() as check:
                    found = await HandledMessages(check).find(key) is not None
            except Exception:
                if loop.time() >= deadline:
                    log.error("outcome of %s unknown: PostgreSQL does not answer", key)
                    return False
                await asyncio.sleep(0.5)
                continue
            if not found:
                raise NotCommitted(key)
            return True

    async def _turn(
        self,
        session: AsyncSession,
        msg: IncomingMessage,
        text: str,
        draft: Draft | None,
        extraction: Extraction | None,
        heard: Heard | None,
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
            turn.voice_record_id = await self._listener.record(
                session, account_id, msg.chat.key, heard)
        return turn

    async def _known_names(self, msg: IncomingMessage) -> tuple[set[str], set[str], set[str]]:
        """The account's counterparties, products and units (empty for a new user)."""
        async with self._s.sessions() as session:
            return await LedgerRepository(session).known_names(msg.chat.platform, msg.chat.user_id)

    async def _hear(self, msg: IncomingMessage, hints: set[str]) -> Heard | None:
        """A voice message, or a retry of a kept recording, as text; None for plain text."""
        if msg.voice is not None:
            return await self._listener.listen(msg, hints)
        if msg.action is None and is_retry(msg.text):
            return await self._listener.retry(msg, hints)
        return None
