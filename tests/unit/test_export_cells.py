"""Cells that no spreadsheet will run, and export files that never overwrite each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.files import save_new
from handlers.commands import command_name, is_command
from handlers.export import safe_text


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('=1+2";=1+2', '\'=1+2";=1+2'),
        ("-5 元", "'-5 元"),
        ("+cmd", "'+cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("  =HYPERLINK(\"http://x\")", "'  =HYPERLINK(\"http://x\")"),  # trimmed, then run
        ("\u3000=1+2", "'\u3000=1+2"),
        ("＝HYPERLINK(\"http://x\")", "'＝HYPERLINK(\"http://x\")"),  # full-width, for WPS
        ("|cmd", "'|cmd"),
        ("正常备注", "正常备注"),
        ("老李=老王", "老李=老王"),  # only the first character can start a formula
        ("", ""),
    ],
)
def test_a_leading_formula_character_gets_a_quote(text: str, safe: str) -> None:
    assert safe_text(text) == safe


def test_a_second_export_of_the_day_gets_its_own_name(tmp_path: Path) -> None:
    first = save_new(tmp_path / "exports", "账本-2026-03-15.xlsx", b"1")
    second = save_new(tmp_path / "exports", "账本-2026-03-15.xlsx", b"2")
    assert (first.name, second.name) == ("账本-2026-03-15.xlsx", "账本-2026-03-15-2.xlsx")
    assert first.read_bytes() == b"1" and second.read_bytes() == b"2"


def test_a_filename_cannot_leave_the_exports_folder(tmp_path: Path) -> None:
    path = save_new(tmp_path / "exports", "../../evil.xlsx", b"x")
    assert path.parent == tmp_path / "exports"


def test_export_asked_in_words_is_the_command() -> None:
    for words in ("导出账本", "导出表格", " 导出表格 ", "/export"):
        assert is_command(words) and command_name(words) == "export", words
    assert not is_command("导出了100盆绿萝给老李")
