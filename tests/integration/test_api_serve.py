"""`ledgerbot serve` serves the API next to the webhooks, and refuses an unsafe API setup."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.integration
BIN = Path(sys.executable).parent / "ledgerbot"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("secret", [None, "too-short"])
def test_production_serve_refuses_a_missing_or_weak_jwt_secret(
    bot_env: dict[str, str], secret: str | None
) -> None:
    env = {**bot_env, "LEDGERBOT_APP__ENV": "production"}
    if secret:
        env["LEDGERBOT_API__JWT_SECRET"] = secret
    done = subprocess.run([str(BIN), "serve", "--port", str(_free_port())], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "LEDGERBOT_API__JWT_SECRET" in done.stderr


def test_serve_hosts_the_api_spec_and_the_uniform_errors(bot_env: dict[str, str]) -> None:
    port = _free_port()
    proc = subprocess.Popen([str(BIN), "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=bot_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        spec = httpx.get(f"{base}/api/v1/openapi.json").json()
        assert spec["servers"] == [{"url": "/api/v1"}]
        assert {"/auth/login", "/transactions", "/transactions/{entry_id}",
                "/user/userInfo", "/accounting/voice"} <= set(spec["paths"])
        r = httpx.get(f"{base}/api/v1/transactions")
        assert r.status_code == 401
        assert r.json() == {"code": 401, "message": "请先登录", "data": None, "errors": []}
        assert httpx.get(f"{base}/api/v1/nowhere").json()["code"] == 404
        # The chat webhook is still there in the same app.
        assert httpx.get(f"{base}/wechat").status_code != 404
    finally:
        proc.terminate()
        proc.wait(timeout=30)
