"""Redis cache of LLM extractions: the same (prompt version, text, day, context) is asked once.

A cache problem must never cost a reply, so Redis errors are logged and read as a miss.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging

from pydantic import ValidationError
from redis.asyncio import Redis
from redis.exceptions import RedisError

from chains.extractor import Extraction
from chains.schemas import ExtractContext

log = logging.getLogger(__name__)


class ExtractionCache:
    def __init__(self, redis: Redis | None, *, prefix: str, ttl_seconds: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._ttl = ttl_seconds

    def key(self, prompt_ref: str, text: str, ref_date: dt.date, context: ExtractContext) -> str:
        material = json.dumps(
            [prompt_ref, text, ref_date.isoformat(), context.model_dump(mode="json")],
            ensure_ascii=False,
            sort_keys=True,
        )
        digest = hashlib.sha256(material.encode("utf-8")).hexdigest()
        return f"{self._prefix}:llm:parse:{digest}"

    async def get(self, key: str) -> Extraction | None:
        if self._redis is None or self._ttl <= 0:
            return None
        try:
            raw = await self._redis.get(key)
            return Extraction.model_validate_json(raw) if raw else None
        except (RedisError, OSError, ValidationError) as exc:
            log.warning("llm cache read failed, asking the model: %s", exc)
            return None

    async def put(self, key: str, result: Extraction) -> None:
        if self._redis is None or self._ttl <= 0:
            return
        try:
            await self._redis.set(key, result.model_dump_json(), ex=self._ttl)
        except (RedisError, OSError) as exc:
            log.warning("llm cache write failed: %s", exc)
