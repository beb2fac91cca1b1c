"""What each channel gets from the configuration: its own section plus the few shared
values it really uses, picked here so channels never read the whole Config.

Light on purpose (bot.config only): the composition root imports it without pulling in
wechatpy or python-telegram-bot.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from bot.config import Config, FilesConfig, TelegramConfig, WeChatConfig

# A Telegram card's buttons stay known a while past its draft, so a late press on an
# expired card is still recognised as that vendor's card.
CARD_GRACE_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class WeChatSettings:
    wechat: WeChatConfig
    redis_prefix: str
    voice_dir: Path  # temporary voice downloads
    max_voice_bytes: int
    files: FilesConfig  # download links for what 客服消息 cannot send
    # Text read by the offline rules takes milliseconds: it is worked on in the web process
    # that received it. Voice and LLM extraction go to the queue.
    text_in_process: bool = True


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    telegram: TelegramConfig
    redis_prefix: str
    card_ttl_seconds: int
    download_dir: Path  # temporary voice downloads
    max_voice_bytes: int


def data_dir(config: Config) -> Path:
    return config.app.data_dir or Path(platformdirs.user_data_dir("ledgerbot"))


def wechat_settings(config: Config) -> WeChatSettings:
    return WeChatSettings(
        wechat=config.wechat,
        redis_prefix=config.storage.redis_prefix,
        voice_dir=data_dir(config) / "tmp" / "wechat-voice",
        max_voice_bytes=config.speech.max_bytes,
        files=config.files,
        text_in_process=config.extractor.mode == "rules",
    )


def telegram_settings(config: Config) -> TelegramSettings:
    return TelegramSettings(
        telegram=config.telegram,
        redis_prefix=config.storage.redis_prefix,
        card_ttl_seconds=config.dialogue.draft_ttl_seconds + CARD_GRACE_SECONDS,
        download_dir=data_dir(config) / "tmp" / "telegram",
        max_voice_bytes=config.speech.max_bytes,
    )
