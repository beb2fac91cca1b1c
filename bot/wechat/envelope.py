"""The wire envelope of a WeChat webhook: URL signature, AES safe mode, reply sealing.

Plaintext and safe mode differ only here. In safe mode WeChat still signs the URL with
`signature`, and signs the ciphertext with `msg_signature` (decrypting with `signature`
is the classic mistake); a reply goes back encrypted, except the bare "success".

`signature` covers only token, timestamp and nonce, never the body: in plaintext mode one
leaked query string signs any body. So safe mode accepts nothing but a ciphertext under a
valid `msg_signature`, and both modes refuse a timestamp outside the window, so a captured
request stops working minutes after it was made (within the window, the MsgId dedup makes
a replay a mere retry of a message already handled).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Literal

from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

log = logging.getLogger(__name__)
NO_REPLY = "success"  # tells WeChat "received, nothing to say": no retry, no error shown


class Rejected(Exception):
    """The request is not from WeChat (bad signature or undecryptable); answer 403."""


class Malformed(Exception):
    """Signed but unreadable; answer 400 and process nothing."""


Mode = Literal["safe", "plaintext"]


class Envelope:
    def __init__(self, token: str | None, encoding_aes_key: str | None, app_id: str | None,
                 *, mode: Mode = "safe", window_seconds: int = 300,
                 clock: Callable[[], float] = time.time) -> None:
        self._token, self._mode = token, mode
        self._window, self._clock = window_seconds, clock
        self._crypto = (WeChatCrypto(token, encoding_aes_key, app_id or "")
                        if token and encoding_aes_key else None)
        if token is None:
            log.warning("wechat.token is not set: every webhook request is refused")
        elif mode == "plaintext":
            log.warning("wechat.mode is plaintext: message bodies are NOT signed, so anyone "
                        "holding one signed URL can post as any user for %d s; use safe "
                        "mode (EncodingAESKey) outside testing", window_seconds)
        elif self._crypto is None:
            log.error("wechat.mode is safe but no EncodingAESKey: every message is refused")

    def verify(self, query: Mapping[str, str]) -> None:
        """The URL signature every GET and POST carries, made within the window. Without a
        configured token nothing can be verified, so nothing is accepted: anyone could post
        as any openid."""
        if self._token is None:
            raise Rejected("wechat.token is not configured (LEDGERBOT_WECHAT__TOKEN)")
        stamp = query.get("timestamp", "")
        try:
            check_signature(self._token, query.get("signature", ""), stamp,
                            query.get("nonce", ""))
        except InvalidSignatureException as exc:
            raise Rejected("bad signature") from exc
        if not stamp.isascii() or not stamp.isdigit():
            raise Rejected("timestamp is not a number")
        skew = abs(self._clock() - int(stamp))
        if skew > self._window:
            raise Rejected(f"timestamp {skew:.0f} s away from our clock (window {self._window} s)")

    def open(self, body: bytes, query: Mapping[str, str]) -> str:
        """The message XML, decrypted when the request is in safe mode."""
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Malformed("body is not UTF-8") from exc
        if query.get("encrypt_type", "raw").lower() != "aes":
            if self._mode == "safe":
                raise Rejected("plaintext message in safe mode")
            return text
        if self._crypto is None:
            raise Malformed("encrypted message but wechat.encoding_aes_key is not set")
        try:
            xml: str = self._crypto.decrypt_message(
                text, query.get("msg_signature", ""), query.get("timestamp", ""),
                query.get("nonce", ""))
        except (InvalidSignatureException, InvalidAppIdException) as exc:
            raise Rejected("bad msg_signature or AppID") from exc
        except Exception as exc:  # xml, base64, padding: all mean a broken envelope
            raise Malformed(f"cannot decrypt: {exc!r}") from exc
        return xml

    def seal(self, reply_xml: str | None, query: Mapping[str, str]) -> str:
        """The response body: the reply, encrypted if the request was."""
        if not reply_xml:
            return NO_REPLY
        if self._crypto is None or query.get("encrypt_type", "raw").lower() != "aes":
            return reply_xml
        nonce = query.get("nonce", "")
        sealed: str = self._crypto.encrypt_message(reply_xml, nonce, query.get("timestamp"))
        return sealed
