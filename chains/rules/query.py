"""Questions about the books (GUIDE "Queries"): period, people and product of a question
whose metric `chains.rules.metrics` found."""

from __future__ import annotations

import datetime as dt
import re

from chains.rules.analysis import DATE, mark_days, protect_words
from chains.rules.dates import Found, find_period
from chains.rules.lexicon import PRODUCT_UNITS, SURNAMES
from chains.rules.message import FREE, WORD, Message
from chains.rules.message import GOODS as GOODS_LABEL
from chains.rules.metrics import question_metric
from chains.rules.names import backward_name, forward_name
from chains.rules.people import Person, find_people
from chains.rules.tokens import NumTok, scan
from chains.schemas import Intent, Parse, Query
from ledger import Metric

_UNTIL_NOW_RE = re.compile(r"(?:的|号)?(?:到|至|一直到)(?:现在|今天|目前|如今)|以来|至今")
_BARE_WEEKDAY_RE = re.compile(r"(?:周|星期|礼拜)[一二三四五六日天1-7]")
_BARE_DAY_RE = re.compile(r"[\d零〇一二两三四五六七八九十]{1,3}[号日]")
_RANGE_JOIN_RE = re.compile(r"(?:到|至|~|-|—|一直到)")
# 三个品种, 五个客户: how long a ranking should be, not goods counted.
_RANK_COUNT_RE = re.compile(r"个?(?:品种|种类|名|客户|客人|大客户)")
_BALANCE: tuple[Metric, ...] = ("receivable", "payable", "containers")
# Question words that are never part of a product's name (哪个品种卖得最多, 什么最赚钱).
_ASKING_RE = re.compile(
    r"哪(?:一|几)?(?:个|种|样|些|类)?(?:品种|种类|产品|货|东西)?|什么(?:品种|货|东西)?|啥(?:货)?"
    r"|品种|种类|[卖买走][得的]|得?最\S|排名|排行|大客户|客户|对账单|对账|账单|几多|咗|边个"
)
# 哪位老板, 哪家饭店: which one is asked, no one is named.
_WHICH_RE = re.compile(r"哪(?:一|几)?(?:位|家|个|些)|边个|边位|边家")
_TRADE_BEFORE_RE = re.compile(
    r"(?:卖|买|进|赊|坏|烂|死|扔|丢|蔫|损耗|几单|几笔|几条)(?:了|的|给|掉|咗)?"
)
_TRADE_AFTER = ("卖", "买", "进", "净赚", "赚", "花", "的记录", "的明细", "的账",
                "坏", "烂", "死", "损耗", "扔", "丢", "蔫")
# A product filter makes no sense on a ranking of products or on a counterparty's books.
_NO_PRODUCT: tuple[Metric, ...] = ("containers", "top_products", "statement")
# 对面水果店, 东门菜店: goods words in a shop's name are no product asked about.
_SHOP_RE = re.compile(r"[\u4e00-\u9fff]{1,3}?(?:店|铺|超市|档口)")
# The quantity a question asks for (多少斤, 几箱, 多少钱的): never part of a name.
_HOW_MUCH_RE = re.compile(r"(?:多少|几多|几)(?:钱)?(?:的)?(?:" + "|".join(
    sorted(PRODUCT_UNITS, key=len, reverse=True)) + r")?(?:的)?")
_BLANK = "□"  # stands for a goods name's characters: matches no metric word
_MAX_DESCRIPTION = 5  # 卖鱼的, 开花店的: how far back a description of a person reaches
# 欠 followed by a person is a debt of mine (还欠老赵多少); 欠我 is theirs.
_OWE_BEFORE = ("欠", "欠了", "欠着", "欠咗", "该给", "要给", "得给", "还给", "我还差", "我差")


def asked_metric(msg: Message) -> Metric | None:
    """The metric asked for, read with goods names blanked: 五花肉 holds 花 and 花生 too,
    but asking what 老李 took of them is no question about spending."""
    probe = Message(msg.norm, msg.ref, msg.context)
    protect_words(probe)
    text = "".join(_BLANK if label == GOODS_LABEL else ch
                   for ch, label in zip(probe.text, probe.labels, strict=True))
    return question_metric(text)


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
    if metric == "expense" and _bought_from_me(msg, people):
        metric = "income"
    _mask_asking(msg)
    _mask_descriptions(msg, people)
    _mask(msg, _SHOP_RE, goods_too=True)
    _mask(msg, _HOW_MUCH_RE)
    product = None if metric in _NO_PRODUCT else _product(msg)
    query = Query(metric=metric, start=start, end=end, users=[p.name for p in people],
                  product=product)
    confidence = 0.9 if periods or metric in _BALANCE else 0.75
    if (not people and _unread_run(msg)) or _glued_product(msg, product):
        confidence = min(confidence, 0.6)  # 大刘那还有几个筐: an unread run where a name may stand
    return Parse(intent=Intent.QUERY, query=query, spans=list(msg.spans), confidence=confidence)


# Where a person stands in a question: after 跟/给/在/从/欠, before 那(边)/还欠/的明细.
_PERSON_BEFORE = ("跟", "给", "在", "从", "欠", "搭", "找", "和")
_PERSON_AFTER = ("那", "还欠", "还该", "欠", "的明细", "的账", "的对账", "的流水", "家")


# Characters that stand before goods in a question without being part of their name.
_IDLE = set("的了吧呢啊呀吗嘛着过我他她你这那是也都就又还再先给把被从在和跟一共总个些有没"
            "多少几钱看查下出问算卖买进花赚挣收付欠今天昨前上个月周礼拜星期年号日")


def _glued_product(msg: Message, product: str | None) -> bool:
    """皮皮|虾: unread characters right before the goods word; the name is likely longer."""
    start = msg.text.find(product) if product else -1
    return start >= 2 and all(
        msg.labels[i] == FREE and "\u4e00" <= msg.text[i] <= "\u9fff" and msg.text[i] not in _IDLE
        for i in range(start - 2, start))


def _name_like(word: str) -> bool:
    return len(word) >= 2 and (word[0] in "老小阿大" or word[0] in SURNAMES)


def _unread_run(msg: Message) -> bool:
    """Two or more Chinese characters no rule read, where a person's name would stand."""
    text, labels = msg.text, msg.labels
    i = 0
    while i < len(text):
        if labels[i] != FREE or not "\u4e00" <= text[i] <= "\u9fff":
            i += 1
            continue
        end = i
        while end < len(text) and labels[end] == FREE and "\u4e00" <= text[end] <= "\u9fff":
            end += 1
        run = text[i:end]
        for cue in _PERSON_BEFORE:
            at = run.find(cue)
            if 0 <= at <= len(run) - 3 and _name_like(run[at + 1:at + 3]):
                return True
        for cue in _PERSON_AFTER:
            at = run.find(cue, 2)
            if at >= 2 and any(_name_like(run[k:at]) for k in range(max(0, at - 3), at - 1)):
                return True
        i = end
    return False


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


def _bought_from_me(msg: Message, people: list[Person]) -> bool:
    """老李这个月买了多少: a counterparty who buys is buying from me (GUIDE income)."""
    for person in people:
        i = person.end
        while i < len(msg.text) and msg.labels[i] == DATE:
            i += 1  # 老李上个月买了: the period between does not change who buys
        if msg.text.startswith(("买", "要", "订"), i):
            return True
    return False


def _owed_by_me(text: str, people: list[Person]) -> bool:
    """还欠老赵多少: the person stands after 欠, so the debt is mine (GUIDE payable)."""
    return any(text[:p.start].endswith(_OWE_BEFORE) for p in people)


def _mask_asking(msg: Message) -> None:
    """Claim question and ranking words so no product name is cut out of them."""
    _mask(msg, _ASKING_RE)


def _mask(msg: Message, regex: re.Pattern[str], *, goods_too: bool = False) -> None:
    claimable = (FREE, WORD, GOODS_LABEL) if goods_too else (FREE, WORD)
    for m in regex.finditer(msg.text):
        if all(label in claimable for label in msg.labels[m.start():m.end()]):
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
        end = _range_end(msg.text, first, last)
        if first.first is not None and end is not None and first.first <= end:
            return first.first, end
    return first.first, first.last


def _range_end(text: str, first: Found, last: Found) -> dt.date | None:
    """上周一到周三, 上个月5号到20号: a bare weekday or day closing a range lies in the
    week or month the range began."""
    start, end = first.first, last.last
    if start is None or end is None:
        return end
    if _BARE_WEEKDAY_RE.fullmatch(text, last.start, last.end):
        monday = start - dt.timedelta(days=start.weekday())
        return monday + dt.timedelta(days=end.weekday())
    if _BARE_DAY_RE.fullmatch(text, last.start, last.end):
        try:
            same_month = start.replace(day=end.day)
        except ValueError:  # 31号 in a shorter month
            return end
        return same_month if same_month >= start else end  # 28号到3号 runs into the next
    return end


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
        pos = m.end()
        while pos < len(text) and msg.labels[pos] == WORD:
            pos += 1  # 卖了多少斤|菜心: the name follows the question's quantity
        span = forward_name(msg, pos)
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
