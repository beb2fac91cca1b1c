"""Word segmentation with jieba, loaded once and only when a long run needs it.

Most names are cut by the cue words around them; jieba only splits a run of unknown
characters that no cue word divides (土豆今晚送过去 → 土豆 | 今晚 | 送 | 过去).
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

import jieba

from chains.rules.lexicon import GOODS

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def _load() -> jieba.Tokenizer:
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for word in GOODS:
                tokenizer.add_word(word, freq=2000)
            _tokenizer = tokenizer
    return _tokenizer


def warm_up() -> None:
    """Load jieba's dictionary now rather than on the first message that needs it."""
    words("土豆今晚送过去")


@lru_cache(maxsize=2048)
def words(text: str) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(_load().lcut(text[:64], HMM=True))


# jieba's dictionary also lists rare phrases of two goods (香蕉苹果: 4); a compound name
# (鸭梨: 18) is used more often than that.
_COMPOUND_FREQ = 10


@lru_cache(maxsize=2048)
def is_compound(word: str) -> bool:
    """Is a short run of known words one word of jieba's dictionary (鸭梨, not 鸭 + 梨)?"""
    return 0 < len(word) <= 3 and (_load().FREQ.get(word) or 0) >= _COMPOUND_FREQ


def leading_word(text: str) -> str:
    """The first word of a run (one character words join the next: 洋/桔梗)."""
    parts = words(text)
    if not parts:
        return ""
    if len(parts[0]) == 1 and len(parts) > 1 and len(parts[1]) <= 2:
        return parts[0] + parts[1]
    return parts[0]


def trailing_word(text: str) -> str:
    parts = words(text)
    if not parts:
        return ""
    if len(parts[-1]) == 1 and len(parts) > 1 and len(parts[-2]) <= 2:
        return parts[-2] + parts[-1]
    return parts[-1]
