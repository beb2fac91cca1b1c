"""Replies as WeChat text: no buttons, no files, and a ~2048-byte limit per message.

Choices become one hint line; a text longer than the limit is cut into parts at line
breaks (at characters only when a single line is too long), each part within the limit
in UTF-8 bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.split import split_text as split_by
from handlers.messages import Action, Choice, Reply

CARD_HINT_WORDS = {"confirm": "对 保存", "edit": "直接说要改的", "cancel": "取消"}
MORE_HINT = "\n（回复「继续」看下一段）"
NO_FILES = "（微信里不能发文件，下面是表格内容）"
NO_IMAGES = "（微信里暂不能显示图片）"


def hint_line(choices: Sequence[Choice]) -> str:
    """The card's last line on WeChat: "回复 对 保存 / 直接说要改的 / 取消"."""
    return "回复 " + " / ".join(_answer_word(c) for c in choices)


def _answer_word(choice: Choice) -> str:
    """What to type instead of pressing the button; its label for a choice we don't know."""
    try:
        return CARD_HINT_WORDS[Action.decode(choice.action).kind]
    except ValueError:
        return choice.label


def render_reply(reply: Reply) -> str:
    lines = reply.text.rstrip().split("\n")
    if reply.hint == "card":
        lines.pop()  # a card's last line is its text-channel answer hint; WeChat shows ours
    if reply.choices:
        lines.append(hint_line(reply.choices))
    if reply.document is not None:
        lines += [NO_FILES, reply.document.content.decode("utf-8", "replace").rstrip()]
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
