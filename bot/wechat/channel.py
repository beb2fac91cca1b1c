"""The WeChat Official Account webhook: GET verifies the URL, POST carries messages.

A message is answered passively when its reply is ready within `reply_budget_seconds`;
otherwise the work goes on in the background (see relay.py) and the reply goes out as a
客服消息, on one of WeChat's retries, or with the user's next message.
"""

from __future__ import annotations

import asyncio
import logging

import httpx
from redis.asyncio import Redis
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from wechatpy.replies import TextReply

from bot.settings import WeChatSettings
from bot.wechat import texts
from bot.wechat.access_token import TokenKeeper
from bot.wechat.api import ApiError, WeChatApi
from bot.wechat.envelope import Envelope, Malformed, Rejected
from bot.wechat.inbound import Inbound, parse_inbound
from bot.wechat.outbox import outbox
from bot.wechat.relay import Relay
from bot.wechat.render import MORE_HINT, render_replies, split_text, utf8_len
from handlers.dispatch import Dispatcher
from handlers.messages import ChatRef, IncomingMessage, VoiceInput

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 64 * 1024  # real messages are a few hundred bytes; refuse anything silly
MAX_TRIES = 3  # WeChat delivers a message at most three times
RESULT_TTL_SECONDS = 3600
XML = "application/xml"


class BodyTooLarge(Exception):
    pass


class WeChatChannel:
    def __init__(self, settings: WeChatSettings, dispatcher: Dispatcher, redis: Redis) -> None:
        self._settings, self._dispatcher, self._redis = settings, dispatcher, redis
        self._cfg = cfg = settings.wechat
        prefix = settings.redis_prefix
        self._envelope = Envelope(
            cfg.token.get_secret_value() if cfg.token else None,
            cfg.encoding_aes_key.get_secret_value() if cfg.encoding_aes_key else None,
            cfg.app_id,
        )
        dedup = dispatcher.services.dedup
        self._relay = Relay(redis, prefix, claim_key=lambda key: dedup.key(f"wechat:{key}"),
                            claim_ttl=settings.claim_ttl_seconds, result_ttl=RESULT_TTL_SECONDS)
        self._outbox = outbox(redis, prefix)
        # Downloads are temporary: the speech service keeps its own copy of what it heard.
        self._voice_dir = settings.voice_dir
        self._http: httpx.AsyncClient | None = None
        self._api: WeChatApi | None = None
        self.routes: list[BaseRoute] = [
            Route(cfg.path, self.verify_url, methods=["GET"]),
            Route(cfg.path, self.receive, methods=["POST"]),
        ]

    async def start(self) -> None:
        cfg = self._cfg
        if cfg.token is None:
            log.warning("LEDGERBOT_WECHAT__TOKEN is not set: %s refuses every request", cfg.path)
        if cfg.app_id and cfg.app_secret:
            self._http = httpx.AsyncClient(timeout=10)
            secret = cfg.app_secret.get_secret_value()
            tokens = TokenKeeper(self._redis, self._http, api_base_url=cfg.api_base_url,
                                 app_id=cfg.app_id, app_secret=secret,
                                 prefix=self._settings.redis_prefix)
            self._api = WeChatApi(tokens, app_id=cfg.app_id, app_secret=secret,
                                  api_base_url=cfg.api_base_url)
        elif cfg.customer_service:
            log.warning("wechat.customer_service is on but app_id/app_secret are missing: "
                        "late replies wait for the user's next message instead")

    async def stop(self) -> None:
        await self._relay.close()
        if self._http is not None:
            await self._http.aclose()

    # --- HTTP -------------------------------------------------------------------------

    async def verify_url(self, request: Request) -> Response:
        """WeChat's server check: echo `echostr` back when the signature holds."""
        try:
            self._envelope.verify(request.query_params)
        except Rejected:
            return PlainTextResponse("forbidden", status_code=403)
        return PlainTextResponse(request.query_params.get("echostr", ""))

    async def receive(self, request: Request) -> Response:
        started = asyncio.get_running_loop().time()
        query = request.query_params
        try:
            body = await _read_body(request)
            self._envelope.verify(query)
            inbound = parse_inbound(self._envelope.open(body, query))
        except BodyTooLarge:
            return PlainTextResponse("too large", status_code=413)
        except Rejected:
            return PlainTextResponse("forbidden", status_code=403)
        except Malformed as exc:
            log.info("unreadable wechat request: %s", exc)
            return PlainTextResponse("bad request", status_code=400)
        if inbound is None:
            return PlainTextResponse("bad request", status_code=400)
        text = await self._answer(inbound, request, started)
        reply_xml = None
        if text:
            # CDATA cannot hold "]]>"; a space keeps the text readable.
            content = text.replace("]]>", "]] >")
            reply_xml = TextReply(source=inbound.account, target=inbound.openid,
                                  content=content).render()
        body_out = self._envelope.seal(reply_xml, query)
        return Response(body_out, media_type=XML if reply_xml else "text/plain")

    # --- conversation -------------------------------------------------------------------

    async def _answer(self, inbound: Inbound, request: Request, started: float) -> str | None:
        if inbound.kind == "subscribe":
            return texts.WELCOME  # no state changes, so a retry may simply get it again
        if inbound.kind == "event":
            return None
        if inbound.kind == "unsupported":
            return texts.TEXT_OR_VOICE
        return await self._converse(inbound, request, started)

    async def _converse(self, inbound: Inbound, request: Request, started: float) -> str | None:
        # Without API credentials 客服消息 cannot go out: behave as an account without it.
        key, cs = inbound.key, self._cs_ready()
        first, tries, kept = await self._relay.arrive(key, self._outbox.key(inbound.openid))

        async def late(text: str) -> None:
            await self._deliver_late(inbound.openid, text)

        if first:
            backstop = None if cs else MAX_TRIES * self._cfg.retry_hold_seconds
            self._relay.start(key, self._work(inbound, kept), late, backstop_seconds=backstop)
        loop = asyncio.get_running_loop()
        budget = self._cfg.reply_budget_seconds - (loop.time() - started)
        text = await self._relay.wait(key, budget)
        if text is not None:
            won = await self._relay.claim_passive(key)
            if won is None:
                return await self._passive(inbound.openid, text)
            if won == "passive":  # WeChat retried, so our first answer never reached it
                return await self._passive(inbound.openid, text, again=True)
            return None
        if not cs and tries < MAX_TRIES:
            await _hold(request, started + self._cfg.retry_hold_seconds - loop.time())
            return None  # nobody reads this: WeChat has hung up and will retry
        if not await self._relay.give_up(key, late):
            return None  # a reply to an earlier delivery already carried the result
        return texts.WORKING_WILL_SEND if cs else texts.STILL_WORKING

    async def _work(self, inbound: Inbound, kept: bool) -> str:
        """The reply text for one message, with anything kept for this user first."""
        pending = await self._outbox.take(inbound.openid) if kept else []
        if pending and inbound.kind == "text" and inbound.text.strip() in texts.FETCH_WORDS:
            await self._outbox.add(inbound.openid, pending[1:])
            return pending[0] + (MORE_HINT if len(pending) > 1 else "")
        msg = await self._incoming(inbound)
        if msg is None:
            reply = texts.VOICE_MISSING
        else:
            try:
                reply = render_replies(await self._dispatcher.handle(msg))
            finally:
                if msg.voice is not None:
                    await asyncio.to_thread(msg.voice.path.unlink, missing_ok=True)
        return "\n\n".join(t for t in [*pending, reply] if t)

    async def _incoming(self, inbound: Inbound) -> IncomingMessage | None:
        chat = ChatRef(platform="wechat", chat_id=inbound.openid, user_id=inbound.openid)
        # No message_id: the relay already claimed this MsgId in the dispatcher's dedup
        # store (one layer), and only the first delivery ever reaches the dispatcher.
        common = {"chat": chat, "message_id": None, "received_at": inbound.created}
        if inbound.kind == "text":
            return IncomingMessage(text=inbound.text, **common)
        hint = (inbound.recognition or "").strip() or None
        path = self._voice_dir / f"{inbound.key}.amr"
        try:
            if self._api is None:
                raise ApiError("no app_id/app_secret: cannot download media")
            await self._api.download_media(inbound.media_id, path,
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

    async def _passive(self, openid: str, text: str, *, again: bool = False) -> str:
        """The part that fits in the passive reply; the rest goes by 客服消息 or waits for
        "继续" (with `again`, the rest was already sent on the first delivery)."""
        limit = self._cfg.max_reply_bytes
        if utf8_len(text) <= limit:
            return text
        if self._cs_ready():
            parts = split_text(text, limit)
            if not again:
                self._relay.spawn(self._send(openid, parts[1:]))
            return parts[0]
        pieces = split_text(text, limit - utf8_len(MORE_HINT))
        if not again:
            await self._outbox.add(openid, pieces[1:])
        return pieces[0] + MORE_HINT

    async def _deliver_late(self, openid: str, text: str) -> None:
        """Called once per message whose result no passive reply carried."""
        if self._cs_ready():
            await self._send(openid, split_text(text, self._cfg.max_reply_bytes))
        else:
            await self._keep(openid, [text])

    async def _send(self, openid: str, parts: list[str]) -> None:
        """客服消息, part by part; what WeChat refuses is kept for the next message."""
        assert self._api is not None
        for i, part in enumerate(parts):
            try:
                await self._api.send_text(openid, part)
            except ApiError as exc:
                log.warning("客服消息 to %s refused (%s): keeping it for the next message",
                            openid, exc.errcode)
                await self._keep(openid, parts[i:])
                return

    async def _keep(self, openid: str, texts_: list[str]) -> None:
        pieces = split_text("\n".join(texts_), self._cfg.max_reply_bytes - utf8_len(MORE_HINT))
        await self._outbox.add(openid, pieces)

    def _cs_ready(self) -> bool:
        return self._cfg.customer_service and self._api is not None


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def _hold(request: Request, seconds: float) -> None:
    """Keep the request open until WeChat hangs up (or `seconds` pass), so that it retries."""
    try:
        async with asyncio.timeout(max(seconds, 0.0)):
            while True:
                if (await request.receive())["type"] == "http.disconnect":
                    return
                await asyncio.sleep(0.05)  # a server re-sending empty bodies must not spin us
    except TimeoutError:
        return
