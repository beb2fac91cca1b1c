"""Delivering login codes: a console sender for development and an Aliyun SMS adapter.

The Aliyun adapter speaks the RPC API directly (signature version 1.0, HMAC-SHA1 over the
sorted, percent-encoded query) through httpx with a timeout, so no vendor SDK is needed.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Callable, Mapping
from typing import Protocol
from urllib.parse import quote

import httpx

from bot.config import ApiConfig

log = logging.getLogger(__name__)


class SendFailed(Exception):
    """The code could not be delivered; nothing the user typed is at fault."""


class CodeSender(Protocol):
    name: str

    async def send(self, phone: str, code: str) -> None: ...


class ConsoleSender:
    """Development only: the code goes to the log (and, in development, into the answer)."""

    name = "console"

    async def send(self, phone: str, code: str) -> None:
        log.warning("login code for %s: %s (console sender, development only)", phone, code)


class NoSender:
    """Outside development with no SMS account: a login code can reach nobody, so asking
    for one is refused (the chat and webhooks still serve; the API says what is missing)."""

    name = "none"

    async def send(self, phone: str, code: str) -> None:
        raise SendFailed("no SMS sender configured (api.sms_provider=aliyun)")


def percent_encode(value: str) -> str:
    """RFC 3986 encoding as Aliyun's signature wants it: only A-Z a-z 0-9 - _ . ~ kept."""
    return quote(value, safe="-_.~")


def rpc_signature(params: Mapping[str, str], secret: str, method: str = "GET") -> str:
    canonical = "&".join(
        f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items())
    )
    to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSmsSender:
    name = "aliyun"

    def __init__(
        self, *, access_key_id: str, access_key_secret: str, sign_name: str, template_code: str,
        endpoint: str, region: str, timeout_seconds: float,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._key_id, self._secret = access_key_id, access_key_secret
        self._sign_name, self._template = sign_name, template_code
        self._endpoint, self._region = endpoint, region
        self._timeout = httpx.Timeout(timeout_seconds)
        self._transport = transport
        self._clock = clock

    def signed_params(self, phone: str, code: str) -> dict[str, str]:
        params = {
            "AccessKeyId": self._key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": phone,
            "RegionId": self._region,
            "SignName": self._sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": self._template,
            "TemplateParam": json.dumps({"code": code}),
            "Timestamp": self._clock().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        params["Signature"] = rpc_signature(params, self._secret)
        return params

    async def send(self, phone: str, code: str) -> None:
        params = self.signed_params(phone, code)
        try:
            async with httpx.AsyncClient(timeout=self._timeout, transport=self._transport) as c:
                response = await c.get(self._endpoint, params=params)
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.error("aliyun SendSms failed: %s", exc)
            raise SendFailed(str(exc)) from exc
        # Aliyun answers HTTP 200 with Code != "OK" for business refusals (quota, template).
        if response.status_code != 200 or body.get("Code") != "OK":
            log.error("aliyun SendSms refused: %s %s", response.status_code, body)
            raise SendFailed(str(body.get("Code") or response.status_code))


def build_sender(api: ApiConfig, *, development: bool) -> CodeSender:
    if api.sms_provider == "console":
        return ConsoleSender() if development else NoSender()
    secret = api.aliyun_access_key_secret
    key_id = api.aliyun_access_key_id
    return AliyunSmsSender(
        access_key_id=key_id.get_secret_value() if key_id else "",
        access_key_secret=secret.get_secret_value() if secret else "",
        sign_name=api.aliyun_sign_name or "",
        template_code=api.aliyun_template_code or "",
        endpoint=api.aliyun_endpoint,
        region=api.aliyun_region,
        timeout_seconds=api.sms_timeout_seconds,
    )
