"""Recognisers come from a registry keyed by config name; bad settings fail at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.config import Config, ConfigError, SpeechConfig, load_config
from bot.speech.recognisers.base import hint_text
from bot.speech.recognisers.iflytek_sign import signature, signed_url
from bot.speech.recognisers.registry import REGISTRY, build_recogniser
from bot.speech.recognisers.wechat import WeChatRecognition
from bot.speech.service import SpeechService, build_transcriber


def test_every_documented_provider_is_registered() -> None:
    assert set(REGISTRY) == {"dashscope", "qwen-asr", "iflytek", "openai-compatible", "wechat"}


@pytest.mark.parametrize(
    ("provider", "extra"),
    [
        ("dashscope", {}),
        ("qwen-asr", {}),
        ("wechat", {}),
        ("iflytek", {"app_id": "a", "api_key": SecretStr("k"), "api_secret": SecretStr("s")}),
        ("openai-compatible", {"base_url": "http://127.0.0.1:9/v1"}),
    ],
)
def test_each_provider_builds_and_names_itself(provider: str, extra: dict[str, object]) -> None:
    recogniser = build_recogniser(SpeechConfig(provider=provider, **extra))  # type: ignore[arg-type]
    assert recogniser.name == provider


def test_unknown_provider_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown speech provider 'whisper'"):
        build_recogniser(SpeechConfig(provider="whisper"))


def test_iflytek_without_credentials_names_the_missing_variables() -> None:
    with pytest.raises(ConfigError, match=r"SPEECH__APP_ID.*SPEECH__API_SECRET"):
        build_recogniser(SpeechConfig(provider="iflytek", api_key=SecretStr("k")))


def test_openai_compatible_needs_a_base_url() -> None:
    with pytest.raises(ConfigError, match="LEDGERBOT_SPEECH__BASE_URL"):
        build_recogniser(SpeechConfig(provider="openai-compatible"))


def test_wechat_fallback_is_built_from_the_registry() -> None:
    recogniser = build_recogniser(SpeechConfig(provider="wechat", fallback_provider="qwen-asr"))
    assert isinstance(recogniser, WeChatRecognition)
    assert recogniser.fallback is not None
    assert recogniser.fallback.name == "qwen-asr"


def test_environment_selects_the_provider(tmp_path: Path) -> None:
    env = {"LEDGERBOT_SPEECH__PROVIDER": "openai-compatible",
           "LEDGERBOT_SPEECH__BASE_URL": "http://127.0.0.1:9/v1",
           "LEDGERBOT_SPEECH__MODEL": "whisper-large-v3",
           "LEDGERBOT_SPEECH__API_KEY": "sk-x"}
    config = load_config(env=env)
    service = build_transcriber(config, tmp_path)
    assert isinstance(service, SpeechService)
    assert service.recogniser.name == "openai-compatible"
    assert service.audio_root == tmp_path / "voice"


def test_audio_dir_setting_wins_over_data_dir(tmp_path: Path) -> None:
    config = Config(speech=SpeechConfig(audio_dir=tmp_path / "keep"))
    service = build_transcriber(config, tmp_path / "data")
    assert isinstance(service, SpeechService)
    assert service.audio_root == tmp_path / "keep"


def test_iflytek_signature_matches_the_documented_example() -> None:
    sig = signature("secretxxxxxxxx2df7900c09xxxxxxxx", "iat-api.xfyun.cn",
                    "Wed, 10 Jul 2019 07:35:43 GMT", "/v2/iat")
    assert sig == "Hp3Ty4ZkSBmL8jKyOLpQiv9Sr5nvmeYEH7WsL/ZO2Jg="


def test_signed_url_carries_authorization_date_and_host() -> None:
    url = signed_url("wss://iat-api.xfyun.cn/v2/iat", "key", "secret", 1562744143)
    assert url.startswith("wss://iat-api.xfyun.cn/v2/iat?authorization=")
    assert "date=Wed%2C+10+Jul+2019+07%3A35%3A43+GMT" in url
    assert url.endswith("host=iat-api.xfyun.cn")


def test_hint_text_stops_before_the_limit() -> None:
    assert hint_text(["老李", "千叶", "红掌"], limit=5) == "老李、千叶"
