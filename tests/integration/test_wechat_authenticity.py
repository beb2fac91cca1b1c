"""Captured, stale, downgraded and tampered WeChat requests against the real webhook (AES
safe mode, real PostgreSQL and Redis): none of them may touch a vendor's books."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator

import pytest

from bot.app import Runtime, runtime
from bot.config import ConfigError, load_config
from tests.fakes.wechat_api import WeChatPusher, count_rows, entries_of, webhook, wechat_env

pytestmark = pytest.mark.integration
SALE = "卖给老李5000盆千叶，一共10000元"


@pytest.fixture
async def safe(bot_env: dict[str, str],
               today: dt.date) -> AsyncIterator[tuple[Runtime, WeChatPusher]]:
    config = load_config(env=wechat_env(bot_env, aes=True))
    async with runtime(config, today=today) as rt, webhook(rt, aes=True) as pusher:
        yield rt, pusher


async def test_an_exact_replay_within_the_window_is_a_retry_answered_once(
        safe: tuple[Runtime, WeChatPusher]) -> None:
    rt, p = safe
    card = await p.say("oVic", SALE)
    assert card is not None and "10,000" in card
    query, body = p.signed_query(p.text("oVic", "对"))
    first = await p.post_signed(query, body.encode())
    replay = await p.post_signed(query, body.encode())  # byte for byte, seconds later
    assert first.reply is not None and "已保存" in first.reply
    assert replay.status == 200 and replay.reply == first.reply  # a genuine retry's answer
    assert len(await entries_of(rt, "oVic")) == 1


async def test_a_captured_request_replayed_after_the_window_is_refused(
        safe: tuple[Runtime, WeChatPusher]) -> None:
    rt, p = safe
    window = rt.config.wechat.timestamp_window_seconds
    # Exactly what WeChat sent `window` + 1 seconds ago (fresh MsgId, so dedup cannot help).
    query, body = p.signed_query(p.text("oVic", SALE), timestamp=int(time.time()) - window - 1)
    stale = await p.post_signed(query, body.encode())
    assert (stale.status, stale.reply) == (403, None)
    ahead, body2 = p.signed_query(p.text("oVic", SALE), timestamp=int(time.time()) + window + 5)
    assert (await p.post_signed(ahead, body2.encode())).status == 403
    assert await count_rows(rt, "accounts") == 0


async def test_plaintext_body_in_safe_mode_is_refused(safe: tuple[Runtime, WeChatPusher]) -> None:
    rt, p = safe
    query, _ = p.signed_query("")
    plain = {k: v for k, v in query.items() if k not in ("encrypt_type", "msg_signature")}
    got = await p.post_signed(plain, p.text("oVictim", "撤销").encode())
    assert (got.status, got.reply) == (403, None)
    # Compatible mode: a valid ciphertext beside forged plaintext fields is read by the
    # ciphertext alone.
    query, body = p.signed_query(p.text("oVic", "今天卖了多少"))
    forged = body.replace("</xml>", "<FromUserName>oVictim</FromUserName>"
                          "<MsgType>text</MsgType><Content>撤销</Content><MsgId>1</MsgId></xml>")
    got = await p.post_signed(query, forged.encode())
    assert got.status == 200 and got.reply is not None and "撤销" not in got.reply
    assert await entries_of(rt, "oVictim") == []


async def test_body_tampered_under_a_valid_signature_is_refused(
        safe: tuple[Runtime, WeChatPusher]) -> None:
    rt, p = safe
    query, body = p.signed_query(p.text("oVic", SALE))
    _, other = p.signed_query(p.text("oVictim", "对"))  # someone else's ciphertext
    got = await p.post_signed(query, other.encode())
    assert (got.status, got.reply) == (403, None)
    start = body.index("<Encrypt><![CDATA[") + len("<Encrypt><![CDATA[")
    flipped = body[:start + 5] + ("A" if body[start + 5] != "A" else "B") + body[start + 6:]
    assert (await p.post_signed(query, flipped.encode())).status == 403
    assert await count_rows(rt, "accounts") == 0


def test_safe_mode_without_a_key_and_short_dedup_fail_at_start(bot_env: dict[str, str]) -> None:
    env = wechat_env(bot_env, aes=True)
    with pytest.raises(ConfigError, match="ENCODING_AES_KEY"):
        load_config(env={k: v for k, v in env.items()
                         if k != "LEDGERBOT_WECHAT__ENCODING_AES_KEY"})
    with pytest.raises(ConfigError, match="dedup_ttl_seconds"):
        load_config(env=env | {"LEDGERBOT_DIALOGUE__DEDUP_TTL_SECONDS": "600"})


async def test_plaintext_mode_is_only_by_choice_and_warned(
        bot_env: dict[str, str], today: dt.date, caplog: pytest.LogCaptureFixture) -> None:
    config = load_config(env=wechat_env(bot_env, aes=False))
    assert config.wechat.mode == "plaintext"
    async with runtime(config, today=today) as rt, webhook(rt) as p:
        assert any("NOT signed" in r.getMessage() for r in caplog.records)
        assert await p.say("oPlain", "今天卖了多少") is not None
