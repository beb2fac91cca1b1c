"""The kind of an entry (GUIDE "Entry types"): who moved goods, money or containers to whom.

Money given back to a customer is a refund; goods gone bad, dead or stolen a loss (no
counterparty). Goods sold are income unless money is still owed (credit); goods bought
are an expense unless I still owe it (payable), and so is a fee (摊位费先欠着). Containers
alone go out (borrow) or come back (return). Money alone is a loan (借), its return, a
debt being paid to me (settle) or by me (payoff, decided by who stands before the payee),
or plain income or spending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chains.rules.lexicon import (
    FIRST_PART_RE,
    GOODS,
    I_OWE_RE,
    LOSS_RE,
    MY_PLACE,
    OUT_RE,
    OWED_RE,
    PAY_VERB_RE,
    PURCHASE_RE,
    RETURN_RE,
    SALE_RE,
    TAKEN_RE,
)
from chains.rules.message import Message
from ledger import EntryType

# 带鱼钱 / 菜钱: money for goods pays a debt for them (油钱 is fuel, a fee).
_GOODS_MONEY = "|".join(sorted((g for g in GOODS if g not in ("食用油", "菜籽油")), key=len,
                               reverse=True))
_GOODS_MONEY_RE = re.compile(r"(?:" + _GOODS_MONEY + r"|菜|鱼|肉|米|果|虾|蛋|面)钱")
_SETTLE_RE = re.compile(
    r"结账|结了|结清|账结|账清|把账|的账|欠款|货款|货钱|赊账|赊的|欠的|欠我的|欠下的|尾款|清账|付清"
    r"|(?:欠|赊)了?(?:他|她|人家)?的|欠[^，]{1,4}的|赊[^，]{1,4}的"
    # the rest of a debt handed over later (把剩下的七百给了, 余款付了)
    r"|(?:把|将)(?:剩下|剩余|余下)的|余款|尾数"
    r"|(?:上回|上次|之前|以前|前几天|前两天|前些天|上个?月|上个?礼拜|上个?星期|上周)的?[^，]{0,8}钱"
    # 把剩下的七百给了: the rest of a debt, paid now
    r"|(?:剩下|余下|剩余)的?[^，]{0,5}(?:给了|结了|还了|付了|转了|结清)"
)
_BORROW_RE = re.compile(r"借")
_BARERETURN_RE = re.compile(r"(?<![没未])还(?:了|我|给我|回|清|上)")
_MY_SALE_RE = re.compile(MY_PLACE)
_PAID_RE = re.compile(r"买|花了|花费")
_SPEND_RE = re.compile(
    r"花|付|交|费|工资|工钱|租|雇|维修|修理|开支|支出|转给|给.{1,6}转|给.{1,6}发了|报销|买|进了"
    r"|进货|采购"
)
_BUYER_VERB_RE = re.compile(r"(?:又|也|刚|还|来)?(?:买|要|订)")


_OWES_RE = re.compile(r"(欠了?我)|(?<![没不])我(?:还)?欠")
_NOSALE_RE = re.compile(r"卖不[掉出动完了]|没卖[掉出完]")
# Money going back to a customer: 退给顾客, 退了他三十, 退款. 退我 is a supplier's refund.
_REFUND_RE = re.compile(r"退给|退(?:了)?(?:他|她|人家|顾客|客人)|退钱|退款|退了.{0,4}钱|退回|退了")
_REFUND_TO_ME_RE = re.compile(r"退(?:了)?(?:给)?我")
# The vendor pays: 给X结, 还X货款, 把欠X的还了, 付清, 转给X.
_I_PAY_BEFORE = ("给", "还", "还了", "付给", "转给", "打给", "欠", "欠了", "付", "付了", "替")
_I_PAY_RE = re.compile(
    r"(?:欠|赊)(?:了)?(?:他|她|人家)|付清|付了.{0,4}(?:货款|欠款|尾款)|我还"
    r"|我(?!的)[^，的]{0,4}(?:结清|结了|还了|还清|付了|给了|转了)"
)
_THEY_PAY_AFTER = ("把", "结", "给了", "给我", "转了", "还了", "付了", "还我", "打了", "来结",
                   "交了", "转来", "付的", "给的")
_THEY_PAY_BEFORE = ("收了", "收到", "收", "收回")
# 给码头老黄 / 给茶农老陈: a place or trade word between the pay verb and the person
_PLACE_TAIL_RE = re.compile(r"(?<=[给还付转打欠替])[^\W\d了的我他她你们，给]{1,4}$")


@dataclass(frozen=True, slots=True)
class Kind:
    type: EntryType
    sure: bool  # a cue word decided it, not the fallback


@dataclass(frozen=True, slots=True)
class Cues:
    """What the rest of the analysis found that decides a kind."""

    has_goods: bool
    has_containers: bool
    buyer_before_buy: bool
    has_money: bool = False
    part_paid: bool = False  # some money was paid at the time, the rest is owed
    category: str | None = None
    people: tuple[tuple[int, int], ...] = ()


def entry_kind(msg: Message, cues: Cues) -> Kind:
    text = msg.text
    refund = _refund_kind(text, cues)
    if refund is not None:
        return refund
    if LOSS_RE.search(text) and (cues.has_goods or cues.has_money) and all(
            _is_source(text, start) for start, _ in cues.people):
        return Kind(EntryType.LOSS, True)
    if cues.has_goods:
        kind = _goods_kind(text, cues.buyer_before_buy, cues.part_paid)
        if kind.type is EntryType.CREDIT and not cues.people and _BARE_CREDIT_RE.match(text):
            # 赊了二十箱啤酒: who took goods on credit is unsaid, it may be me
            return Kind(kind.type, False)
        return kind
    if cues.has_containers:
        sure = bool(OUT_RE.search(text) or RETURN_RE.search(text))
        back = RETURN_RE.search(text) and not _borrow_with_future_return(text)
        return Kind(EntryType.RETURN if back else EntryType.BORROW, sure)
    if cues.category is not None:
        return _fee_kind(text)
    return _money_kind(text, cues.people)


_BARE_CREDIT_RE = re.compile(r"(?:今天|昨天|前天|刚才|刚刚|又|我)*赊了")


def _fee_kind(text: str) -> Kind:
    """A fee paid (交了摊位费), still owed (欠房东三个月房租) or an owed fee now paid
    (把欠老潘的房租给了: a payoff)."""
    if _SETTLE_RE.search(text):
        if "欠" in text and PAY_VERB_RE.search(text, text.index("欠") + 1):
            return Kind(EntryType.PAYOFF, True)
        return Kind(EntryType.EXPENSE, True)
    owed = OWED_RE.search(text) or _FEE_OWED_RE.match(text)
    return Kind(EntryType.PAYABLE if owed else EntryType.EXPENSE, True)


# 欠房东老潘三个月房租 / 我还欠老潘房租: a fee the vendor owes, said with 欠 first.
_FEE_OWED_RE = re.compile(r"^(?:我|咱)?(?:还)?欠")


def _is_source(text: str, start: int) -> bool:
    """从老黄那进的鱼死了五斤: the supplier the goods came from is not a loss's counterparty."""
    return text[max(0, start - 1):start] in ("从", "在")


def _refund_kind(text: str, cues: Cues) -> Kind | None:
    if not _REFUND_RE.search(text) or (cues.has_containers and not cues.has_goods):
        return None
    if not (cues.has_money or cues.has_goods):
        return None
    return Kind(EntryType.REFUND, not _REFUND_TO_ME_RE.search(text))


def _borrow_with_future_return(text: str) -> bool:
    """张姐借了8个周转箱，说下礼拜还: a promise to return is still a loan."""
    m = RETURN_RE.search(text)
    return bool(m and re.search(r"(?:说|下|过|以后|明天|改天).{0,4}$", text[:m.start()]))


# 卖肉的老刘 describes who he is, not a sale (卖给四川的老杨 is one).
_TRADE_DESC_RE = re.compile(
    r"卖(?!给)[\u4e00-\u9fff]{1,3}的(?=[老小阿]|[\u4e00-\u9fff]{1,2}[姐哥叔])"
)


def _goods_kind(text: str, buyer_before_buy: bool, part_paid: bool = False) -> Kind:
    plain = _TRADE_DESC_RE.sub("", _NOSALE_RE.sub("", text))
    sale = bool(SALE_RE.search(plain)) or bool(_MY_SALE_RE.search(text))
    owed = part_paid or bool(OWED_RE.search(text) or FIRST_PART_RE.search(text))
    # 钱还没给他 / 回头付给他: the money still goes from me, so the goods came to me
    i_owe = bool(I_OWE_RE.search(text))
    bought = bool(PURCHASE_RE.search(text)) or (
        bool(_PAID_RE.search(text)) and not buyer_before_buy) or (i_owe and not sale)
    if bought and not sale:
        return Kind(EntryType.PAYABLE if owed else EntryType.EXPENSE, True)
    # cues of both directions (卖 and 进, or a sale whose money I still owe): the sale wins,
    # as a guess the card or the LLM should check
    contested = bought or i_owe
    if owed:
        return Kind(EntryType.CREDIT, not contested)
    sure = bool(sale or TAKEN_RE.search(text) or buyer_before_buy) and not contested
    return Kind(EntryType.INCOME, sure)


def _money_kind(text: str, people: tuple[tuple[int, int], ...]) -> Kind:
    if _BORROW_RE.search(text):
        back = RETURN_RE.search(text) and not _borrow_with_future_return(text)
        return Kind(EntryType.RETURN if back else EntryType.BORROW, True)
    debt = _stated_debt(text, people)
    if debt is not None:
        return debt
    # 带鱼钱 paid to or by someone named pays for goods; 今天菜钱收了 alone is takings
    if _SETTLE_RE.search(text) or (people and _GOODS_MONEY_RE.search(text)):
        return Kind(EntryType.PAYOFF if i_pay(text, people) else EntryType.SETTLE, True)
    if _BARERETURN_RE.search(text):
        return Kind(EntryType.RETURN, True)
    owes = _OWES_RE.search(text)
    if owes:  # 老李欠我三百 / 我欠老李三百: a debt stated with no goods
        return Kind(EntryType.CREDIT if owes.group(1) else EntryType.PAYABLE, True)
    if OWED_RE.search(text) and TAKEN_RE.search(text):
        # 老陈拿了三次货，一共两千四，还没给: goods with no name, still a sale on credit
        return Kind(EntryType.CREDIT, True)
    if SALE_RE.search(text) or re.search(r"收了|收入|进账|入账|过来|收到", text):
        return Kind(EntryType.INCOME, True)
    if _SPEND_RE.search(text):
        return Kind(EntryType.EXPENSE, True)
    if any(text[max(0, start - 1):start] == "给" for start, _ in people):
        return Kind(EntryType.EXPENSE, False)  # 给老王五百: money handed over, why unsaid
    return Kind(EntryType.INCOME, False)


def _stated_debt(text: str, people: tuple[tuple[int, int], ...]) -> Kind | None:
    """老杨欠到起三百块的菜钱: a debt said with no money moving is a debt, not its payment;
    the one before 欠 owes it."""
    if PAY_VERB_RE.search(text) or "欠" not in text:
        return None
    at = text.index("欠")
    if text[max(0, at - 2):at].endswith(("我", "我还")):
        return Kind(EntryType.PAYABLE, True)
    if any(end <= at and not text[end:at].strip("又还都也早就") for _, end in people):
        return Kind(EntryType.CREDIT, True)
    return None


def i_pay(text: str, people: tuple[tuple[int, int], ...]) -> bool:
    """Does the money go from the vendor to the counterparty (payoff, not settle)?"""
    for start, end in people:
        # 给码头老黄结了: a place said before the person does not hide who pays whom
        head = _PLACE_TAIL_RE.sub("", text[max(0, start - 6):start])[-2:]
        if head.endswith(_THEY_PAY_BEFORE) or head.endswith(("卖给", "批给", "赊给", "借给")):
            return False
        if head.endswith(_I_PAY_BEFORE):
            return True
        if text.startswith(_THEY_PAY_AFTER, end):
            return False
    if _I_PAY_RE.search(text):
        return True
    # no counterparty named: 付清了货款 / 还了一千五货款 say the vendor is the one paying
    return not people and bool(re.search(r"付|还给|转给|打给|^还|，还", text)) and "收" not in text


# Unnamed shoppers (有个大姐, 一个老太太, 他俩) buy from me; the vendor's own helpers
# (小工, 司机, 师傅) are left out, since 小工买了塑料袋 is the vendor spending.
_SHOPPERS = (
    "他们", "她们", "他俩", "她俩", "他", "她", "人家", "客人", "顾客", "有人", "散客", "老客户",
    "老顾客", "回头客", "客户", "那人", "别人", "熟人", "朋友", "一个人", "老太太", "老太",
    "老头", "老大爷", "大爷", "大妈", "阿姨", "大姐", "大哥", "小伙子", "小哥", "美女", "帅哥",
    "老乡", "小孩", "老人",
)
_UNNAMED_BUYER_RE = re.compile(
    r"(?:有个|有位|来了个|来了位|一个|一位|那个|这个)?(?:"
    + "|".join(sorted(_SHOPPERS, key=len, reverse=True))
    + r")(?:今天|刚才|刚刚|又|也|来)*(?:买|要|订)"
)


_BUYER_LEAD_RE = re.compile(
    r"^(?:今天|昨天|前天|刚才|刚刚|上午|下午|早上|晚上|那边|这边|又|也|来"
    r"|" + MY_PLACE + ")+"  # 阿华在我这买了
)


def buyer_before(text: str, user_ends: list[int]) -> bool:
    """老王买了… : a counterparty right before 买/拿/要 is the buyer, so it is a sale."""
    if _UNNAMED_BUYER_RE.search(text):
        return True
    for end in user_ends:
        rest = text[end:end + 8]
        rest = _BUYER_LEAD_RE.sub("", rest)
        if _BUYER_VERB_RE.match(rest):
            return True
    return False
