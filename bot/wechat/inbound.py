"""WeChat XML → a small neutral record the channel can act on.

wechatpy does the parsing; this module only decides what kind of thing arrived and how
it is identified for dedup (events carry no MsgId, so they use FromUserName+CreateTime).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from wechatpy import parse_message
from wechatpy.events import SubscribeEvent, SubscribeScanEvent
from wechatpy.messages import BaseMessage, TextMessage, VoiceMessage

Kind = Literal["text", "voice", "subscribe", "event", "unsupported"]


@dataclass(frozen=True, slots=True)
class Inbound:
    kind: Kind
    openid: str
    account: str  # our gh_ id, the reply's FromUserName
    key: str  # dedup key: MsgId, or evt:<openid>:<CreateTime> for events
    created: dt.datetime | None
    text: str = ""
    media_id: str = ""
    recognition: str | None = None


def parse_inbound(xml: str) -> Inbound | None:
    """None for XML that is not a WeChat message at all."""
    try:
        msg: BaseMessage | None = parse_message(xml)
    except Exception:  # expat errors, missing MsgType, non-dict roots: all just "bad input"
        return None
    if msg is None or not getattr(msg, "source", None) or not getattr(msg, "target", None):
        return None
    created = _created(msg)
    fallback = f"evt:{msg.source}:{_field(msg, 'time')}"
    # A message without MsgId (only events should lack one) falls back to the event key.
    key = _field(msg, "id") or fallback
    if isinstance(msg, TextMessage):
        return Inbound("text", msg.source, msg.target, key, created, text=msg.content or "")
    if isinstance(msg, VoiceMessage):
        return Inbound("voice", msg.source, msg.target, key, created,
                       media_id=msg.media_id or "", recognition=msg.recognition)
    if msg.type == "event":
        subscribed = isinstance(msg, SubscribeEvent | SubscribeScanEvent)
        kind: Kind = "subscribe" if subscribed else "event"
        return Inbound(kind, msg.source, msg.target, fallback, created)
    return Inbound("unsupported", msg.source, msg.target, key, created)


def _field(msg: BaseMessage, name: str) -> str:
    """An integer field as text, "" when absent or not a number."""
    try:
        value = getattr(msg, name, None)
    except (TypeError, ValueError):
        return ""
    return str(value) if value else ""


def _created(msg: BaseMessage) -> dt.datetime | None:
    try:
        value = msg.create_time
    except (TypeError, ValueError, OverflowError):
        return None
    return value if isinstance(value, dt.datetime) else None


def to_task(inbound: Inbound) -> dict[str, str | None]:
    """The record as JSON-safe task arguments (it travels through the queue's broker)."""
    return {"kind": inbound.kind, "openid": inbound.openid, "account": inbound.account,
            "key": inbound.key, "created": inbound.created.isoformat() if inbound.created
            else None, "text": inbound.text, "media_id": inbound.media_id,
            "recognition": inbound.recognition}


def from_task(raw: dict[str, str | None]) -> Inbound:
    created = raw.get("created")
    kind: Kind = "text" if raw["kind"] == "text" else "voice"  # only messages are queued
    return Inbound(kind, str(raw["openid"]), str(raw["account"]), str(raw["key"]),
                   dt.datetime.fromisoformat(created) if created else None,
                   text=raw.get("text") or "", media_id=raw.get("media_id") or "",
                   recognition=raw.get("recognition"))
