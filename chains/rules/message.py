"""The message being read: clean text, which characters each rule already claimed, spans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chains.rules.lexicon import SEPARATORS
from chains.rules.text import Normalized
from chains.schemas import ExtractContext, Span

FREE = ""
GOODS = "goods"  # a known goods word: still material for a product name
WORD = "word"  # a protected word that is neither a name nor a number (一共, 三八节)

NAME_LABELS = (FREE, GOODS)


@dataclass(slots=True)
class Message:
    norm: Normalized
    ref: dt.date
    context: ExtractContext
    labels: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    guesses: int = 0  # decisions made on weak evidence; lowers confidence
    # where one known goods word ends and the next begins (苹果|香蕉): a name never spans it
    joints: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.labels:
            self.labels = [FREE] * len(self.norm.text)

    @property
    def text(self) -> str:
        return self.norm.text

    def is_free(self, start: int, end: int) -> bool:
        return all(label == FREE for label in self.labels[start:end])

    def is_name_material(self, i: int) -> bool:
        """Can character i be part of a product name?"""
        return (
            0 <= i < len(self.labels)
            and self.labels[i] in NAME_LABELS
            and self.text[i] not in SEPARATORS
            and _is_cjk(self.text[i])
        )

    def mark(self, start: int, end: int, label: str) -> None:
        for i in range(max(start, 0), min(end, len(self.labels))):
            self.labels[i] = label

    def add_span(self, name: str, start: int, end: int) -> None:
        if end <= start:
            return
        src_start, src_end = self.norm.source_range(start, end)
        self.spans.append(
            Span(field=name, start=src_start, end=src_end,
                 text=self.norm.original[src_start:src_end])
        )

    def clause(self, i: int) -> tuple[int, int]:
        """The [start, end) of the clause (between separators) holding position i."""
        text = self.text
        start = i
        while start > 0 and text[start - 1] not in SEPARATORS:
            start -= 1
        end = i
        while end < len(text) and text[end] not in SEPARATORS:
            end += 1
        return start, end


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
