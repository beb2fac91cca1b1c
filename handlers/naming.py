"""Said names read as the account's counterparties, in a draft and in a question.

The rule is handlers/names.py; this module brings the account's saved names and learned
aliases to it (storage) and says what it found: a settled name is written into the entry
(what is saved is the counterparty, not the shortened form) and shown on the card as
「超市周经理（你说的周经理）」; a name that may be one of several becomes a question.
"""

from __future__ import annotations

from chains.schemas import Query
from handlers import names
from handlers.draft import Draft, NameQuestion
from handlers.turn import Turn
from ledger import Entry

NONE_OF_THEM = "都不是，是新的"


async def resolve_draft(turn: Turn, d: Draft) -> Draft:
    """`d` with every said name it can settle replaced by its counterparty; the first one
    that needs the vendor's answer becomes `d.naming` (the next is asked after it)."""
    if d.naming is not None or d.saved_id is not None:
        return d  # a question is open; an earlier entry's card keeps the names it has
    settled = {saved for saved, _ in d.said_as} | set(d.new_names)
    said = [u for e in d.entries for u in e.users if u not in settled]
    if not said:
        return d
    saved = await turn.people.names(turn.account_id)
    aliases = await turn.people.aliases(turn.account_id)
    said_as = list(d.said_as)
    for name in dict.fromkeys(said):
        r = names.resolve(name, saved, aliases)
        if r.name is None:
            ask = NameQuestion(said=name, candidates=r.candidates)
            return d.model_copy(update={"naming": ask, "said_as": tuple(said_as)})
        if r.changed:
            d = rename(d, name, r.name)
            said_as.append((r.name, name))
    return d.model_copy(update={"said_as": tuple(said_as)})


def rename(d: Draft, said: str, name: str) -> Draft:
    """Every entry of `d` with `said` replaced by `name` (once, keeping the order)."""
    entries = tuple(_renamed(e, said, name) for e in d.entries)
    return d.model_copy(update={"entries": entries})


def _renamed(e: Entry, said: str, name: str) -> Entry:
    users = tuple(dict.fromkeys(name if u == said else u for u in e.users))
    return e if users == e.users else e.model_copy(update={"users": users})


def question(q: NameQuestion) -> str:
    if len(q.candidates) == 1:
        return (f"账上有「{q.candidates[0]}」，你说的「{q.said}」是{q.candidates[0]}吗？"
                f"（回复：是 / 不是，是新的）")
    options = [f"{i}. {name}" for i, name in enumerate(q.candidates, 1)]
    options.append(f"{len(q.candidates) + 1}. {NONE_OF_THEM}")
    return f"你说的「{q.said}」是哪一位？回复序号：\n" + "\n".join(options)


async def resolve_query(turn: Turn, q: Query) -> tuple[Query, str, str | None]:
    """The query with its names settled, a note saying which were read as whom, and, when a
    name may be several people, the question to answer instead (nothing is guessed)."""
    users, notes, ask = await resolve_names(turn, q.users)
    note = "按" + "、".join(notes) + "算：\n" if notes else ""
    return q.model_copy(update={"users": users}), note, ask


async def resolve_names(turn: Turn, said: list[str]) -> tuple[list[str], list[str], str | None]:
    """The counterparties `said` names, notes 「超市周经理（你说的周经理）」 for the ones read
    as another name, and the question to ask back when one may be several people."""
    if not said:
        return [], [], None
    saved = await turn.people.names(turn.account_id)
    aliases = await turn.people.aliases(turn.account_id)
    users: list[str] = []
    notes: list[str] = []
    for name in said:
        r = names.resolve(name, saved, aliases)
        if r.name is None:
            return list(said), [], _ask_again(r)
        if r.changed:
            notes.append(f"{r.name}（你说的{name}）")
        users.append(r.name)
    return list(dict.fromkeys(users)), notes, None


def _ask_again(r: names.Resolution) -> str:
    listed = "、".join(f"「{c}」" for c in r.candidates)
    if len(r.candidates) == 1:
        return (f"账上没有「{r.said}」，有{listed}。是问{r.candidates[0]}吗？"
                f"是的话请带上全名再问一次（比如把「{r.said}」说成「{r.candidates[0]}」）。")
    return (f"账上有几位可能是「{r.said}」：{listed}。请说是哪一位，带上全名再问一次"
            f"（比如把「{r.said}」说成「{r.candidates[0]}」）。")
