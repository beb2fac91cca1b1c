"""`ledgerbot parse` and `ledgerbot chat` through the real client and the local stand-in.

(1) gold answers served -> exact 1.000 through the LLM path; (2) garbage served ->
hybrid scores what rules score; (3) LLM down -> chat still answers every line in budget.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.openai_server import Behaviour, load_gold, serve

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
DEV = EVAL / "dev.jsonl"
LEDGERBOT = str(Path(sys.executable).parent / "ledgerbot")

pytestmark = pytest.mark.integration


LINES = sum(1 for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip())


@pytest.fixture(scope="module")
def dev() -> Path:
    return DEV


@pytest.fixture
def behaviour(dev: Path) -> Behaviour:
    return Behaviour(gold=load_gold(dev))


@pytest.fixture
def base_url(behaviour: Behaviour) -> Iterator[str]:
    with serve(behaviour) as url:
        yield url


def llm_env(bot_env: dict[str, str], url: str) -> dict[str, str]:
    return {**bot_env, "LEDGERBOT_LLM__PROVIDER": "openai-compatible",
            "LEDGERBOT_LLM__BASE_URL": url, "LEDGERBOT_LLM__API_KEY": "test"}


def parse_and_score(env: dict[str, str], tmp_path: Path, dev: Path, *args: str) -> float:
    return parse_score_and_paths(env, tmp_path, dev, *args)[0]


def parse_score_and_paths(
    env: dict[str, str], tmp_path: Path, dev: Path, *args: str
) -> tuple[float, str]:
    """Exact score, and the parser's stderr line saying which path answered each line."""
    dev_input = "".join(
        json.dumps({k: d[k] for k in ("id", "text", "ref_date")}, ensure_ascii=False) + "\n"
        for d in map(json.loads, dev.read_text(encoding="utf-8").splitlines())
    )
    out = subprocess.run([LEDGERBOT, "parse", "--jsonl", *args], input=dev_input, env=env,
                         capture_output=True, text=True, timeout=600, check=True)
    answers = tmp_path / f"answers-{'-'.join(args)}.jsonl"
    answers.write_text(out.stdout, encoding="utf-8")
    score = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), "--data", str(dev), "--answers", str(answers)],
        capture_output=True, text=True, check=True,
    )
    paths = next(x for x in out.stderr.splitlines() if x.startswith("answered by:"))
    return float(score.stdout.strip().splitlines()[-1].removeprefix("exact=")), paths


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_gold_served_scores_exact_one_through_the_llm_path(
    bot_env: dict[str, str], base_url: str, behaviour: Behaviour, tmp_path: Path, dev: Path,
    version: str,
) -> None:
    exact, paths = parse_score_and_paths(llm_env(bot_env, base_url), tmp_path, dev,
                                         "--extractor", "llm", "--prompt-version", version)
    assert exact == 1.0
    assert paths == f"answered by: llm {LINES}"  # no line fell back to the rules
    assert len(behaviour.requests) >= LINES
    # The selected prompt reached the model: only v2 teaches the `payable` type.
    system = behaviour.requests[0]["messages"][0]["content"]
    assert ("payable" in system) is (version == "v2")


def test_every_record_as_entries_of_one_scores_the_same(
    bot_env: dict[str, str], base_url: str, behaviour: Behaviour, tmp_path: Path, dev: Path
) -> None:
    """The schema reads a flat answer and an `entries` answer alike (GUIDE: a list of one
    is graded as the flat object)."""
    behaviour.mode = "entries"
    exact, paths = parse_score_and_paths(llm_env(bot_env, base_url), tmp_path, dev,
                                         "--extractor", "llm")
    assert exact == 1.0 and paths == f"answered by: llm {LINES}"


def test_garbage_served_hybrid_scores_like_rules(
    bot_env: dict[str, str], base_url: str, behaviour: Behaviour, tmp_path: Path, dev: Path
) -> None:
    behaviour.mode = "garbage"
    env = llm_env(bot_env, base_url)
    rules = parse_and_score(env, tmp_path, dev, "--extractor", "rules")
    hybrid = parse_and_score(env, tmp_path, dev, "--extractor", "hybrid")
    assert hybrid == rules


def test_llm_down_chat_answers_every_line_within_budget(bot_env: dict[str, str]) -> None:
    env = {**llm_env(bot_env, "http://127.0.0.1:9/v1"), "LEDGERBOT_EXTRACTOR__MODE": "llm"}
    lines = ["卖给老李五千盆千叶，一共一万", "确认", "今天卖了多少", "老王拿走了20个筐", "对"]
    stdin = "".join(json.dumps({"user": "u1", "text": t}, ensure_ascii=False) + "\n"
                    for t in lines)
    started = time.perf_counter()
    out = subprocess.run([LEDGERBOT, "chat", "--jsonl", "--today", "2026-03-15"], input=stdin,
                         env=env, capture_output=True, text=True, timeout=120, check=True)
    elapsed = time.perf_counter() - started
    replies = [json.loads(line)["replies"] for line in out.stdout.splitlines()]
    assert len(replies) == len(lines) and all(r and r[0] for r in replies)
    assert "出了点问题" not in out.stdout
    assert elapsed < 12.0 * len(lines)
