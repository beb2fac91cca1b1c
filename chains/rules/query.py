"""Questions about the books (GUIDE "Queries"): metric, period, people and product."""

from __future__ import annotations

import datetime as dt
import re

from chains.rules.analysis import mark_days, protect_words
from chains.rules.dates import Found, find_period
from chains.rules.lexicon import CONTAINERS
from chains.rules.message import GOODS as GOODS_LABEL
from chains.rules.message import Message
from chains.rules.names import backward_name, forward_name
from chains.rules.people import find_people
from chains.rules.tokens import scan
from chains.schemas import Intent, Parse, Query
from ledger import Metric

_QUESTION_RE = re.compile(
    r"多少|(?<![好十百千万])几(?:[笔条单个次天块万千百斤箱盆扎枝袋株只件把]|公斤)|哪|谁|吗|？|\?|列出|列一下|看看|看一下|看下|明细|流水"
    r"|记录|查|统计|清单|账单|发我|发给我|还是亏|赚了还是|咋样|怎样|如何|报表|汇总|算一下|算算|对账|几$"
)
_CONTAINER_RE = "|".join(sorted(CONTAINERS, key=len, reverse=True))
# Words asking what is still out with customers (还有多少筐, 手上有我几个桶).
_OUTSTANDING = r"还有|外面|没回来|没还|还剩|手上|手里|借|欠|多少个|几个"
_METRICS: tuple[tuple[Metric, re.Pattern[str]], ...] = (
    ("containers", re.compile(
        r"(?:" + _CONTAINER_RE + r"|箱).*(?:" + _OUTSTANDING + r"|在.{0,4}那|收回|剩)"
        r"|(?:" + _OUTSTANDING + r").*(?:" + _CONTAINER_RE + r")"
    )),
    ("count", re.compile(r"几笔|几条|几单|几次|多少笔|多少条|多少单|多少次|笔数|单数")),
    ("receivable", re.compile(r"欠|应收|没结|未结|没收回|没收|还差|没还|赊|没给")),
    ("list", re.compile(r"明细|流水|列出|列一下|列个|清单|记录|哪些|哪几|都记了|账单")),
    ("net", re.compile(r"赚|挣|利润|净|盈利|亏|除去成本|扣掉|毛利|纯收入")),
    ("expense", re.compile(r"花|支出|付出|开销|花销|成本|进货|采购|买|付了|交了|进了|进(?!账)")),
    ("income", re.compile(
        r"卖|收入|营业额|进账|收了|销售|营收|入账|收到|卖出|生意|拿了?(?:多少|几)"
    )),
    ("list", re.compile(r"看看|看一下|看下|发我|给我看|查一下|查查|查下")),
)
_BALANCE: tuple[Metric, ...] = ("receivable", "containers")
_TRADE_BEFORE_RE = re.compile(r"(?:卖|买|进|赊|几单|几笔|几条)(?:了|的|给)?")
_TRADE_AFTER = ("卖", "买", "进", "净赚", "赚", "花", "的记录", "的明细", "的账")


def question_metric(text: str) -> Metric | None:
    """The metric a question asks for, or None when the text is not a question on the books."""
    if not _QUESTION_RE.search(text):
        return None
    for metric, regex in _METRICS:
        if regex.search(text):
            return metric
    return None


def build_query(msg: Message, metric: Metric) -> Parse | None:
    protect_words(msg)
    periods = find_period(msg.text, msg.ref)
    mark_days(msg)
    people = find_people(msg)
    tokens = scan(msg)
    if any(t.value is not None and (t.is_money_like or t.is_product_qty) for t in tokens):
        return None  # a question with amounts in it is an entry that mentions 多少
    start, end = _range(msg, periods)
    product = None if metric == "containers" else _product(msg)
    query = Query(metric=metric, start=start, end=end, users=[p.name for p in people],
                  product=product)
    return Parse(intent=Intent.QUERY, query=query, spans=list(msg.spans),
                 confidence=0.9 if periods or metric in _BALANCE else 0.75)


def _range(msg: Message, periods: list[Found]) -> tuple[dt.date | None, dt.date | None]:
    """The first period said; none means everything up to today (balances, totals)."""
    for found in periods:
        if found.first is not None:
            msg.add_span("period", found.start, found.end)
            return found.first, found.last
    return None, msg.ref


def _product(msg: Message) -> str | None:
    text = msg.text
    for i, label in enumerate(msg.labels):
        if label == GOODS_LABEL and (i == 0 or msg.labels[i - 1] != GOODS_LABEL):
            end = i
            while end < len(text) and msg.labels[end] == GOODS_LABEL:
                end += 1
            msg.add_span("product", i, end)
            return text[i:end]
    for m in _TRADE_BEFORE_RE.finditer(text):
        span = forward_name(msg, m.end())
        if span:
            msg.add_span("product", *span)
            return text[span[0]:span[1]]
    for word in _TRADE_AFTER:
        pos = text.find(word)
        if pos > 0:
            span = backward_name(msg, pos)
            if span:
                msg.add_span("product", *span)
                return text[span[0]:span[1]]
    return None
