"""The kind of an entry (GUIDE "Entry types"): who moved goods, money or containers to whom.

Goods sold are income unless the money is still owed (credit); goods bought are an
expense. Containers alone go out (borrow) or come back (return). Money alone is a loan
(借), its return, a debt being paid (settle), or plain income or spending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chains.rules.message import Message
from ledger import EntryType

_CREDIT_RE = re.compile(
    r"赊|欠着|先欠|欠我|欠款未|挂着|挂账|记.{0,3}账上|记账上|没给钱|没付钱|还没给|还没付|没结账"
    r"|打.{0,3}欠条|先不给|(?:月底|月末|年底|下回|下次|下个?月|下周|下礼拜|下星期|回头|改天|过两天"
    r"|过几天|过段时间|以后|明天|后天)(?:再|一起|统一)?(?:给|付|结|算|还)"
)
_SETTLE_RE = re.compile(
    r"结账|结了|结清|账结|账清|把账|的账|欠款|货款|赊账|赊的|欠的|欠我的|欠下的|尾款|清账"
    r"|(?:上回|上次|之前|以前|前几天|前两天|前些天|上个?月|上个?礼拜|上个?星期|上周)的?.{0,4}钱"
)
_BORROW_RE = re.compile(r"借")
_RETURN_RE = re.compile(
    r"(?<![没未])(?:还了|还我|还给我|还回来|还回|送回来|送回|带回来|带回|退回|退还|收回|拿回"
    r"|回来了|转回来|转回|两清|还清|还上|归还)"
)
_BARE_RETURN_RE = re.compile(r"(?<![没未])还(?:了|我|给我|回|清|上)")
_SALE_RE = re.compile(r"卖|批给|零售|零卖|散卖|出货|销售|营业")
# 从老张那 / 从阿坤手上 / 从老陈家: goods that came from someone are bought.
_PURCHASE_RE = re.compile(
    r"进了|进货|进的|采购|从.{1,8}(?:那|这|手上|手里|家|处)|在.{1,8}那|进价|收购"
)
_PAID_RE = re.compile(r"买|花了|花费")
_SPEND_RE = re.compile(
    r"花|付|交|费|工资|工钱|租|雇|维修|修理|开支|支出|转给|给.{1,6}转|报销|买|进了|进货|采购"
)
_BUYER_VERB_RE = re.compile(r"(?:又|也|刚|还|来)?(?:买|要|订)")
_TAKEN_RE = re.compile(r"拿|要了|订了|拉走|带走|包了|送了|发了|配了|付的|给了|转过来|收了")
_CONTAINER_OUT_RE = re.compile(r"借|拿走|拉走|带走|拿了|拉了|被拿")


@dataclass(frozen=True, slots=True)
class Kind:
    type: EntryType
    sure: bool  # a cue word decided it, not the fallback


def entry_kind(
    msg: Message, *, has_goods: bool, has_containers: bool, buyer_before_buy: bool
) -> Kind:
    text = msg.text
    if has_goods:
        return _goods_kind(text, buyer_before_buy)
    if has_containers:
        sure = bool(_CONTAINER_OUT_RE.search(text) or _RETURN_RE.search(text))
        back = _RETURN_RE.search(text) and not _borrow_with_future_return(text)
        return Kind(EntryType.RETURN if back else EntryType.BORROW, sure)
    return _money_kind(text)


def _borrow_with_future_return(text: str) -> bool:
    """张姐借了8个周转箱，说下礼拜还: a promise to return is still a loan."""
    m = _RETURN_RE.search(text)
    return bool(m and re.search(r"(?:说|下|过|以后|明天|改天).{0,4}$", text[:m.start()]))


def _goods_kind(text: str, buyer_before_buy: bool) -> Kind:
    sale = bool(_SALE_RE.search(text))
    if _PURCHASE_RE.search(text) and not sale:
        return Kind(EntryType.EXPENSE, True)
    if _PAID_RE.search(text) and not sale and not buyer_before_buy:
        return Kind(EntryType.EXPENSE, True)
    if _CREDIT_RE.search(text):
        return Kind(EntryType.CREDIT, True)
    sure = bool(_SALE_RE.search(text) or _TAKEN_RE.search(text) or buyer_before_buy)
    return Kind(EntryType.INCOME, sure)


def _money_kind(text: str) -> Kind:
    if _BORROW_RE.search(text):
        back = _RETURN_RE.search(text) and not _borrow_with_future_return(text)
        return Kind(EntryType.RETURN if back else EntryType.BORROW, True)
    if _SETTLE_RE.search(text):
        return Kind(EntryType.SETTLE, True)
    if _BARE_RETURN_RE.search(text):
        return Kind(EntryType.RETURN, True)
    if _CREDIT_RE.search(text) and _TAKEN_RE.search(text):
        # 老陈拿了三次货，一共两千四，还没给: goods with no name, still a sale on credit
        return Kind(EntryType.CREDIT, True)
    if _SALE_RE.search(text) or re.search(r"收了|收入|进账|入账|过来|收到", text):
        return Kind(EntryType.INCOME, True)
    if _SPEND_RE.search(text):
        return Kind(EntryType.EXPENSE, True)
    return Kind(EntryType.INCOME, False)


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
    r"^(?:今天|昨天|前天|刚才|刚刚|上午|下午|早上|晚上|那边|这边|又|也|来)+"
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
