"""A WeChat message's work, as a queue worker runs it: voice download, the dispatcher's
unit of work, and delivery of a reply no passive answer carried (客服消息, else kept for
the user's next message). The webhook (channel.py) only hands messages on and waits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import httpx
from redis.asyncio import Redis

from bot.links import build_links
from bot.settings import WeChatSettings
from bot.wechat import texts
from bot.wechat.access_token import TokenKeeper
from bot.wechat.api import ApiError, WeChatApi
from bot.wechat.attachments import Attachments
from bot.wechat.inbound import Inbound
from bot.wechat.outbox import outbox
from bot.wechat.relay import FAILED, Relay
from bot.wechat.render import MORE_HINT, split_text, utf8_len
from handlers.dispatch import Dispatcher
from handlers.messages import ChatRef, IncomingMessage, VoiceInput

log = logging.getLogger(__name__)
RESULT_TTL_SECONDS = 3600


class WeChatWork:
    def __init__(self, settings: WeChatSettings, dispatcher: Dispatcher, redis: Redis) -> None:
        self._settings, self._dispatcher = settings, dispatcher
        self._cfg = cfg = settings.wechat
        self.relay = Relay(redis, settings.redis_prefix, result_ttl=RESULT_TTL_SECONDS)
        self.outbox = outbox(redis, settings.redis_prefix)
        self._voice_dir = settings.voice_dir  # temporary: the speech service keeps its copy
        self._http: httpx.AsyncClient | None = None
        self.api: WeChatApi | None = None
        if cfg.app_id and cfg.app_secret:
            self._http = httpx.AsyncClient(timeout=10)
            secret = cfg.app_secret.get_secret_value()
            tokens = TokenKeeper(redis, self._http, api_base_url=cfg.api_base_url,
                                 app_id=cfg.app_id, app_secret=secret,
                                 prefix=settings.redis_prefix)
            self.api = WeChatApi(tokens, app_id=cfg.app_id, app_secret=secret,
                                 api_base_url=cfg.api_base_url)
        # Files go as download links, which the web app serves (every worker: the files wait
        # in Redis); charts go as images by 客服消息 after the text.
        self.links = build_links(redis, settings.redis_prefix, settings.files)
        self._background: set[asyncio.Task[Any]] = set()
        self.attachments = Attachments(
            api=self.api, pictures=self.cs_ready(), links=self.links,
            sessions=dispatcher.services.sessions, spawn=self._spawn,
            say_late=self.deliver_late)

    def cs_ready(self) -> bool:
        """客服消息 can go out: configured, and the API credentials are there."""
        return self._cfg.customer_service and self.api is not None

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """A background task we keep a reference to, so it is not collected mid-way."""
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    async def close(self) -> None:
        if self._background:  # a chart being sent: let it finish briefly
            await asyncio.wait(self._background, timeout=5)
        await self.relay.close()
        if self._http is not None:
            await self._http.aclose()

    async def run(self, inbound: Inbound, kept: bool) -> None:
        """Work out the message's reply and publish it; nothing when another worker holds
        the message right now (it publishes)."""
        try:
            text = await self._reply(inbound, kept)
        except Exception:
            log.exception("wechat message %s failed", inbound.key)
            text = FAILED
        if text is not None:
            await self.relay.publish(inbound.key, text, self.late_for(inbound.openid))

    def late_for(self, openid: str) -> Callable[[str], Awaitable[None]]:
        async def late(text: str) -> None:
            await self.deliver_late(openid, text)

        return late

    async def _reply(self, inbound: Inbound, kept: bool) -> str | None:
        """The reply text, with anything kept for this user first."""
        pending = await self.outbox.take(inbound.openid) if kept else []
        if pending and inbound.kind == "text" and inbound.text.strip() in texts.FETCH_WORDS:
            await self.outbox.add(inbound.openid, pending[1:])
            return pending[0] + (MORE_HINT if len(pending) > 1 else "")
        msg = await self._incoming(inbound)
        if msg is None:
            reply = texts.VOICE_MISSING
        else:
            try:
                replies = await self._dispatcher.handle(msg, replay=True)
            finally:
                if msg.voice is not None:
                    await asyncio.to_thread(msg.voice.path.unlink, missing_ok=True)
            if not replies:
                await self.outbox.add(inbound.openid, pending)  # not ours to answer
                return None
            reply = await self.attachments.render(inbound.openid, replies)
        return "\n\n".join(t for t in [*pending, reply] if t)

    def lease_key(self, inbound: Inbound) -> str:
        """The dispatcher's lease on this message, which the webhook reserves."""
        key = self._dispatcher.message_key(chat_of(inbound), inbound.key)
        return self._dispatcher.services.leases.key(key)

    async def _incoming(self, inbound: Inbound) -> IncomingMessage | None:
        chat = chat_of(inbound)
        # The MsgId: the dispatcher's lease and finished-message row make a second run of
        # this message (a redelivered task) return the first run's replies.
        common = {"chat": chat, "message_id": inbound.key, "received_at": inbound.created}
        if inbound.kind == "text":
            return IncomingMessage(text=inbound.text, **common)
        hint = (inbound.recognition or "").strip() or None
        path = self._voice_dir / f"{inbound.key}.amr"
        try:
            if self.api is None:
                raise ApiError("no app_id/app_secret: cannot download media")
            await self.api.download_media(inbound.media_id, path,
                                          max_bytes=self._settings.max_voice_bytes)
        except ApiError as exc:
            log.warning("voice %s not downloaded: %s", inbound.key, exc)
            if hint is None:
                return None
            # Accounts without the media API (unverified, personal) still get WeChat's own
            # transcript: better a hint read as text than no answer at all.
            return IncomingMessage(text=hint, **common)
        return IncomingMessage(voice=VoiceInput(path=path, platform_transcript=hint), **common)

    # --- delivery ---------------------------------------------------------------------

    async def deliver_late(self, openid: str, text: str) -> None:
        """Called once per message whose result no passive reply carried."""
        if self.cs_ready():
            await self.send(openid, split_text(text, self._cfg.max_reply_bytes))
        else:
            await self.keep(openid, [text])

    async def send(self, openid: str, parts: list[str]) -> None:
        """客服消息, part by part; what WeChat refuses is kept for the next message."""
        assert self.api is not None
        for i, part in enumerate(parts):
            try:
                await self.api.send_text(openid, part)
            except ApiError as exc:
                log.warning("客服消息 to %s refused (%s): keeping it for the next message",
                            openid, exc.errcode)
                await self.keep(openid, parts[i:])
                return

    async def keep(self, openid: str, texts_: list[str]) -> None:
        pieces = split_text("\n".join(texts_), self._cfg.max_reply_bytes - utf8_len(MORE_HINT))
        await self.outbox.add(openid, pieces)


def chat_of(inbound: Inbound) -> ChatRef:
    return ChatRef(platform="wechat", chat_id=inbound.openid, user_id=inbound.openid)
