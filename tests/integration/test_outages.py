"""Redis or PostgreSQL down, restarted or blackholed, through a TCP proxy we control in
front of the real servers: every WeChat message still gets a Chinese passive reply within
WeChat's 5 s that says nothing was saved, and nothing is saved; the first message after a
restart works; /healthz stays 200 while /readyz names what is down."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy.engine import make_url

from bot.app import Runtime, runtime
from bot.config import load_config
from bot.telegram.updates import OUTAGE
from handlers.dispatch import GENERIC_ERROR
from tests.fakes.tcp_proxy import TcpProxy
from tests.fakes.telegram_api import FakeBotApi, telegram_env, webhook_bot
from tests.fakes.wechat_api import WeChatPusher, count_rows, entries_of, webhook, wechat_env
from tests.integration.test_telegram_webhook import button, card_of

pytestmark = pytest.mark.integration
SALE = "卖给老李5000盆千叶，一共10000元"
WECHAT_TIMEOUT = 5.0


@dataclass
class Rig:
    rt: Runtime
    wx: WeChatPusher
    pg: TcpProxy
    redis: TcpProxy


@contextlib.contextmanager
def proxies(pg_url: str, redis_url: str) -> Iterator[tuple[TcpProxy, TcpProxy, str, str]]:
    """Proxies in front of both servers, and the URLs that reach them through the proxies."""
    pg_u = make_url(pg_url)
    socket_dir = pg_u.query.get("host")
    if isinstance(socket_dir, str) and socket_dir.startswith("/"):
        # The embedded PostgreSQL listens on a unix socket only: proxy that socket, and
        # reach the proxy over TCP.
        (socket,) = (p for p in Path(socket_dir).glob(".s.PGSQL.*") if p.suffix != ".lock")
        pg_proxy = TcpProxy(unix=str(socket))
        pg_u = pg_u.difference_update_query(["host"])
    else:
        pg_proxy = TcpProxy(pg_u.host or "127.0.0.1", pg_u.port or 5432)
    redis_u = urlsplit(redis_url)
    rd_proxy = (TcpProxy(unix=redis_u.path) if redis_u.scheme == "unix"
                else TcpProxy(redis_u.hostname or "127.0.0.1", redis_u.port or 6379))
    with pg_proxy as pg, rd_proxy as rd:
        pg_via = pg_u.set(host="127.0.0.1", port=pg.port).render_as_string(hide_password=False)
        db = redis_u.path.lstrip("/") if redis_u.scheme != "unix" else "0"
        yield pg, rd, pg_via, f"redis://127.0.0.1:{rd.port}/{db or 0}"


@contextlib.asynccontextmanager
async def rigged(bot_env: dict[str, str], pg_url: str, redis_url: str, today: dt.date,
                 **storage: str) -> AsyncIterator[Rig]:
    with proxies(pg_url, redis_url) as (pg, rd, pg_via, rd_via):
        env = wechat_env(bot_env, aes=True) | {"DATABASE_URL": pg_via, "REDIS_URL": rd_via}
        env |= {f"LEDGERBOT_STORAGE__{k.upper()}": v for k, v in storage.items()}
        async with runtime(load_config(env=env), today=today) as rt, \
                webhook(rt, aes=True) as wx:
            yield Rig(rt, wx, pg, rd)


@pytest.fixture
async def rig(bot_env: dict[str, str], pg_url: str, redis_url: str,
              today: dt.date) -> AsyncIterator[Rig]:
    async with rigged(bot_env, pg_url, redis_url, today) as r:
        yield r


@pytest.fixture
async def tight(bot_env: dict[str, str], pg_url: str, redis_url: str,
                today: dt.date) -> AsyncIterator[Rig]:
    """Short database limits, so the test need not wait out the defaults (3.5 s)."""
    async with rigged(bot_env, pg_url, redis_url, today, statement_timeout_ms="1000",
                      connect_timeout_seconds="1", db_deadline_seconds="2") as r:
        yield r


async def timed_say(wx: WeChatPusher, openid: str, text: str) -> tuple[float, int, str | None]:
    started = time.monotonic()
    got = await wx.push(wx.text(openid, text), wait=WECHAT_TIMEOUT)
    return time.monotonic() - started, got.status, got.reply


async def test_redis_down_is_answered_in_time_and_nothing_is_saved(rig: Rig) -> None:
    rig.redis.refuse()
    took, status, reply = await timed_say(rig.wx, "oAlice", SALE)
    assert (status, reply) == (200, GENERIC_ERROR) and "没有记账" in GENERIC_ERROR
    assert took < WECHAT_TIMEOUT
    assert await count_rows(rig.rt, "transactions") == 0
    ready = await rig.wx.client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["checks"]["redis"].startswith("down")
    assert ready.json()["checks"]["postgresql"] == "ok"
    assert (await rig.wx.client.get("/healthz")).status_code == 200


async def test_the_first_message_after_a_redis_restart_works(rig: Rig) -> None:
    assert "10,000" in (await rig.wx.say("oAlice", SALE) or "")
    rig.redis.refuse()  # every pooled connection dies, as in a restart
    rig.redis.restore()
    saved = await rig.wx.say("oAlice", "对")
    assert saved is not None and "已保存" in saved
    assert len(await entries_of(rig.rt, "oAlice")) == 1


async def test_postgresql_down_is_answered_in_time_and_readyz_says_so(rig: Rig) -> None:
    assert "10,000" in (await rig.wx.say("oBob", SALE) or "")
    rig.pg.refuse()
    took, status, reply = await timed_say(rig.wx, "oBob", "对")
    assert (status, reply) == (200, GENERIC_ERROR) and took < WECHAT_TIMEOUT
    ready = await rig.wx.client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["checks"]["postgresql"] != "ok"
    assert (await rig.wx.client.get("/healthz")).status_code == 200
    rig.pg.restore()  # a restart: pooled connections are dead, pre-ping replaces them
    saved = await rig.wx.say("oBob", "对")  # the draft survived the failed turn
    assert saved is not None and "已保存" in saved
    assert len(await entries_of(rig.rt, "oBob")) == 1
    assert (await rig.wx.client.get("/readyz")).status_code == 200


async def test_a_blackholed_postgresql_fails_every_vendor_fast_instead_of_stalling(
        tight: Rig) -> None:
    rig = tight
    for who in ("oCat", "oDan", "oEve"):  # pooled connections exist, then go silent
        assert await rig.wx.say(who, "今天卖了多少") is not None
    rig.pg.blackhole()
    results = await asyncio.gather(*(timed_say(rig.wx, f"o{i}", SALE) for i in range(6)))
    for took, status, reply in results:
        assert (status, reply) == (200, GENERIC_ERROR)
        assert took < WECHAT_TIMEOUT
    started = time.monotonic()
    ready = await rig.wx.client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["checks"]["postgresql"] == "timeout"
    assert time.monotonic() - started < 3
    rig.pg.restore()
    assert "10,000" in (await rig.wx.say("oCat", SALE) or "")


async def test_a_blackholed_postgresql_is_answered_in_time_with_the_defaults(
        rig: Rig) -> None:
    assert await rig.wx.say("oGus", "今天卖了多少") is not None
    rig.pg.blackhole()
    took, status, reply = await timed_say(rig.wx, "oGus", SALE)
    assert (status, reply) == (200, GENERIC_ERROR) and took < WECHAT_TIMEOUT
    rig.pg.restore()


async def test_a_blackholed_redis_is_answered_in_time(rig: Rig) -> None:
    assert await rig.wx.say("oFay", "今天卖了多少") is not None
    rig.redis.blackhole()
    took, status, reply = await timed_say(rig.wx, "oFay", SALE)
    assert (status, reply) == (200, GENERIC_ERROR) and took < WECHAT_TIMEOUT
    rig.redis.restore()
    assert "10,000" in (await rig.wx.say("oFay", SALE) or "")


async def test_telegram_with_redis_down_is_told_nothing_was_saved(
        bot_env: dict[str, str], pg_url: str, redis_url: str, today: dt.date,
        api: FakeBotApi) -> None:
    with proxies(pg_url, redis_url) as (_, rd, pg_via, rd_via):
        env = telegram_env(bot_env, api) | {"DATABASE_URL": pg_via, "REDIS_URL": rd_via}
        async with webhook_bot(load_config(env=env), today, api) as bot:
            card = card_of(await bot.say(1001, SALE))
            rd.refuse()
            calls = await bot.say(1001, SALE)  # the webhook still answers 200
            assert [c.text for c in calls if c.method == "sendMessage"] == [GENERIC_ERROR]
            pressed = await bot.press(1001, card, button(card, "✅"))
            toasts = [c.params.get("text") for c in pressed if c.method == "answerCallbackQuery"]
            assert toasts == [OUTAGE]
            assert await count_rows(bot.rt, "transactions") == 0
