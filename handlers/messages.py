"""The handler contract: what every channel adapter translates its platform payloads into,
and what the handlers answer. `bot/` imports it; `handlers/` never imports `bot/`.
"""

from __future__ import annotations

import datetime as dt
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


class VoiceInput(BaseModel):
    """A voice message as the channel got it: a local audio file, plus the platform's own
    transcript when it sent one (WeChat `Recognition`, only ever a hint)."""

    model_config = ConfigDict(frozen=True)

    path: Path
    platform_transcript: str | None = None


class IncomingMessage(BaseModel):
    model_config = ConfigDict(frozen=True)

    chat: ChatRef
    text: str = ""
    voice: VoiceInput | None = None
    action: str | None = None  # a pressed button, e.g. "confirm:<draft id>"
    message_id: str | None = None  # the platform's id, for dedup of redeliveries
    received_at: dt.datetime | None = None


ActionKind = Literal["confirm", "cancel", "edit"]


class Action(BaseModel):
    """A pressed card button. `encode()`/`decode()` are the one codec of its wire form
    ("confirm:<draft id>"), which travels as Telegram callback_data (64 bytes at most)."""

    model_config = ConfigDict(frozen=True)

    kind: ActionKind
    draft_id: str

    def encode(self) -> str:
        return f"{self.kind}:{self.draft_id}"

    @classmethod
    def decode(cls, data: str) -> Action:
        """The action a button carried; ValueError when `data` is not one of ours."""
        kind, sep, draft_id = data.partition(":")
        if not sep or not draft_id:
            raise ValueError(f"not a button action: {data!r}")
        return cls.model_validate({"kind": kind, "draft_id": draft_id})  # checks the kind


class Choice(BaseModel):
    """A quick answer: a button on Telegram, a hint line on WeChat and the console."""

    model_config = ConfigDict(frozen=True)

    label: str
    action: str


class Document(BaseModel):
    model_config = ConfigDict(frozen=True)

    filename: str
    content: bytes
    mime_type: str = "text/csv"


# What a reply is, for channels that render it differently (never parse the wording):
# card: a confirmation card, whose last line tells text channels how to answer;
# cancelled / saved: a draft's final state; question: asks for one missing field.
ReplyHint = Literal["card", "cancelled", "saved", "question"]


class Reply(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    hint: ReplyHint | None = None
    choices: tuple[Choice, ...] = ()
    document: Document | None = None
    image_png: bytes | None = None


class UserFacingError(Exception):
    """A problem the user can fix; the message is safe to show (in Chinese)."""
