"""The vendor's answer to 「你说的老陈是老陈家吗？」 or 「你说的周经理是哪一位？」.

Yes to the one name asked about teaches the alias (老陈 means 老陈家 from now on); a pick
among several does not (周经理 stays ambiguous while there are two); "no" keeps the said
name as someone new. A message that is not an answer goes where it would have gone while a
question is open (a new entry, a query, 取消…), and the question stays.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from handlers import dialogue, naming
from handlers.draft import Draft, NameQuestion
from handlers.messages import Reply
from handlers.turn import Turn

Handler = Callable[[Turn], Awaitable[list[Reply]]]

YES = frozenset({
    "是", "对", "是的", "对的", "对对", "嗯", "嗯嗯", "没错", "就是", "是他", "就是他", "是她",
    "就是她", "是啊", "对啊", "好", "好的", "行",
})
NO = ("不是", "不对", "都不是", "新的", "是新的", "另一个", "另外一个", "别的", "新客户")
_PUNCT = re.compile(r"[\s，。,.！!？?、~～]+")
_INDEX = re.compile(r"^第?([0-9]{1,2}|[一二三四五六七八九十])(?:个|位|号)?$")
_CN_INDEX = "一二三四五六七八九十"


def read_answer(text: str, q: NameQuestion) -> str | None:
    """The name the answer picks (q.said itself for someone new), None if it is no answer."""
    t = _PUNCT.sub("", text)
    if t in q.candidates:
        return t
    if t.startswith("是") and t[1:] in q.candidates:
        return t[1:]
    if t == q.said or t.startswith(NO):
        return q.said
    if t in YES:
        return q.candidates[0] if len(q.candidates) == 1 else None
    m = _INDEX.match(t)
    if m and len(q.candidates) > 1:
        token = m.group(1)
        index = int(token) if token.isdigit() else _CN_INDEX.index(token) + 1
        if 1 <= index <= len(q.candidates):
            return q.candidates[index - 1]
        if index == len(q.candidates) + 1:
            return q.said
    return None


def or_else(fallback: Handler) -> Handler:
    """Read the message as the answer to the open name question, else handle it as
    `fallback` would."""

    async def run(turn: Turn) -> list[Reply]:
        d = turn.draft
        q = d.naming if d is not None else None
        chosen = read_answer(turn.text, q) if q is not None else None
        if d is None or q is None or chosen is None:
            return await fallback(turn)
        return [await dialogue.next_step(turn, await _apply(turn, d, q, chosen))]

    return run


async def _apply(turn: Turn, d: Draft, q: NameQuestion, chosen: str) -> Draft:
    d = d.model_copy(update={"naming": None})
    if chosen == q.said:
        return d.model_copy(update={"new_names": (*d.new_names, chosen)})
    if len(q.candidates) == 1:
        await turn.people.learn_alias(turn.account_id, q.said, chosen)
    d = naming.rename(d, q.said, chosen)
    return d.model_copy(update={"said_as": (*d.said_as, (chosen, q.said))})
