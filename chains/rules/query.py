"""Questions about the books (GUIDE "Queries"): metric, period, people and product."""

from __future__ import annotations

import datetime as dt
import re

from chains.rules.analysis import mark_days, protect_words
from chains.rules.dates import Found, find_period
from chains.rules.lexicon import CONTAINERS
from chains.rules.message import FREE, WORD, Message
from chains.rules.message import GOODS as GOODS_LABEL
from chains.rules.names import backward_name, forward_name
from chains.rules.people import Person, find_people
from chains.rules.tokens import NumTok, scan
from chains.schemas import Intent, Parse, Query
from ledger import Metric

_QUESTION_RE = re.compile(
    r"多少|(?<![好十百千万])几(?:[笔条单个次天块万千百斤箱盆扎枝袋株只件把]|公斤)|哪|谁|吗|？|\?|列出|列一下|看看|看一下|看下|明细|流水"
    r"|记录|查|统计|清单|账单|发我|发给我|还是亏|赚了还是|咋样|怎样|如何|报表|汇总|算一下|算算|对账|几$"
    # asking to go over the books with someone (跟老李对一下), or for a ranking (卖得最好)
    r"|对一下|对一对|对下|核对|对.{0,3}账|大客户|排名|排行|最(?:多|好|高|快|赚|挣|火|畅销|受欢迎)"
    r"|前[三五十]名"
)
_CONTAINER_RE = "|".join(sorted(CONTAINERS, key=len, reverse=True))
# Words asking what is still out with customers (还有多少筐, 手上有我几个桶).
_OUTSTANDING = r"还有|外面|没回来|没还|还剩|手上|手里|借|欠|多少个|几个"
# Going over one counterparty's books: 对账(单), 跟X对一下, 和X核对, 跟X算算账.
_STATEMENT = (
    r"对[账帐]|对.{0,4}[账帐]|[账帐].{0,6}(?:对一下|对一对|对下|对对|核对|对清)|核对"
    r"|(?:跟|和|同|与).{1,10}(?:对一下|对一对|对下|对对|算.{0,2}账)|对(?:一下|下|一对).*账"
)
# A ranking of sales (卖得最好, 销量最高, 排行): of customers when it asks who.
_RANKING = (
    r"最(?:多|好|高|快|大|火|畅销|受欢迎|好卖|能卖|赚|挣)|畅销|好卖|排名|排行|前[三五十]名?"
    r"|大客户|大户|卖得(?:好|快|多)|走得(?:好|快)"
)
# 谁欠我最多 asks a balance, not a ranking of sales.
_NOT_OWED = r"^(?!.*(?:欠|应收|应付|没结|没还))(?:.*?)"
_WHO = (r"谁|客户|客人|顾客|买家|主顾|大户|哪家|哪位"
        r"|哪(?:个|几个|些|几位|几家)(?:人|老板|店|饭店|客)")
# What spoiled, died, broke, was stolen or thrown away (GUIDE type loss); 亏了多少货 is
# goods lost, a bare 亏了 is the net.
_LOSS = (
    r"损耗|损失|报损|货损|报废|损坏|被偷|偷了|碎了|打碎|蔫了|过期"
    r"|(?:坏|烂|死|扔|丢|蔫)(?!账)(?:了|掉|的)?(?:多少|几|的|掉|有)|亏了?(?:多少|几.?)?货"
)
# What I owe: 我欠, 欠他/欠供货商, 该给X, 应付, 从X那赊的 (the debt runs my way).
_PAYABLE = (
    r"(?:我|咱|俺)(?:们家|们|家)?(?:还|一共|总共|现在)?欠|欠(?:着|了)?(?:他|她|人家|别人|供|上家|厂家)"
    r"|该给|应该给|要给|得给|还得给|该付|要付|得付|应付|供货商|供应商|上家|厂家"
    r"|(?:要|得|该)还给(?!我)|从.{1,8}赊|赊.{0,2}(?:来|进)的|进.{0,6}(?:没结|没给|没付)|(?:没给|没付)(?:他|她|人家)"
)
_METRICS: tuple[tuple[Metric, re.Pattern[str]], ...] = (
    ("statement", re.compile(_STATEMENT)),
    ("top_customers", re.compile(_NOT_OWED + r"(?:(?:" + _RANKING + r").*(?:" + _WHO
                                 + r")|(?:" + _WHO + r").*(?:" + _RANKING + r")|大客户|大户)")),
    ("top_products", re.compile(_NOT_OWED + r"(?:" + _RANKING + r")")),
    ("loss", re.compile(_LOSS)),
    ("containers", re.compile(
        r"(?:" + _CONTAINER_RE + r"|箱).*(?:" + _OUTSTANDING + r"|在.{0,4}那|收回|剩)"
        r"|(?:" + _OUTSTANDING + r").*(?:" + _CONTAINER_RE + r")"
    )),
    ("count", re.compile(r"几笔|几条|几单|几次|多少笔|多少条|多少单|多少次|笔数|单数")),
    ("payable", re.compile(_PAYABLE)),
    ("receivable", re.compile(r"欠|应收|没结|未结|没收回|没收|还差|没还|赊|没给|坏账|呆账")),
    ("list", re.compile(r"明细|流水|列出|列一下|列个|清单|记录|哪些|哪几|都记了|账单")),
    ("net", re.compile(r"赚|挣|利润|净|盈利|亏|除去成本|扣掉|毛利|纯收入")),
    ("expense", re.compile(r"花|支出|付出|开销|花销|成本|进货|采购|买|付了|交了|进了|进(?!账)")),
    ("income", re.compile(
        r"卖|收入|营业额|进账|收了|销售|营收|入账|收到|卖出|生意|拿了?(?:多少|几)"
    )),
    ("list", re.compile(r"看看|看一下|看下|发我|给我看|查一下|查查|查下")),
)
_UNTIL_NOW_RE = re.compile(r"(?:的|号)?(?:到|至|一直到)(?:现在|今天|目前|如今)|以来|至今")
_RANGE_JOIN_RE = re.compile(r"(?:到|至|~|-|—|一直到)")
# 三个品种, 五个客户: how long a ranking should be, not goods counted.
_RANK_COUNT_RE = re.compile(r"个?(?:品种|种类|名|客户|客人|大客户)")
_BALANCE: tuple[Metric, ...] = ("receivable", "payable", "containers")
# Question words that are never part of a product's name (哪个品种卖得最多, 什么最赚钱).
_ASKING_RE = re.compile(
    r"哪(?:一|几)?(?:个|种|样|些|类)?(?:品种|种类|产品|货|东西)?|什么(?:品种|货|东西)?|啥(?:货)?"
    r"|品种|种类|[卖买走][得的]|得?最\S|排名|排行|大客户|客户|对账单|对账|账单"
)
# 哪位老板, 哪家饭店: which one is asked, no one is named.
_WHICH_RE = re.compile(r"哪(?:一|几)?(?:位|家|个|些)")
_TRADE_BEFORE_RE = re.compile(
    r"(?:卖|买|进|赊|坏|烂|死|扔|丢|蔫|损耗|几单|几笔|几条)(?:了|的|给|掉)?"
)
_TRADE_AFTER = ("卖", "买", "进", "净赚", "赚", "花", "的记录", "的明细", "的账",
                "坏", "烂", "死", "损耗", "扔", "丢", "蔫")
# A product filter makes no sense on a ranking of products or on a counterparty's books.
_NO_PRODUCT: tuple[Metric, ...] = ("containers", "top_products", "statement")
# 欠 followed by a person is a debt of mine (还欠老赵多少); 欠我 is theirs.
_MAX_DESCRIPTION = 5
_OWE_BEFORE = ("欠", "欠了", "欠着", "该给", "要给", "得给", "还给")


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
    _mask(msg, _WHICH_RE)
    people = find_people(msg)
    tokens = scan(msg)
    if any(_is_amount(msg.text, t) for t in tokens):
        return None  # a question with amounts in it is an entry that mentions 多少
    start, end = _range(msg, periods)
    if metric == "receivable" and _owed_by_me(msg.text, people):
        metric = "payable"
    _mask_asking(msg)
    _mask_descriptions(msg, people)
    product = None if metric in _NO_PRODUCT else _product(msg)
    query = Query(metric=metric, start=start, end=end, users=[p.name for p in people],
                  product=product)
    return Parse(intent=Intent.QUERY, query=query, spans=list(msg.spans),
                 confidence=0.9 if periods or metric in _BALANCE else 0.75)


def _is_amount(text: str, tok: NumTok) -> bool:
    """Money or goods counted: the message reports an entry. 一份对账单 and 前三名 count
    nothing."""
    if tok.value is None or not (tok.is_money_like or tok.is_product_qty):
        return False
    if tok.value == 1 or text[max(0, tok.start - 1):tok.start] == "前":
        return False
    counter_start = tok.end - len(tok.unit) if tok.unit and text.endswith(tok.unit, 0, tok.end) \
        else tok.end  # the token holds its counter (三个): read from the counter on
    return not _RANK_COUNT_RE.match(text, counter_start)


def _owed_by_me(text: str, people: list[Person]) -> bool:
    """还欠老赵多少: the person stands after 欠, so the debt is mine (GUIDE payable)."""
    return any(text[:p.start].endswith(_OWE_BEFORE) for p in people)


def _mask_asking(msg: Message) -> None:
    """Claim question and ranking words so no product name is cut out of them."""
    _mask(msg, _ASKING_RE)


def _mask(msg: Message, regex: re.Pattern[str]) -> None:
    for m in regex.finditer(msg.text):
        if msg.is_free(m.start(), m.end()):
            msg.mark(m.start(), m.end(), WORD)


def _mask_descriptions(msg: Message, people: list[Person]) -> None:
    """卖鱼的老黄: words joined to a person by 的 describe the person, not the goods asked
    about (GUIDE users: 卖肉的老刘 → 老刘)."""
    text = msg.text
    for person in people:
        if person.start == 0 or text[person.start - 1] != "的":
            continue
        start = max(msg.clause(person.start)[0], person.start - _MAX_DESCRIPTION)
        for i in range(start, person.start):
            if msg.labels[i] in (FREE, GOODS_LABEL):
                msg.mark(i, i + 1, WORD)


def _range(msg: Message, periods: list[Found]) -> tuple[dt.date | None, dt.date | None]:
    """The first period said, through a second one joined by 到 (3号到10号); none means
    everything up to today (balances, statements, rankings, totals)."""
    said = [f for f in periods if f.first is not None]
    if not said:
        return None, msg.ref
    first = said[0]
    msg.add_span("period", first.start, first.end)
    if _UNTIL_NOW_RE.match(msg.text, first.end):
        return first.first, msg.ref  # 从3号到现在, 上个月以来
    if len(said) > 1 and _RANGE_JOIN_RE.fullmatch(msg.text[first.end:said[1].start]):
        last = said[1]
        msg.add_span("period", last.start, last.end)
        if first.first is not None and last.last is not None and first.first <= last.last:
            return first.first, last.last
    return first.first, first.last


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
