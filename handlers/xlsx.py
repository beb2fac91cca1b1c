"""The books as an Excel workbook: 账目 (every entry), 应收 and 应付 (balances by age),
周转筐 (containers out) and 商品 (sales per product).

Money cells are numbers in a ¥ format and dates are dates, so the vendor can sum and sort
them; every text cell goes through `export.safe_text` and is written as a string
(openpyxl would otherwise turn a leading = into a live formula). Write-only mode keeps a
large book's memory flat (INTEGRATION.md part 6).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from handlers.book import SHEETS, Book
from handlers.export import COLUMNS, MONEY_COLUMNS, Cell, entry_cells, safe_text
from storage.ageing import BUCKETS, Aged
from storage.entries import SavedEntry
from storage.sales import ProductSales

MONEY_FORMAT = '"¥"#,##0.00;[Red]-"¥"#,##0.00'
DATE_FORMAT = "yyyy-mm-dd"
NO_PRODUCT = "其他（没写商品或没有单价）"
BOLD = Font(bold=True)
# The ageing rule (storage/ageing.py), said on the sheet so the vendor can check a figure.
RECEIVABLE_RULE = (
    "每笔赊账（减去当时已付）和借出的钱按自己的日期算账龄；收回的钱先冲最早的欠款。"
    "余额为负是对方多付了，不算账龄。"
)
PAYABLE_RULE = (
    "每笔赊进（减去当时已付）按自己的日期算账龄；付出去的钱先冲最早的欠款。"
    "余额为负是我多付了，不算账龄。"
)
# id, date, type, users, products, containers, amount, paid, category, remark, source
ENTRY_WIDTHS = (8, 12, 10, 14, 36, 14, 12, 12, 10, 24, 8)
SALES_RULE = (
    "销售额 = 收入 + 赊账 − 退款；一笔账有几样商品时按各自的金额分摊，抹零后也加起来等于收的钱。"
)


class _Sheet:
    """A write-only sheet that knows which columns hold money or dates."""

    def __init__(self, ws: WriteOnlyWorksheet, money: Sequence[int] = ()) -> None:
        self.ws, self.money = ws, frozenset(money)

    def header(self, names: Sequence[str], widths: Sequence[int] = ()) -> None:
        """The bold first row, kept in view while scrolling; widths in characters (a
        write-only sheet takes them only before its first row)."""
        # column_dimensions is there at run time (borrowed from Worksheet), not in the stubs.
        dims = self.ws.column_dimensions  # type: ignore[attr-defined]
        for i, width in enumerate(widths, 1):
            dims[get_column_letter(i)].width = width
        self.ws.freeze_panes = "A2"
        self.ws.append([self._cell(n, i, bold=True) for i, n in enumerate(names)])

    def row(self, values: Sequence[Cell]) -> None:
        self.ws.append([self._cell(v, i) for i, v in enumerate(values)])

    def _cell(self, value: Cell, col: int, *, bold: bool = False) -> XlCell:
        cell = WriteOnlyCell(self.ws)
        if isinstance(value, str):
            # Control characters are not allowed in XLSX text at all; they carry nothing.
            cell.value = safe_text(ILLEGAL_CHARACTERS_RE.sub("", value))
            cell.data_type = "s"  # a string, whatever openpyxl guessed from its first letter
        else:
            cell.value = value
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif col in self.money and value is not None:
                cell.number_format = MONEY_FORMAT
        if bold:
            cell.font = BOLD
        return cell


def to_xlsx(book: Book) -> bytes:
    wb = Workbook(write_only=True)
    _entries(_Sheet(wb.create_sheet(SHEETS[0]), [COLUMNS.index(c) for c in MONEY_COLUMNS]),
             book.entries)
    _aged(_Sheet(wb.create_sheet(SHEETS[1]), range(1, 6)), book.receivable, book.as_of,
          owed="应收余额", oldest="最早未收",
          rule=RECEIVABLE_RULE)
    _aged(_Sheet(wb.create_sheet(SHEETS[2]), range(1, 6)), book.payable, book.as_of,
          owed="应付余额", oldest="最早未付",
          rule=PAYABLE_RULE)
    _containers(_Sheet(wb.create_sheet(SHEETS[3])), book.containers)
    _sales(_Sheet(wb.create_sheet(SHEETS[4]), [1]), book.sales)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _entries(sheet: _Sheet, entries: list[SavedEntry]) -> None:
    sheet.header(COLUMNS, ENTRY_WIDTHS)
    for e in entries:
        sheet.row(entry_cells(e))


def _aged(
    sheet: _Sheet, rows: list[Aged], as_of: dt.date, *, owed: str, oldest: str, rule: str
) -> None:
    sheet.header(["对方", owed, *(b[0] for b in BUCKETS), oldest, "笔数"], (16, *[12] * 6, 8))
    shown = [a for a in rows if a.balance]
    for a in shown:
        sheet.row([a.who, a.balance, *a.buckets, a.oldest, a.count])
    totals = [sum((a.buckets[i] for a in shown), Decimal(0)) for i in range(len(BUCKETS))]
    sheet.row(["合计", sum((a.balance for a in shown), Decimal(0)), *totals, None, None])
    sheet.row([])
    sheet.row([f"账龄算到 {as_of.isoformat()}。{rule}"])


def _containers(sheet: _Sheet, rows: list[tuple[str, str, Decimal, int]]) -> None:
    sheet.header(["对方", "种类", "未还数量", "笔数"], (16, 10, 10, 8))
    for who, kind, n, count in rows:
        if n:
            sheet.row([who, kind, n, count])
    sheet.row([])
    sheet.row(["每种筐/箱分开算，不相加；负数是多还了。"])


def _sales(sheet: _Sheet, rows: list[ProductSales]) -> None:
    sheet.header(["商品", "销售额", "笔数", "数量", "单位"], (24, 14, 8, 10, 16))
    for p in rows:
        qty: Cell = None
        unit: Cell = None
        if len(p.quantities) == 1:
            unit, qty = p.quantities[0]
        elif p.quantities:  # several units are never added together
            unit = "、".join(f"{q.normalize():f} {u}".strip() for u, q in p.quantities)
        sheet.row([p.product or NO_PRODUCT, p.amount, p.count, qty, unit])
    sheet.row(["合计", sum((p.amount for p in rows), Decimal(0)), None, None, None])
    sheet.row([])
    sheet.row([SALES_RULE])
