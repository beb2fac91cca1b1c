"""A local stand-in for the Telegram Bot API: a real HTTP server on 127.0.0.1, so the real
python-telegram-bot client talks to it through `base_url`, exactly as it talks to Telegram.

It feeds queued Update JSON to getUpdates, serves getFile and file downloads, and records
every outgoing call (sendMessage, editMessageText, answerCallbackQuery, sendDocument, ...)
so tests assert on what the bot sent. It runs in a thread: it serves an in-process
Application and a `ledgerbot run telegram` subprocess alike.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote

TOKEN = "123456:TEST-token_abc"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "好生意记账本", "username": "ledger_bot"}
MESSAGE_METHODS = {"sendMessage", "sendDocument", "sendPhoto"}
EDIT_METHODS = {"editMessageText", "editMessageReplyMarkup"}
TRUE_METHODS = {
    "answerCallbackQuery", "setMyCommands", "deleteMyCommands", "deleteWebhook", "setWebhook",
    "close", "logOut", "sendChatAction",
}


@dataclass
class Call:
    """One recorded Bot API call: form fields as sent, reply_markup decoded, files as bytes."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def chat_id(self) -> str:
        return str(self.params.get("chat_id", ""))

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def buttons(self) -> list[dict[str, str]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]


class FakeBotApi:
    """Start with `with FakeBotApi() as api:`; point the bot at `api.base_url`."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, content)
        self._updates: list[dict[str, Any]] = []
        self._offset = 0
        self._message_ids = itertools.count(1000)
        self._sent_ids: set[int] = set()
        self._cond = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> FakeBotApi:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # ---- what tests do -------------------------------------------------------------------

    def queue(self, *updates: dict[str, Any]) -> None:
        """Make updates available to getUpdates, in order."""
        with self._cond:
            self._updates += updates
            self._cond.notify_all()

    def add_file(self, file_id: str, file_path: str, content: bytes) -> None:
        self.files[file_id] = (file_path, content)

    def sent(self, method: str | None = None, chat_id: str | int | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if (method is None or c.method == method)
                    and (chat_id is None or c.chat_id == str(chat_id))]

    def wait_for(self, method: str, count: int = 1, timeout: float = 20.0,
                 chat_id: str | int | None = None) -> list[Call]:
        """Block until at least `count` calls of `method` were recorded."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(found := self.sent(method, chat_id)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(found)}/{count} {method} calls after {timeout}s: "
                                       f"{[c.method for c in self.calls]}")
                self._cond.wait(left)
            return found

    # ---- the server ---------------------------------------------------------------------

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

            def do_GET(self) -> None:
                api._serve(self)

            def do_POST(self) -> None:
                api._serve(self)

        return Handler

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        # httpx percent-encodes the ':' of the token in the path (INTEGRATION.md 2.3).
        path = unquote(h.path.split("?", 1)[0])
        body = h.rfile.read(int(h.headers.get("Content-Length") or 0))
        if path.startswith(f"/file/bot{self.token}/"):
            return self._download(h, path.removeprefix(f"/file/bot{self.token}/"))
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return _send(h, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        params, files = _parse_body(h.headers.get("Content-Type", ""), body)
        if "?" in h.path:
            params.update(dict(parse_qsl(h.path.split("?", 1)[1])))
        method = path.removeprefix(prefix)
        status, result = self._answer(method, params, files)
        _send(h, status, result)

    def _download(self, h: BaseHTTPRequestHandler, file_path: str) -> None:
        content = next((c for p, c in self.files.values() if p == file_path), None)
        if content is None:
            return _send(h, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        h.send_response(200)
        h.send_header("Content-Type", "application/octet-stream")
        h.send_header("Content-Length", str(len(content)))
        h.end_headers()
        h.wfile.write(content)

    def _answer(self, method: str, params: dict[str, Any],
                files: dict[str, bytes]) -> tuple[int, dict[str, Any]]:
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._next_updates(params)}
        if method == "getFile":
            return self._get_file(params["file_id"])
        if method == "getWebhookInfo":
            return 200, {"ok": True, "result": {"url": "", "has_custom_certificate": False,
                                                "pending_update_count": 0}}
        if method not in MESSAGE_METHODS | EDIT_METHODS | TRUE_METHODS:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        result: Any = True
        if method in MESSAGE_METHODS | EDIT_METHODS:
            result = self._message(method, params)
            params["message_id"] = result["message_id"]  # so tests can press the card's buttons
        with self._cond:
            self.calls.append(Call(method, params, files))
            self._cond.notify_all()
            if method in EDIT_METHODS and result["message_id"] not in self._sent_ids:
                return 400, {"ok": False, "error_code": 400,
                             "description": "Bad Request: message to edit not found"}
            if method in MESSAGE_METHODS:
                self._sent_ids.add(result["message_id"])
        return 200, {"ok": True, "result": result}

    def _next_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Confirmed updates (id < offset) are dropped, as the Bot API does; long-polls a bit."""
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 1.0)
        deadline = time.monotonic() + wait
        with self._cond:
            self._offset = max(self._offset, offset)
            self._updates = [u for u in self._updates if u["update_id"] >= self._offset]
            while not self._updates and (left := deadline - time.monotonic()) > 0:
                self._cond.wait(left)
            return list(self._updates[: int(params.get("limit") or 100)])

    def _get_file(self, file_id: str) -> tuple[int, dict[str, Any]]:
        if file_id not in self.files:
            return 400, {"ok": False, "error_code": 400,
                         "description": "Bad Request: invalid file_id"}
        path, content = self.files[file_id]
        return 200, {"ok": True, "result": {"file_id": file_id, "file_unique_id": f"u{file_id}",
                                            "file_size": len(content), "file_path": path}}

    def _message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        message_id = int(params.get("message_id") or next(self._message_ids))
        msg: dict[str, Any] = {"message_id": message_id, "date": int(time.time()),
                               "chat": {"id": chat_id, "type": "private"}, "from": BOT_USER}
        if params.get("text"):
            msg["text"] = params["text"]
        if params.get("reply_markup"):
            msg["reply_markup"] = params["reply_markup"]
        if method == "sendDocument":
            msg["document"] = {"file_id": f"doc{message_id}", "file_unique_id": f"d{message_id}"}
        if method == "sendPhoto":
            msg["photo"] = [{"file_id": f"ph{message_id}", "file_unique_id": f"p{message_id}",
                             "width": 1, "height": 1}]
        return msg


def _parse_body(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """PTB posts form-encoded fields, or multipart when it uploads a file."""
    params: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    if content_type.startswith("multipart/form-data"):
        msg = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            assert isinstance(payload, bytes)  # decode=True on a leaf part
            if part.get_filename() is not None:
                files[str(name)] = payload
            else:
                params[str(name)] = payload.decode("utf-8")
    elif body:
        params = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    for key in ("reply_markup", "commands"):
        if isinstance(params.get(key), str):
            params[key] = json.loads(params[key])
    return params, files


def _send(h: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    h.send_response(status)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(len(data)))
    h.end_headers()
    h.wfile.write(data)


# ---- Update JSON, as https://core.telegram.org/bots/api#update documents it ------------------


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"用户{user_id}", "language_code": "zh"}


def _chat(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "type": "private", "first_name": f"用户{chat_id}"}


def message_update(update_id: int, user_id: int, *, text: str | None = None,
                   chat_id: int | None = None, **extra: Any) -> dict[str, Any]:
    """A private-chat message; `extra` adds fields such as voice or audio."""
    msg: dict[str, Any] = {"message_id": update_id, "date": int(time.time()),
                           "chat": _chat(chat_id or user_id), "from": _user(user_id), **extra}
    if text is not None:
        msg["text"] = text
        if text.startswith("/"):
            cmd = text.split()[0]
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(cmd)}]
    return {"update_id": update_id, "message": msg}


def voice_update(update_id: int, user_id: int, file_id: str, size: int,
                 duration: int = 3) -> dict[str, Any]:
    voice = {"file_id": file_id, "file_unique_id": f"u{file_id}", "duration": duration,
             "mime_type": "audio/ogg", "file_size": size}
    return message_update(update_id, user_id, voice=voice)


def audio_update(update_id: int, user_id: int, file_id: str, size: int,
                 file_name: str = "录音.mp3", mime_type: str = "audio/mpeg") -> dict[str, Any]:
    audio = {"file_id": file_id, "file_unique_id": f"u{file_id}", "duration": 3,
             "mime_type": mime_type, "file_size": size, "file_name": file_name}
    return message_update(update_id, user_id, audio=audio)


def callback_update(update_id: int, user_id: int, card: Call, data: str) -> dict[str, Any]:
    """The user pressed the button carrying `data` on the card the bot sent as `card`."""
    message = {"message_id": card.params["message_id"], "date": int(time.time()),
               "chat": _chat(int(card.chat_id)), "from": BOT_USER, "text": card.text,
               "reply_markup": card.params.get("reply_markup")}
    query = {"id": f"cq{update_id}", "from": _user(user_id), "message": message,
             "chat_instance": f"ci{user_id}", "data": data}
    return {"update_id": update_id, "callback_query": query}


@contextmanager
def running(token: str = TOKEN) -> Iterator[FakeBotApi]:
    with FakeBotApi(token) as api:
        yield api


# ---- driving the bot's webhook the way Telegram does --------------------------------------

SECRET = "s3cret-header-value"


def telegram_env(env: dict[str, str], api: FakeBotApi) -> dict[str, str]:
    """The bot's environment, pointed at the stand-in (the same variables as production)."""
    return {**env, "LEDGERBOT_TELEGRAM__TOKEN": api.token,
            "LEDGERBOT_TELEGRAM__BASE_URL": api.base_url,
            "LEDGERBOT_TELEGRAM__WEBHOOK_SECRET": SECRET}


class WebhookDriver:
    """Posts Update JSON to the webhook route; the route answers once the update is handled,
    so the calls recorded meanwhile are exactly the bot's answer to it."""

    def __init__(self, api: FakeBotApi, client: Any, path: str, rt: Any) -> None:
        self.api, self.rt = api, rt
        self._client, self._path = client, path
        self._ids = itertools.count(1)

    def next_id(self) -> int:
        return next(self._ids)

    async def post(self, update: dict[str, Any], secret: str | None = SECRET) -> int:
        headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
        response = await self._client.post(self._path, json=update, headers=headers)
        return int(response.status_code)

    async def post_raw(self, body: bytes, secret: str | None = SECRET) -> int:
        """Any bytes as the request body, as a stranger (or a broken proxy) might send."""
        headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
        response = await self._client.post(self._path, content=body, headers=headers)
        return int(response.status_code)

    async def deliver(self, update: dict[str, Any]) -> list[Call]:
        before = len(self.api.calls)
        status = await self.post(update)
        assert status == 200, status
        return self.api.calls[before:]

    async def say(self, user_id: int, text: str) -> list[Call]:
        return await self.deliver(message_update(self.next_id(), user_id, text=text))

    async def press(self, user_id: int, card: Call, data: str) -> list[Call]:
        return await self.deliver(callback_update(self.next_id(), user_id, card, data))


@asynccontextmanager
async def webhook_bot(config: Any, today: Any, api: FakeBotApi) -> AsyncIterator[WebhookDriver]:
    """The bot as `ledgerbot serve` composes it, with its ASGI app called in-process."""
    import httpx

    from bot.app import runtime
    from bot.server import build_app
    from bot.settings import telegram_settings
    from bot.telegram import build_webhook_channel

    # a date pins the day; a clock (tests.e2e.conversations.Day) lets a conversation move it
    pinned = {"clock": today} if callable(today) else {"today": today}
    async with runtime(config, **pinned) as rt:
        channel = build_webhook_channel(telegram_settings(config), rt.dispatcher, rt.redis)
        await channel.start()  # what the app's lifespan does under uvicorn
        try:
            transport = httpx.ASGITransport(app=build_app(rt, [channel]))
            async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
                yield WebhookDriver(api, client, config.telegram.path, rt)
        finally:
            await channel.stop()
