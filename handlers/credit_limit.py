"""Credit limits (欠款额度): set, removed and asked by chat, and the card's warning when an
entry would take what someone owes past theirs.

「老李的欠款额度5000」「给老李设额度五千」「老李额度改成一万」「取消老李的额度」「老李的额度是多少」.
The name is read as every other name (周经理 → 超市周经理); a name that may be several
people is asked back, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from chains.rules.numbers import parse_cn_numeral
from handlers import names, render
from handlers.draft import Draft
from handlers.messages import Reply
from handlers.turn import Turn
from ledger import RECEIVABLE_SIGN, Entry, EntryType
from storage.reports import Filters

_WHO = r"(?P<who>[\u4e00-\u9fffA-Za-z0-9·]{1,12}?)"
_KIND = r"(?:欠款|赊账|赊欠|欠账|挂账|赊)?额度"
_AMOUNT = (
    r"(?P<amount>[0-9]+(?:\.[0-9]+)?[万千]?|[零〇一二两三四五六七八九十百千万]+)(?:元|块钱|块)?"
)
_SET_VERB = (
    r"(?:设为|设成|设置为|设置成|设定为|设定|设置|设|改成|改为|改到|调成|调到|调整为"
    r"|定为|定成|定在|定|为|是|到|:|：)?"
)
_SET = (
    re.compile(rf"^(?:给|帮|替){_WHO}(?:设置|设定|设|定|开|加)(?:个|一个)?{_KIND}{_SET_VERB}{_AMOUNT}$"),
    re.compile(rf"^(?:给|把|帮)?{_WHO}的?{_KIND}{_SET_VERB}{_AMOUNT}$"),
)
_REMOVE = (
    re.compile(rf"^(?:取消|去掉|删掉|删除|不要)(?:给)?{_WHO}的?{_KIND}了?$"),
    re.compile(rf"^(?:把)?{_WHO}的?{_KIND}(?:取消|去掉|删掉|删除|不要)了?$"),
)
_ASK = re.compile(rf"^{_WHO}的?{_KIND}(?:是|有)?(?:多少|几多|多大)(?:钱)?$")
_PUNCT = re.compile(r"[\s，。,！!？?~～]+")


@dataclass(frozen=True, slots=True)
class LimitRequest:
    action: Literal["set", "remove", "ask"]
    who: str
    limit: Decimal | None = None


def parse(text: str) -> LimitRequest | None:
    """The credit-limit request `text` makes, if it is one."""
    t = _PUNCT.sub("", text)
    if "额度" not in t:
        return None
    for pattern in _SET:
        m = pattern.match(t)
        if m:
            limit = _amount(m.group("amount"))
            return None if limit is None else LimitRequest("set", m.group("who"), limit)
    for pattern in _REMOVE:
        m = pattern.match(t)
        if m:
            return LimitRequest("remove", m.group("who"))
    m = _ASK.match(t)
    return LimitRequest("ask", m.group("who")) if m else None


def _amount(text: str) -> Decimal | None:
    if text[0].isdigit():
        scale = {"万": Decimal(10000), "千": Decimal(1000)}.get(text[-1], Decimal(1))
        try:
            return Decimal(text.rstrip("万千")) * scale
        except InvalidOperation:
            return None
    return parse_cn_numeral(text)


async def handle(turn: Turn) -> Reply:
    req = parse(turn.text)
    assert req is not None, "routed here only when parse() found a request"
    saved = await turn.people.names(turn.account_id)
    r = names.resolve(req.who, saved, await turn.people.aliases(turn.account_id))
    if r.name is None:
        listed = "、".join(f"「{c}」" for c in r.candidates)
        return Reply(text=f"「{req.who}」可能是{listed}，请带上全名再说一次额度。额度没有改动。")
    who = r.name
    said = f"（你说的{req.who}）" if r.changed else ""
    owed = await _owed(turn, who)
    now = f"现在{who}欠 {render.money(owed)}。"
    if req.action == "remove":
        await turn.people.set_limit(turn.account_id, who, None)
        return Reply(text=f"已取消{who}{said}的欠款额度。{now}")
    if req.action == "ask":
        limit = (await turn.people.limits(turn.account_id, [who])).get(who)
        if limit is None:
            return Reply(text=f"还没有给{who}{said}设欠款额度。可以说「{who}的欠款额度五千」。")
        told = f"{who}{said}的欠款额度是 {render.money(limit)}。"
        return Reply(text=f"{told}{now}{_room(owed, limit)}")
    assert req.limit is not None
    await turn.people.set_limit(turn.account_id, who, req.limit)
    return Reply(
        text=f"✅ 已设置：{who}{said}的欠款额度 {render.money(req.limit)}。{now}"
        f"{_room(owed, req.limit)}以后记账超过额度会提醒你。"
    )


def _room(owed: Decimal, limit: Decimal) -> str:
    if owed > limit:
        return f"⚠ 已经超过额度 {render.money(owed - limit)}。"
    return f"还能再赊 {render.money(limit - owed)}。"


async def _owed(turn: Turn, who: str) -> Decimal:
    """What `who` owes now, goods and money lent alike (the receivable balance)."""
    s = await turn.reports.summarise("receivable", Filters(account_id=turn.account_id,
                                                           users=[who]), limit=100)
    return dict(s.lines).get(who, Decimal(0))


def change(e: Entry) -> Decimal:
    """How much this entry adds to what its counterparty owes me (negative: pays it down)."""
    sign = RECEIVABLE_SIGN.get(e.type, 0)
    if not sign or e.amount is None:
        return Decimal(0)
    paid = (e.paid or Decimal(0)) if e.type is EntryType.CREDIT else Decimal(0)
    return sign * (e.amount - paid)


async def warn(turn: Turn, d: Draft) -> Draft:
    """`d` with a warning for every counterparty its entries would take past their limit."""
    if d.saved_id is not None:
        return d.model_copy(update={"warnings": ()})  # the balance already holds that entry
    changes: dict[str, Decimal] = {}
    for e in d.entries:
        if len(e.users) == 1 and change(e):
            changes[e.users[0]] = changes.get(e.users[0], Decimal(0)) + change(e)
    raising = [who for who, v in changes.items() if v > 0]
    limits = await turn.people.limits(turn.account_id, raising)
    warnings = []
    for who, limit in limits.items():
        after = await _owed(turn, who) + changes[who]
        if after > limit:
            warnings.append(
                f"⚠ 记上这笔后{who}欠{render.money(after)}，超过额度{render.money(limit)}"
            )
    return d.model_copy(update={"warnings": tuple(warnings)})
