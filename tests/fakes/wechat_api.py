"""A local stand-in for api.weixin.qq.com: token, media/get, media/upload,
message/custom/send.

Runs on real uvicorn in a background thread on 127.0.0.1 (wechatpy talks to it with
blocking `requests`, the token keeper with httpx), and records every request so tests can
assert what WeChat would have received.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import socket
import threading
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
import xmltodict
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from wechatpy.crypto import WeChatCrypto

from bot.app import Runtime
from bot.server import build_app
from bot.settings import wechat_settings
from bot.wechat import build_wechat_channel
from storage.accounts import AccountRepository
from storage.repositories import LedgerRepository

# A real AMR-NB header followed by frames of silence: enough for "the bytes arrived" checks.
AMR_BYTES = b"#!AMR\n" + bytes([0x3C, 0x48, 0xF5, 0x1F, 0x96, 0x66, 0x79, 0xE1]) * 50


@dataclass(frozen=True)
class Upload:
    """One media/upload as WeChat would store it: its type, file name, MIME type, bytes."""

    media_id: str
    type: str
    filename: str
    content_type: str
    content: bytes


@dataclass
class FakeWeChatApi:
    app_id: str = "wxtestappid"  # = APP_ID below
    app_secret: str = "test-secret"
    media: dict[str, bytes] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    media_requests: list[dict[str, str]] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    send_errors: list[int] = field(default_factory=list)  # errcodes for the next sends
    expires_in: int = 7200
    _valid: set[str] = field(default_factory=set)
    _issued: int = 0
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None
    port: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/cgi-bin/"

    def revoke_tokens(self) -> None:
        """Every issued token stops working: the next call gets 40001."""
        self._valid.clear()

    def texts_to(self, openid: str) -> list[str]:
        return [m["text"]["content"] for m in self.sent
                if m.get("touser") == openid and m.get("msgtype") == "text"]

    def images_to(self, openid: str) -> list[bytes]:
        """The bytes of each image sent to `openid` by 客服消息, found by its media_id."""
        by_id = {u.media_id: u.content for u in self.uploads}
        return [by_id.get(m["image"]["media_id"], b"") for m in self.sent
                if m.get("touser") == openid and m.get("msgtype") == "image"]

    # --- endpoints ----------------------------------------------------------------------

    async def _token(self, request: Request) -> Response:
        q = dict(request.query_params)
        self.token_requests.append(q)
        if q.get("appid") != self.app_id or q.get("secret") != self.app_secret:
            return JSONResponse({"errcode": 40013, "errmsg": "invalid appid"})
        self._issued += 1
        token = f"FAKE-TOKEN-{self._issued}"
        self._valid.add(token)
        return JSONResponse({"access_token": token, "expires_in": self.expires_in})

    def _bad_token(self, request: Request) -> Response | None:
        if request.query_params.get("access_token") not in self._valid:
            return JSONResponse({"errcode": 40001, "errmsg": "invalid credential"})
        return None

    async def _media(self, request: Request) -> Response:
        q = dict(request.query_params)
        self.media_requests.append(q)
        if (bad := self._bad_token(request)) is not None:
            return bad
        data = self.media.get(q.get("media_id", ""))
        if data is None:
            return JSONResponse({"errcode": 40007, "errmsg": "invalid media_id"})
        return Response(data, media_type="audio/amr")

    async def _upload(self, request: Request) -> Response:
        """Temporary media: multipart field `media`; images up to 2 MB, PNG/JPEG/GIF."""
        if (bad := self._bad_token(request)) is not None:
            return bad
        kind = request.query_params.get("type", "")
        form = await request.form()
        media = form.get("media")
        if kind != "image" or media is None or isinstance(media, str):
            return JSONResponse({"errcode": 40004, "errmsg": "invalid media type"})
        content = await media.read()
        if len(content) > 2 * 1024 * 1024 or not content.startswith(b"\x89PNG\r\n\x1a\n"):
            return JSONResponse({"errcode": 40005, "errmsg": "invalid file type"})
        upload = Upload(f"MEDIA-{len(self.uploads) + 1}", kind, media.filename or "",
                        media.content_type or "", content)
        self.uploads.append(upload)
        return JSONResponse({"type": kind, "media_id": upload.media_id,
                             "created_at": int(time.time())})

    async def _send(self, request: Request) -> Response:
        if (bad := self._bad_token(request)) is not None:
            return bad
        body = json.loads(await request.body())
        if self.send_errors:
            code = self.send_errors.pop(0)
            return JSONResponse({"errcode": code, "errmsg": "refused by fake"})
        self.sent.append(body)
        return JSONResponse({"errcode": 0, "errmsg": "ok"})

    # --- lifecycle ----------------------------------------------------------------------

    def start(self) -> FakeWeChatApi:
        app = Starlette(routes=[
            Route("/cgi-bin/token", self._token),
            Route("/cgi-bin/media/get", self._media),
            Route("/cgi-bin/media/upload", self._upload, methods=["POST"]),
            Route("/cgi-bin/message/custom/send", self._send, methods=["POST"]),
        ])
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake WeChat API did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)


# --- the pushing side: WeChat's server calling our webhook ---------------------------------


@dataclass
class Pushed:
    status: int
    body: str
    reply: str | None  # the reply's Content, decrypted and signature-checked; None = none


def url_signature(token: str, timestamp: str, nonce: str, *extra: str) -> str:
    """sha1 over the sorted parts: `signature` (3 parts) and `msg_signature` (+ Encrypt)."""
    return hashlib.sha1("".join(sorted([token, timestamp, nonce, *extra])).encode()).hexdigest()


class WeChatPusher:
    """Builds messages exactly as WeChat does (signed; AES-encrypted in safe mode), POSTs
    them with any httpx client, and checks and opens the replies."""

    def __init__(self, client: httpx.AsyncClient, *, token: str, app_id: str,
                 aes_key: str | None = None, path: str = "/wechat",
                 account: str = "gh_testaccount") -> None:
        self.client, self.token, self.app_id, self.path = client, token, app_id, path
        self.account = account
        self.crypto = WeChatCrypto(token, aes_key, app_id) if aes_key else None
        self._ids = itertools.count(int(time.time() * 1000) * 1000)

    def next_id(self) -> int:
        return next(self._ids)

    def text(self, openid: str, content: str, msg_id: int | None = None) -> str:
        return self._xml(openid, "text", f"<Content><![CDATA[{content}]]></Content>",
                         msg_id if msg_id is not None else self.next_id())

    def voice(self, openid: str, media_id: str, recognition: str | None = None,
              msg_id: int | None = None) -> str:
        body = (f"<MediaId><![CDATA[{media_id}]]></MediaId><Format><![CDATA[amr]]></Format>")
        if recognition is not None:
            body += f"<Recognition><![CDATA[{recognition}]]></Recognition>"
        return self._xml(openid, "voice", body, msg_id if msg_id is not None else self.next_id())

    def event(self, openid: str, event: str, create_time: int | None = None) -> str:
        ts = create_time or int(time.time())
        return (f"<xml><ToUserName><![CDATA[{self.account}]]></ToUserName>"
                f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
                f"<CreateTime>{ts}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                f"<Event><![CDATA[{event}]]></Event></xml>")

    def image(self, openid: str) -> str:
        return self._xml(openid, "image", "<PicUrl><![CDATA[http://x/y.jpg]]></PicUrl>"
                         "<MediaId><![CDATA[m1]]></MediaId>", self.next_id())

    def _xml(self, openid: str, kind: str, body: str, msg_id: int) -> str:
        return (f"<xml><ToUserName><![CDATA[{self.account}]]></ToUserName>"
                f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
                f"<CreateTime>{int(time.time())}</CreateTime>"
                f"<MsgType><![CDATA[{kind}]]></MsgType>{body}<MsgId>{msg_id}</MsgId></xml>")

    def signed_query(self, body: str, *, bad_signature: bool = False,
                     timestamp: int | None = None) -> tuple[dict[str, str], str]:
        """`timestamp`: when the request claims to have been signed (default: now)."""
        ts = str(int(time.time()) if timestamp is None else timestamp)
        nonce = uuid.uuid4().hex[:10]
        query = {"signature": url_signature(self.token, ts, nonce), "timestamp": ts,
                 "nonce": nonce, "openid": "ignored-by-bot"}
        if bad_signature:
            query["signature"] = "0" * 40
        if self.crypto is None:
            return query, body
        sealed = self.crypto.encrypt_message(body, nonce, ts)
        encrypt = xmltodict.parse(sealed)["xml"]["Encrypt"]
        query.update(encrypt_type="aes",
                     msg_signature=url_signature(self.token, ts, nonce, encrypt))
        return query, (f"<xml><ToUserName><![CDATA[{self.account}]]></ToUserName>"
                       f"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>")

    async def push(self, xml: str, *, wait: float | None = 30, bad_signature: bool = False,
                   raw_body: bytes | None = None) -> Pushed:
        """`wait`: how long this "WeChat" waits for the answer (the real one: 5 s)."""
        query, body = self.signed_query(xml, bad_signature=bad_signature)
        return await self.post_signed(query, raw_body if raw_body is not None else body.encode(),
                                      wait=wait)

    async def post_signed(self, query: dict[str, str], body: bytes, *,
                          wait: float | None = 30) -> Pushed:
        """POST exactly this query and body: what a replay of a captured request sends."""
        resp = await self.client.post(self.path, params=query,
                                      content=body, timeout=wait)
        return Pushed(resp.status_code, resp.text, self.open_reply(resp.text, query))

    async def say(self, openid: str, content: str) -> str | None:
        got = await self.push(self.text(openid, content))
        assert got.status == 200, got
        return got.reply

    def open_reply(self, body: str, query: dict[str, str]) -> str | None:
        if body in ("", "success") or not body.lstrip().startswith("<xml"):
            return None
        if self.crypto is not None:
            doc = xmltodict.parse(body)["xml"]
            expected = url_signature(self.token, doc["TimeStamp"], doc["Nonce"], doc["Encrypt"])
            assert doc["MsgSignature"] == expected, "reply signature does not verify"
            body = self.crypto.decrypt_message(body, doc["MsgSignature"], doc["TimeStamp"],
                                               doc["Nonce"])
        doc = xmltodict.parse(body)["xml"]
        assert doc["MsgType"] == "text" and doc["FromUserName"] == self.account
        content: str = doc["Content"] or ""
        return content


# --- wiring the bot's webhook into a test ----------------------------------------------------

TOKEN = "wechat-test-token"
APP_ID = "wxtestappid"
APP_SECRET = "test-secret"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


def wechat_env(bot_env: dict[str, str], *, aes: bool = False, api: FakeWeChatApi | None = None,
               **wechat: object) -> dict[str, str]:
    """The test servers' environment plus LEDGERBOT_WECHAT__* settings."""
    env = dict(bot_env, LEDGERBOT_WECHAT__TOKEN=TOKEN, LEDGERBOT_WECHAT__APP_ID=APP_ID)
    if aes:
        env["LEDGERBOT_WECHAT__ENCODING_AES_KEY"] = AES_KEY
    else:  # plaintext is never the default: it has to be asked for
        env["LEDGERBOT_WECHAT__MODE"] = "plaintext"
    if api is not None:
        env.update(LEDGERBOT_WECHAT__APP_SECRET=api.app_secret,
                   LEDGERBOT_WECHAT__API_BASE_URL=api.base_url)
    for key, value in wechat.items():
        env[f"LEDGERBOT_WECHAT__{key.upper()}"] = str(value).lower() if isinstance(
            value, bool) else str(value)
    return env


@contextlib.asynccontextmanager
async def webhook(rt: Runtime, *, aes: bool = False) -> AsyncIterator[WeChatPusher]:
    """The bot's ASGI app (as `ledgerbot serve` builds it) with a WeChat pusher in front."""
    channel = build_wechat_channel(wechat_settings(rt.config), rt.dispatcher, rt.redis,
                                   rt.queue)
    app = build_app(rt, [channel])
    await channel.start()
    rt.queue.start_workers(rt, rt.config.queue.embedded_workers)  # as the app's lifespan does
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
            yield WeChatPusher(client, token=TOKEN, app_id=APP_ID,
                               aes_key=AES_KEY if aes else None, path=rt.config.wechat.path)
    finally:
        await rt.queue.stop()
        await channel.stop()


async def entries_of(rt: Runtime, user: str, platform: str = "wechat") -> list[dict[str, Any]]:
    """What `ledgerbot export --platform P --user U` would print, as dicts."""
    async with rt.sessions.begin() as session:
        account = await AccountRepository(session).find(platform, user)
        if account is None:
            return []
        return [e.to_export() for e in await LedgerRepository(session).active(account)]


async def count_rows(rt: Runtime, table: str) -> int:
    async with rt.sessions() as session:
        return int((await session.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())
