"""The wire envelope of a WeChat webhook: URL signature, AES safe mode, reply sealing.

Plaintext and safe mode differ only here. In safe mode WeChat still signs the URL with
`signature`, and signs the ciphertext with `msg_signature` (decrypting with `signature`
is the classic mistake); a reply goes back encrypted, except the bare "success".
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

log = logging.getLogger(__name__)
NO_REPLY = "success"  # tells WeChat "received, nothing to say": no retry, no error shown


class Rejected(Exception):
    """The request is not from WeChat (bad signature or undecryptable); answer 403."""


class Malformed(Exception):
    """Signed but unreadable; answer 400 and process nothing."""


class Envelope:
    def __init__(self, token: str | None, encoding_aes_key: str | None,
                 app_id: str | None) -> None:
        self._token = token
        self._crypto = (WeChatCrypto(token, encoding_aes_key, app_id or "")
                        if token and encoding_aes_key else None)
        if token is None:
            log.warning("wechat.token is not set: webhook requests are NOT verified")

    def verify(self, query: Mapping[str, str]) -> None:
        """The URL signature every GET and POST carries. Without a configured token nothing
        can be verified, so nothing is accepted: anyone could post as any openid."""
        if self._token is None:
            raise Rejected("wechat.token is not configured (LEDGERBOT_WECHAT__TOKEN)")
        try:
            check_signature(self._token, query.get("signature", ""),
                            query.get("timestamp", ""), query.get("nonce", ""))
        except InvalidSignatureException as exc:
            raise Rejected("bad signature") from exc

    def open(self, body: bytes, query: Mapping[str, str]) -> str:
        """The message XML, decrypted when the request is in safe mode."""
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Malformed("body is not UTF-8") from exc
        if query.get("encrypt_type", "raw").lower() != "aes":
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
