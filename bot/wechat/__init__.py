"""WeChat Official Account channel. The only package that imports wechatpy."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from bot.queue.engine import Queue
    from bot.settings import WeChatSettings
    from bot.wechat.channel import WeChatChannel
    from handlers.dispatch import Dispatcher


def build_wechat_channel(
    settings: WeChatSettings, dispatcher: Dispatcher, redis: Redis, queue: Queue
) -> WeChatChannel:
    """The webhook routes plus start/stop, for `ledgerbot serve` (bot/server.py).
    wechatpy is imported only when the channel is built."""
    from bot.wechat.channel import WeChatChannel

    return WeChatChannel(settings, dispatcher, redis, queue)


__all__ = ["build_wechat_channel"]
