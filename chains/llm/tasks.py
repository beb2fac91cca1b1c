"""The three chains, as small factories that receive the model and the prompt.

extract: message + context -> LLMAnswer; correct: draft state + message -> LLMPatch;
query: message -> LLMQuery. Each ends in `understand`, which turns a missing tool call
into an error, and is retried (bounded, with backoff) only for such output errors: the
HTTP client already retries 429s, 5xx and timeouts itself.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import BaseModel

from chains.llm.answer import LLMAnswer, LLMPatch, LLMQuery, Schema, StructuredOutputError
from chains.llm.answer import understand as read_answer
from chains.prompts import LoadedPrompt
from chains.schemas import ExtractContext

log = logging.getLogger(__name__)
WEEKDAYS = "一二三四五六日"
BACKOFF = 0.2  # seconds before the first retry of an unusable answer; doubles
MAX_NAMES = 50  # context is a hint; a long account history must not crowd out the message
_TAG = re.compile(r"<\s*/?\s*message\s*>", re.IGNORECASE)
Structured = Callable[[BaseChatModel, type[BaseModel], str], Runnable[Any, Any]]


@dataclass(frozen=True)
class Task(Generic[Schema]):
    """One runnable chain plus the prompt ref recorded with what it produced."""

    name: str
    prompt_ref: str
    runnable: Runnable[dict[str, str], Schema]
    attempts: int = 1

    async def run(self, inputs: dict[str, str]) -> Schema:
        """The chain's answer; an unusable answer is asked again, with backoff, then raised.

        A plain loop rather than Runnable.with_retry: its jitter parameters are validated
        as a TypedDict that drops tenacity's current `multiplier` key, leaving 1 s waits.
        """
        for attempt in range(1, max(1, self.attempts) + 1):
            started = time.perf_counter()
            try:
                result = await self.runnable.ainvoke(inputs)
            except StructuredOutputError as exc:
                log.info("llm %s attempt %d unusable: %s", self.name, attempt, exc)
                if attempt >= self.attempts:
                    raise
                pause = min(BACKOFF * 2 ** (attempt - 1), 2.0) * random.uniform(1.0, 1.5)
                await asyncio.sleep(pause)
                continue
            log.info("llm %s (%s) %.0f ms", self.name, self.prompt_ref,
                     (time.perf_counter() - started) * 1000)
            return result
        raise AssertionError("unreachable: the loop returns or raises")


def build_task(
    name: str,
    model: BaseChatModel,
    prompt: LoadedPrompt,
    schema: type[Schema],
    *,
    structured: Structured,
    method: str,
    attempts: int,
) -> Task[Schema]:
    """prompt | model asked for `schema` | understand, retried on output errors."""

    def to_schema(output: Any) -> Schema:
        _log_usage(name, output)
        return read_answer(output, schema)

    chain = prompt.template | structured(model, schema, method) | RunnableLambda(to_schema)
    return Task(name, prompt.ref, chain.with_config(run_name=name), attempts)


def build_extract_task(model: BaseChatModel, prompt: LoadedPrompt, **kw: Any) -> Task[LLMAnswer]:
    return build_task("extract", model, prompt, LLMAnswer, **kw)


def build_correct_task(model: BaseChatModel, prompt: LoadedPrompt, **kw: Any) -> Task[LLMPatch]:
    return build_task("correct", model, prompt, LLMPatch, **kw)


def build_query_task(model: BaseChatModel, prompt: LoadedPrompt, **kw: Any) -> Task[LLMQuery]:
    return build_task("query", model, prompt, LLMQuery, **kw)


def prompt_inputs(text: str, ref_date: dt.date, context: ExtractContext) -> dict[str, str]:
    """Every variable any of the three prompts uses; each template takes what it needs."""
    return {
        "message": as_data(text),
        "ref_date": ref_date.isoformat(),
        "weekday": f"星期{WEEKDAYS[ref_date.weekday()]}",
        "known_users": _names(context.known_users),
        "known_products": _names(context.known_products),
        "dialogue": describe_dialogue(context),
    }


def as_data(text: str) -> str:
    """The user's text, unable to close or open the <message> block it is placed in."""
    return _TAG.sub(lambda m: m.group(0).replace("<", "＜").replace(">", "＞"), text)


def describe_dialogue(context: ExtractContext) -> str:
    if not (context.has_draft or context.asking):
        return "没有待确认的账"
    pending = "有一笔待确认的账"
    if context.pending:
        pending += f"：{as_data(context.pending)}"
    return f"{pending}，正在问 {context.asking}" if context.asking else pending


def _names(names: tuple[str, ...]) -> str:
    return "、".join(as_data(n) for n in names[:MAX_NAMES]) or "（无）"


def _log_usage(name: str, output: Any) -> None:
    raw = output.get("raw") if isinstance(output, dict) else output
    usage = getattr(raw, "usage_metadata", None) or {}
    if usage:
        log.info("llm %s tokens in=%s out=%s", name,
                 usage.get("input_tokens"), usage.get("output_tokens"))
