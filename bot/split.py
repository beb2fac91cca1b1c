"""Long replies cut into parts a chat platform accepts, at line breaks where possible.

Platforms measure differently (Telegram counts characters, WeChat UTF-8 bytes), so the
measure is a parameter; the cutting is the same.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], int]


def split_text(text: str, limit: int, size: Measure = len) -> list[str]:
    """Parts of at most `limit` (by `size`), whole lines packed together, a line longer
    than the limit cut where it must."""
    if limit < size("\U0001f600"):
        raise ValueError("limit too small to hold any character")
    parts: list[str] = []
    current = ""
    for line in _short_lines(text, limit, size):
        candidate = f"{current}\n{line}" if current else line
        if size(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        current = line
    if current or not parts:
        parts.append(current)
    return parts


def _short_lines(text: str, limit: int, size: Measure) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        while size(line) > limit:
            cut = _cut_at(line, limit, size)
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out


def _cut_at(line: str, limit: int, size: Measure) -> int:
    """Most characters of `line` that fit in `limit`."""
    used = 0
    for i, ch in enumerate(line):
        used += size(ch)
        if used > limit:
            return max(i, 1)
    return len(line)
