"""The speech seam: a voice message becomes text before the dialogue sees it, and a
recording nobody could hear is kept for a retry instead of being dropped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.messages import IncomingMessage, Reply, UserFacingError, VoiceInput
from storage.accounts import AccountRepository
from storage.voice import VoiceRecords

# Said in chat (or `/voice retry`, `ledgerbot voice retry`): hear the oldest kept recording.
RETRY_WORDS = frozenset(
    {"重新识别", "重新识别语音", "再识别一次", "/voice", "/voice retry", "/voice_retry"})
NOTHING_TO_RETRY = "没有等着识别的语音，都已经识别过了。"
ALREADY_HEARD = "这条语音刚刚已经识别过了，不会重复记。"
NOT_HEARD = "没听清，请再说一遍或打字（这条语音已保存，发「重新识别」会再试一次）。这条没有记账。"


class Transcript(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    duration_seconds: Decimal
    recogniser: str
    stored_path: str
    note: str | None = None  # said before the card, e.g. which fallback produced the text


class Unheard(UserFacingError):
    """The recording is kept, but no text could be got for it yet (`reason`: why)."""

    def __init__(self, message: str, *, stored_path: str, duration_seconds: Decimal,
                 reason: str) -> None:
        super().__init__(message)
        self.stored_path, self.duration_seconds, self.reason = (
            stored_path, duration_seconds, reason)


class Transcriber(Protocol):
    async def transcribe(self, voice: VoiceInput, hints: Sequence[str]) -> Transcript:
        """Text of the voice message. Raises Unheard (the file is kept) when recognition
        fails, UserFacingError (nothing kept) for audio that can never be heard."""
        ...

    async def rehear(self, stored_path: Path, hints: Sequence[str]) -> Transcript:
        """Text of a kept recording; Unheard when it still cannot be heard."""
        ...


def is_retry(text: str) -> bool:
    words = text.strip().lower().split()
    if words and words[0].startswith("/"):
        words[0] = words[0].split("@")[0]  # Telegram's /voice@ledger_bot in groups
    return " ".join(words) in RETRY_WORDS


@dataclass
class Heard:
    """What the dialogue gets from a voice message: its text and the voice record to write
    (`record_id` set: a kept recording heard on retry, updated instead of added)."""

    transcript: Transcript
    record_id: int | None = None
    notes: list[Reply] = field(default_factory=list)


class Listener:
    """Runs speech for the dispatcher, outside the chat lock and any transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession],
                 speech: Transcriber | None) -> None:
        self._sessions, self._speech = sessions, speech

    async def listen(self, msg: IncomingMessage, hints: set[str]) -> Heard:
        """The message's voice as text; Unheard is recorded here before it is raised."""
        assert msg.voice is not None
        if self._speech is None:
            raise UserFacingError("语音识别还没有配置，请打字记账。这条没有记账。")
        try:
            heard = await self._speech.transcribe(msg.voice, sorted(hints))
        except Unheard as exc:
            await self._keep_unheard(msg, exc)
            raise
        if not heard.text.strip():
            await self._keep_unheard(msg, Unheard(
                NOT_HEARD, stored_path=heard.stored_path,
                duration_seconds=heard.duration_seconds, reason="not_heard"))
            raise UserFacingError(NOT_HEARD)
        notes = [Reply(text=heard.note)] if heard.note else []
        return Heard(heard, notes=notes)

    async def retry(self, msg: IncomingMessage, hints: set[str]) -> Heard:
        """The oldest kept recording of this account, heard again."""
        if self._speech is None:
            raise UserFacingError("语音识别还没有配置，还不能重新识别。")
        async with self._sessions() as session:
            account_id = await AccountRepository(session).find(
                msg.chat.platform, msg.chat.user_id)
            record, waiting = (await VoiceRecords(session).oldest_unheard(account_id)
                               if account_id is not None else (None, 0))
        if record is None:
            raise UserFacingError(NOTHING_TO_RETRY)
        later = f"还有 {waiting - 1} 条语音等着识别，这条处理完再发「重新识别」。" if (
            waiting > 1) else ""
        try:
            heard = await self._speech.rehear(Path(record.file_path), sorted(hints))
        except Unheard as exc:
            async with self._sessions.begin() as session:
                await VoiceRecords(session).still_unheard(record.id, exc.reason)
            raise UserFacingError(f"{exc}{later}") from None
        if not heard.text.strip():
            async with self._sessions.begin() as session:
                await VoiceRecords(session).still_unheard(record.id, "not_heard")
            raise UserFacingError(f"重新识别了，还是没听清这条语音。{later}")
        intro = f"重新识别了保存的语音（{record.duration_seconds} 秒）。{later}"
        notes = [Reply(text=intro)] + ([Reply(text=heard.note)] if heard.note else [])
        return Heard(heard, record_id=record.id, notes=notes)

    async def record(self, session: AsyncSession, account_id: int, chat_key: str,
                     heard: Heard) -> int:
        """Write the heard recording's voice record in the message's unit of work."""
        t = heard.transcript
        records = VoiceRecords(session)
        if heard.record_id is None:
            return await records.add(
                account_id, file_path=t.stored_path, duration=t.duration_seconds,
                chat_key=chat_key, transcript=t.text, recogniser=t.recogniser)
        if not await records.heard(heard.record_id, t.text, t.recogniser):
            raise UserFacingError(ALREADY_HEARD)
        return heard.record_id

    async def _keep_unheard(self, msg: IncomingMessage, exc: Unheard) -> None:
        async with self._sessions.begin() as session:
            account_id = await AccountRepository(session).resolve(
                msg.chat.platform, msg.chat.user_id)
            await VoiceRecords(session).add(
                account_id, file_path=exc.stored_path, duration=exc.duration_seconds,
                chat_key=msg.chat.key, reason=exc.reason)
