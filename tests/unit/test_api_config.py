"""API settings: the JWT secret from the environment only, refused when weak outside
development; development is the only place a console sender may deliver codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.api.sms import SendFailed, build_sender
from bot.config import ConfigError, check_api_config, load_config

STRONG = "s" * 32
ALIYUN = {
    "LEDGERBOT_API__SMS_PROVIDER": "aliyun",
    "LEDGERBOT_API__ALIYUN_ACCESS_KEY_ID": "id",
    "LEDGERBOT_API__ALIYUN_ACCESS_KEY_SECRET": "secret",
    "LEDGERBOT_API__ALIYUN_SIGN_NAME": "好生意",
    "LEDGERBOT_API__ALIYUN_TEMPLATE_CODE": "SMS_1",
}


def test_the_shipped_default_is_production() -> None:
    assert load_config(env={}).app.env == "production"


@pytest.mark.parametrize("secret", [None, "", "short-secret", "x" * 31])
def test_production_refuses_a_missing_or_weak_secret(secret: str | None) -> None:
    env = dict(ALIYUN)
    if secret is not None:
        env["LEDGERBOT_API__JWT_SECRET"] = secret
    with pytest.raises(ConfigError, match="LEDGERBOT_API__JWT_SECRET"):
        check_api_config(load_config(env=env))


def test_production_with_a_strong_secret_and_sms_starts() -> None:
    check_api_config(load_config(env={**ALIYUN, "LEDGERBOT_API__JWT_SECRET": STRONG}))


async def test_production_without_sms_starts_but_sends_no_code() -> None:
    # A WeChat-only deployment must still start; the API then refuses to send codes.
    config = load_config(env={"LEDGERBOT_API__JWT_SECRET": STRONG})
    check_api_config(config)
    sender = build_sender(config.api, development=False)
    with pytest.raises(SendFailed):
        await sender.send("13800138000", "123456")
    assert build_sender(config.api, development=True).name == "console"


def test_production_refuses_an_incomplete_aliyun_account() -> None:
    env = {**ALIYUN, "LEDGERBOT_API__JWT_SECRET": STRONG, "LEDGERBOT_API__ALIYUN_SIGN_NAME": ""}
    with pytest.raises(ConfigError, match="LEDGERBOT_API__ALIYUN_SIGN_NAME"):
        check_api_config(load_config(env=env))


def test_development_starts_without_a_secret() -> None:
    check_api_config(load_config(env={"LEDGERBOT_APP__ENV": "development"}))


def test_the_secret_may_not_be_written_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(f"api:\n  jwt_secret: {STRONG}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="LEDGERBOT_API__JWT_SECRET"):
        load_config(path, env={})
