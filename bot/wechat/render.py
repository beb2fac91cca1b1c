"""Replies as WeChat text: no buttons, no files, and a ~2048-byte limit per message.

Choices become one hint line; a file becomes its download link when one was made (see
attachments.py), else its text; a chart is said in words unless its picture follows by
客服消息. A text longer than the limit is cut into parts at line breaks (at characters only
when a single line is too long), each part within the limit in UTF-8 bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.hints import with_hint
from bot.split import split_text as split_by
from handlers.messages import Reply

MORE_HINT = "\n（回复「继续」看下一段）"
NO_FILES = "（微信里不能发文件，下面是表格内容）"
NO_FILE = "（微信里不能发文件）"
NO_IMAGES = "（微信里暂不能显示图片）"


def render_reply(reply: Reply, *, link: str | None = None, picture_follows: bool = False) -> str:
    """`link`: the lines that hand over the reply's document; `picture_follows`: its chart
    goes out as an image right after, so the text need not list the figures."""
    text = reply.text if picture_follows else reply.text_without_chart()
    lines = with_hint(text, reply.choices).rstrip().split("\n")
    doc = reply.document
    if doc is not None and link is not None:
        lines.append(link)
    elif doc is not None:
        # No file type in 客服消息 and no download link configured: the document's text
        # stands in for it.
        shown = doc.fallback_text
        if shown is None and doc.mime_type.startswith("text/"):
            shown = doc.content.decode("utf-8-sig", "replace")
        lines += [NO_FILES, shown.rstrip()] if shown is not None else [NO_FILE]
    if reply.chart is not None and not picture_follows:
        lines.append(NO_IMAGES)
    return "\n".join(lines).strip()


def render_replies(replies: Sequence[Reply]) -> str:
    return join_texts(render_reply(r) for r in replies)


def join_texts(texts: Iterable[str]) -> str:
    """Several replies as one WeChat message."""
    return "\n\n".join(t for t in texts if t)


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
