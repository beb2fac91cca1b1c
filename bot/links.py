"""Signed, expiring, once-only download links for files a channel cannot send (WeChat's
客服消息 has no file type), served by `ledgerbot serve` at `files.path`.

A link is `<public_url><path>/<file id>?e=<expiry>&s=<signature>`: the file id is random
(128 bits), the signature is HMAC-SHA256 with `files.link_secret` (environment only) over
the account the file was made for, the file id and the expiry. The account is not in the
URL: the server signs with the account stored beside the file, so a link made for any
other account, or with any other expiry or id, does not verify. The file waits in Redis
(shared by every worker and host) until the expiry, and the first GET that verifies takes
it: a second download of the same link is refused, so a link forwarded or read out of a
chat log later gets nothing. HEAD requests are answered without using the link up, so a
browser or chat preview probing it does not spend the vendor's one download. A vendor who
needs the file again asks for it again (导出) and gets a new link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from redis.asyncio import Redis
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.config import FilesConfig
from handlers.messages import Document

FILE_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")
SIGNATURE = re.compile(r"^[A-Za-z0-9_-]{43}$")
PURGE_GRACE_SECONDS = 3600  # an expired link is still recognised as expired this long
REFUSED = "这个下载链接无效。请在微信里重新发「导出」，拿一个新链接。"
EXPIRED = "这个下载链接已过期。请在微信里重新发「导出」，拿一个新链接。"
USED = "这个下载链接已经下载过一次，不能再用。请在微信里重新发「导出」，拿一个新链接。"
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff"}


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    expires_at: int  # Unix seconds


class FileLinks:
    def __init__(self, redis: Redis, prefix: str, files: FilesConfig, *,
                 clock: Callable[[], float] = time.time) -> None:
        if files.public_url is None or files.link_secret is None:
            raise ValueError("download links need files.public_url and files.link_secret")
        self._redis, self._prefix, self._cfg, self._clock = redis, prefix, files, clock
        self._secret = files.link_secret.get_secret_value().encode()
        self._root = files.public_url.rstrip("/") + files.path
        self.routes: list[BaseRoute] = [
            Route(files.path + "/{file_id}", self.download, methods=["GET", "HEAD"])
        ]

    @property
    def ttl_seconds(self) -> int:
        return self._cfg.link_ttl_seconds

    def fits(self, doc: Document) -> bool:
        return len(doc.content) <= self._cfg.max_link_bytes

    def sign(self, account_id: int, file_id: str, expires_at: int) -> str:
        message = f"v1|{account_id}|{file_id}|{expires_at}".encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def url(self, file_id: str, expires_at: int, signature: str) -> str:
        return f"{self._root}/{file_id}?e={expires_at}&s={signature}"

    async def issue(self, account_id: int, doc: Document) -> Link:
        """Keep `doc` for `account_id` and hand back the one link that fetches it."""
        file_id = secrets.token_urlsafe(16)
        expires_at = int(self._clock()) + self._cfg.link_ttl_seconds
        keep = self._cfg.link_ttl_seconds + PURGE_GRACE_SECONDS
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(self._key(file_id, "meta"), mapping={
                "account": str(account_id), "filename": doc.filename, "mime": doc.mime_type})
            pipe.expire(self._key(file_id, "meta"), keep)
            pipe.set(self._key(file_id, "body"), doc.content, ex=keep)
            await pipe.execute()
        return Link(self.url(file_id, expires_at, self.sign(account_id, file_id, expires_at)),
                    expires_at)

    async def download(self, request: Request) -> Response:
        file_id = request.path_params["file_id"]
        expiry, signature = request.query_params.get("e", ""), request.query_params.get("s", "")
        if not (FILE_ID.match(file_id) and expiry.isdigit() and len(expiry) <= 12
                and SIGNATURE.match(signature)):
            return _refuse(403, REFUSED)
        meta = {_text(k): _text(v)
                for k, v in (await self._redis.hgetall(self._key(file_id, "meta"))).items()}
        if not meta.get("account", "").isdigit():
            return _refuse(410, EXPIRED)  # never issued, or purged long after its expiry
        expected = self.sign(int(meta["account"]), file_id, int(expiry))
        if not hmac.compare_digest(expected, signature):
            return _refuse(403, REFUSED)
        if self._clock() > int(expiry):
            return _refuse(410, EXPIRED)
        headers = {**NO_STORE, "Content-Disposition": _attachment(meta.get("filename", "file"))}
        mime = meta.get("mime") or "application/octet-stream"
        if request.method == "HEAD":
            return Response(media_type=mime, headers=headers)
        # GET and DEL in one transaction: of two downloads at once, exactly one gets the file.
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.get(self._key(file_id, "body"))
            pipe.delete(self._key(file_id, "body"))
            body, _ = await pipe.execute()
        if body is None:
            return _refuse(410, USED)
        return Response(body, media_type=mime, headers=headers)

    def _key(self, file_id: str, part: str) -> str:
        return f"{self._prefix}:files:{file_id}:{part}"


def _text(raw: bytes | str) -> str:
    return raw.decode("utf-8") if isinstance(raw, bytes) else raw


def _attachment(filename: str) -> str:
    """An ASCII name for old clients, the real (Chinese) one by RFC 6266 / 5987."""
    suffix = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    ascii_name = f"ledgerbot.{re.sub(r'[^A-Za-z0-9]', '', suffix) or 'bin'}"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _refuse(status: int, text: str) -> Response:
    return PlainTextResponse(text, status_code=status, headers=NO_STORE)


def build_links(redis: Redis, prefix: str, files: FilesConfig) -> FileLinks | None:
    """The links when configured (public URL and secret both set), else None."""
    if files.public_url is None or files.link_secret is None:
        return None
    return FileLinks(redis, prefix, files)
