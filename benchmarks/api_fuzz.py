"""Schemathesis over /api/v1: `ledgerbot serve` on a free port (real uvicorn, the WeChat
webhook and the API in one app), a logged-in token, then `schemathesis run` against the
served spec. Prints requests per operation, server errors and check failures from the HAR
and JUnit reports; exits non-zero on any 5xx or failed check, or when an operation got
fewer than --min-requests requests.

    python benchmarks/api_fuzz.py [--max-examples 100] [--seed 1]

Uses DATABASE_URL / REDIS_URL when set (a throwaway database), else embedded servers.
`/auth/logout` revokes the token every other operation uses, so it runs in passes with
tokens of its own. Operations still under --min-requests (those without inputs, where
Hypothesis runs out of distinct requests after a handful) get more passes with new seeds.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._support import bench_servers, free_port, wait_healthy  # noqa: E402

PHONE = "13800138000"
LOGOUT_PHONE = "13900139000"
MAX_ROUNDS = 40  # an operation without inputs gets about 6 requests a pass
PROBES = "undocumented methods (405 probes)"




def start_server(pg_url: str, redis_url: str, work: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERBOT_")}
    env.update(
        DATABASE_URL=pg_url, REDIS_URL=redis_url, LEDGERBOT_DATA_DIR=str(work),
        LEDGERBOT_STORAGE__REDIS_PREFIX=f"fuzz-{uuid.uuid4().hex[:8]}",
        LEDGERBOT_APP__ENV="development", LEDGERBOT_APP__LOG_LEVEL="ERROR",
        LEDGERBOT_API__JWT_SECRET="fuzz-" + "k" * 40,
        # The fuzzer sends thousands of codes from one address: keep the limits out of the
        # way so requests reach the handlers (429 is still documented and allowed).
        LEDGERBOT_API__SEND_INTERVAL_SECONDS="1", LEDGERBOT_API__SEND_PER_IP_PER_HOUR="1000000",
        LEDGERBOT_API__SEND_PER_PHONE_PER_DAY="1000000",
    )
    ledgerbot = Path(sys.executable).parent / "ledgerbot"
    return subprocess.Popen(
        [str(ledgerbot), "serve", "--host", "127.0.0.1", "--port", str(port),
         "--today", "2026-03-15"], env=env,
    )




def token(base: str, phone: str) -> str:
    """Register the phone, or log in when an earlier pass registered it."""
    with httpx.Client(base_url=f"{base}/api/v1") as c:
        time.sleep(1.1)  # the per-phone send interval (1 s here)
        code = c.post("/auth/sendVerificationCode", json={"phone": phone}).json()["data"]["code"]
        r = c.post("/auth/register", json={"phone": phone, "code": code})
        if r.status_code == 409:
            time.sleep(1.1)
            code = c.post("/auth/sendVerificationCode",
                          json={"phone": phone}).json()["data"]["code"]
            r = c.post("/auth/login", json={"phone": phone, "code": code})
        r.raise_for_status()
        return str(r.json()["data"]["token"])


def schemathesis(base: str, bearer: str, out: Path, args: argparse.Namespace,
                 select: list[str]) -> int:
    st = Path(sys.executable).parent / "schemathesis"
    cmd = [
        str(st), "--config-file", str(Path(__file__).with_name("schemathesis.toml")),
        "run", f"{base}/api/v1/openapi.json", "--checks", "all",
        "--max-examples", str(args.max_examples), "--seed", str(args.seed),
        "--header", f"Authorization: Bearer {bearer}", "--request-timeout", "20",
        "--report", "har,junit", "--report-har-path", str(out / "requests.har"),
        "--report-junit-path", str(out / "junit.xml"), "--workers", "1",
        "--continue-on-failure", "--no-color", *select,
    ]
    print("$", " ".join(c if "Bearer" not in c else "Authorization: Bearer …" for c in cmd))
    return subprocess.run(cmd, check=False).returncode


def run_pass(base: str, out: Path, args: argparse.Namespace, phone: str,
             select: list[str]) -> Path:
    out.mkdir()
    schemathesis(base, token(base, phone), out, args, select)
    return out


def operation_of(method: str, url: str, templates: list[tuple[str, re.Pattern[str]]]) -> str:
    path = httpx.URL(url).path
    for name, pattern in templates:
        if name.split(" ")[0] == method and pattern.fullmatch(path):
            return name
    # Schemathesis also probes methods the spec does not list (they must answer 405).
    return PROBES


def without_inputs(spec: dict[str, Any]) -> set[str]:
    """Operations with no parameters and no body: a generator can only vary the headers
    around them, so schemathesis runs out of distinct requests after a handful."""
    return {
        f"{m.upper()} {p}" for p, ops in spec["paths"].items() for m, op in ops.items()
        if not op.get("parameters") and "requestBody" not in op
    }


def top_up(base: str, work: Path, args: argparse.Namespace, spec: dict[str, Any],
           passes: list[Path]) -> list[Path]:
    """More passes, each with another seed, for every operation still under
    --min-requests. Hypothesis stops an operation early once it has seen every distinct
    input: after a handful for one without inputs (GET /user/userInfo, POST /auth/logout),
    so those need many passes; logout gets a fresh token each time, as it revokes it."""
    more: list[Path] = []
    for round_ in range(1, MAX_ROUNDS + 1):
        per_op, _, _ = summarise(spec, passes + more)
        low = sorted(op for op in spec_operations(spec)
                     if sum(per_op[op].values()) < args.min_requests)
        if not low:
            break
        for op in low:
            again = argparse.Namespace(**{**vars(args), "seed": args.seed + round_,
                                          "max_examples": args.max_examples * 2})
            phone = LOGOUT_PHONE if op == "POST /auth/logout" else PHONE
            folder = work / f"more-{len(passes) + len(more)}"
            more.append(run_pass(base, folder, again, phone, ["--include-name", op]))
    return more


def spec_operations(spec: dict[str, Any]) -> list[str]:
    return [f"{m.upper()} {p}" for p, ops in spec["paths"].items() for m in ops]


def summarise(spec: dict[str, Any], reports: list[Path]) -> tuple[
    dict[str, collections.Counter[str]], int, list[str]
]:
    templates = [
        (f"{m.upper()} {p}", re.compile("/api/v1" + re.sub(r"\{[^}]+\}", "[^/]+", p)))
        for p, ops in spec["paths"].items() for m in ops
    ]
    per_op: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    server_errors = 0
    failures: list[str] = []
    for out in reports:
        har = json.loads((out / "requests.har").read_text(encoding="utf-8"))
        for e in har["log"]["entries"]:
            op = operation_of(e["request"]["method"], e["request"]["url"], templates)
            status = int(e["response"]["status"])
            per_op[op][f"{status // 100}xx"] += 1
            server_errors += status >= 500
        for case in ET.parse(out / "junit.xml").getroot().iter("testcase"):
            for bad in [*case.iter("failure"), *case.iter("error")]:
                failures.append(f"{case.get('name')}: {(bad.get('message') or '')[:300]}")
    return per_op, server_errors, failures


def main() -> int:
    p = argparse.ArgumentParser()
    # 150: an operation's examples are shared between phases and some are filtered out, so
    # 100 would leave the smaller operations just under 100 requests.
    p.add_argument("--max-examples", type=int, default=150)
    p.add_argument("--min-requests", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    with bench_servers() as (pg_url, redis_url), tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(pg_url, redis_url, work, port)
        try:
            asyncio.run(wait_healthy(base, proc))
            spec = httpx.get(f"{base}/api/v1/openapi.json").json()
            started = time.monotonic()
            passes = [
                run_pass(base, work / "main", args, PHONE, ["--exclude-path", "/auth/logout"]),
                run_pass(base, work / "logout", args, LOGOUT_PHONE,
                         ["--include-path", "/auth/logout"]),
            ]
            passes += top_up(base, work, args, spec, passes)
            elapsed = time.monotonic() - started
            per_op, server_errors, failures = summarise(spec, passes)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"\n{'operation':45} {'requests':>8}  by status class")
    short = []
    bare = without_inputs(spec)
    print(f"passes: {len(passes)}")
    for op in sorted(per_op):
        n = sum(per_op[op].values())
        short += [op] if n < args.min_requests and op != PROBES else []
        note = "  (no inputs: repeated passes)" if op in bare else ""
        print(f"{op:45} {n:8}  {dict(sorted(per_op[op].items()))}{note}")
    total = sum(sum(c.values()) for c in per_op.values())
    print(f"\n{total} requests over {len(per_op)} operations in {elapsed:.0f} s; "
          f"server errors (5xx): {server_errors}; failed checks: {len(failures)}")
    for f in failures:
        print("  FAIL", f)
    if short:
        print(f"operations with fewer than {args.min_requests} requests: {short}")
    return 1 if server_errors or failures or short else 0


if __name__ == "__main__":
    sys.exit(main())
