"""Edit and delete entries saved earlier: find the one meant, show it, change it after 对.

The change itself is a card like any other (handlers/dialogue.py saves it through
LedgerRepository.replace/delete, audited with before and after); nothing changes before the
vendor has seen which entry it is.
"""

from __future__ import annotations

from chains.schemas import EntryRef, Intent
from handlers import naming, render
from handlers.dialogue import card_reply, next_step
from handlers.draft import Draft, apply_patch
from handlers.messages import Reply
from handlers.turn import Turn
from storage.entries import SavedEntry

NOTHING_CHANGED = "这次没有改动任何账。"
SHOWN = 5


async def earlier_entry(turn: Turn) -> Reply:
    ref = turn.parse.ref or EntryRef()
    named = ref.date or ref.users or ref.product or ref.category or ref.amount is not None
    if not (named or ref.last):
        return Reply(
            text="要改或删哪一笔？请说日期、对方、商品或金额，比如「把昨天老李那笔改成三百五」。"
            + NOTHING_CHANGED
        )
    users, _, ask = await naming.resolve_names(turn, ref.users)
    if ask is not None:
        return Reply(text=f"{ask}{NOTHING_CHANGED}")
    ref = ref.model_copy(update={"users": users})
    found = await turn.ledger.matching(
        turn.account_id,
        day=ref.date,
        users=ref.users,
        product=ref.product,
        category=ref.category,
        amount=ref.amount,
        # 上一笔: the latest saved entry that fits, even if others do too.
        limit=1 if ref.last else SHOWN + 1,
    )
    if not found:
        return Reply(text=f"没找到{_described(ref)}的账。{NOTHING_CHANGED}")
    if len(found) > 1:
        lines = [f"找到不止一笔{_described(ref)}的账，请说得具体一点（加上日期、金额或商品）："]
        lines += [f"· {render.saved_line(s.entry)}" for s in found[:SHOWN]]
        return Reply(text="\n".join(lines) + "\n" + NOTHING_CHANGED)
    return await _show(turn, found[0])


async def _show(turn: Turn, saved: SavedEntry) -> Reply:
    """The one entry meant, as a card to delete it or to change it (after 对)."""
    d = Draft(
        entries=(saved.entry,),
        saved_id=saved.id,
        delete=turn.intent is Intent.DELETE,
        raw_text=turn.text,
    )
    if turn.draft is not None:
        d = d.holding(turn.draft)
    if d.delete:
        turn.keep_draft(d)
        return card_reply(turn, d)
    patch = turn.parse.patch
    before = f"原来：{render.saved_line(saved.entry)}"
    if patch is None or patch.is_empty():
        turn.keep_draft(d)
        ask = "要改成什么？直接说，比如「金额是三百五」「是前天的」。"
        return card_reply(turn, d, f"{before}\n{ask}")
    return await next_step(turn, apply_patch(d, patch), before)


def _described(ref: EntryRef) -> str:
    parts = [
        ref.date.isoformat() if ref.date else "",
        "、".join(ref.users),
        ref.product or "",
        ref.category or "",
        render.money(ref.amount) if ref.amount is not None else "",
    ]
    return " ".join(p for p in parts if p)
