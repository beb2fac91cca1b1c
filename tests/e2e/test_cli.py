"""The command-line interfaces others rely on, run as real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
BOT = [str(Path(sys.executable).with_name("ledgerbot"))]


def _run(
    args: list[str], env: dict[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        BOT + args, input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False
    )


def _lines(*objs: dict[str, str]) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs)


def test_chat_jsonl_answers_one_line_per_message_and_export_lists_entries(
    bot_env: dict[str, str],
) -> None:
    stdin = (
        _lines(
            {"user": "alice", "text": "卖给老李5000盆千叶，一共10000元"},
            {"user": "alice", "text": "对"},
        )
        + "this is not json\n"
        + _lines({"user": "alice", "text": "今天卖了多少"})
    )
    out = _run(["chat", "--jsonl", "--today", "2026-03-15"], bot_env, stdin)
    assert out.returncode == 0, out.stderr
    answers = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(answers) == 4
    assert "10,000" in answers[0]["replies"][0]
    assert "不是有效的消息" in answers[2]["replies"][0]
    assert "10,000" in "\n".join(answers[3]["replies"])

    exported = _run(["export", "--user", "alice", "--format", "jsonl"], bot_env)
    [entry] = [json.loads(x) for x in exported.stdout.splitlines()]
    assert entry["type"] == "income" and entry["amount"] == 10000
    assert entry["users"] == ["老李"] and entry["date"] == "2026-03-15"
    assert entry["products"] == [{"name": "千叶", "quantity": 5000, "unit": "盆", "unit_price": 2}]

    csv_out = subprocess.run(
        [*BOT, "export", "--user", "alice", "--format", "csv"],
        capture_output=True,
        env=bot_env,
        timeout=120,
        check=True,
    )
    assert csv_out.stdout.startswith("\ufeff".encode())
    assert "老李" in csv_out.stdout.decode("utf-8-sig")


def test_export_of_unknown_user_is_empty(bot_env: dict[str, str]) -> None:
    out = _run(["export", "--user", "nobody", "--format", "jsonl"], bot_env)
    assert out.returncode == 0 and out.stdout == ""


def test_db_current_reports_head(bot_env: dict[str, str]) -> None:
    out = _run(["db", "current"], bot_env)
    assert json.loads(out.stdout) == {"current": "0006_voice_phone"}


def test_bad_config_fails_at_start_naming_the_key(bot_env: dict[str, str]) -> None:
    out = _run(["db", "current"], {**bot_env, "LEDGERBOT_EXTRACTOR__MODE": "magic"})
    assert out.returncode == 2 and "extractor.mode" in out.stderr
