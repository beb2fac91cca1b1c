"""The real ChatOpenAI client against the local stand-in server, one misbehaviour at a time.

Each case must end in the correct entry, or in the rules' answer (`fallback:rules`),
never in a crash or an invented value.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.config import Config, load_config
from bot.extractors import build_llm_extractor
from chains.extractor import Extraction, Extractor
from chains.schemas import ExtractContext, Intent, Parse
from ledger import Entry, EntryType
from tests.fakes.openai_server import Behaviour, serve

REF = dt.date(2026, 3, 15)
TEXT = "卖给老李五千盆千叶，一共一万"
GOLD = {"intent": "record", "type": "income", "users": ["老李"],
        "products": [{"name": "千叶", "quantity": 5000, "unit": "盆", "unit_price": 2}],
        "containers": [], "amount": 10000, "date": "2026-03-15", "missing": [],
        "category": None}
RULES = Parse(
    intent=Intent.RECORD,
    entries=[Entry(type=EntryType.INCOME, users=("老李",), date=dt.date(2026, 3, 15))],
    confidence=0.4,
)


class StubRules:
    async def extract(self, text: str, ref_date: dt.date, context: ExtractContext) -> Extraction:
        return Extraction(parse=RULES, extractor="rules")


@pytest.fixture
def behaviour() -> Behaviour:
    return Behaviour(gold={TEXT: GOLD})


@pytest.fixture
def base_url(behaviour: Behaviour) -> Iterator[str]:
    with serve(behaviour) as url:
        yield url


def llm_config(url: str, tmp_path: Path, **env: str) -> Config:
    return load_config(env={
        "LEDGERBOT_LLM__PROVIDER": "openai-compatible", "LEDGERBOT_LLM__BASE_URL": url,
        "LEDGERBOT_LLM__API_KEY": "test", "LEDGERBOT_EXTRACTOR__MODE": "llm",
        "LEDGERBOT_LLM__TIMEOUT_SECONDS": "2", "LEDGERBOT_LLM__BUDGET_SECONDS": "6",
        "LEDGERBOT_DATA_DIR": str(tmp_path), **env,
    })


def build(url: str, tmp_path: Path, redis: Redis | None = None, **env: str) -> Extractor:
    return build_llm_extractor(llm_config(url, tmp_path, **env), redis, rules=StubRules())


@pytest.mark.parametrize("mode", ["gold", "content", "flaky"])
async def test_a_good_answer_becomes_the_entry(
    mode: str, behaviour: Behaviour, base_url: str, tmp_path: Path
) -> None:
    behaviour.mode = mode
    out = await build(base_url, tmp_path).extract(TEXT, REF, ExtractContext())
    assert out.extractor == "llm" and out.parse.to_answer() == GOLD
    # The configured prompt version is stored with what it produced.
    assert out.prompt_version == f"extract@{llm_config(base_url, tmp_path).llm.prompts.extract}"
    assert len(behaviour.requests) == (3 if mode == "flaky" else 1)  # two 429s, then success


async def test_the_selected_prompt_version_is_stored_with_the_entry(
    behaviour: Behaviour, base_url: str, tmp_path: Path
) -> None:
    for version in ("v1", "v2"):
        extractor = build(base_url, tmp_path, LEDGERBOT_LLM__PROMPTS__EXTRACT=version)
        out = await extractor.extract(TEXT, REF, ExtractContext())
        assert out.extractor == "llm" and out.prompt_version == f"extract@{version}"


@pytest.mark.parametrize("method", ["function_calling", "json_mode"])
async def test_the_request_is_what_dashscope_needs(
    method: str, behaviour: Behaviour, base_url: str, tmp_path: Path
) -> None:
    ex = build(base_url, tmp_path, LEDGERBOT_LLM__STRUCTURED_OUTPUT=method)
    out = await ex.extract(TEXT, REF, ExtractContext(known_users=("老李",)))
    assert out.parse.entry.amount == 10000
    body = behaviour.requests[0]
    assert body["enable_thinking"] is False and body["temperature"] == 0
    if method == "json_mode":
        assert body["response_format"] == {"type": "json_object"}
        assert "JSON" in body["messages"][0]["content"]
    else:
        assert body["tool_choice"]["function"]["name"] == "LLMAnswer"
    assert "已知对方：老李" in body["messages"][-1]["content"]


@pytest.mark.parametrize("mode", ["garbage", "malformed", "schema"])
async def test_a_bad_answer_falls_back_to_rules(
    mode: str, behaviour: Behaviour, base_url: str, tmp_path: Path
) -> None:
    behaviour.mode = mode
    out = await build(base_url, tmp_path).extract(TEXT, REF, ExtractContext())
    assert out.extractor == "fallback:rules" and out.parse == RULES
    assert len(behaviour.requests) == 3  # one call plus max_retries=2 retries, then give up


async def test_a_timeout_falls_back_within_the_budget(
    behaviour: Behaviour, base_url: str, tmp_path: Path
) -> None:
    behaviour.mode, behaviour.delay = "slow", 3.0
    ex = build(base_url, tmp_path, LEDGERBOT_LLM__TIMEOUT_SECONDS="5",
               LEDGERBOT_LLM__BUDGET_SECONDS="0.5")
    started = time.perf_counter()
    out = await ex.extract(TEXT, REF, ExtractContext())
    assert out.extractor == "fallback:rules"
    assert time.perf_counter() - started < 1.5


async def test_a_refused_connection_falls_back(tmp_path: Path) -> None:
    ex = build("http://127.0.0.1:9/v1", tmp_path, LEDGERBOT_LLM__MAX_RETRIES="0")
    out = await ex.extract(TEXT, REF, ExtractContext())
    assert out.extractor == "fallback:rules"


async def test_identical_messages_are_answered_from_the_redis_cache(
    behaviour: Behaviour, base_url: str, tmp_path: Path, redis_url: str, redis_prefix: str
) -> None:
    redis = Redis.from_url(redis_url)
    try:
        ex = build(base_url, tmp_path, redis, LEDGERBOT_STORAGE__REDIS_PREFIX=redis_prefix)
        first = await ex.extract(TEXT, REF, ExtractContext())
        second = await ex.extract(TEXT, REF, ExtractContext())
        other_day = await ex.extract(TEXT, REF - dt.timedelta(days=1), ExtractContext())
        assert first == second and len(behaviour.requests) == 2
        assert other_day.parse.entry.date == REF - dt.timedelta(days=1)  # gold's 03-15 is ahead
        keys = [k async for k in redis.scan_iter(f"{redis_prefix}:llm:*")]
        assert len(keys) == 2 and 0 < await redis.ttl(keys[0]) <= 86400
    finally:
        await redis.delete(*[k async for k in redis.scan_iter(f"{redis_prefix}:*")] or ["x"])
        await redis.aclose()
