"""The WeChat webhook end to end: this test plays WeChat's server against the bot's ASGI app
(real PostgreSQL and Redis), in plaintext and in AES safe mode."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator

import pytest

from bot.app import Runtime, runtime
from bot.config import load_config
from bot.wechat import texts
from tests.fakes.wechat_api import (
    TOKEN,
    WeChatPusher,
    count_rows,
    entries_of,
    url_signature,
    webhook,
    wechat_env,
)

pytestmark = pytest.mark.integration
SALE = "卖给老李5000盆千叶，一共10000元"


@pytest.fixture(params=["plain", "aes"])
async def wx(request: pytest.FixtureRequest, bot_env: dict[str, str],
             today: dt.date) -> AsyncIterator[tuple[Runtime, WeChatPusher]]:
    aes = request.param == "aes"
    config = load_config(env=wechat_env(bot_env, aes=aes))
    async with runtime(config, today=today) as rt, webhook(rt, aes=aes) as pusher:
        yield rt, pusher


async def test_url_verification_echoes_only_when_signed(wx: tuple[Runtime, WeChatPusher]) -> None:
    _, p = wx
    ts, nonce = str(int(time.time())), "abc"
    good = {"signature": url_signature(TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce,
            "echostr": "5837397420412326"}
    resp = await p.client.get("/wechat", params=good)
    assert (resp.status_code, resp.text) == (200, "5837397420412326")
    resp = await p.client.get("/wechat", params={**good, "signature": "0" * 40})
    assert resp.status_code == 403 and "5837" not in resp.text
    # A verification request captured yesterday signs nothing today.
    old = str(int(time.time()) - 86400)
    resp = await p.client.get("/wechat", params={**good, "timestamp": old,
                                                 "signature": url_signature(TOKEN, old, nonce)})
    assert resp.status_code == 403


async def test_text_gets_a_card_and_confirm_saves(wx: tuple[Runtime, WeChatPusher]) -> None:
    rt, p = wx
    card = await p.say("oAlice", SALE)
    assert card is not None and "10,000" in card
    assert card.rstrip().endswith("回复 对 保存 / 直接说要改的 / 取消")
    assert "「对」" not in card  # the card's own answer line is replaced, not repeated
    saved = await p.say("oAlice", "对")
    assert saved is not None and "已保存" in saved
    entries = await entries_of(rt, "oAlice")
    assert [(e["type"], e["users"], e["amount"]) for e in entries] == [("income", ["老李"], 10000)]


async def test_three_deliveries_of_one_msg_id_save_one_entry(
        wx: tuple[Runtime, WeChatPusher]) -> None:
    rt, p = wx
    record = p.text("oBob", SALE)
    first = [await p.push(record) for _ in range(3)]
    assert first[0].reply and all(r.reply == first[0].reply for r in first)
    confirm = p.text("oBob", "对")
    answers = await asyncio.gather(*(p.push(confirm) for _ in range(3)))  # concurrent retries
    assert {a.status for a in answers} == {200}
    assert all(a.reply and "已保存" in a.reply for a in answers)
    assert len(await entries_of(rt, "oBob")) == 1
    assert await count_rows(rt, "transactions") == 1


async def test_unknown_openid_gets_an_account_on_first_contact(
        wx: tuple[Runtime, WeChatPusher]) -> None:
    rt, p = wx
    assert await count_rows(rt, "identities") == 0
    await p.say("oNewcomer", "今天卖了多少")
    assert await count_rows(rt, "identities") == 1


async def test_subscribe_is_welcomed_with_two_examples(wx: tuple[Runtime, WeChatPusher]) -> None:
    _, p = wx
    got = await p.push(p.event("oFan", "subscribe"))
    assert got.reply == texts.WELCOME and got.reply.count("· ") == 2
    nothing = await p.push(p.event("oFan", "unsubscribe"))
    assert (nothing.status, nothing.body, nothing.reply) == (200, "success", None)


async def test_other_message_types_get_a_polite_hint(wx: tuple[Runtime, WeChatPusher]) -> None:
    rt, p = wx
    got = await p.push(p.image("oPic"))
    assert got.reply == texts.TEXT_OR_VOICE
    assert await count_rows(rt, "accounts") == 0


async def test_bad_input_is_refused_cleanly_and_nothing_is_processed(
        wx: tuple[Runtime, WeChatPusher]) -> None:
    rt, p = wx
    forged = await p.push(p.text("oEve", SALE), bad_signature=True)
    assert forged.status == 403 and forged.reply is None
    broken = await p.push("<xml><ToUserName>gh</ToUserName><MsgType>text")
    assert broken.status == 400
    not_wechat = await p.push("<html>hello</html>")
    assert not_wechat.status == 400
    huge = await p.push(p.text("oEve", "卖" * 40_000))
    assert huge.status == 413
    assert await count_rows(rt, "accounts") == 0
    assert await count_rows(rt, "transactions") == 0
    keys = [k async for k in rt.redis.scan_iter(f"{rt.config.storage.redis_prefix}:wechat:*")]
    assert keys == []


async def test_forged_ciphertext_is_refused(bot_env: dict[str, str], today: dt.date) -> None:
    config = load_config(env=wechat_env(bot_env, aes=True))
    async with runtime(config, today=today) as rt, webhook(rt, aes=True) as p:
        query, body = p.signed_query(p.text("oEve", SALE))
        query["msg_signature"] = "0" * 40  # URL signature fine, ciphertext signature not
        resp = await p.client.post("/wechat", params=query, content=body.encode())
        assert resp.status_code == 403
        assert await count_rows(rt, "accounts") == 0
