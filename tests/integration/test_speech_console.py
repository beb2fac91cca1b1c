"""`ledgerbot chat --jsonl` with a {"user", "voice"} line answers with what it heard, through
the dashscope SDK pointed at a local stand-in by DASHSCOPE_WEBSOCKET_BASE_URL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes import asr_dashscope, audio

pytestmark = pytest.mark.integration
LEDGERBOT = Path(sys.executable).parent / "ledgerbot"


def test_jsonl_voice_line_is_answered_with_the_transcript(
    bot_env: dict[str, str], tmp_path: Path
) -> None:
    voice = audio.encode(audio.speak(audio.DEFAULT_TEXT, tmp_path / "v.wav"), "amr", tmp_path)
    lines = [{"user": "alice", "voice": str(voice)}, {"user": "alice", "text": "对"}]
    with asr_dashscope.DashScopeStandIn() as stand_in:
        # The SDK reads this variable when it is imported, i.e. in the fresh subprocess.
        env = {**bot_env, "LEDGERBOT_SPEECH__PROVIDER": "dashscope",
               "DASHSCOPE_WEBSOCKET_BASE_URL": stand_in.base_url,
               "DASHSCOPE_API_KEY": asr_dashscope.API_KEY}
        done = subprocess.run(
            [str(LEDGERBOT), "chat", "--jsonl", "--today", "2026-03-15"],
            input="".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines),
            env=env, capture_output=True, text=True, timeout=90, check=False,
        )
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line)["replies"] for line in done.stdout.splitlines()]
    assert len(answers) == 2
    card = "\n".join(answers[0])
    assert "听到：「卖给老李五千盆千叶，一共一万」" in card, card
    assert "10,000" in card, card
    assert stand_in.seen.problems == []
    assert stand_in.seen.calls == 1
