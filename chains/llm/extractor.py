"""The LLM extractor: cached, budgeted, circuit-broken, and always able to answer via rules.

Whatever goes wrong on the LLM path (no key at call time, timeouts, 429s past the retries,
malformed or schema-violating output, the budget running out) ends in the rules
extractor's answer, recorded as `fallback:rules`; the vendor gets a reply either way.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time

from chains.extractor import Extraction, Extractor
from chains.llm.answer import LLMAnswer, LLMPatch, LLMQuery
from chains.llm.cache import ExtractionCache
from chains.llm.tasks import Task, prompt_inputs
from chains.llm.validate import overrule, to_parse, to_patch, to_query
from chains.schemas import ExtractContext, Intent

log = logging.getLogger(__name__)
FALLBACK = "fallback:rules"


class Breaker:
    """After `failures` failed calls in a row, skip the LLM for `cooldown` seconds.

    When the service is down every message would otherwise wait out the client's retries
    before falling back; with the breaker open it goes straight to rules.
    """

    def __init__(self, failures: int, cooldown: float) -> None:
        self._limit, self._cooldown = max(1, failures), cooldown
        self._failed, self._open_until = 0, 0.0

    def allows(self) -> bool:
        return time.monotonic() >= self._open_until

    def record(self, ok: bool) -> None:
        self._failed = 0 if ok else self._failed + 1
        if self._failed >= self._limit:
            self._open_until = time.monotonic() + self._cooldown
            log.warning("llm failed %d times in a row; rules only for %.0f s",
                        self._failed, self._cooldown)


class LLMExtractor:
    name = "llm"

    def __init__(
        self,
        *,
        extract: Task[LLMAnswer],
        correct: Task[LLMPatch],
        query: Task[LLMQuery],
        fallback: Extractor,
        cache: ExtractionCache,
        budget_seconds: float,
        breaker: Breaker,
    ) -> None:
        self._extract, self._correct, self._query = extract, correct, query
        self._fallback = fallback
        self._cache = cache
        self._budget = budget_seconds
        self._breaker = breaker

    async def extract(self, text: str, ref_date: dt.date, context: ExtractContext) -> Extraction:
        """The LLM's checked parse, from cache when seen before, else the rules' answer."""
        refs = "+".join(t.prompt_ref for t in (self._extract, self._correct, self._query))
        key = self._cache.key(refs, text, ref_date, context)  # any prompt change is a miss
        cached = await self._cache.get(key)
        if cached is not None:
            return cached
        if not self._breaker.allows():
            return await self._fall_back(text, ref_date, context, "circuit open")
        started = time.perf_counter()
        try:
            result = await asyncio.wait_for(self._ask(text, ref_date, context), self._budget)
        except Exception as exc:  # every failure has the same remedy: answer by rules
            self._breaker.record(ok=False)
            reason = f"{type(exc).__name__}: {exc}"[:300]
            log.warning("llm path failed after %.0f ms (%s)",
                        (time.perf_counter() - started) * 1000, reason)
            return await self._fall_back(text, ref_date, context, reason)
        self._breaker.record(ok=True)
        await self._cache.put(key, result)
        return result

    async def _ask(self, text: str, ref_date: dt.date, context: ExtractContext) -> Extraction:
        inputs = prompt_inputs(text, ref_date, context)
        model = to_parse(await self._extract.run(inputs), text, ref_date)
        rules = await self._fallback.extract(text, ref_date, context)  # milliseconds
        parse = overrule(model, rules.parse, text)
        if parse is rules.parse:
            return rules.model_copy(update={"extractor": FALLBACK})
        refs = [self._extract.prompt_ref]
        if parse.intent is Intent.CORRECT:
            patch = to_patch(await self._correct.run(inputs), text, ref_date)
            parse = parse.model_copy(update={"patch": patch})
            refs.append(self._correct.prompt_ref)
        elif parse.intent is Intent.QUERY and parse.query is None:
            query = to_query(await self._query.run(inputs), text, ref_date)
            parse = parse.model_copy(update={"query": query})
            refs.append(self._query.prompt_ref)
        return Extraction(parse=parse, extractor=self.name, prompt_version="+".join(refs))

    async def _fall_back(
        self, text: str, ref_date: dt.date, context: ExtractContext, reason: str
    ) -> Extraction:
        result = await self._fallback.extract(text, ref_date, context)
        log.info("answered by rules instead of the llm (%s)", reason[:120])
        return result.model_copy(update={"extractor": FALLBACK})
