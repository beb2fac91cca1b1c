"""Throughput and latency of the offline rule extractor, in process, on one core.

    python benchmarks/extract.py [path/to/data.jsonl] [seconds]

Reads the `text` and `ref_date` of every line (default: the shared dev set), warms up,
then calls `chains.rules.extract` round-robin for a few seconds and prints messages per
second and p50/p99 latency. Targets: >= 2,000 msg/s and p99 < 5 ms.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chains.rules import extract, warm_up

DEFAULT_DATA = Path("/work/shared/eval/dev.jsonl")
DEFAULT_SECONDS = 5.0


def load(path: Path) -> list[tuple[str, dt.date]]:
    rows: list[tuple[str, dt.date]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                rows.append((obj["text"], dt.date.fromisoformat(obj["ref_date"])))
    return rows


def run(rows: list[tuple[str, dt.date]], seconds: float) -> list[float]:
    samples_ms: list[float] = []
    clock = time.perf_counter
    deadline = clock() + seconds
    i = 0
    while clock() < deadline:
        text, ref = rows[i % len(rows)]
        t0 = clock()
        extract(text, ref)
        samples_ms.append((clock() - t0) * 1000)
        i += 1
    return samples_ms


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_DATA
    seconds = float(argv[2]) if len(argv) > 2 else DEFAULT_SECONDS
    rows = load(path)
    if not rows:
        print(f"no messages in {path}")
        return 1
    warm_up()
    for text, ref in rows:  # fill caches the way a running bot would have them
        extract(text, ref)
    samples = run(rows, seconds)
    q = statistics.quantiles(samples, n=100, method="inclusive")
    rate = len(samples) / (sum(samples) / 1000)
    print(f"messages {len(samples)} ({len(rows)} distinct) in {seconds:.1f} s")
    print(f"throughput {rate:,.0f} msg/s")
    print(f"latency p50 {q[49]:.3f} ms  p99 {q[98]:.3f} ms  max {max(samples):.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
