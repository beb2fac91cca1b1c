"""Record, clarify, confirm, correct, cancel and undo: the draft's state machine.

idle -> draft(asking a missing field | showing the card) -> saved | cancelled.
See handlers/dialogue.mmd for the diagram.
"""

from __future__ import annotations

from chains.rules import rest_owed_said
from chains.rules.doubts import doubtful_day, negative_amount
from chains.schemas import Patch
from handlers import credit_limit, naming, render
from handlers.admissible import block
from handlers.draft import Draft, apply_patch, draft_from_parse
from handlers.messages import Action, Choice, Reply
from handlers.turn import Turn
from ledger import PAID_TYPES, EntryType, may_save_without
from storage.entries import Provenance
from storage.reports import Filters

FIELD_NAMES = {"amount": "金额", "users": "对方", "paid": "先付了多少"}
# A settle pays what is owed me; a payoff what I owe.
_BALANCE_OF = {EntryType.SETTLE: "receivable", EntryType.PAYOFF: "payable"}


def card_reply(turn: Turn, d: Draft, prefix: str = "") -> Reply:
    if d.naming is not None:  # which counterparty is meant comes before 对
        ask = naming.question(d.naming)
        text = render.card(d, turn.today, ask=ask)
        return Reply(text=(prefix + "\n" if prefix else "") + text, kind="question")
    text = (prefix + "\n" if prefix else "") + render.card(d, turn.today)
    choices = (
        Choice(label="✅ 保存", action=Action(kind="confirm", draft_id=d.id)),
        Choice(label="✏️ 修改", action=Action(kind="edit", draft_id=d.id)),
        Choice(label="❌ 取消", action=Action(kind="cancel", draft_id=d.id)),
    )
    return Reply(text=text, kind="card", choices=choices)


async def next_step(turn: Turn, d: Draft, prefix: str = "") -> Reply:
    """Settle the said names, refuse what the books cannot hold, ask the next missing
    field, give up after too many questions, or show the card."""
    d = await naming.resolve_draft(turn, d)
    if d.naming is not None:
        d = d.model_copy(update={"asking": None})
        turn.keep_draft(d)
        return card_reply(turn, d, prefix)
    stop = block(d, turn.today)
    if stop is not None and stop.refuse:
        # Nothing changes: a new entry is not kept, a waiting card stays as it was.
        still = "（之前等你确认的那笔还在。）" if turn.draft is not None else ""
        return Reply(text=stop.text + still)
    if stop is not None:
        if d.questions_asked >= turn.policy.max_clarify_turns:
            turn.settle(d)
            return Reply(text=f"{stop.text.split('。')[0]}。这笔先不记了，没有保存。")
        d = d.model_copy(update={"focus": stop.index, "asking": stop.asking,
                                 "questions_asked": d.questions_asked + 1})
        turn.keep_draft(d)
        text = render.card(d, turn.today, ask=stop.text)
        return Reply(text=(prefix + "\n" if prefix else "") + text, kind="question")
    gap = d.next_missing()
    if gap is not None:
        if d.questions_asked >= turn.policy.max_clarify_turns:
            turn.settle(d)
            return Reply(
                text="问了几次还是缺少信息，这笔先不记了，没有保存。可以重新完整地说一遍。"
            )
        index, field = gap
        d = d.model_copy(
            update={"focus": index, "asking": field, "questions_asked": d.questions_asked + 1}
        )
        turn.keep_draft(d)
        text = render.card(d, turn.today, ask=render.question(field, d.entry))
        return Reply(text=(prefix + "\n" if prefix else "") + text, kind="question")
    d = await credit_limit.warn(turn, d.model_copy(update={"asking": None}))
    if d.doubt is not None:
        # Nothing is missing, but the message left a real doubt: ask, never guess.
        turn.keep_draft(d)
        text = render.card(d, turn.today, ask=render.doubt_question(d))
        return Reply(text=(prefix + "\n" if prefix else "") + text, kind="question")
    if _auto_save(turn, d):
        return await save(turn, d, auto=True)
    turn.keep_draft(d)
    return card_reply(turn, d, prefix)


def _auto_save(turn: Turn, d: Draft) -> bool:
    p = turn.policy
    return p.confirm_policy == "auto" and d.confidence >= p.auto_confirm_threshold


async def record(turn: Turn) -> Reply:
    parse = turn.parse
    ext = turn.extraction
    assert ext is not None
    minus = negative_amount(turn.text)
    if minus is not None:
        return Reply(text=f"金额「{minus}」是负数，这笔没有记。退钱给顾客请说「退给老李五百」，"
                          "花钱请说「付了五百」。")
    d = draft_from_parse(
        parse,
        raw_text=turn.text,
        source=turn.source,
        transcript=turn.transcript,
        voice_record_id=turn.voice_record_id,
        extractor=ext.extractor,
        prompt_version=ext.prompt_version,
        date_doubt=doubtful_day(turn.text, turn.today),
    )
    d = await _with_doubt(turn, d)
    prefix = ""
    if turn.draft is not None:
        d = d.holding(turn.draft)
        prefix = f"上一笔（{render.saved_lines(turn.draft)}）还在等你确认，先看这一笔："
    return await next_step(turn, d, prefix)


async def _with_doubt(turn: Turn, d: Draft) -> Draft:
    """The first entry whose figures leave a real doubt, and what the card must ask."""
    for i, e in enumerate(d.entries):
        if (e.type in PAID_TYPES and e.amount is not None and e.paid is not None
                and 0 < e.paid < e.amount and not rest_owed_said(d.raw_text)):
            return d.model_copy(update={"focus": i, "doubt": "short"})
        metric = _BALANCE_OF.get(e.type)
        if metric is None or len(e.users) != 1 or e.amount is None:
            continue
        f = Filters(account_id=turn.account_id, users=list(e.users), end=turn.today)
        owed = (await turn.reports.summarise(metric, f, limit=1)).total
        if e.amount > owed:
            return d.model_copy(update={"focus": i, "doubt": "overpaid", "owed": owed})
    return d


async def save(turn: Turn, d: Draft, *, auto: bool = False) -> Reply:
    if d.naming is not None:
        return await next_step(turn, d, "还不能保存，先说是哪一位。")
    if d.saved_id is not None:
        return await _amend(turn, d, d.saved_id)
    d = await credit_limit.warn(turn, d)  # a limit may have been set since the card was shown
    created_any = False
    for i, entry in enumerate(d.entries):
        provenance = Provenance(
            dedup_key=d.dedup_key(i),
            source=d.source,
            raw_text=d.raw_text,
            extractor=d.extractor,
            prompt_version=d.prompt_version,
            chat_key=turn.chat_key,
        )
        saved, created = await turn.ledger.add(turn.account_id, entry, provenance, turn.actor)
        created_any = created_any or created
        if i == 0 and d.voice_record_id is not None:
            await turn.ledger.link_voice_record(d.voice_record_id, saved.id)
    turn.settle(d)
    if not created_any:
        return Reply(text=f"这笔已经保存过了，不会重复记：{render.saved_lines(d)}", kind="saved")
    undo_hint = "（已自动保存，记错了回复「撤销」即可删除）" if auto else "（记错了回复「撤销」）"
    text = "\n".join((f"✅ 已保存：{render.saved_lines(d)}{undo_hint}", *d.warnings))
    return Reply(text=text, kind="saved")


async def confirm(turn: Turn) -> Reply:
    d = turn.draft
    if d is None:
        return await _no_draft(turn)
    if d.next_missing() is not None or d.doubt is not None or block(d, turn.today) is not None:
        return await next_step(turn, d, _NOT_YET if d.doubt is None else _ANSWER_FIRST)
    return await save(turn, d)


async def correct(turn: Turn) -> Reply:
    d = turn.draft
    if d is None:
        return await _no_draft(turn)
    patch = turn.parse.patch
    if patch is None or patch.is_empty():
        return card_reply(
            turn, d, "没听懂要改哪里，可以说「是三千盆」「单价改成两块五」「是昨天的」。"
        )
    if patch.entry is not None and patch.entry >= len(d.entries):
        return card_reply(turn, d, f"这张卡片只有 {len(d.entries)} 笔，没有改动。")
    if patch.unknown:
        return await _unknown(turn, d, patch)
    after = apply_patch(d, patch)
    said_forms = {said for _, said in d.said_as}
    if repeated := [u for u in after.entry.users if u in said_forms]:
        # 改成周经理 on a card that read 周经理 as 超市周经理: the vendor means the name as said.
        after = after.model_copy(update={"new_names": (*d.new_names, *repeated)})
    return await next_step(turn, after, _understood(turn, d, after, patch))


_NOT_YET = "还不能保存，还缺一点信息。"
_ANSWER_FIRST = "还不能保存：这笔有一处说不准，先回答下面的问题。"
KEPT = {"owed": "好，按还欠着记。", "advance": "好，多出的算预付款，照原样记。"}


def _understood(turn: Turn, before: Draft, after: Draft, patch: Patch) -> str:
    """Which reading of the reply was taken: the card lines it changed."""
    # An answer to the bot's own question fills a gap; only a change to the card is a fix.
    verb = "已补上" if before.asking else "已修改"
    lines = render.changed_lines(before, after, turn.today)
    if before.doubt and after.doubt is None:
        kept = KEPT.get(patch.short or patch.overpaid or "", "好，按原样记。")
        return "好，" + "；".join(lines) if lines else kept
    if not lines:
        return "这句没有改动这笔账，还是原来的样子。"
    return f"{verb}：" + "；".join(lines)


async def _unknown(turn: Turn, d: Draft, patch: Patch) -> Reply:
    """不知道 / 没算: saved without the value only where the books allow it."""
    field = d.asking
    if field is not None and may_save_without(d.entry.type, field):
        return await next_step(turn, apply_patch(d, patch), f"好，{FIELD_NAMES[field]}先空着。")
    if field is None:
        return card_reply(turn, d, "没关系，这笔没有改动。")
    again = d.model_copy(update={"questions_asked": max(d.questions_asked - 1, 0)})
    need = f"这笔没有{FIELD_NAMES[field]}没法记账（不想记可以说「取消」）。"
    return await next_step(turn, again, need)


async def cancel(turn: Turn) -> Reply:
    d = turn.draft
    if d is None:
        return await _no_draft(turn)
    turn.settle(d)
    return Reply(text=f"已取消，这笔没有保存：{render.saved_lines(d)}", kind="cancelled")


async def undo(turn: Turn) -> Reply:
    if turn.draft is not None:
        return await cancel(turn)
    # Right after an edit of a saved entry, 撤销 gives it its earlier version back.
    reverted = await turn.ledger.revert_edit(turn.account_id, turn.actor)
    if reverted is not None:
        edited, restored = reverted
        return Reply(
            text=f"已撤销刚才的修改：{render.saved_line(edited.entry)} → "
            f"改回 {render.saved_line(restored.entry)}"
        )
    removed = await turn.ledger.undo_last(turn.account_id, turn.chat_key, turn.actor)
    if removed is None:
        return Reply(text="没有可以撤销的账。")
    return Reply(text=f"已撤销上一笔：{render.saved_line(removed.entry)}")


async def _no_draft(turn: Turn) -> Reply:
    if await turn.drafts.expired(turn.chat_key):
        return Reply(text="上一笔等待确认太久已经过期，没有保存。请把这笔账重新说一遍。")
    return Reply(text="现在没有等待确认的账。记账可以直接说，比如「卖给老李两百盆绿萝每盆三块」。")


def waiting_reply(turn: Turn, d: Draft) -> Reply:
    """A card kept behind another one, shown again: its open question, or the card."""
    if d.asking or d.doubt:
        ask = render.doubt_question(d) if d.asking is None else render.question(d.asking, d.entry)
        text = render.card(d, turn.today, ask=ask)
        return Reply(text="还有一笔没记完：\n" + text, kind="question")
    return card_reply(turn, d, "还有一笔等你确认：")


async def remind_pending(turn: Turn, first: Reply) -> list[Reply]:
    """After answering something else, keep the pending draft in view."""
    if turn.draft is None:
        return [first]
    if turn.draft.asking:
        return [
            first,
            Reply(text="还有一笔没记完：" + render.question(turn.draft.asking, turn.draft.entry)),
        ]
    if turn.draft.doubt:
        return [first, Reply(text="还有一笔没记完：" + render.doubt_question(turn.draft))]
    return [first, card_reply(turn, turn.draft, "还有一笔等你确认：")]


def _pressed(turn: Turn) -> Draft | None:
    """The waiting draft whose card carried the pressed button."""
    action = turn.msg.action
    if turn.draft is None or action is None:
        return None
    return turn.draft.find(action.draft_id)


async def confirm_button(turn: Turn) -> Reply:
    """A pressed ✅ saves exactly the draft its card was shown for, never another."""
    d = _pressed(turn)
    if d is None:
        return Reply(text="这张卡片已经处理过了，没有重复保存。")
    if d.next_missing() is not None or d.doubt is not None or block(d, turn.today) is not None:
        if turn.draft is not None and d.id != turn.draft.id:
            rest = turn.draft.without(d.id)
            d = d.holding(rest) if rest is not None else d  # the asked-about card to the front
        return await next_step(turn, d, _NOT_YET if d.doubt is None else _ANSWER_FIRST)
    return await save(turn, d)


async def cancel_button(turn: Turn) -> Reply:
    d = _pressed(turn)
    if d is None:
        return Reply(text="这张卡片已经处理过了。")
    turn.settle(d)
    return Reply(text=f"已取消，这笔没有保存：{render.saved_lines(d)}", kind="cancelled")


async def edit_button(turn: Turn) -> Reply:
    if _pressed(turn) is None:
        return Reply(text="这张卡片已经处理过了。")
    return Reply(
        text="请直接说要改的地方，比如「是三千盆」「单价改成两块五」「是昨天的」「是老王不是老李」。"
    )


async def _amend(turn: Turn, d: Draft, saved_id: int) -> Reply:
    """对 on a card about an entry saved earlier: change it, or remove it, audited."""
    turn.settle(d)
    if d.delete:
        removed = await turn.ledger.delete(turn.account_id, saved_id, turn.actor)
        if removed is None:
            return Reply(text="这笔已经删过了，没有改动。", kind="saved")
        return Reply(text=f"✅ 已删除：{render.saved_line(removed.entry)}", kind="saved")
    changed = await turn.ledger.replace(turn.account_id, saved_id, d.entry, turn.actor)
    if changed is None:
        return Reply(text="这笔已经删掉了，没法再改，没有改动。", kind="saved")
    before, after = changed
    return Reply(
        text=f"✅ 已修改：{render.saved_line(before.entry)} → {render.saved_line(after.entry)}"
        "（改错了回复「撤销」改回原样）",
        kind="saved",
    )
