"""Configuration: file, environment overrides, secrets only from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config


def test_defaults_come_from_config_yaml() -> None:
    config = load_config(env={})
    assert config.app.timezone == "Asia/Shanghai"
    assert config.extractor.mode == "rules"
    assert config.dialogue.confirm_policy == "always"
    assert config.storage.database_url is None


def test_environment_overrides_any_key_including_nested() -> None:
    config = load_config(
        env={
            "LEDGERBOT_LLM__MODEL": "qwen-max",
            "LEDGERBOT_LLM__BASE_URL": "http://127.0.0.1:9/v1",
            "LEDGERBOT_LLM__PROMPTS__EXTRACT": "v2",
            "LEDGERBOT_DIALOGUE__DRAFT_TTL_SECONDS": "60",
            "DATABASE_URL": "postgresql://u:p@db/x",
            "LEDGERBOT_DATA_DIR": "/tmp/somewhere",
        }
    )
    assert config.llm.model == "qwen-max"
    assert config.llm.base_url == "http://127.0.0.1:9/v1"
    assert config.llm.prompts.extract == "v2"
    assert config.dialogue.draft_ttl_seconds == 60
    assert config.storage.database_url is not None
    assert config.storage.database_url.get_secret_value() == "postgresql://u:p@db/x"
    assert str(config.app.data_dir) == "/tmp/somewhere"


def test_dashscope_key_is_honoured_for_the_llm() -> None:
    config = load_config(env={"DASHSCOPE_API_KEY": "sk-1"})
    assert config.llm.api_key is not None and config.llm.api_key.get_secret_value() == "sk-1"
    assert "sk-1" not in repr(config)


def test_bad_value_fails_naming_the_key() -> None:
    with pytest.raises(ConfigError, match=r"dialogue\.confirm_policy"):
        load_config(env={"LEDGERBOT_DIALOGUE__CONFIRM_POLICY": "sometimes"})
    with pytest.raises(ConfigError, match="LEDGERBOT_DIALOGUE__NOPE"):
        load_config(env={"LEDGERBOT_DIALOGUE__NOPE": "1"})


def test_secret_in_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("llm:\n  api_key: sk-leaked\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="LEDGERBOT_LLM__API_KEY"):
        load_config(path, env={})


def test_config_file_can_be_chosen(tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text("dialogue:\n  max_clarify_turns: 5\n", encoding="utf-8")
    assert load_config(env={"LEDGERBOT_CONFIG": str(path)}).dialogue.max_clarify_turns == 5
