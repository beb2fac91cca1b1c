"""The Telegram channel: long polling (`ledgerbot run telegram`) and the webhook route of
`ledgerbot serve`. The only package that imports python-telegram-bot."""

from bot.telegram.polling import poll
from bot.telegram.webhook import build_webhook_channel

__all__ = ["build_webhook_channel", "poll"]
