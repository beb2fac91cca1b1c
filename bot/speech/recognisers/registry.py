"""Recognisers by config name: one entry per provider, no if-ladder.

A missing credential that the provider cannot work without fails at start-up, not on the
first voice message.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.config import ConfigError, SpeechConfig
from bot.speech.recognisers.base import Clip, Heard, NotConfigured, Recogniser
from bot.speech.recognisers.dashscope_realtime import DashScopeRealtime
from bot.speech.recognisers.iflytek import IflytekIat
from bot.speech.recognisers.openai_audio import OpenAITranscription
from bot.speech.recognisers.qwen_asr import QwenAsr
from bot.speech.recognisers.wechat import WeChatRecognition

Factory = Callable[[SpeechConfig], Recogniser]
# The shipped `speech.model` is a Paraformer id, which only dashscope serves; the other
# providers use their own default in its place.
PARAFORMER_DEFAULT = SpeechConfig().model


def _model(c: SpeechConfig, default: str) -> str:
    return default if c.model == PARAFORMER_DEFAULT else c.model


def _secret(c: SpeechConfig, key: str) -> str | None:
    value = getattr(c, key)
    return value.get_secret_value() if value is not None else None


def _required(c: SpeechConfig, provider: str, *keys: str) -> None:
    missing = [k for k in keys if not getattr(c, k)]
    if missing:
        names = ", ".join(f"LEDGERBOT_SPEECH__{k.upper()}" for k in missing)
        raise ConfigError(f"speech provider {provider} needs {names}")


class Unconfigured:
    """Stands in for a provider that lacks what it needs, so voice messages are still kept
    (and the vendor told what to set) instead of failing the start or every message."""

    def __init__(self, provider: str, needs: str) -> None:
        self.name, self._needs = provider, needs

    async def recognise(self, clip: Clip) -> Heard:
        raise NotConfigured(f"speech provider {self.name} needs {self._needs}")


def _dashscope(c: SpeechConfig) -> Recogniser:
    if c.api_key is None:
        return Unconfigured("dashscope", "LEDGERBOT_SPEECH__API_KEY or DASHSCOPE_API_KEY")
    return DashScopeRealtime(c.base_url, c.model, _secret(c, "api_key"), c.timeout_seconds)


def _qwen(c: SpeechConfig) -> Recogniser:
    if c.api_key is None:
        return Unconfigured("qwen-asr", "LEDGERBOT_SPEECH__API_KEY or DASHSCOPE_API_KEY")
    return QwenAsr(c.base_url, _model(c, "qwen3-asr-flash"), _secret(c, "api_key"),
                   c.timeout_seconds)


def _iflytek(c: SpeechConfig) -> Recogniser:
    _required(c, "iflytek", "app_id", "api_key", "api_secret")
    return IflytekIat(c.base_url, c.app_id or "", _secret(c, "api_key") or "",
                      _secret(c, "api_secret") or "", c.timeout_seconds)


def _openai(c: SpeechConfig) -> Recogniser:
    _required(c, "openai-compatible", "base_url")
    return OpenAITranscription(c.base_url or "", _model(c, "whisper-1"), _secret(c, "api_key"),
                               c.timeout_seconds)


def _wechat(c: SpeechConfig) -> Recogniser:
    if c.fallback_provider in (None, "wechat"):
        return WeChatRecognition(None)
    return WeChatRecognition(build_recogniser(c.model_copy(
        update={"provider": c.fallback_provider, "fallback_provider": None})))


REGISTRY: dict[str, Factory] = {
    "dashscope": _dashscope,
    "qwen-asr": _qwen,
    "iflytek": _iflytek,
    "openai-compatible": _openai,
    "wechat": _wechat,
}


def build_recogniser(config: SpeechConfig) -> Recogniser:
    """The recogniser `config.provider` names; ConfigError for an unknown name."""
    try:
        factory = REGISTRY[config.provider]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise ConfigError(
            f"unknown speech provider {config.provider!r}; use one of {known}") from None
    return factory(config)
