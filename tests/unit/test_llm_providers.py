"""Providers come from a registry keyed by config; keys only from the environment."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage
from pydantic import SecretStr

from bot.config import LLMConfig, load_config
from bot.extractors import model_settings
from chains.llm.answer import LLMAnswer, StructuredOutputError, understand
from chains.llm.fake import FakeToolCallingModel
from chains.llm.providers import (
    DASHSCOPE_COMPATIBLE_URL,
    REGISTRY,
    ModelSettings,
    ProviderError,
    build_chat_model,
)


def cfg(**kw: Any) -> ModelSettings:
    return model_settings(LLMConfig(**{"api_key": SecretStr("k"), **kw}))


def test_the_registry_names_every_provider_and_the_default_is_real() -> None:
    assert set(REGISTRY) == {"dashscope", "tongyi", "openai-compatible", "fake"}
    assert LLMConfig().provider == "dashscope"
    assert load_config(env={}).llm.provider != "fake"


def test_dashscope_uses_the_compatible_endpoint_without_thinking() -> None:
    model = build_chat_model(cfg(provider="dashscope", model="qwen-plus", timeout_seconds=3))
    assert str(model.openai_api_base) == DASHSCOPE_COMPATIBLE_URL  # type: ignore[attr-defined]
    assert model.extra_body == {"enable_thinking": False}  # type: ignore[attr-defined]
    assert model.model_name == "qwen-plus"  # type: ignore[attr-defined]
    assert model.request_timeout == 3  # type: ignore[attr-defined]


def test_openai_compatible_needs_a_base_url() -> None:
    with pytest.raises(ProviderError, match="base_url"):
        build_chat_model(cfg(provider="openai-compatible"))
    model = build_chat_model(cfg(provider="openai-compatible", base_url="http://127.0.0.1:9/v1"))
    assert "127.0.0.1:9" in str(model.openai_api_base)  # type: ignore[attr-defined]


@pytest.mark.parametrize("provider", ["dashscope", "tongyi", "openai-compatible"])
def test_a_real_provider_without_a_key_fails_at_build_time(provider: str) -> None:
    config = model_settings(
        LLMConfig(provider=provider, base_url="http://127.0.0.1:9/v1", api_key=None)
    )
    with pytest.raises(ProviderError, match="LEDGERBOT_LLM__API_KEY"):
        build_chat_model(config)


def test_the_key_comes_from_the_environment() -> None:
    config = load_config(env={"DASHSCOPE_API_KEY": "from-env"})
    assert config.llm.api_key is not None
    assert config.llm.api_key.get_secret_value() == "from-env"


def test_tongyi_gets_temperature_through_model_kwargs() -> None:
    model = build_chat_model(cfg(provider="tongyi", model="qwen-plus", temperature=0.1))
    assert model.model_name == "qwen-plus"  # type: ignore[attr-defined]
    assert model.model_kwargs["temperature"] == 0.1  # type: ignore[attr-defined]


def test_tongyi_structured_output_none_becomes_an_error() -> None:
    """ChatTongyi sends no tool_choice; a plain-text reply must not pass as None."""
    fake = FakeToolCallingModel(messages=iter([AIMessage(content="好的")]))
    runnable = REGISTRY["tongyi"].structured(fake, LLMAnswer, "function_calling")
    with pytest.raises(StructuredOutputError):
        understand(runnable.invoke("x"), LLMAnswer)


def test_unknown_provider_is_a_clear_error() -> None:
    with pytest.raises(ProviderError, match="known: dashscope"):
        build_chat_model(cfg(provider="gpt-nonsense"))


def test_fake_is_a_keyless_test_double() -> None:
    model = build_chat_model(model_settings(LLMConfig(provider="fake", api_key=None)))
    assert isinstance(model, FakeToolCallingModel)
