"""Sending into a chat outside a reply: a login code asked for in the app, or what
`ledgerbot voice retry` heard. Telegram by sendMessage, WeChat by 客服消息 when the account
may send them; otherwise (the console, WeChat without 客服消息, a refused push) the text is
kept as a notice and given with the chat's next reply."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Literal

import httpx
from redis.asyncio import Redis

from bot.config import Config
from bot.hints import with_hint
from handlers.messages import ChatRef, Reply
from storage.notices import Notices

log = logging.getLogger(__name__)
Route = Literal["telegram", "wechat", "next-reply"]


class ChatPush:
    def __init__(self, config: Config, redis: Redis) -> None:
        self._config, self._redis = config, redis
        self._notices = Notices(redis, prefix=config.storage.redis_prefix)

    async def push(self, chat: ChatRef, replies: Sequence[Reply]) -> Route:
        """Send the replies into the chat; says which way they went."""
        telegram = chat.platform == "telegram" and self._config.telegram.token is not None
        if telegram and await self._telegram(chat, replies):
            return "telegram"
        wechat = chat.platform == "wechat" and self._wechat_ready()
        if wechat and await self._wechat(chat, replies):
            return "wechat"
        await self._notices.add(chat.key, [with_hint(r.text, r.choices) for r in replies])
        return "next-reply"

    async def _telegram(self, chat: ChatRef, replies: Sequence[Reply]) -> bool:
        from telegram import Bot
        from telegram.error import TelegramError

        from bot.telegram.outgoing import send_reply

        tg = self._config.telegram
        assert tg.token is not None
        root = tg.base_url.rstrip("/")
        try:
            async with Bot(tg.token.get_secret_value(), base_url=f"{root}/bot",
                           base_file_url=f"{root}/file/bot") as bot:
                for r in replies:
                    await send_reply(bot, chat.chat_id, r, tg.max_message_chars)
        except TelegramError as exc:
            log.warning("telegram push to %s failed (%s): kept for its next reply", chat.key, exc)
            return False
        return True

    def _wechat_ready(self) -> bool:
        wx = self._config.wechat
        return wx.customer_service and bool(wx.app_id) and wx.app_secret is not None

    async def _wechat(self, chat: ChatRef, replies: Sequence[Reply]) -> bool:
        from bot.wechat.access_token import TokenKeeper
        from bot.wechat.api import ApiError, WeChatApi
        from bot.wechat.render import render_replies, split_text

        wx = self._config.wechat
        assert wx.app_id and wx.app_secret is not None
        secret = wx.app_secret.get_secret_value()
        async with httpx.AsyncClient(timeout=10) as http:
            tokens = TokenKeeper(self._redis, http, api_base_url=wx.api_base_url,
                                 app_id=wx.app_id, app_secret=secret,
                                 prefix=self._config.storage.redis_prefix)
            api = WeChatApi(tokens, app_id=wx.app_id, app_secret=secret,
                            api_base_url=wx.api_base_url)
            try:
                for part in split_text(render_replies(replies), wx.max_reply_bytes):
                    await api.send_text(chat.chat_id, part)
            except ApiError as exc:
                log.warning("客服消息 to %s refused (%s): kept for its next reply",
                            chat.key, exc.errcode)
                return False
        return True
