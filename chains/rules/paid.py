"""What was paid at the time of a sale or purchase on credit (GUIDE `paid`).

A part payment is money given (定金, 先付了一千, 给了两百剩下欠着) in a message that says
the rest is still owed; it is claimed before the amount is picked, so it never passes
for the total. 付了一半 is half of the total; 还差三百 leaves the total less 300; 给了
一点 says something was paid but not how much.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from chains.rules.lexicon import FIRST_PART_RE, OWED_RE
from chains.rules.message import Message
from chains.rules.tokens import NumTok

SUM = "sum"  # the token is what was paid
HALF = "half"  # half of the total
SHORT = "short"  # the token is what is still owed
VAGUE = "vague"  # something, not said how much

# The rest is owed: only then is money given a part payment rather than the price.
_DEPOSIT_RE = re.compile(r"定金|订金|押金")
_DEPOSIT = ("定金", "订金", "押金")
_PAY_HEAD_RE = re.compile(
    r"(?:先|已经|已|当场|现场)?(?:付|给|转|交|收|打|微信|现金)(?:了|过)?(?:他|她|我|人家)?"
    r"(?:现金|微信|支付宝|转账)?(?:付了|给了|转了)?(?:定金|订金|押金)?$"
)
_SHORT_HEAD_RE = re.compile(r"(?:还差|还欠|差|欠)(?:他|她|我|人家)?$")
_TOTAL_HEAD_RE = re.compile(r"(?:一共|总共|合计|共计|总计|一起)(?:是)?$")
_GIVEN_HEAD_RE = re.compile(r"(?:先|只|才)?(?:给|付|转)了(?:我)?(?:现金|微信)?$")
_HALF_RE = re.compile(r"(?:付|给|转|交)了?(?:他|她)?一半")
_VAGUE_RE = re.compile(
    r"(?:付|给|转|交)了?(?:他|她|我)?(?:一点|一点点|一些|点|些|一部分|部分|小部分|几百|几千)"
)


@dataclass(slots=True)
class Paid:
    how: str
    tok: NumTok | None = None
    rest: NumTok | None = None  # what is still owed, when said beside what was paid

    def whole(self) -> Decimal | None:
        """Paid plus still owed, when both were said (先付了两百，还差三百 → 500)."""
        if self.how != SUM or self.tok is None or self.rest is None:
            return None
        if self.tok.value is None or self.rest.value is None:
            return None
        return self.tok.value + self.rest.value

    def value(self, amount: Decimal | None) -> Decimal | None:
        """The money paid, given the entry's total; None when it cannot be known."""
        if self.how == SUM and self.tok is not None:
            return self.tok.value
        if amount is None:
            return None
        if self.how == HALF:
            return amount / 2
        if self.how == SHORT and self.tok is not None and self.tok.value is not None:
            return max(amount - self.tok.value, Decimal(0))
        return None


def rest_owed_said(text: str) -> bool:
    """The message says the part not paid is still owed (欠, 剩下, 定金, 先付…); without such
    words a payment below the total may as well be a discount (一共750，给了七百)."""
    return bool(OWED_RE.search(text) or FIRST_PART_RE.search(text) or _DEPOSIT_RE.search(text))


def take_paid(msg: Message, tokens: list[NumTok]) -> Paid | None:
    """Claim the part payment of a message whose rest is owed; None when nothing was paid."""
    text = msg.text
    money = [t for t in tokens if not t.used and t.is_money_like and t.value is not None]
    if not rest_owed_said(text):
        return _short_of_total(msg, money)
    # a part needs a whole: another sum, or goods whose price makes one (or is asked for)
    has_whole = len(money) > 1 or any(t.is_product_qty or t.kind == "qty" for t in tokens)
    for tok in money if has_whole else []:
        if _deposit_at(text, tok) or _PAY_HEAD_RE.search(_head(msg, tok)):
            tok.used = True
            msg.add_span("paid", tok.start, tok.end)
            rest = [t for t in money if t is not tok and _SHORT_HEAD_RE.search(_head(msg, t))]
            if rest:
                rest[-1].used = True
            return Paid(SUM, tok, rest[-1] if rest else None)
    if _HALF_RE.search(text):
        return Paid(HALF)
    if _VAGUE_RE.search(text):
        return Paid(VAGUE)
    short = [t for t in money if _SHORT_HEAD_RE.search(_head(msg, t))]
    if short and len(money) > 1:
        short[-1].used = True
        return Paid(SHORT, short[-1])
    return None


def _short_of_total(msg: Message, money: list[NumTok]) -> Paid | None:
    """一共三百，给了一百五: less than the total said, given at the time, is a part payment.
    (收 and 算 are left out: 一共362收360 is the price charged, not a part of it.)"""
    totals = [t for t in money if _TOTAL_HEAD_RE.search(_head(msg, t))]
    if not totals:
        return None
    total = totals[0]
    for tok in money:
        if tok.start > total.start and _GIVEN_HEAD_RE.search(_head(msg, tok)) \
                and (tok.value or 0) < (total.value or 0):
            tok.used = True
            msg.add_span("paid", tok.start, tok.end)
            return Paid(SUM, tok)
    return None


def _head(msg: Message, tok: NumTok) -> str:
    start, _ = msg.clause(tok.start)
    return msg.text[max(start, tok.start - 10):tok.start]


def _deposit_at(text: str, tok: NumTok) -> bool:
    """付了一千定金 / 定金五百: a deposit named right before or after the sum."""
    return text.startswith(_DEPOSIT, tok.end) or text[max(0, tok.start - 3):tok.start].endswith(
        _DEPOSIT) or text[max(0, tok.start - 4):tok.start].rstrip("是付了给交").endswith(_DEPOSIT)
