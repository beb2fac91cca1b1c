"""Builds the configured LLM or hybrid extractor: model, prompts, chains, cache, fallback.

Called by the composition root (bot/app.py) and `ledgerbot parse`; nothing is built at
import time. A real provider without an API key fails here, at start, not on a message.
"""

from __future__ import annotations

from redis.asyncio import Redis

from bot.config import Config, LLMConfig
from chains.extractor import Extractor, RulesExtractor
from chains.llm.cache import ExtractionCache
from chains.llm.extractor import Breaker, LLMExtractor
from chains.llm.providers import ModelSettings, provider_for
from chains.llm.router import HybridExtractor
from chains.llm.tasks import build_correct_task, build_extract_task, build_query_task
from chains.prompts import load_prompt


def build_llm_extractor(
    config: Config, redis: Redis | None, *, rules: Extractor | None = None
) -> Extractor:
    """`extractor.mode` llm or hybrid, over the provider named by `llm.provider`.

    `rules` is the fallback and hybrid first pass; the offline RulesExtractor by default.
    """
    llm = config.llm
    settings = model_settings(llm)
    provider = provider_for(settings)
    model = provider.build(settings)
    options = {
        "structured": provider.structured,
        "method": llm.structured_output,
        "attempts": llm.max_retries + 1,
    }
    versions = llm.prompts
    rules = rules or RulesExtractor(warm=True)
    extractor = LLMExtractor(
        extract=build_extract_task(model, load_prompt("extract", versions.extract), **options),
        correct=build_correct_task(model, load_prompt("correct", versions.correct), **options),
        query=build_query_task(model, load_prompt("query", versions.query), **options),
        fallback=rules,
        cache=ExtractionCache(
            redis, prefix=config.storage.redis_prefix, ttl_seconds=llm.cache_ttl_seconds
        ),
        budget_seconds=llm.budget_seconds,
        breaker=Breaker(llm.breaker_failures, llm.breaker_cooldown_seconds),
    )
    if config.extractor.mode == "hybrid":
        return HybridExtractor(rules, extractor, config.extractor.hybrid_threshold)
    return extractor


def model_settings(llm: LLMConfig) -> ModelSettings:
    return ModelSettings(
        provider=llm.provider,
        model=llm.model,
        base_url=llm.base_url,
        api_key=llm.api_key,
        temperature=llm.temperature,
        timeout_seconds=llm.timeout_seconds,
        max_retries=llm.max_retries,
    )
