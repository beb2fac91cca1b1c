"""Chat models by provider name: an explicit registry chosen by `llm.provider`, not an if-ladder.

Each entry knows how to build its model from `ModelSettings` and how to ask it for structured
output, because the providers differ exactly there (ChatTongyi takes no `method`).
Clients are built only here and only when asked, never at import time.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable
from pydantic import BaseModel, SecretStr

DASHSCOPE_COMPATIBLE_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"


@dataclass(frozen=True)
class ModelSettings:
    """What building a chat model needs; the composition root fills it from config.yaml."""

    provider: str
    model: str
    base_url: str | None = None
    api_key: SecretStr | None = None
    temperature: float = 0.0
    timeout_seconds: float = 8.0
    max_retries: int = 2


class ProviderError(ValueError):
    """The LLM provider cannot be built from this configuration; the message says why."""


@dataclass(frozen=True)
class Provider:
    build: Callable[[ModelSettings], BaseChatModel]
    needs_key: bool = True
    takes_method: bool = True  # ChatTongyi's with_structured_output refuses `method=`

    def structured(
        self, model: BaseChatModel, schema: type[BaseModel], method: str
    ) -> Runnable[Any, Any]:
        """The model asked for `schema`, with the raw message kept so None can be caught."""
        if self.takes_method:
            return model.with_structured_output(schema, method=method, include_raw=True)
        return model.with_structured_output(schema, include_raw=True)


def _key(config: ModelSettings) -> str:
    if config.api_key is None or not config.api_key.get_secret_value():
        raise ProviderError(
            f"llm.provider={config.provider} needs an API key: set LEDGERBOT_LLM__API_KEY "
            "or DASHSCOPE_API_KEY in the environment (never in config.yaml)"
        )
    return config.api_key.get_secret_value()


def _openai_compatible(config: ModelSettings, default_url: str | None) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    base_url = config.base_url or default_url
    if not base_url:
        raise ProviderError("llm.provider=openai-compatible needs llm.base_url")
    # SDK retries cover 429/5xx/timeouts with backoff; enable_thinking=False because
    # Qwen3 hybrid models refuse non-streaming calls and structured output while thinking.
    return ChatOpenAI(
        model=config.model,
        base_url=base_url,
        api_key=_key(config),
        temperature=config.temperature,
        timeout=config.timeout_seconds,
        max_retries=config.max_retries,
        extra_body={"enable_thinking": False},
    )


def _tongyi(config: ModelSettings) -> BaseChatModel:
    import warnings

    with warnings.catch_warnings():  # langchain-community warns that it is being sunset
        warnings.simplefilter("ignore", DeprecationWarning)
        from langchain_community.chat_models.tongyi import ChatTongyi

    # No temperature/timeout fields on ChatTongyi: they travel in model_kwargs. Its default
    # model (qwen-turbo) is retired, so the id always comes from config.
    return ChatTongyi(
        model=config.model,
        dashscope_api_key=_key(config),
        max_retries=config.max_retries,
        model_kwargs={"temperature": config.temperature, "enable_thinking": False},
    )


def _fake(config: ModelSettings) -> BaseChatModel:
    """TEST DOUBLE: answers `other` to everything, offline. Never a production choice."""
    from chains.llm.fake import FakeToolCallingModel, canned_answer

    return FakeToolCallingModel(messages=itertools.repeat(canned_answer({"intent": "other"})))


REGISTRY: dict[str, Provider] = {
    "dashscope": Provider(lambda c: _openai_compatible(c, DASHSCOPE_COMPATIBLE_URL)),
    "openai-compatible": Provider(lambda c: _openai_compatible(c, None)),
    "tongyi": Provider(_tongyi, takes_method=False),
    "fake": Provider(_fake, needs_key=False),
}


def provider_for(config: ModelSettings) -> Provider:
    try:
        return REGISTRY[config.provider]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise ProviderError(f"unknown llm.provider {config.provider!r}; known: {known}") from None


def build_chat_model(config: ModelSettings) -> BaseChatModel:
    """The configured chat model; a clear ProviderError when it cannot be built."""
    return provider_for(config).build(config)
