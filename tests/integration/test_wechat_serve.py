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
    request: pytest.FixtureRequest, bot_env: dict[str, str], fake_api: FakeWeChatApi
) -> Iterator[tuple[str, dict]]:
    env = wechat_env(bot_env, aes=True, api=fake_api)
    port = free_port()
    proc = subprocess.Popen([str(BIN), "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--today", "2026-03-15", "--workers", str(request.param)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "ledgerbot serve did not come up"
            time.sleep(0.2)
        yield base, env
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def test_serve_verifies_answers_and_saves(served: tuple[str, dict[str, str]]) -> None:
    base, env = served
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
