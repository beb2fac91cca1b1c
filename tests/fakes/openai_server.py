"""A stand-in OpenAI chat-completions server on 127.0.0.1, so the real ChatOpenAI client runs.

It finds the user's text inside <message>…</message> of the last user message and answers
that line's gold answer (looked up by text in a GUIDE data set), as a tool call when tools
were sent and as JSON text otherwise. Modes make it misbehave on purpose:

    gold      the gold answer                       content   gold, but as JSON text always
    garbage   prose, no tool call                   malformed a tool call with broken JSON
    schema    an answer outside the schema          flaky     429 for the first N calls, then gold
    slow      gold after `delay` seconds          entries   gold, each record under `entries`

Run by hand:  python tests/fakes/openai_server.py --data ../shared/eval/dev.jsonl --mode gold
(prints `port=NNNN`; use LEDGERBOT_LLM__BASE_URL=http://127.0.0.1:NNNN/v1).
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

MODES = ("gold", "content", "entries", "garbage", "malformed", "schema", "flaky", "slow")
# The keys of one entry in a GUIDE record (the rest of a flat gold is intent and id).
ENTRY_KEYS = ("type", "users", "products", "containers", "amount", "date", "missing",
              "paid", "category", "remark")


@dataclass
class Behaviour:
    mode: str = "gold"
    gold: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_first: int = 2  # flaky: this many 429s before answering
    delay: float = 5.0  # slow: seconds before answering
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def load_gold(path: Path) -> dict[str, dict[str, Any]]:
    """text -> gold answer, from a GUIDE data set (jsonl)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {d["text"]: d["gold"] for d in map(json.loads, filter(str.strip, lines))}


def user_text(body: dict[str, Any]) -> str:
    """The text inside the last <message> block of the last user message."""
    users = [m for m in body.get("messages", []) if m.get("role") == "user"]
    content = users[-1].get("content", "") if users else ""
    if isinstance(content, list):
        content = "".join(part.get("text", "") for part in content)
    if "<message>" not in content:
        return content
    return content.rsplit("<message>", 1)[1].split("</message>", 1)[0]


def answer_for(b: Behaviour, body: dict[str, Any]) -> dict[str, Any]:
    """The gold object in the shape of the tool asked for (answer, patch or query)."""
    tools = body.get("tools") or []
    tool = tools[0]["function"]["name"] if tools else "LLMAnswer"
    gold = b.gold.get(user_text(body), {"intent": "other"})
    if tool == "LLMPatch":
        return {}
    if tool == "LLMQuery":
        return gold.get("query") or {"metric": "list"}
    if b.mode == "entries":
        return as_entries(gold)
    return gold


def as_entries(gold: dict[str, Any]) -> dict[str, Any]:
    """A flat record gold as an `entries` list of one (the GUIDE grades both the same)."""
    if gold.get("intent") != "record" or "entries" in gold:
        return gold
    entry = {k: gold[k] for k in ENTRY_KEYS if k in gold}
    return {"intent": "record", "entries": [entry]}


def completion(body: dict[str, Any], *, args: Any = None, text: str | None = None) -> bytes:
    """A chat.completion with either one tool call (args, or raw string) or text content."""
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if args is not None:
        tools = body.get("tools") or [{"function": {"name": "LLMAnswer"}}]
        arguments = args if isinstance(args, str) else json.dumps(args, ensure_ascii=False)
        message["tool_calls"] = [{
            "id": "call_1", "type": "function",
            "function": {"name": tools[0]["function"]["name"], "arguments": arguments},
        }]
    return json.dumps({
        "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "message": message,
                     "finish_reason": "tool_calls" if args is not None else "stop"}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }, ensure_ascii=False).encode("utf-8")


def respond(b: Behaviour, body: dict[str, Any], seen: int) -> tuple[int, bytes]:
    """(status, body) for one request, the `seen`-th (1-based) this server got."""
    mode = b.mode
    if mode == "flaky" and seen <= b.fail_first:
        return 429, b'{"error": {"message": "rate limited", "type": "rate_limit"}}'
    if mode == "slow":
        time.sleep(b.delay)
    if mode == "garbage":
        return 200, completion(body, text="好的，我明白了，这是一笔账。")
    if mode == "malformed":
        return 200, completion(body, args='{"intent": "record", "amount": 10')
    if mode == "schema":
        return 200, completion(body, args={"intent": "bookkeeping", "amount": "很多"})
    answer = answer_for(b, body)
    if mode == "content" or not body.get("tools"):
        return 200, completion(body, text=json.dumps(answer, ensure_ascii=False))
    return 200, completion(body, args=answer)


def make_handler(b: Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            with b.lock:
                b.requests.append(body)
                seen = len(b.requests)
            status, payload = respond(b, body, seen)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                if status == 429:
                    self.send_header("retry-after-ms", "20")  # keep the client's backoff short
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client timed out and left: exactly what `slow` is for

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def serve(behaviour: Behaviour, port: int = 0) -> Iterator[str]:
    """Run the server in a thread; yields its base URL (http://127.0.0.1:PORT/v1)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(behaviour))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, help="GUIDE jsonl whose gold answers are served")
    ap.add_argument("--mode", choices=MODES, default="gold")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--delay", type=float, default=5.0)
    args = ap.parse_args()
    b = Behaviour(mode=args.mode, gold=load_gold(args.data) if args.data else {},
                  delay=args.delay)
    with serve(b, args.port) as url:
        print(f"port={url.split(':')[2].split('/')[0]} url={url}", flush=True)
        with suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
