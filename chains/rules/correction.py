"""Corrections of the entry being confirmed: only the fields the message changes.

「不对，是3000盆」, 「单价改成2块5」, 「日期错了，应该是昨天的」, 「是老刘不是老李」,
and bare answers to the field the bot just asked for (「一共一万」 when asking amount,
「是张姐」 when asking users).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal

from chains.rules.amounts import cents
from chains.rules.analysis import Analysis
from chains.rules.fields import Restated, read_fields, type_of
from chains.rules.lexicon import CONTAINER_COUNTERS
from chains.rules.people import Person
from chains.rules.record import states_a_deed
from chains.rules.tokens import NumTok
from chains.schemas import Intent, Parse, Patch
from ledger import Container, EntryType

CORRECTION_RE = re.compile(
    r"不对|错了|写错|记错|搞错|弄错|说错|改成|改为|改一下|改下|改到|换成|应该是|应为|更正|纠正|修改"
    r"|不是.{1,10}是|是.{1,10}不是|重新记"
)
_BARE_FIX_RE = re.compile(r"^(?:是|就是|应该|不对)")
_QUANTITY_WORDS = ("数量", "个数", "件数", "盆数", "多少盆")
_TOTAL_ONLY_RE = re.compile(r"(?:不对|错了|应该是|是|改成|改为|一共|总共|合计|拢共|总计|共"
                            r"|块钱|块|元|[，,。.！!\s])*")
_UNPAID_RE = re.compile(r"没给钱|没付钱|还没给|还没付|钱没给|先欠着|欠着")
_NOT_A_NAME = ("不知道", "忘了", "不记得", "没问", "不清楚", "没有")
# 不知道 / 没算 / 忘了: the vendor cannot say the value asked for.
_UNKNOWN_RE = re.compile(
    r"^(?:我|俺|这个|这)?(?:也|还|真)?(?:不知道|不晓得|不清楚|不记得|记不得|记不清|忘了|忘记了|没算"
    r"|没算过|没估|没估过|说不好|说不清|不好说|估不出|算不出|没法算)(?:了|啊|呀|吧|哦|呢|多少)*$"
)
# A payment below the total: the rest let go (抹零) or still owed (还欠着).
_DISCOUNT_RE = re.compile(r"抹零|抹了|零头|便宜|优惠|让了|少收|不要了|免了|算他|就收")
_OWED_REST_RE = re.compile(r"欠|还差|没给完|下次|回头|改天|月底|赊|剩下")
# Money beyond what was owed: a new sale/purchase, or paid ahead.
_SALE_RE = re.compile(
    r"买货|拿货|新货|又拿|又买|又进|货款|卖货|进货|买的|是货|算货|算.{0,2}(?:收入|支出)"
)
_ADVANCE_RE = re.compile(
    r"预付|预存|先存|存着|放着|放在|押着|压着|下次.{0,2}扣|以后扣|先放|订金|定金"
)
_MAX_CHOICE = 14
_IS_PERSON_RE = re.compile(r"^(?:是|应该是|其实是|那是)[^，]{1,8}$")
_MAX_CORRECTION = 40


def looks_like_correction(text: str) -> bool:
    if len(text) > _MAX_CORRECTION:
        return False
    return bool(CORRECTION_RE.search(text))


def looks_like_bare_fix(a: Analysis) -> bool:
    """是昨天的 / 是3000盆: a short 是… that only restates one field."""
    text = a.msg.text
    if len(text) > 16 or not _BARE_FIX_RE.search(text) or a.items:
        return False
    return bool(a.days or a.tokens or a.people)


def build_correction(a: Analysis) -> Parse:
    """Fields restated by name (单价是25) are read as those fields; the rest of the message
    as before (是3000盆, 是老刘不是老李, 是昨天的)."""
    restated = read_fields(a)
    rest = _outside(a, restated) if restated.used else a
    patch = Patch(
        users=_users(rest),
        replace_user=_replaced(rest),
        date=_date(rest),
        product=next((i.name for i in rest.items if not i.weak), None),
        replace_product=_replaced_product(rest),
        quantity=_quantity(rest)[0],
        unit=_quantity(rest)[1],
        unit_price=_unit_price(rest),
        amount=_amount(rest),
        container_quantity=_container_quantity(rest),
        type=type_of(a.msg.text),
    )
    said = {k: v for k, v in restated.patch().model_dump().items() if v is not None}
    patch = patch.model_copy(update=said)
    if patch.replace_user is not None:
        patch = patch.model_copy(update={"users": None})
    if patch.replace_product is not None:
        patch = patch.model_copy(update={"product": None})
    confidence = 0.9 if not patch.is_empty() else 0.4
    return Parse(intent=Intent.CORRECT, patch=patch, confidence=confidence,
                 spans=list(a.msg.spans))


def restated_fields(a: Analysis) -> Parse | None:
    """While a card waits, a reply made of field-led clauses (单价是2块5, 日期是昨天,
    第二笔是60) changes those fields; None when some clause says something else."""
    restated = read_fields(a)
    if not restated.used or restated.patch().is_empty():
        return None
    text = a.msg.text
    left = "".join(ch for i, ch in enumerate(text) if not restated.covers(i))
    if re.sub(r"[，、。\s]", "", left):
        return build_correction(a) if looks_like_correction(text) else None
    return Parse(intent=Intent.CORRECT, patch=restated.patch(), confidence=0.85,
                 spans=list(a.msg.spans))


def _outside(a: Analysis, r: Restated) -> Analysis:
    """The analysis without what the field-led clauses already read."""
    def keep(pos: int) -> bool:
        return not r.covers(pos)

    amount = a.amount
    if amount is not None and amount.tok is not None and not keep(amount.tok.start):
        amount = None
    return dataclasses.replace(
        a,
        days=[d for d in a.days if keep(d.start)],
        people=[p for p in a.people if keep(p.start)],
        tokens=[t for t in a.tokens if keep(t.start)],
        containers=[c for c in a.containers if keep(c.start)],
        prices=[p for p in a.prices if keep(p.start)],
        items=[i for i in a.items if i.name_span is None or keep(i.name_span[0])],
        amount=amount,
    )


_NEW_NOT_OLD_RE = re.compile(
    r"^(?:不对，?)?(?:是)([\u4e00-\u9fff]{1,6}?)[，]?不是([\u4e00-\u9fff]{1,6}?)$"
)
_NOT_OLD_NEW_RE = re.compile(
    r"^(?:不对，?)?不是([\u4e00-\u9fff]{1,6}?)[，]?(?:是|而是)([\u4e00-\u9fff]{1,6}?)[的了]?$"
)


def _replaced_product(a: Analysis) -> tuple[str, str] | None:
    """是月季不是千叶 / 不是千叶是月季: (old, new) goods names (people are replace_user)."""
    if a.people or a.days or a.tokens:
        return None
    text = a.msg.text
    m = _NEW_NOT_OLD_RE.match(text)
    if m is not None:
        return m.group(2), m.group(1)
    m = _NOT_OLD_NEW_RE.match(text)
    return (m.group(1), m.group(2)) if m is not None else None


def reply_choice(a: Analysis, choosing: str) -> Parse | None:
    """A short answer to 抹零还是还欠着? (`short`) or 多出的是货款还是预付? (`overpaid`):
    which way it was; None when the reply is something else."""
    text = a.msg.text
    if len(text) > _MAX_CHOICE or a.items:
        return None
    patch: Patch | None = None
    if choosing == "overpaid":
        if _ADVANCE_RE.search(text):
            patch = Patch(overpaid="advance")
        elif _SALE_RE.search(text):
            patch = Patch(overpaid="sale")
    elif choosing == "short":
        if _DISCOUNT_RE.search(text):
            patch = Patch(short="discount")
        elif _OWED_REST_RE.search(text):
            patch = Patch(short="owed")
    return None if patch is None else Parse(intent=Intent.CORRECT, patch=patch, confidence=0.85)


def is_unknown(text: str) -> bool:
    return bool(_UNKNOWN_RE.match(text))


def answer_to_question(a: Analysis, asking: str) -> Parse | None:
    """A bare reply to 「多少钱?」 or 「谁?」 as a correction of that field, else None.

    The answer may come in another form than asked: a unit price (一盆两块) or a quantity
    (35盆) when the total is asked, a person, a day, or 不知道; the dialogue says which
    one it read. A reply naming goods is a new entry, never an answer."""
    if a.items:
        return None
    spans = list(a.msg.spans)
    if states_a_deed(a) and asking != "paid":
        return None  # 老王结账五百 after 「多少钱?」: a new entry, the question stays open
    if is_unknown(a.msg.text):
        return Parse(intent=Intent.CORRECT, patch=Patch(unknown=True), confidence=0.9)
    if asking == "paid":
        paid = _paid_answer(a)
        if paid is not None:
            return Parse(intent=Intent.CORRECT, patch=Patch(paid=paid), confidence=0.9,
                         spans=spans)
    if a.containers:
        # 「二十个筐」 answering 「借出/还回的是多少钱，或者几个筐?」
        if asking != "amount" or a.people or (a.amount is not None and a.amount.said):
            return None
        found = [Container(name=c.name, quantity=c.quantity) for c in a.containers]
        return Parse(intent=Intent.CORRECT, patch=Patch(containers=found), confidence=0.85,
                     spans=spans)
    if asking == "amount" and _amount(a) is None and a.amount is not None and a.amount.rough:
        # 「一百多」: an answer, but not a figure to save; the dialogue asks again
        return Parse(intent=Intent.CORRECT, patch=Patch(), confidence=0.3, spans=spans)
    answer = build_correction(a)
    patch = answer.patch
    if patch is not None and not patch.is_empty():
        return answer
    names = _bare_name(a.msg.text) if asking == "users" else []
    if not names or any(t.is_money_like for t in a.tokens):
        return None
    return Parse(intent=Intent.CORRECT, patch=Patch(users=names), confidence=0.6, spans=spans)


_NOTHING_PAID_RE = re.compile(r"^(?:还)?(?:没|没有|一分没|一分钱没|一分都没|都没)(?:付|给|收)")


def _paid_answer(a: Analysis) -> Decimal | None:
    """付了五百 / 五百 / 没付 answering 「先付了多少?」."""
    if _NOTHING_PAID_RE.search(a.msg.text):
        return Decimal(0)
    money = [t for t in a.tokens if t.is_money_like and t.value is not None]
    return cents(money[0].value) if len(money) == 1 and money[0].value is not None else None


def _other_form(a: Analysis) -> Parse | None:
    """一盆两块 (a unit price), 35盆 (a quantity), 昨天的 (a day): an answer in another form."""
    if a.people or a.containers:
        return None
    price = _unit_price(a)
    qty, unit = _quantity(a)
    money = [t for t in a.tokens if t.is_money_like and t.value is not None]
    if price is not None and (qty is None or len(money) <= 1):
        return Parse(intent=Intent.CORRECT, patch=Patch(unit_price=price, quantity=qty, unit=unit),
                     confidence=0.85, spans=list(a.msg.spans))
    if qty is not None and not money:
        return Parse(intent=Intent.CORRECT, patch=Patch(quantity=qty, unit=unit), confidence=0.85,
                     spans=list(a.msg.spans))
    if a.days and not a.tokens:
        return Parse(intent=Intent.CORRECT, patch=Patch(date=_date(a)), confidence=0.8,
                     spans=list(a.msg.spans))
    return None


def fix_for_waiting_card(a: Analysis) -> Parse | None:
    """While a card waits, a fragment that names no goods, person or day restates one of
    its fields: 「一共8000」 is its total, 「是赊账」/「他没给钱」 its type, 「单价是2块5」
    its unit price, 「抹零了」 how a short payment ends."""
    restated = restated_fields(a)
    if restated is not None:
        return restated
    if a.people and not (a.items or a.tokens or a.days) and _IS_PERSON_RE.match(a.msg.text):
        # 是老王 / 对方是老王的: the counterparty restated
        return Parse(intent=Intent.CORRECT, patch=Patch(users=[p.name for p in a.people]),
                     confidence=0.8, spans=list(a.msg.spans))
    if a.items or a.containers or a.people or a.days or len(a.msg.text) > 12:
        return None
    amount = _amount(a)
    if amount is not None and a.amount is not None and a.amount.tok is not None:
        tok = a.amount.tok
        rest = a.msg.text[:tok.start] + a.msg.text[tok.end:]
        if _TOTAL_ONLY_RE.fullmatch(rest):
            return Parse(intent=Intent.CORRECT, patch=Patch(amount=amount), confidence=0.85,
                         spans=list(a.msg.spans))
    kind = type_of(a.msg.text) or (EntryType.CREDIT if _UNPAID_RE.search(a.msg.text) else None)
    if kind is not None and not a.tokens:
        return Parse(intent=Intent.CORRECT, patch=Patch(type=kind), confidence=0.8)
    if not a.tokens or _amount(a) is not None:
        return None
    return _other_form(a)


def _bare_name(text: str) -> list[str]:
    """「张三」 / 「他叫王芳」: a short reply that is only a name."""
    name = re.sub(r"^(?:是|就是|叫|他叫|她叫|名字叫|他是|她是|那人叫|应该是)", "", text)
    name = re.sub(r"[的吧啊呀，、]+$", "", name)
    if not 2 <= len(name) <= 4 or any(w in name for w in _NOT_A_NAME):
        return []
    if not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return []
    return [name]


def _users(a: Analysis) -> list[str] | None:
    return [p.name for p in a.people] or None


def _replaced(a: Analysis) -> tuple[str, str] | None:
    """是老刘不是老李 / 不是老李是老刘 / 把老李改成老刘: (old, new)."""
    if len(a.people) != 2:
        return None
    first, second = a.people[0], a.people[1]
    text = a.msg.text
    if _said_before(text, first, ("不是",)):
        return first.name, second.name
    if _said_before(text, second, ("不是",)):
        return second.name, first.name
    if re.search(r"改成|改为|换成", text[first.end:second.start]):
        return first.name, second.name
    return None


def _said_before(text: str, person: Person, words: tuple[str, ...]) -> bool:
    return text[max(0, person.start - 3):person.start].endswith(words)


def _date(a: Analysis) -> dt.date | None:
    text = a.msg.text
    for found in a.days:
        # 不是昨天, 前天改成…: the day being replaced is not the new one
        stale = text[max(0, found.start - 2):found.start] == "不是" or text.startswith(
            ("改成", "改为", "换成"), found.end)
        if found.first is not None and not stale:
            a.msg.add_span("date", found.start, found.end)
            return found.first
    return None


def _stale(a: Analysis, tok: NumTok) -> bool:
    """不是10个: the value after 不是 is the old one being replaced."""
    return a.msg.text[max(0, tok.start - 2):tok.start] == "不是"


def _quantity(a: Analysis) -> tuple[Decimal | None, str | None]:
    for tok in a.tokens:
        if not tok.is_product_qty or tok.value is None or _stale(a, tok):
            continue
        if a.containers and tok.unit and tok.unit in CONTAINER_COUNTERS:
            continue
        return tok.value, tok.unit
    bare = _bare_after(a, _QUANTITY_WORDS)
    return (bare.value, None) if bare is not None else (None, None)


def _container_quantity(a: Analysis) -> Decimal | None:
    for c in a.containers:
        if c.quantity is not None and a.msg.text[max(0, c.start - 2):c.start] != "不是":
            return c.quantity
    return None


def _unit_price(a: Analysis) -> Decimal | None:
    for price in a.prices:
        if price.value is not None:
            return cents(price.value)
    for item in a.items:
        if item.price is not None:
            return cents(item.price)
    return None


def _amount(a: Analysis) -> Decimal | None:
    if _bare_after(a, _QUANTITY_WORDS) is not None:
        return None
    if a.amount is None or not a.amount.said:
        return None
    tok = a.amount.tok
    if tok is not None and _stale(a, tok):
        fresh = [t for t in a.tokens if t.is_money_like and t.value is not None
                 and t is not tok and not _stale(a, t) and t.kind != "qty"]
        return cents(fresh[0].value) if fresh and fresh[0].value is not None else None
    return cents(a.amount.value) if a.amount.value is not None else None


def _bare_after(a: Analysis, words: tuple[str, ...]) -> NumTok | None:
    for tok in a.tokens:
        if tok.kind != "bare" or tok.value is None:
            continue
        head = a.msg.text[max(0, tok.start - 8):tok.start]
        if any(w in head for w in words):
            return tok
    return None


