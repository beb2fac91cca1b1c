"""Signatures and AES safe mode, checked against wechatpy's own crypto on the sending side."""

from __future__ import annotations

import time

import pytest
import xmltodict
from wechatpy.crypto import WeChatCrypto

from bot.wechat.envelope import NO_REPLY, Envelope, Malformed, Rejected
from tests.fakes.wechat_api import url_signature

TOKEN, APP_ID = "tok123", "wxappid0001"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters, as WeChat issues
XML = "<xml><ToUserName>gh</ToUserName><Content>记账</Content></xml>"


def signed(ts: str | None = None, nonce: str = "n0nce") -> dict[str, str]:
    ts = ts or str(int(time.time()))
    return {"signature": url_signature(TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce}


def test_good_signature_passes_and_bad_is_rejected() -> None:
    env = Envelope(TOKEN, None, APP_ID)
    env.verify(signed())
    with pytest.raises(Rejected):
        env.verify({**signed(), "signature": "f" * 40})
    with pytest.raises(Rejected):
        env.verify({})


def test_without_a_token_every_request_is_refused() -> None:
    with pytest.raises(Rejected, match="LEDGERBOT_WECHAT__TOKEN"):
        Envelope(None, None, None).verify({})


def test_plaintext_is_returned_as_is_and_empty_reply_is_success() -> None:
    env = Envelope(TOKEN, None, APP_ID, mode="plaintext")
    assert env.open(XML.encode(), signed()) == XML
    assert env.seal(None, signed()) == NO_REPLY
    assert env.seal("<xml/>", signed()) == "<xml/>"


def test_aes_round_trip_uses_msg_signature() -> None:
    wechat = WeChatCrypto(TOKEN, AES_KEY, APP_ID)
    query = signed()
    encrypt = xmltodict.parse(wechat.encrypt_message(XML, query["nonce"], query["timestamp"]))
    cipher = encrypt["xml"]["Encrypt"]
    body = f"<xml><ToUserName>gh</ToUserName><Encrypt><![CDATA[{cipher}]]></Encrypt></xml>"
    query.update(encrypt_type="aes",
                 msg_signature=url_signature(TOKEN, query["timestamp"], query["nonce"], cipher))
    env = Envelope(TOKEN, AES_KEY, APP_ID)
    assert env.open(body.encode(), query) == XML
    sealed = env.seal("<xml><Content>好</Content></xml>", query)
    doc = xmltodict.parse(sealed)["xml"]
    assert wechat.decrypt_message(sealed, doc["MsgSignature"], doc["TimeStamp"],
                                  doc["Nonce"]) == "<xml><Content>好</Content></xml>"
    # The URL signature is not the message signature: using it must fail.
    with pytest.raises(Rejected):
        env.open(body.encode(), {**query, "msg_signature": query["signature"]})
    assert env.seal(None, query) == NO_REPLY  # "success" is never encrypted


def test_wrong_app_id_and_garbage_ciphertext() -> None:
    other = WeChatCrypto(TOKEN, AES_KEY, "wxsomeoneelse")
    query = signed()
    cipher = xmltodict.parse(other.encrypt_message(XML, query["nonce"]))["xml"]["Encrypt"]
    body = f"<xml><Encrypt><![CDATA[{cipher}]]></Encrypt></xml>".encode()
    query.update(encrypt_type="aes",
                 msg_signature=url_signature(TOKEN, query["timestamp"], query["nonce"], cipher))
    env = Envelope(TOKEN, AES_KEY, APP_ID)
    with pytest.raises(Rejected):
        env.open(body, query)
    with pytest.raises(Malformed):
        env.open(b"<xml><Encrypt>", query)
    with pytest.raises(Malformed):
        env.open(b"\xff\xfe", {**signed(), "encrypt_type": "aes"})


def test_encrypted_request_without_a_key_is_malformed() -> None:
    with pytest.raises(Malformed):
        Envelope(TOKEN, None, APP_ID).open(b"<xml/>", {**signed(), "encrypt_type": "aes"})


# --- replays and downgrades ---------------------------------------------------------------

NOW = 1_700_000_000


def at(now: float, **kw: object) -> Envelope:
    return Envelope(TOKEN, AES_KEY, APP_ID, clock=lambda: now, **kw)  # type: ignore[arg-type]


def test_a_timestamp_outside_the_window_is_refused_on_both_sides() -> None:
    env = at(NOW, window_seconds=300)
    env.verify(signed(str(NOW - 300)))
    env.verify(signed(str(NOW + 300)))
    with pytest.raises(Rejected, match="window"):
        env.verify(signed(str(NOW - 301)))  # a captured request replayed later
    with pytest.raises(Rejected, match="window"):
        env.verify(signed(str(NOW + 301)))
    with pytest.raises(Rejected):
        env.verify(signed("17e8"))  # signed, but not a time


def test_safe_mode_refuses_a_plaintext_body_even_when_the_url_is_signed() -> None:
    with pytest.raises(Rejected, match="plaintext"):
        at(NOW).open(XML.encode(), signed(str(NOW)))
    assert at(NOW, mode="plaintext").open(XML.encode(), signed(str(NOW))) == XML


def test_a_tampered_ciphertext_is_refused() -> None:
    wechat = WeChatCrypto(TOKEN, AES_KEY, APP_ID)
    query = signed(str(NOW))
    cipher = xmltodict.parse(wechat.encrypt_message(XML, query["nonce"], query["timestamp"]))[
        "xml"]["Encrypt"]
    query.update(encrypt_type="aes",
                 msg_signature=url_signature(TOKEN, query["timestamp"], query["nonce"], cipher))
    flipped = cipher[:10] + ("A" if cipher[10] != "A" else "B") + cipher[11:]
    body = f"<xml><Encrypt><![CDATA[{flipped}]]></Encrypt></xml>".encode()
    with pytest.raises(Rejected):
        at(NOW).open(body, query)
