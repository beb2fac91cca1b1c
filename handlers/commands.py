"""Slash commands (/today, /month, /owed, /payable, /crates, /undo, /export, /chart): shortcuts to
the same answers the vendor could ask for in words."""

from __future__ import annotations

import datetime as dt

from chains.schemas import Query
from handlers import charts, dialogue, help, query
from handlers.book import SHEETS, XLSX_MIME
from handlers.export import csv_text
from handlers.messages import Document, Reply
from handlers.turn import Turn
from handlers.workbook import read_book
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
    "export": "导出全部账目（Excel 表格：账目、应收、应付、周转筐、商品）",
    "chart": "画图：每天卖了多少、卖得最好的商品、谁欠我最多（或说「这个月每天卖了多少 画个图」）",
    "voice": "重新识别没听成的语音（/voice retry，或说「重新识别」）",
}


# Asked in words, these mean /export (they never read as an entry or a question).
EXPORT_WORDS = frozenset({"导出", "导出账本", "导出表格", "导出账目", "导出excel", "导出Excel"})


def is_command(text: str) -> bool:
    return text.startswith("/") or text.strip() in EXPORT_WORDS or charts.wants_chart(text)


def _help() -> Reply:
    listed = "\n".join(f"/{name} {what}" for name, what in COMMANDS.items())
    return Reply(text=f"{help.INTRO}\n{help.EXAMPLES}\n命令：\n{listed}")


def command_name(text: str) -> str | None:
    if text.strip() in EXPORT_WORDS:
        return "export"
    if charts.wants_chart(text):
        return "chart"
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
        return [await export_reply(turn)]
    if name == "chart":
        return await dialogue.remind_pending(turn, await charts.reply(turn))
    return [_help()]


async def export_reply(turn: Turn) -> Reply:
    """The whole book as XLSX; channels that cannot send files show the entries as CSV text."""
    # openpyxl (with numpy) is ~25 MB a webhook worker only needs when someone exports.
    from handlers.xlsx import to_xlsx

    book = await read_book(turn.ledger, turn.reports, turn.account_id, turn.today)
    doc = Document(
        filename=f"账本-{turn.today.isoformat()}.xlsx",
        content=to_xlsx(book),
        mime_type=XLSX_MIME,
        fallback_text=csv_text(book.entries, quote_all=False),
    )
    text = f"共 {len(book.entries)} 笔账，已导出为 Excel 表格（{'、'.join(SHEETS)}）。"
    return Reply(text=text, document=doc)
