"""WeChat Official Account channel. The only package that imports wechatpy."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import Runtime
    from bot.wechat.channel import WeChatChannel


def build_wechat_channel(rt: Runtime) -> WeChatChannel:
    """The webhook routes plus start/stop, for `ledgerbot serve` (bot/server.py)."""
    from bot.wechat.channel import WeChatChannel

    return WeChatChannel(rt)


__all__ = ["build_wechat_channel"]
