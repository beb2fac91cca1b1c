"""Replies as WeChat text: no buttons, no files, and a ~2048-byte limit per message.

Choices become one hint line; a text longer than the limit is cut into parts at line
breaks (at characters only when a single line is too long), each part within the limit
in UTF-8 bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.hints import with_hint
from bot.split import split_text as split_by
from handlers.messages import Reply

MORE_HINT = "\n（回复「继续」看下一段）"
NO_FILES = "（微信里不能发文件，下面是表格内容）"
NO_FILE = "（微信里不能发文件）"
NO_IMAGES = "（微信里暂不能显示图片）"


def render_reply(reply: Reply) -> str:
    lines = with_hint(reply.text, reply.choices).rstrip().split("\n")
    doc = reply.document
    if doc is not None:
        # No file type in 客服消息: the document's text stands in for it (a signed download
        # link would be the way to hand over the XLSX itself).
        shown = doc.fallback_text
        if shown is None and doc.mime_type.startswith("text/"):
            shown = doc.content.decode("utf-8-sig", "replace")
        lines += [NO_FILES, shown.rstrip()] if shown is not None else [NO_FILE]
    if reply.image_png is not None:
        lines.append(NO_IMAGES)
    return "\n".join(lines).strip()


def render_replies(replies: Sequence[Reply]) -> str:
    return "\n\n".join(t for t in (render_reply(r) for r in replies) if t)


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def split_text(text: str, limit: int) -> list[str]:
    """Parts of at most `limit` UTF-8 bytes, cut at line breaks where possible."""
    return split_by(text, limit, utf8_len)


def paginate(text: str, limit: int) -> list[str]:
    """Parts to send one per message when only one can go now: every part but the last
    ends with the "reply 继续" hint, and still fits the limit."""
    if utf8_len(text) <= limit:
        return [text]
    parts = split_text(text, limit - utf8_len(MORE_HINT))
    return [p + MORE_HINT for p in parts[:-1]] + parts[-1:]
