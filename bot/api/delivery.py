"""Login codes for a phone bound in chat go into that chat, not by SMS.

The chat proves control of the account that owns the books: whoever reads the code there
is the vendor who bound the phone. Phones not bound in chat (registered through the API)
fall back to the SMS sender, or are refused where there is none."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.api.sms import CodeSender
from bot.push import ChatPush
from handlers.messages import ChatRef, Reply
from storage.accounts import AccountRepository

log = logging.getLogger(__name__)


class ChatFirstSender:
    name = "chat"

    def __init__(self, sessions: async_sessionmaker[AsyncSession], push: ChatPush,
                 fallback: CodeSender, *, ttl_seconds: int) -> None:
        self._sessions, self._push, self._fallback = sessions, push, fallback
        self._minutes = max(ttl_seconds // 60, 1)

    async def send(self, phone: str, code: str) -> None:
        async with self._sessions() as session:
            chat_key = await AccountRepository(session).phone_chat(phone)
        if chat_key is None:
            await self._fallback.send(phone, code)
            return
        text = (f"登录验证码：{code}（{self._minutes} 分钟内有效，只能用一次）。"
                f"是你在 App 或小程序里用 {phone} 登录吗？不是的话别告诉任何人。")
        route = await self._push.push(ChatRef.from_key(chat_key), [Reply(text=text)])
        log.info("login code for a bound phone went to %s by %s", chat_key, route)
