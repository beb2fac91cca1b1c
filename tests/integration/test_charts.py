"""Charts from the books: the figures per day against SQL written here, the chart replies
through the dispatcher, and the picture delivered on each channel through the API
stand-ins (Telegram sendPhoto; WeChat media/upload + 客服消息 image)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import sys
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from bot import charts
from bot.app import Runtime, runtime
from bot.config import Config, load_config
from bot.console import console_message
from bot.wechat import attachments
from bot.wechat.attachments import NO_PICTURE
from bot.wechat.render import NO_IMAGES
from handlers.messages import Chart, Reply
from ledger import Entry, EntryType
from storage.accounts import AccountRepository
from storage.reports import Filters, ReportRepository
from tests.fakes.telegram_api import FakeBotApi, WebhookDriver, webhook_bot
from tests.fakes.wechat_api import FakeWeChatApi, WeChatPusher, webhook, wechat_env
from tests.integration import books
from tests.unit.test_chart_png import png_size

pytestmark = pytest.mark.integration
D = Decimal
WX_TODAY = dt.date(2026, 12, 15)  # mid-month: 这个月 has days before the sale
# Written out here from GUIDE's meanings, not taken from ledger's sign maps.
INCOME_SQL = ("CASE type WHEN 'income' THEN amount WHEN 'credit' THEN amount"
              " WHEN 'refund' THEN -amount ELSE 0 END")
EXPENSE_SQL = "CASE type WHEN 'expense' THEN amount WHEN 'payable' THEN amount ELSE 0 END"
BY_METRIC = {"income": INCOME_SQL, "expense": EXPENSE_SQL,
             "net": f"({INCOME_SQL}) - ({EXPENSE_SQL})"}
TYPES = {"income": "('income', 'credit', 'refund')", "expense": "('expense', 'payable')",
         "net": "('income', 'credit', 'refund', 'expense', 'payable')"}


async def per_day(s: AsyncSession, account: int, metric: str, start: dt.date,
                  end: dt.date) -> dict[dt.date, Decimal]:
    sql = (f"SELECT transaction_date, COALESCE(SUM({BY_METRIC[metric]}), 0) FROM transactions"
           f" WHERE account_id = :a AND status = 'active' AND type IN {TYPES[metric]}"
           " AND transaction_date BETWEEN :s AND :e GROUP BY transaction_date")
    rows = await s.execute(text(sql), {"a": account, "s": start, "e": end})
    return {day: total for day, total in rows}


@pytest.mark.parametrize("metric", ["income", "expense", "net"])
async def test_money_per_day_and_month_agree_with_independent_sql(
        session: AsyncSession, metric: str) -> None:
    account = await books.generated(session, seed=14, n=400)
    start, end = books.FIRST, books.TODAY
    expected = await per_day(session, account, metric, start, end)
    assert len(expected) > 30  # most days of the period have entries
    reports = ReportRepository(session)
    f = Filters(account_id=account, start=start, end=end)
    assert dict(await reports.by_day(metric, f)) == expected
    months: dict[dt.date, Decimal] = defaultdict(Decimal)
    for day, v in expected.items():
        months[day.replace(day=1)] += v
    assert dict(await reports.by_day(metric, f, "month")) == months
    # One counterparty: only entries naming them.
    who = Filters(account_id=account, start=start, end=end, users=["老李"])
    named = await session.execute(text(
        f"SELECT transaction_date, SUM({BY_METRIC[metric]}) FROM transactions WHERE"
        f" account_id = :a AND status = 'active' AND type IN {TYPES[metric]} AND"
        " '老李' = ANY(users) GROUP BY 1"), {"a": account})
    assert dict(await reports.by_day(metric, who)) == {d: v for d, v in named}


@contextlib.asynccontextmanager
async def console_bot(config: Config, today: dt.date) -> AsyncIterator[Callable[..., Any]]:
    async with runtime(config, today=today) as rt:
        async def say(text: str) -> list[Reply]:
            return await rt.dispatcher.handle(console_message("alice", text))

        yield say


async def test_a_month_per_day_chart_shows_every_day_of_the_books(
        config: Config, pg_url: str, session: AsyncSession) -> None:
    account = await books.generated(session, seed=3, n=300)
    november = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    expected = await per_day(session, account, "income", *november)
    async with console_bot(config, books.TODAY) as say:
        [reply] = await say("上个月每天卖了多少 画个图")
    chart = reply.chart
    assert chart is not None and chart.kind == "days"
    assert chart.labels == tuple(f"11/{d}" for d in range(1, 31))
    days = [november[0] + dt.timedelta(days=i) for i in range(30)]
    assert chart.values == tuple(expected.get(d, D(0)) for d in days)
    total = sum(expected.values(), D(0))
    assert f"合计 ¥{total:,.2f}".replace(".00", "") in reply.text
    nonzero = [v for v in chart.values if v]
    assert len(chart.fallback_text.splitlines()) == len(nonzero)


async def _owing_books(config: Config) -> None:
    async with runtime(config, today=books.TODAY) as rt, rt.sessions.begin() as s:
        day = books.TODAY
        await books.save(s, [
            Entry(type=EntryType.CREDIT, users=("老李",), amount=D(700), paid=D(0), date=day),
            Entry(type=EntryType.CREDIT, users=("超市周经理",), amount=D(300), paid=D(100),
                  date=day),
            Entry(type=EntryType.CREDIT, users=("老赵",), amount=D(50), paid=D(0), date=day),
            Entry(type=EntryType.SETTLE, users=("老赵",), amount=D(50), date=day),
            Entry(type=EntryType.SETTLE, users=("阿香",), amount=D(30), date=day),  # overpaid
        ])


async def test_who_owes_most_is_drawn_largest_first_without_the_settled_or_overpaid(
        config: Config) -> None:
    await _owing_books(config)
    async with console_bot(config, books.TODAY) as say:
        [reply] = await say("谁欠我最多 画个图")
    assert reply.chart is not None and reply.chart.kind == "ranking"
    assert list(zip(reply.chart.labels, reply.chart.values, strict=True)) == [
        ("老李", D(700)), ("超市周经理", D(200))]
    assert "老李" in reply.chart.fallback_text and "¥700" in reply.chart.fallback_text
    png = await charts.draw(reply.chart)
    assert png is not None and png_size(png) == (960, 540)


async def test_nothing_to_draw_and_undrawable_questions_are_said(config: Config) -> None:
    async with console_bot(config, books.TODAY) as say:
        [empty] = await say("这个月每天卖了多少 画个图")
        [crates] = await say("外面还有几个筐 画个图")
    assert empty.chart is None and "没有收入记录" in empty.text
    assert crates.chart is None and "画不了图" in crates.text


# --- Telegram: sendPhoto through the Bot API stand-in ----------------------------------------


async def _credit_on_telegram(bot: WebhookDriver) -> None:
    card = [c for c in await bot.say(1001, "老李赊了30盆千叶，每盆10块") if c.buttons][-1]
    save = next(b["callback_data"] for b in card.buttons if b["text"].startswith("✅"))
    await bot.press(1001, card, save)


async def test_telegram_sends_the_chart_as_a_photo(tg_config: Config, api: FakeBotApi) -> None:
    async with webhook_bot(tg_config, books.TODAY, api) as bot:
        await _credit_on_telegram(bot)
        calls = await bot.say(1001, "谁欠我最多 画个图")
    (photo,) = [c for c in calls if c.method == "sendPhoto"]
    assert photo.chat_id == "1001" and photo.params["caption"].startswith("谁欠我最多")
    assert png_size(photo.files["photo"]) == (960, 540)
    assert [c.method for c in calls] == ["sendPhoto"]  # the caption carries the text


async def test_telegram_says_the_figures_when_no_picture_can_be_drawn(
        tg_config: Config, api: FakeBotApi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)  # the font is not installed
    monkeypatch.setattr(charts, "_ready", False)
    async with webhook_bot(tg_config, books.TODAY, api) as bot:
        await _credit_on_telegram(bot)
        calls = await bot.say(1001, "谁欠我最多 画个图")
    assert [c.method for c in calls] == ["sendMessage"]
    assert "谁欠我最多" in calls[0].text and "老李" in calls[0].text and "¥300" in calls[0].text


# --- WeChat: the text at once, the image by 客服消息 after it --------------------------------


@contextlib.asynccontextmanager
async def wechat_bot(bot_env: dict[str, str], api: FakeWeChatApi,
                     **wechat: Any) -> AsyncIterator[tuple[Runtime, WeChatPusher]]:
    config = load_config(env=wechat_env(bot_env, api=api, **wechat))
    async with runtime(config, today=WX_TODAY) as rt, webhook(rt) as pusher:
        yield rt, pusher


async def _sell(p: WeChatPusher, openid: str) -> None:
    assert "请确认" in (await p.say(openid, "卖给老李5000盆千叶，一共10000元") or "")
    assert "已保存" in (await p.say(openid, "对") or "")


async def wait_until(check: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not reached in time"
        await asyncio.sleep(0.05)


async def test_wechat_answers_in_words_then_sends_the_chart_as_an_image(
        bot_env: dict[str, str], fake_api: FakeWeChatApi) -> None:
    async with wechat_bot(bot_env, fake_api, customer_service=True) as (_, p):
        await _sell(p, "oChart")
        said = await p.say("oChart", "这个月每天卖了多少 画个图")
        assert said is not None and "每天的收入：合计 ¥10,000" in said
        assert NO_IMAGES not in said and "· 12/15" not in said  # the picture says the days
        await wait_until(lambda: len(fake_api.images_to("oChart")) == 1)
    (upload,) = fake_api.uploads
    assert (upload.type, upload.content_type) == ("image", "image/png")
    assert upload.filename.endswith(".png") and png_size(upload.content) == (960, 540)
    assert fake_api.images_to("oChart") == [upload.content]


async def test_wechat_without_customer_service_says_the_figures(
        bot_env: dict[str, str], fake_api: FakeWeChatApi) -> None:
    async with wechat_bot(bot_env, fake_api, customer_service=False) as (_, p):
        await _sell(p, "oWords")
        said = await p.say("oWords", "这个月每天卖了多少 画个图")
    assert said is not None and "· 12/15 ¥10,000" in said and NO_IMAGES in said
    assert fake_api.uploads == [] and fake_api.sent == []


async def test_a_refused_image_is_followed_by_its_figures(
        bot_env: dict[str, str], fake_api: FakeWeChatApi) -> None:
    async with wechat_bot(bot_env, fake_api, customer_service=True) as (_, p):
        await _sell(p, "oQuota")
        fake_api.send_errors.append(45047)  # the image: over the 客服消息 quota
        await p.say("oQuota", "这个月每天卖了多少 画个图")
        await wait_until(lambda: bool(fake_api.texts_to("oQuota")))
    [late] = fake_api.texts_to("oQuota")
    assert late.startswith(NO_PICTURE) and "· 12/15 ¥10,000" in late
    assert fake_api.images_to("oQuota") == []


async def test_a_chart_that_cannot_be_drawn_is_followed_by_its_figures(
        bot_env: dict[str, str], fake_api: FakeWeChatApi,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)  # the font is not installed
    monkeypatch.setattr(charts, "_ready", False)
    async with wechat_bot(bot_env, fake_api, customer_service=True) as (_, p):
        await _sell(p, "oNoFont")
        await p.say("oNoFont", "这个月每天卖了多少 画个图")
        await wait_until(lambda: bool(fake_api.texts_to("oNoFont")))
    [late] = fake_api.texts_to("oNoFont")
    assert late.startswith(NO_PICTURE) and "· 12/15 ¥10,000" in late
    assert fake_api.uploads == []


@pytest.mark.slow
async def test_slow_drawing_stays_off_the_five_second_reply(
        bot_env: dict[str, str], fake_api: FakeWeChatApi,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A first chart in a fresh worker imports matplotlib (seconds on a busy machine):
    drawing 6 s must not delay the passive reply."""
    real = attachments.draw

    async def slow_draw(chart: Chart) -> bytes | None:
        await asyncio.sleep(6)
        return await real(chart)

    monkeypatch.setattr(attachments, "draw", slow_draw)
    async with wechat_bot(bot_env, fake_api, customer_service=True) as (_, p):
        await _sell(p, "oSlow")
        started = time.monotonic()
        said = await p.say("oSlow", "这个月每天卖了多少 画个图")
        assert time.monotonic() - started < 4.0
        assert said is not None and "合计 ¥10,000" in said
        assert fake_api.uploads == []
        await wait_until(lambda: len(fake_api.images_to("oSlow")) == 1)
    assert time.monotonic() - started >= 6


async def test_the_chart_reply_is_for_the_account_that_asked(
        bot_env: dict[str, str], fake_api: FakeWeChatApi) -> None:
    async with wechat_bot(bot_env, fake_api, customer_service=True) as (rt, p):
        await _sell(p, "oMine")
        said = await p.say("oOther", "这个月每天卖了多少 画个图")
        async with rt.sessions() as s:
            assert await AccountRepository(s).find("wechat", "oOther") is not None
    assert said is not None and "没有收入记录" in said
    assert fake_api.uploads == []
