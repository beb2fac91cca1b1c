"""`ledgerbot serve` as outside checks drive it: a real process on 127.0.0.1, configured
only through LEDGERBOT_WECHAT__* variables, then `ledgerbot export --platform wechat`."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fakes.wechat_api import TOKEN, FakeWeChatApi, WeChatPusher, url_signature, wechat_env

pytestmark = [pytest.mark.integration, pytest.mark.slow]
BIN = Path(sys.executable).parent / "ledgerbot"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(params=[1, 2], ids=["one-process", "two-workers"])
def served(
    request: pytest.FixtureRequest,
    bot_env: dict[str, str],
    fake_api: FakeWeChatApi,
    tmp_path: Path,
) -> Iterator[tuple[str, dict[str, str], Path]]:
    """The server's base URL, its environment and the file its log lines go to."""
    env = wechat_env(bot_env, aes=True, api=fake_api)
    port = free_port()
    log_path = tmp_path / "serve.log"
    log_file = log_path.open("wb")
    proc = subprocess.Popen([str(BIN), "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--today", "2026-03-15", "--workers", str(request.param)],
                            env=env, stdout=subprocess.DEVNULL, stderr=log_file)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, log_path.read_text(encoding="utf-8")
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "ledgerbot serve did not come up"
            time.sleep(0.2)
        yield base, env, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log_file.close()


async def test_serve_verifies_answers_and_saves(served: tuple[str, dict[str, str], Path]) -> None:
    base, env, _ = served
    ts, nonce = str(int(time.time())), "n1"
    verify = {"signature": url_signature(TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce,
              "echostr": "echo-me"}
    async with httpx.AsyncClient(base_url=base) as client:
        assert (await client.get("/healthz")).json() == {"ok": True}
        assert (await client.get("/wechat", params=verify)).text == "echo-me"
        assert (await client.get("/wechat", params={**verify, "nonce": "x"})).status_code == 403
        p = WeChatPusher(client, token=TOKEN, app_id=env["LEDGERBOT_WECHAT__APP_ID"],
                         aes_key=env["LEDGERBOT_WECHAT__ENCODING_AES_KEY"])
        card = await p.say("oServe", "昨天卖给张姐200扎玫瑰每扎5块")
        assert card is not None and "1,000" in card and "2026-03-14" in card
        saved = await p.say("oServe", "对")
        assert saved is not None and "已保存" in saved
    export = await asyncio.create_subprocess_exec(
        str(BIN), "export", "--platform", "wechat", "--user", "oServe", env=env,
        stdout=asyncio.subprocess.PIPE)
    stdout, _ = await asyncio.wait_for(export.communicate(), 60)
    assert export.returncode == 0
    rows = [json.loads(line) for line in stdout.decode().splitlines() if line.strip()]
    assert [(r["type"], r["amount"], r["date"]) for r in rows] == [("income", 1000, "2026-03-14")]
    assert os.environ.get("LEDGERBOT_WECHAT__TOKEN") is None  # nothing leaked into our env


def _sample(metrics: str, name: str, **labels: str) -> float:
    """The value of the series `name` with exactly these labels (0 when absent)."""
    for line in metrics.splitlines():
        if not line.startswith(name + "{"):
            continue
        series, value = line.rsplit(" ", 1)
        inside = series[len(name) + 1 : -1]
        found = dict(pair.split("=", 1) for pair in inside.split(",") if pair)
        if {k: v.strip('"') for k, v in found.items()} == labels:
            return float(value)
    return 0.0


async def test_metrics_count_every_worker_and_logs_mask_who(
    served: tuple[str, dict[str, str], Path],
) -> None:
    """/metrics sums all workers (whichever answers the scrape); each message leaves one
    JSON log line with a trace id, and no phone number or openid in the clear."""
    base, env, log_path = served
    openid = "oAbCdEfGhIjKlMnOpQrStUvWxYz1"  # WeChat openids are 28 characters
    async with httpx.AsyncClient(base_url=base) as client:
        p = WeChatPusher(client, token=TOKEN, app_id=env["LEDGERBOT_WECHAT__APP_ID"],
                         aes_key=env["LEDGERBOT_WECHAT__ENCODING_AES_KEY"])
        for text in ("卖给老李3盆兰花一共60，他电话13912345678", "对", "今天卖了多少"):
            assert await p.say(openid, text) is not None
        scrapes = [(await client.get("/metrics")).text for _ in range(6)]
    for metrics in scrapes:  # every scrape, from either worker, sees all three messages
        assert _sample(metrics, "ledgerbot_messages_total",
                       channel="wechat", outcome="answered") == 3
        assert _sample(metrics, "ledgerbot_extractions_total", path="rules") >= 2
        assert _sample(metrics, "ledgerbot_http_requests_total",
                       route="/wechat", status="200") == 3
    await asyncio.sleep(0.5)  # let the workers flush their last lines
    lines = [json.loads(line) for line in log_path.read_text(encoding="utf-8").splitlines()
             if line.startswith("{")]
    handled = [line for line in lines if line["msg"] == "message handled"]
    assert len(handled) == 3
    assert len({line["trace"] for line in handled}) == 3 and all(
        len(line["trace"]) == 16 for line in handled
    )
    assert all(line["channel"] == "wechat" and line["outcome"] == "answered" for line in handled)
    raw = log_path.read_text(encoding="utf-8")
    assert openid not in raw and "13912345678" not in raw
