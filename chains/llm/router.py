"""Hybrid routing: rules first, the LLM only where the rules are unsure.

Rules answer in milliseconds and cost nothing; the LLM is asked when their confidence is
below the threshold, when they say `other` about a message that looks like bookkeeping
(a number next to a money or measure word, or a trading verb), or when they call a message
a correction while no entry waits for one (it then names an entry saved earlier: an edit).
"""

from __future__ import annotations

import datetime as dt

from chains.extractor import Extraction, Extractor
from chains.llm.extractor import FALLBACK
from chains.rules.lexicon import BOOKKEEPING_RE
from chains.schemas import ExtractContext, Intent


def looks_like_bookkeeping(text: str) -> bool:
    return bool(BOOKKEEPING_RE.search(text))


class HybridExtractor:
    name = "hybrid"

    def __init__(self, rules: Extractor, llm: Extractor, threshold: float) -> None:
        self._rules, self._llm, self._threshold = rules, llm, threshold

    async def extract(self, text: str, ref_date: dt.date, context: ExtractContext) -> Extraction:
        """Rules' answer when they are sure; else the LLM's (which falls back to rules)."""
        first = await self._rules.extract(text, ref_date, context)
        if not self._needs_llm(first, text, context):
            return first.model_copy(update={"extractor": "hybrid:rules"})
        second = await self._llm.extract(text, ref_date, context)
        if second.extractor == FALLBACK:
            return first.model_copy(update={"extractor": FALLBACK})
        return second.model_copy(update={"extractor": "hybrid:llm"})

    def _needs_llm(self, result: Extraction, text: str, context: ExtractContext) -> bool:
        if result.parse.confidence < self._threshold:
            return True
        intent = result.parse.intent
        if intent is Intent.CORRECT and not (context.has_draft or context.asking):
            return True  # nothing is being confirmed, so what it corrects is in the books
        return intent is Intent.OTHER and looks_like_bookkeeping(text)
