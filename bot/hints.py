"""Choices as a line of words, for channels without buttons (WeChat, the console)."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.messages import Choice

HINT_WORDS = {"confirm": "对 保存", "edit": "直接说要改的", "cancel": "取消"}


def hint_line(choices: Sequence[Choice]) -> str:
    """A card's last line: "回复 对 保存 / 直接说要改的 / 取消"."""
    return "回复 " + " / ".join(HINT_WORDS.get(c.action.kind, c.label) for c in choices)


def with_hint(text: str, choices: Sequence[Choice]) -> str:
    return f"{text.rstrip()}\n{hint_line(choices)}" if choices else text
