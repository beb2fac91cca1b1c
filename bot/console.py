"""The console channel: an interactive terminal chat, and a JSON-lines mode for scripts.

It goes through the same neutral types and Dispatcher as WeChat and Telegram.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import TextIO

from handlers.dispatch import Dispatcher
from handlers.messages import ChatRef, IncomingMessage, Reply, VoiceInput

BAD_LINE = '这一行不是有效的消息（需要 JSON：{"user": ..., "text": ...}），没有记账。'


def console_message(user: str, text: str = "", voice: str | None = None) -> IncomingMessage:
    chat = ChatRef(platform="console", chat_id=user, user_id=user)
    return IncomingMessage(
        chat=chat, text=text, voice=VoiceInput(path=Path(voice)) if voice else None
    )


def render(reply: Reply) -> str:
    """The text as it is: the console has no buttons, and a card's own last line already
    says how to answer it."""
    return reply.text


async def run_jsonl(dispatcher: Dispatcher, stdin: TextIO, stdout: TextIO) -> None:
    """Exactly one {"replies": [...]} line per input line, in order."""
    for line in stdin:
        if not line.strip():
            continue
        msg = _parse_line(line)
        replies = [BAD_LINE] if msg is None else [render(r) for r in await dispatcher.handle(msg)]
        stdout.write(json.dumps({"replies": replies}, ensure_ascii=False) + "\n")
        stdout.flush()


def _parse_line(line: str) -> IncomingMessage | None:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(obj, dict) or not isinstance(obj.get("user", "alice"), str):
        return None
    text, voice = obj.get("text"), obj.get("voice")
    if not isinstance(text, str) and not isinstance(voice, str):
        return None
    return console_message(
        obj.get("user") or "alice",
        text if isinstance(text, str) else "",
        voice if isinstance(voice, str) else None,
    )


async def run_interactive(dispatcher: Dispatcher, user: str) -> None:
    print("好生意记账本 — 直接输入记账或查账；/help 看例子；/voice 路径 发语音；Ctrl-D 退出。")
    while True:
        try:
            # input() blocks; a thread keeps the event loop (and its connections) alive.
            print(f"{user}> ", end="", flush=True)
            text = (await asyncio.to_thread(input)).strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if not text:
            continue
        if text.startswith("/voice "):
            msg = console_message(user, voice=text.removeprefix("/voice ").strip())
        else:
            msg = console_message(user, text)
        for reply in await dispatcher.handle(msg):
            print(render(reply) + "\n", file=sys.stdout)
