"""Which chart a message asks for: chart words, then the question left without them."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.charts import asked, wants_chart
from handlers.commands import command_name, is_command

TODAY = dt.date(2026, 12, 20)
MONTH = (dt.date(2026, 12, 1), TODAY)
LAST_MONTH = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


@pytest.mark.parametrize(
    ("text", "metric", "period", "step"),
    [
        ("这个月每天卖了多少 画个图", "income", MONTH, "day"),
        ("画个图", "income", MONTH, None),
        ("看看图", "income", MONTH, None),
        ("/chart", "income", MONTH, None),
        ("/chart@ledger_bot 上个月", "income", LAST_MONTH, None),
        ("上个月 画个图", "income", LAST_MONTH, None),
        ("给我画个图看看上个月卖了多少", "income", LAST_MONTH, None),
        ("最近7天的收入画个柱状图", "income", (dt.date(2026, 12, 14), TODAY), None),
        ("今年每个月卖了多少 画图", "income", (dt.date(2026, 1, 1), TODAY), "month"),
        ("这周花了多少 出个图", "expense", (dt.date(2026, 12, 14), TODAY), None),
        ("画张图看看这个月净赚", "net", MONTH, None),
        ("这个月损耗多少，做个图", "loss", MONTH, None),
        ("这个月哪个品种卖得最多 画个图", "top_products", MONTH, None),
        ("这个月哪个客户买得最多 来个图", "top_customers", MONTH, None),
        ("/chart 谁欠我最多", "receivable", (None, TODAY), None),
        ("谁欠我最多，画个图看看", "receivable", (None, TODAY), None),
        ("我欠谁最多 画个图", "payable", (None, TODAY), None),
    ],
)
def test_a_chart_request_reads_as_its_question(
    text: str, metric: str, period: tuple[dt.date | None, dt.date], step: str | None
) -> None:
    assert wants_chart(text) and is_command(text) and command_name(text) == "chart"
    found = asked(text, TODAY)
    assert found is not None, text
    q, got_step = found
    assert (q.metric, (q.start, q.end), got_step) == (metric, period, step)


def test_a_counterparty_in_the_request_filters_the_chart() -> None:
    found = asked("老李这个月每天买了多少 画个图", TODAY)
    assert found is not None
    assert (found[0].metric, found[0].users, found[1]) == ("income", ["老李"], "day")


@pytest.mark.parametrize("text", ["外面还有几个筐 画个图", "跟老李对一下账 画个图"])
def test_what_cannot_be_drawn_is_said(text: str) -> None:
    assert wants_chart(text) and asked(text, TODAY) is None


@pytest.mark.parametrize(
    "text",
    ["卖给老李图钉5盒，一共50", "今天卖了多少", "买了一张地图十块", "图书卖了三本", "老李画了押"],
)
def test_words_with_图_are_no_chart_request(text: str) -> None:
    assert not wants_chart(text) and command_name(text) is None
