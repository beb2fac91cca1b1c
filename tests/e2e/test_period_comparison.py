"""环比 in period answers, on generated books, checked against SQL written here: the
previous period of 今天 is 昨天, of 这周 last week (Monday to Sunday), of 本月 last month."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import text

from bot.app import Runtime
from tests.e2e.chat import Chat
from tests.integration import books

pytestmark = pytest.mark.integration

TODAY = dt.date(2026, 11, 20)  # a Friday, inside the generated books (October–December)
SIGNED = {
    "income": "CASE type WHEN 'income' THEN amount WHEN 'credit' THEN amount"
              " WHEN 'refund' THEN -amount END",
    "expense": "CASE WHEN type IN ('expense', 'payable') THEN amount END",
    "loss": "CASE WHEN type = 'loss' THEN amount END",
}
SIGNED["net"] = f"COALESCE({SIGNED['income']}, 0) - COALESCE({SIGNED['expense']}, 0)"
# question → (metric, this period, previous period, how the previous one is named)
MONDAY = dt.date(2026, 11, 16)
ASKED = {
    "今天卖了多少": ("income", (TODAY, TODAY), (TODAY - dt.timedelta(1),) * 2, "昨天"),
    "这周卖了多少": ("income", (MONDAY, TODAY), (dt.date(2026, 11, 9), dt.date(2026, 11, 15)),
                    "上周"),
    "本月卖了多少": ("income", (dt.date(2026, 11, 1), TODAY),
                    (dt.date(2026, 10, 1), dt.date(2026, 10, 31)), "上月"),
    "这个月花了多少": ("expense", (dt.date(2026, 11, 1), TODAY),
                      (dt.date(2026, 10, 1), dt.date(2026, 10, 31)), "上月"),
    "这个月赚了多少": ("net", (dt.date(2026, 11, 1), TODAY),
                      (dt.date(2026, 10, 1), dt.date(2026, 10, 31)), "上月"),
    "这周进货花了多少": ("expense", (MONDAY, TODAY),
                        (dt.date(2026, 11, 9), dt.date(2026, 11, 15)), "上周"),
    "本月损耗多少": ("loss", (dt.date(2026, 11, 1), TODAY),
                    (dt.date(2026, 10, 1), dt.date(2026, 10, 31)), "上月"),
}
MONEY = r"¥([\d,]+(?:\.\d+)?)"
CHANGE = re.compile(rf"比(\S+?)(多|少) {MONEY}（([+-]?[\d.]+)%）。")


@pytest.fixture
def today() -> dt.date:
    return TODAY


async def _total(rt: Runtime, account: int, metric: str, period: tuple[dt.date, ...]) -> Decimal:
    sql = (f"SELECT COALESCE(SUM({SIGNED[metric]}), 0) FROM transactions WHERE account_id = :a"
           " AND status = 'active' AND transaction_date BETWEEN :s AND :e")
    async with rt.sessions() as s:
        params = {"a": account, "s": period[0], "e": period[1]}
        return Decimal((await s.execute(text(sql), params)).scalar_one())


@pytest.mark.parametrize("seed", [5, 6])
async def test_period_answers_compare_with_the_period_before(rt: Runtime, seed: int) -> None:
    async with rt.sessions() as s:
        account = await books.generated(s, seed, n=400)
    chat = Chat(rt)
    compared = 0
    for question, (metric, this_period, last_period, label) in ASKED.items():
        reply = await chat.say(question)
        this = await _total(rt, account, metric, this_period)
        last = await _total(rt, account, metric, last_period)
        if this == 0 and "没有" in reply:
            assert "比" not in reply and "环比" not in reply  # nothing this period, nothing said
            continue
        if last == 0:
            assert f"{label}为零，没法算环比" in reply, (question, reply)
            continue
        if this == last:
            assert f"和{label}一样" in reply
            continue
        m = CHANGE.search(reply)
        assert m is not None, (question, reply)
        said_label, way, diff, pct = m.groups()
        assert said_label == label
        assert way == ("多" if this > last else "少")
        assert Decimal(diff.replace(",", "")) == abs(this - last)
        expected = ((this - last) * 100 / abs(last)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        assert Decimal(pct) == expected, (question, reply)
        compared += 1
    assert compared >= 5  # the books are dense enough that most periods have a last


async def test_a_period_that_is_no_day_week_or_month_is_not_compared(rt: Runtime) -> None:
    async with rt.sessions() as s:
        await books.generated(s, 7, n=200)
    reply = await Chat(rt).say("11月3号到11月12号卖了多少")
    assert "收入" in reply and "环比" not in reply and "比" not in reply


async def test_balances_are_not_compared(rt: Runtime) -> None:
    async with rt.sessions() as s:
        await books.generated(s, 8, n=200)
    reply = await Chat(rt).say("老李还欠多少")
    assert "环比" not in reply and "上月" not in reply
