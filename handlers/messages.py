"""The handler contract: what every channel adapter translates its platform payloads into,
and what the handlers answer. `bot/` imports it; `handlers/` never imports `bot/`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

Platform = Literal["console", "wechat", "telegram"]


class ChatRef(BaseModel):
    model_config = ConfigDict(frozen=True)

    platform: Platform
    chat_id: str
    user_id: str

    @property
    def key(self) -> str:
        """Stable key of this conversation (drafts, undo scope)."""
        return f"{self.platform}:{self.chat_id}:{self.user_id}"

    @classmethod
    def from_key(cls, key: str) -> ChatRef:
        """The chat a stored key names (platform chat ids hold no ':')."""
        platform, chat_id, user_id = key.split(":", 2)
        return cls.model_validate(
            {"platform": platform, "chat_id": chat_id, "user_id": user_id})


class VoiceInput(BaseModel):
    """A voice message as the channel got it: a local audio file, plus the platform's own
    transcript when it sent one (WeChat `Recognition`, only ever a hint)."""

    model_config = ConfigDict(frozen=True)

    path: Path
    platform_transcript: str | None = None


ActionKind = Literal["confirm", "cancel", "edit"]


class Action(BaseModel):
    """A pressed button: what it does and which draft's card it was on.

    `encode`/`decode` are the one codec of the wire form (Telegram's callback_data);
    nothing else parses it."""

    model_config = ConfigDict(frozen=True)

    kind: ActionKind
    draft_id: str

    def encode(self) -> str:
        return f"{self.kind}:{self.draft_id}"

    @classmethod
    def decode(cls, data: str | None) -> Action | None:
        """The action a button carried, or None for anything we never sent."""
        kind, sep, draft_id = (data or "").partition(":")
        if not sep or not draft_id or kind not in ("confirm", "cancel", "edit"):
            return None
        return cls(kind=kind, draft_id=draft_id)


class IncomingMessage(BaseModel):
    model_config = ConfigDict(frozen=True)

    chat: ChatRef
    text: str = ""
    voice: VoiceInput | None = None
    action: Action | None = None  # a pressed button
    message_id: str | None = None  # the platform's id, for dedup of redeliveries
    received_at: dt.datetime | None = None


class Choice(BaseModel):
    """A quick answer: a button on Telegram, a hint line on WeChat and the console."""

    model_config = ConfigDict(frozen=True)

    label: str
    action: Action


class Document(BaseModel):
    """A file to send. `fallback_text` is what a channel that cannot send files (WeChat's
    客服消息 has no file type) shows instead."""

    model_config = ConfigDict(frozen=True)

    filename: str
    content: bytes
    mime_type: str = "text/csv"
    fallback_text: str | None = None


ChartKind = Literal["days", "ranking"]


class Chart(BaseModel):
    """A picture of figures, drawn by the channel (bot/charts.py) after the message's unit of
    work: `days` is one bar per day (or month) in order, `ranking` horizontal bars, largest
    on top. `fallback_text` states the same figures, for when no picture can be shown."""

    model_config = ConfigDict(frozen=True)

    kind: ChartKind
    title: str
    labels: tuple[str, ...]
    values: tuple[Decimal, ...]
    fallback_text: str
    filename: str = "chart.png"


# What a reply does, so channels can render it without reading its Chinese wording:
# a `card` waits for confirmation (its choices say how), a `question` asks for a missing
# field, `saved`/`cancelled` settle a card, `info` is everything else.
ReplyKind = Literal["info", "card", "question", "saved", "cancelled"]


class Reply(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    kind: ReplyKind = "info"
    choices: tuple[Choice, ...] = ()
    document: Document | None = None
    chart: Chart | None = None

    def text_without_chart(self) -> str:
        """What to show when the chart cannot be: the text, then the figures it drew."""
        if self.chart is None:
            return self.text
        return "\n".join(t for t in (self.text, self.chart.fallback_text) if t)


class UserFacingError(Exception):
    """A problem the user can fix; the message is safe to show (in Chinese)."""
