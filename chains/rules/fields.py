"""Fields restated by name in a reply to a card: 单价是2块5, 日期是昨天, 对方是老王,
数量200, 第二笔是60, 第一笔单价3块.

A field word names what the value that follows is, so 单价是25 is a unit price (not a
total) and 数量是200 a quantity (not money). Each clause (between separators) is read on
its own, so several fields can be restated at once (单价3块，数量两百). 第N笔 names the
entry of a multi-entry card the clause is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from chains.rules.amounts import cents
from chains.rules.analysis import Analysis
from chains.rules.lexicon import PRODUCT_UNITS, SEPARATORS
from chains.rules.numbers import parse_cn_numeral
from chains.schemas import Patch
from ledger import EntryType

# Longest first: 总金额 before 金额, 单价 before 价.
_FIELD_WORDS: tuple[tuple[str, str], ...] = tuple(sorted((
    ("单价", "unit_price"), ("价格", "unit_price"), ("价钱", "unit_price"),
    ("进价", "unit_price"), ("售价", "unit_price"),
    ("数量", "quantity"), ("个数", "quantity"), ("件数", "quantity"), ("盆数", "quantity"),
    ("斤数", "quantity"), ("箱数", "quantity"), ("重量", "quantity"),
    ("总金额", "amount"), ("金额", "amount"), ("总价", "amount"), ("总额", "amount"),
    ("总数", "amount"), ("钱数", "amount"), ("总共", "amount"), ("一共", "amount"),
    ("合计", "amount"), ("货款", "amount"), ("实收", "amount"),
    ("已付", "paid"), ("先付", "paid"), ("定金", "paid"), ("首付", "paid"),
    ("日期", "date"), ("时间", "date"), ("日子", "date"),
    ("对方", "users"), ("客户", "users"), ("买家", "users"), ("卖家", "users"),
    ("名字", "users"), ("供货商", "users"), ("老板", "users"),
    ("商品", "product"), ("品种", "product"), ("品名", "product"), ("货品", "product"),
    ("用途", "category"), ("类别", "category"), ("分类", "category"), ("费用", "category"),
    ("项目", "category"), ("类型", "type"), ("单位", "unit"),
    ("筐", "containers"), ("筐子", "containers"), ("框", "containers"), ("箱子", "containers"),
    ("周转箱", "containers"), ("桶", "containers"), ("托盘", "containers"),
), key=lambda fw: -len(fw[0])))
_COPULA_RE = re.compile(r"(?:应该|应|也|其实|实际)?(?:是|为|改成|改为|换成|写成|算|成|：|:)?")
_LEAD_RE = re.compile(r"(?:不对|错了|还有|另外|然后|再|那|就)*")
_ORDINAL_RE = re.compile(r"第([一二两三四五六七八九十\d]{1,3})[笔条单项个]的?")
_TRAILING_RE = re.compile(r"[的了吧啊呀呢嘛]+$")
# The words of each type, as a reply restates it (是支出, 这是亏的, 是赊的, 是赊进的).
TYPE_WORDS: tuple[tuple[str, EntryType], ...] = (
    ("赊进", EntryType.PAYABLE), ("欠他", EntryType.PAYABLE), ("欠人家", EntryType.PAYABLE),
    ("我欠", EntryType.PAYABLE), ("还款", EntryType.PAYOFF), ("还他", EntryType.PAYOFF),
    ("退款", EntryType.REFUND), ("退给", EntryType.REFUND), ("退的", EntryType.REFUND),
    ("损耗", EntryType.LOSS), ("亏的", EntryType.LOSS), ("亏了", EntryType.LOSS),
    ("坏了", EntryType.LOSS), ("烂了", EntryType.LOSS), ("扔了", EntryType.LOSS),
    ("报损", EntryType.LOSS),
    ("赊", EntryType.CREDIT), ("欠着", EntryType.CREDIT), ("欠我", EntryType.CREDIT),
    ("支出", EntryType.EXPENSE), ("进货", EntryType.EXPENSE), ("进的", EntryType.EXPENSE),
    ("买的", EntryType.EXPENSE), ("花的", EntryType.EXPENSE), ("付出去", EntryType.EXPENSE),
    ("收入", EntryType.INCOME), ("卖的", EntryType.INCOME), ("卖出", EntryType.INCOME),
    ("进账", EntryType.INCOME),
    ("结账", EntryType.SETTLE), ("结的账", EntryType.SETTLE), ("还我", EntryType.SETTLE),
    ("借的", EntryType.BORROW), ("借出", EntryType.BORROW), ("借走", EntryType.BORROW),
    ("还的", EntryType.RETURN), ("还回来", EntryType.RETURN), ("归还", EntryType.RETURN),
)


def type_of(text: str) -> EntryType | None:
    """The entry type a short reply restates (是支出, 这是亏的), if any."""
    for word, kind in TYPE_WORDS:
        if word in text:
            return kind
    return None


@dataclass(slots=True)
class Restated:
    """What the field-led clauses of a reply say, and which characters they used."""

    values: dict[str, Any] = field(default_factory=dict)
    used: list[tuple[int, int]] = field(default_factory=list)
    entry: int | None = None

    def covers(self, pos: int) -> bool:
        return any(start <= pos < end for start, end in self.used)

    def patch(self) -> Patch:
        return Patch(entry=self.entry, **self.values)


def read_fields(a: Analysis) -> Restated:
    """Every clause that starts with a field word (or 第N笔), read as that field's value."""
    out = Restated()
    text = a.msg.text
    start = 0
    for end in [*(i for i, ch in enumerate(text) if ch in SEPARATORS), len(text)]:
        _read_clause(a, start, end, out)
        start = end + 1
    return out


def _read_clause(a: Analysis, start: int, end: int, out: Restated) -> None:
    text = a.msg.text
    i = start + _LEAD_RE.match(text, start, end).end() - start  # type: ignore[union-attr]
    ordinal = _ORDINAL_RE.match(text, i, end)
    if ordinal is not None:
        said = ordinal.group(1)
        number = int(said) if said.isdigit() else parse_cn_numeral(said)
        if number is not None and number >= 1:
            out.entry = int(number) - 1
        i = ordinal.end()
    name = next((f for w, f in _FIELD_WORDS if text.startswith(w, i)), None)
    if name is None and ordinal is None:
        return
    if name is not None:
        i += next(len(w) for w, f in _FIELD_WORDS if text.startswith(w, i))
    copula = _COPULA_RE.match(text, i, end)
    vstart = copula.end() if copula is not None else i
    value = _value(a, name, vstart, end)
    if value is None:
        if ordinal is not None and name is None:
            out.used.append((start, end))  # 第二笔: the clauses after it say what changes
        return
    out.values.update(value)
    out.used.append((start, end))


def _value(a: Analysis, name: str | None, start: int, end: int) -> dict[str, Any] | None:
    text = a.msg.text
    said = _TRAILING_RE.sub("", text[start:end])
    if name in (None, "unit_price", "amount", "paid", "quantity", "containers"):
        # the figure right after the field word (付了运费150 is no restated field)
        tok = next((t for t in a.tokens if t.start == start and t.value is not None), None)
        if tok is None or tok.value is None:
            return None
        if name == "quantity":
            return {"quantity": tok.value, "unit": tok.unit if tok.is_product_qty else None}
        if name == "containers":
            return {"container_quantity": tok.value}  # 筐是十个: the crates that went out
        if tok.is_product_qty and name is None:
            return {"quantity": tok.value, "unit": tok.unit}  # 第二笔是50盆
        # 第二笔是60: a bare figure for an entry is its total
        return {name or "amount": cents(tok.value)}
    if name == "date":
        day = next((d for d in a.days if start <= d.start < end and d.first is not None), None)
        return None if day is None else {"date": day.first}
    if name == "users":
        person = next((p.name for p in a.people if start <= p.start < end), None)
        name_said = person or (said if _is_cjk_word(said, 2, 6) else None)
        return None if name_said is None else {"users": [name_said]}
    if name == "unit":
        return {"unit": said} if said in PRODUCT_UNITS else None
    if name == "type":
        kind = type_of(said)
        return None if kind is None else {"type": kind}
    if name in ("product", "category") and _is_cjk_word(said, 1, 8):
        return {name: said}
    return None


def _is_cjk_word(text: str, shortest: int, longest: int) -> bool:
    return shortest <= len(text) <= longest and all("\u4e00" <= ch <= "\u9fff" for ch in text)
