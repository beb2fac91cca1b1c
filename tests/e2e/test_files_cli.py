"""Files from the command line, run as real processes: `ledgerbot export --format xlsx`
and `/export` / 导出表格 through `chat --jsonl`, which reports the file it wrote."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.integration
BOT = [str(Path(sys.executable).with_name("ledgerbot"))]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = ["账目", "应收", "应付", "周转筐", "商品"]


def _run(
    args: list[str], env: dict[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        BOT + args, input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False
    )


def _chat(env: dict[str, str], *texts: str) -> list[dict[str, object]]:
    stdin = "".join(json.dumps({"user": "alice", "text": t}, ensure_ascii=False) + "\n"
                    for t in texts)
    out = _run(["chat", "--jsonl", "--today", "2026-03-15"], env, stdin)
    assert out.returncode == 0, out.stderr
    return [json.loads(x) for x in out.stdout.splitlines()]


def test_chat_export_writes_the_workbook_and_lists_it(
    bot_env: dict[str, str], tmp_path: Path
) -> None:
    said = ("老李赊了30盆千叶，每盆10块", "对", "/export", "导出表格", "今天卖了多少")
    answers = _chat(bot_env, *said)
    assert len(answers) == 5
    assert all(set(a) == {"replies"} for a in answers[:2] + answers[4:])  # no file, no key
    first, second = (a["files"] for a in answers[2:4])
    assert isinstance(first, list) and isinstance(second, list)
    [f1], [f2] = first, second
    assert f1["kind"] == f2["kind"] == XLSX
    p1, p2 = Path(f1["path"]), Path(f2["path"])
    assert p1 != p2 and p1.parent == p2.parent == tmp_path / "exports"
    assert str(p1) in "\n".join(answers[2]["replies"])  # type: ignore[arg-type]
    wb = load_workbook(p1)
    assert wb.sheetnames == SHEETS
    [_, row] = list(wb["账目"].iter_rows(values_only=True))
    assert row[2:4] == ("credit", "老李") and row[6] == 300
    assert [r[:2] for r in wb["应收"].iter_rows(values_only=True)][1] == ("老李", 300)


def test_export_xlsx_to_a_path_and_by_default_under_exports(
    bot_env: dict[str, str], tmp_path: Path
) -> None:
    _chat(bot_env, "卖给老王20盆绿萝，一共200元", "对")
    out = tmp_path / "out" / "books.xlsx"
    done = _run(["export", "--user", "alice", "--format", "xlsx", "--out", str(out),
                 "--today", "2026-03-15"], bot_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    wb = load_workbook(out)
    assert wb.sheetnames == SHEETS
    products = list(wb["商品"].iter_rows(values_only=True))
    assert products[1] == ("绿萝", 200, 1, 20, "盆")

    default = _run(["export", "--user", "alice", "--format", "xlsx"], bot_env)
    assert default.returncode == 0, default.stderr
    path = Path(default.stdout.strip())
    assert path.parent == tmp_path / "exports" and path.suffix == ".xlsx"
    assert load_workbook(path).sheetnames == SHEETS

    csv_out = tmp_path / "books.csv"
    done = _run(["export", "--user", "alice", "--format", "csv", "--out", str(csv_out)], bot_env)
    assert done.returncode == 0, done.stderr
    header = csv_out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ",".join(f'"{c}"' for c in (
        "id", "date", "type", "users", "products", "containers", "amount", "paid",
        "category", "remark", "source"))


def test_chat_chart_writes_the_png_and_lists_it_as_an_image(
    bot_env: dict[str, str], tmp_path: Path
) -> None:
    said = ("卖给老李5000盆千叶，一共10000元", "对", "这个月每天卖了多少 画个图",
            "/chart 谁欠我最多")
    answers: list[dict[str, Any]] = _chat(bot_env, *said)
    [chart] = answers[2]["files"]
    assert chart["kind"] == "image/png"
    path = Path(chart["path"])
    assert path.parent == tmp_path / "exports" and path.suffix == ".png"
    png = path.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    [text] = answers[2]["replies"]
    assert "每天的收入：合计 ¥10,000" in text and str(path) in text
    # Nobody owes: nothing to draw, so no file and no "files" key.
    assert answers[3] == {"replies": ["现在没有人欠钱，应收 ¥0。"]}
