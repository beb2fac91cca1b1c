"""The console channel: an interactive terminal chat, and a JSON-lines mode for scripts.

It goes through the same neutral types and Dispatcher as WeChat and Telegram.
"""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.charts import draw
from bot.files import save_new
from bot.hints import with_hint
from handlers.dispatch import Dispatcher
from handlers.messages import ChatRef, IncomingMessage, Reply, VoiceInput

BAD_LINE = '这一行不是有效的消息（需要 JSON：{"user": ..., "text": ...}），没有记账。'


def console_message(user: str, text: str = "", voice: str | None = None) -> IncomingMessage:
    chat = ChatRef(platform="console", chat_id=user, user_id=user)
    return IncomingMessage(
        chat=chat, text=text, voice=VoiceInput(path=Path(voice)) if voice else None
    )


@dataclass(frozen=True, slots=True)
class Saved:
    path: Path
    kind: str  # the MIME type


def render(reply: Reply, saved: Path | None = None) -> str:
    """Choices become a hint line, as on WeChat: the console has no buttons. A file the
    reply carried is said by where it was saved."""
    text = with_hint(reply.text, reply.choices)
    return text if saved is None else f"{text}\n文件已保存：{saved}"


async def shown(reply: Reply, folder: Path | None) -> tuple[str, Saved | None]:
    """The reply as the console shows it, with its file (a document, or the chart drawn
    as PNG) written under `folder`. A chart that cannot be drawn is said in words."""
    if folder is not None and reply.document is not None:
        doc = reply.document
        saved = Saved(save_new(folder, doc.filename, doc.content), doc.mime_type)
        return render(reply, saved.path), saved
    if reply.chart is None:
        return render(reply), None
    png = await draw(reply.chart) if folder is not None else None
    if png is None or folder is None:
        return render(reply.model_copy(update={"text": reply.text_without_chart()})), None
    saved = Saved(save_new(folder, reply.chart.filename, png), "image/png")
    return render(reply, saved.path), saved


async def run_jsonl(
    dispatcher: Dispatcher, stdin: TextIO, stdout: TextIO, files: Path | None = None
) -> None:
    """Exactly one {"replies": [...]} line per input line, in order; a line whose replies
    carried files also lists them: "files": [{"path", "kind"}] (kind: the MIME type)."""
    for line in stdin:
        if not line.strip():
            continue
        msg = _parse_line(line)
        out: dict[str, object]
        if msg is None:
            out = {"replies": [BAD_LINE]}
        else:
            done = [await shown(r, files) for r in await dispatcher.handle(msg)]
            out = {"replies": [text for text, _ in done]}
            listed = [{"path": str(f.path), "kind": f.kind} for _, f in done if f is not None]
            if listed:
                out["files"] = listed
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
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


async def run_interactive(dispatcher: Dispatcher, user: str, files: Path | None = None) -> None:
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
        if text.startswith("/voice ") and text != "/voice retry":
            msg = console_message(user, voice=text.removeprefix("/voice ").strip())
        else:
            msg = console_message(user, text)
        for reply in await dispatcher.handle(msg):
            text, _ = await shown(reply, files)
            print(text + "\n", file=sys.stdout)
