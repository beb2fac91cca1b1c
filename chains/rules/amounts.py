"""The money of an entry: a said total wins, else quantity × unit price, else unknown.

Discounts (便宜他二十, 抹了五块) are not totals; with no said total they come off the
computed sum. A rough total (一百多块) or a round-off with no figure (抹零) leaves the
amount unknown rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from chains.rules.goods import Item
from chains.rules.message import Message
from chains.rules.tokens import MONEY, NumTok

_TOTAL_CUES = ("一共", "总共", "合计", "共计", "总计", "总价", "总额", "一起", "算下来", "共",
               "收了", "给了", "花了", "付了", "卖了", "转了", "打了", "结了", "还了", "交了",
               "收到", "拿了", "包了", "金额", "钱数", "总的", "算", "收", "本来", "原价", "损失",
               "亏了", "亏", "值", "赔了", "退了", "退", "退给", "欠", "欠了", "一起是")
# The sum actually charged when two totals are said (一共362收360, 本来252算他250).
_CHARGE_RE = re.compile(r"(?:收|算|实收|只收|就收|只要|给我算|给他算|给她算)了?$")
_DISCOUNT_RE = re.compile(
    r"(?:便宜|优惠|少收|少算|少要|让|抹|减|去掉)(?:了|掉)?(?:他|她|你|人家)?(?:零头)?$"
)
_ROUND_OFF_RE = re.compile(r"抹零|抹掉零头|抹了零头|去掉零头|打(?:[一二三四五六七八九\d]+)折")
_CHANNEL_RE = re.compile(
    r"(?:现金|微信|支付宝|转账|刷卡|扫码|银行卡)(?:付了|付的|转了|收了|给了|是)?$"
)
_CENT = Decimal("0.01")


@dataclass(slots=True)
class Amount:
    value: Decimal | None
    said: bool  # a total was said (or a rough one was), as opposed to computed
    rough: bool = False
    tok: NumTok | None = None
    before: Decimal | None = None  # the total before a discount, when two were said


def find_amount(msg: Message, tokens: list[NumTok], items: list[Item]) -> Amount:
    discounts = _take_discounts(msg, tokens)
    discount = sum((t.value or Decimal(0) for t in discounts), Decimal(0))
    free = [t for t in tokens if not t.used and (t.is_money_like or _rough_money(t))]
    by_channel = _paid_by_channels(msg, free)
    if by_channel is not None:
        return by_channel
    charged = _charged_total(msg, free)
    if charged is not None:
        return charged
    said = _pick_total(msg, free)
    if said is not None:
        said.used = True
        msg.add_span("amount", said.start, said.end)
        if said.value is None:
            return Amount(None, True, rough=True, tok=said)
        _doubt_disagreeing_total(msg, said, items, discounts)
        return _less_later_discounts(said, discounts)
    computed = _computed(items)
    if computed is None or _ROUND_OFF_RE.search(msg.text):
        return Amount(None, False)
    return Amount(max(computed - discount, Decimal(0)), False)


def _doubt_disagreeing_total(
    msg: Message, said: NumTok, items: list[Item], discounts: list[NumTok]
) -> None:
    """十箱一箱五十，还了我三百: a said sum that is not count × price, with no discount or
    round-off to explain it, may be a part payment or another event: a guess."""
    computed = _computed(items)
    if computed is None or discounts or _ROUND_OFF_RE.search(msg.text) or said.value is None:
        return
    if abs(computed - said.value) > 1:
        msg.guesses += 1


def _rough_money(tok: NumTok) -> bool:
    return tok.kind == MONEY and tok.approx


def _take_discounts(msg: Message, tokens: list[NumTok]) -> list[NumTok]:
    out: list[NumTok] = []
    for tok in tokens:
        if tok.used or not tok.is_money_like or tok.value is None:
            continue
        if _DISCOUNT_RE.search(msg.text, max(0, tok.start - 6), tok.start):
            tok.used = True
            out.append(tok)
    return out


def _less_later_discounts(said: NumTok, discounts: list[NumTok]) -> Amount:
    """一共一千五百六，他便宜了六十: a discount said after the total comes off it; said
    before (便宜他二十，一共收五百八) the total is already what was charged."""
    value = said.value or Decimal(0)
    later = sum((t.value or Decimal(0) for t in discounts if t.start > said.end), Decimal(0))
    if not later or later >= value:
        return Amount(value, True, tok=said)
    return Amount(value - later, True, tok=said, before=value)


def _paid_by_channels(msg: Message, free: list[NumTok]) -> Amount | None:
    """现金八百微信一千二: one sum paid several ways is their total."""
    if len(free) < 2 or any(t.value is None for t in free):
        return None
    if not all(_CHANNEL_RE.search(msg.text, max(0, t.start - 4), t.start) for t in free):
        return None
    for tok in free:
        tok.used = True
        msg.add_span("amount", tok.start, tok.end)
    return Amount(sum((t.value or Decimal(0) for t in free), Decimal(0)), True)


def _charged_total(msg: Message, free: list[NumTok]) -> Amount | None:
    """一共326，收了他320 / 两千抹了零头收一千九: the later sum charged beats the list total."""
    cued = [t for t in free if t.value is not None and _has_total_cue(msg, t)]
    if len(cued) < 2:
        return None
    last = cued[-1]
    if not _CHARGE_RE.search(_cue_head(msg, last)):
        return None
    first = cued[0]
    for tok in cued:
        tok.used = True
    msg.add_span("amount", last.start, last.end)
    return Amount(last.value, True, tok=last, before=first.value)


def _pick_total(msg: Message, free: list[NumTok]) -> NumTok | None:
    if not free:
        return None
    cued = [t for t in free if _has_total_cue(msg, t)]
    pool = cued or free
    known = [t for t in pool if t.value is not None]
    if len(pool) > 1:
        msg.guesses += 1
    if not known:
        return pool[-1]
    return max(known, key=lambda t: t.value or Decimal(0))


def _has_total_cue(msg: Message, tok: NumTok) -> bool:
    return _cue_head(msg, tok).endswith(_TOTAL_CUES)


def _cue_head(msg: Message, tok: NumTok) -> str:
    """The words before a sum, without the person it is charged to (收了他 → 收了)."""
    head = msg.text[max(0, tok.start - 6):tok.start].rstrip("是")
    for who in ("他们", "她们", "人家", "他", "她", "我", "你"):
        head = head.removesuffix(who)
    return head.rstrip("是")


def _computed(items: list[Item]) -> Decimal | None:
    if not items:
        return None
    total = Decimal(0)
    for item in items:
        if item.quantity is None or item.price is None:
            return None
        total += item.quantity * item.price
    return total


def derive_unit_price(items: list[Item], amount: Decimal | None) -> None:
    """One product with a total and a count: its unit price, to the cent (GUIDE)."""
    if amount is None or len(items) != 1:
        return
    item = items[0]
    if item.price is None and not item.price_open and item.quantity:
        item.price = (amount / item.quantity).quantize(_CENT, rounding=ROUND_HALF_UP)


def cents(value: Decimal) -> Decimal:
    """Money to the cent, written plainly (10000, 2.5), never in exponent form."""
    value = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.quantize(Decimal("0.1")) if value * 10 == (value * 10).to_integral_value() \
        else value
