"""The WeChat Official Account webhook: GET verifies the URL, POST carries messages.

Every message's work is a task on the queue (bot/wechat/tasks.py, run by a worker); the
webhook answers passively when the reply is published within `reply_budget_seconds`,
otherwise the reply goes out as a 客服消息, on one of WeChat's retries, or with the
user's next message (see relay.py).
"""

from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from wechatpy.replies import TextReply

from bot.queue.engine import Queue
from bot.settings import WeChatSettings
from bot.wechat import texts
from bot.wechat.envelope import Envelope, Malformed, Rejected
from bot.wechat.inbound import Inbound, parse_inbound, to_task
from bot.wechat.relay import FAILED
from bot.wechat.render import MORE_HINT, split_text, utf8_len
from bot.wechat.work import WeChatWork
from handlers.dispatch import Dispatcher

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 64 * 1024  # real messages are a few hundred bytes; refuse anything silly
MAX_TRIES = 3  # WeChat delivers a message at most three times
XML = "application/xml"
OUTAGES = (RedisError, SQLAlchemyError, OSError)


class BodyTooLarge(Exception):
    pass


class WeChatChannel:
    def __init__(self, settings: WeChatSettings, dispatcher: Dispatcher, redis: Redis,
                 queue: Queue) -> None:
        self._settings, self._queue = settings, queue
        self._cfg = cfg = settings.wechat
        self._envelope = Envelope(
            cfg.token.get_secret_value() if cfg.token else None,
            cfg.encoding_aes_key.get_secret_value() if cfg.encoding_aes_key else None,
            cfg.app_id,
            mode=cfg.mode,
            window_seconds=cfg.timestamp_window_seconds,
        )
        # The webhook's own use of the work's pieces: the relay, the outbox, 客服消息.
        self._work = WeChatWork(settings, dispatcher, redis)
        self._relay = self._work.relay
        links = self._work.links
        self.routes: list[BaseRoute] = [
            Route(cfg.path, self.verify_url, methods=["GET"]),
            Route(cfg.path, self.receive, methods=["POST"]),
            *(links.routes if links is not None else []),
        ]

    async def start(self) -> None:
        cfg = self._cfg
        if cfg.token is None:
            log.warning("LEDGERBOT_WECHAT__TOKEN is not set: %s refuses every request", cfg.path)
        if cfg.customer_service and self._work.api is None:
            log.warning("wechat.customer_service is on but app_id/app_secret are missing: "
                        "late replies wait for the user's next message instead")

    async def stop(self) -> None:
        await self._work.close()

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
        except Rejected as exc:
            log.warning("refused a wechat request: %s", exc)
            return PlainTextResponse("forbidden", status_code=403)
        except Malformed as exc:
            log.info("unreadable wechat request: %s", exc)
            return PlainTextResponse("bad request", status_code=400)
        if inbound is None:
            return PlainTextResponse("bad request", status_code=400)
        try:
            text = await self._answer(inbound, request, started)
        except OUTAGES:
            # Redis (or PostgreSQL) unreachable before the message could be claimed or
            # handled: nothing was saved, and the vendor is told so now, not WeChat a 500.
            log.exception("wechat message %s not handled: a store is unreachable", inbound.key)
            text = FAILED
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
        key, cs = inbound.key, self._work.cs_ready()
        lease = self._work.lease_key(inbound)
        first, tries, kept = await self._relay.arrive(key, lease,
                                                      self._work.outbox.key(inbound.openid))

        async def late(text: str) -> None:
            # A task, so the delivery survives this process.
            await self._queue.enqueue("wechat.deliver", openid=inbound.openid, text=text)

        if first:
            backstop = None if cs else MAX_TRIES * self._cfg.retry_hold_seconds

            async def hand_on() -> None:
                if inbound.kind == "text" and self._settings.text_in_process:
                    # No queue hop for milliseconds of work: the queue's few worker threads
                    # would make every text wait behind the others. A crash here loses
                    # nothing either: the lease lapses and WeChat's retry starts it again.
                    self._relay.spawn(self._work.run(inbound, kept))
                    return
                await self._queue.enqueue("wechat.message", inbound=to_task(inbound), kept=kept)

            try:
                await self._relay.start(key, lease, hand_on, late, backstop_seconds=backstop)
            except Exception:
                log.exception("wechat message %s could not be queued", key)
                return FAILED
        loop = asyncio.get_running_loop()
        budget = self._cfg.reply_budget_seconds - (loop.time() - started)
        text = await self._relay.wait(key, budget)
        if text is not None:
            try:
                won = await self._relay.claim_passive(key)
            except RedisError:  # cannot tell retries apart now; the answer is still true
                log.warning("wechat message %s answered without the delivery claim", key)
                won = None
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

    # --- delivery ---------------------------------------------------------------------

    async def _passive(self, openid: str, text: str, *, again: bool = False) -> str:
        """The part that fits in the passive reply; the rest goes by 客服消息 or waits for
        "继续" (with `again`, the rest was already sent on the first delivery)."""
        limit = self._cfg.max_reply_bytes
        if utf8_len(text) <= limit:
            return text
        if self._work.cs_ready():
            parts = split_text(text, limit)
            if not again:
                await self._queue.enqueue("wechat.send", openid=openid, parts=parts[1:])
            return parts[0]
        pieces = split_text(text, limit - utf8_len(MORE_HINT))
        if not again:
            await self._work.outbox.add(openid, pieces[1:])
        return pieces[0] + MORE_HINT


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
