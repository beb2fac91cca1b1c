"""Slash commands (/today, /month, /owed, /payable, /crates, /undo, /export): shortcuts to the same
answers the vendor could ask for in words."""

from __future__ import annotations

import datetime as dt

from chains.schemas import Query
from handlers import dialogue, help, query
from handlers.export import to_csv
from handlers.messages import Document, Reply
from handlers.turn import Turn
from ledger import Metric

COMMANDS = {
    "start": "开始使用，看看怎么记账",
    "help": "怎么记账、怎么查账",
    "today": "今天的收入、支出和净赚",
    "month": "这个月的收入、支出和净赚",
    "owed": "谁还欠我钱（应收）",
    "payable": "我还欠谁钱（应付）",
    "crates": "外面还有几个筐/箱",
    "undo": "撤销上一笔",
    "export": "导出全部账目（CSV，可用 Excel 打开）",
}


def _help() -> Reply:
    listed = "\n".join(f"/{name} {what}" for name, what in COMMANDS.items())
    return Reply(text=f"{help.WELCOME}\n命令：\n{listed}")


def command_name(text: str) -> str | None:
    if not text.startswith("/"):
        return None
    name = text[1:].split(maxsplit=1)[0].split("@")[0].lower() if len(text) > 1 else ""
    return name if name in COMMANDS else None


async def run(turn: Turn) -> list[Reply]:
    name = command_name(turn.text.strip())
    today = turn.today
    period: dict[str, tuple[Metric, dt.date | None]] = {
        "today": ("net", today),
        "month": ("net", today.replace(day=1)),
        "owed": ("receivable", None),
        "payable": ("payable", None),
        "crates": ("containers", None),
    }
    if name in period:
        metric, start = period[name]
        answer = await query.answer_query(turn, Query(metric=metric, start=start, end=today))
        # Same as a question asked in words: a pending entry stays in view, not forgotten.
        return await dialogue.remind_pending(turn, answer)
    if name == "undo":
        return [await dialogue.undo(turn)]
    if name == "export":
        entries = await turn.ledger.active(turn.account_id)
        doc = Document(filename=f"账本-{today.isoformat()}.csv", content=to_csv(entries))
        return [Reply(text=f"共 {len(entries)} 笔账，已导出为 CSV。", document=doc)]
    return [_help()]
