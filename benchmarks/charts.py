"""What a chart costs a worker: the first one (matplotlib's import and the font's
registration included), then each one after, and the memory the first one adds.

Each cold figure is a fresh process (`--cold` runs), since only the first chart in a
process pays the import. Prints the figures, wall clock and CPU time (the CPU figure does
not depend on what else the machine runs); targets: a warm chart's CPU p99 < 1 s (it runs
in a thread off the webhook's reply), the PNG under WeChat's 2 MB image limit.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._support import percentiles

WARM_TARGET_MS = 1000.0
MAX_PNG_BYTES = 2 * 1024 * 1024


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _charts() -> list[object]:
    from handlers.messages import Chart

    days = Chart(kind="days", title="2026-12-01 至 2026-12-31 每天的收入",
                 labels=tuple(f"12/{d}" for d in range(1, 32)),
                 values=tuple(Decimal(d * 137 % 900) for d in range(1, 32)), fallback_text="")
    ranking = Chart(kind="ranking", title="谁欠我最多",
                    labels=("老李", "超市周经理", "对面饭店老板娘", "阿香", "老王", "张姐"),
                    values=tuple(Decimal(v) for v in (7000, 3500, 1200, 800, 300, 120)),
                    fallback_text="")
    return [days, ranking]


def cold() -> None:
    """One process: import the serving modules, then draw once; print JSON figures."""
    import bot.server  # what a `serve` worker has loaded anyway
    import bot.wechat.attachments  # noqa: F401

    before = _rss_mib()
    from bot.charts import render_png

    chart = _charts()[0]
    started = time.perf_counter()
    png = render_png(chart)  # type: ignore[arg-type]
    elapsed = (time.perf_counter() - started) * 1000
    print(json.dumps({"first_ms": elapsed, "rss_before": before, "rss_after": _rss_mib(),
                      "png_bytes": len(png)}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--warm-runs", type=int, default=40)
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold:
        cold()
        return 0
    firsts = []
    for _ in range(args.cold_runs):
        out = subprocess.run([sys.executable, __file__, "--cold"], capture_output=True,
                             text=True, check=True, timeout=300)
        firsts.append(json.loads(out.stdout.strip().splitlines()[-1]))
    from bot.charts import render_png

    warm: list[float] = []
    cpu: list[float] = []
    sizes: list[int] = []
    charts = _charts()
    render_png(charts[0])  # type: ignore[arg-type]
    for i in range(args.warm_runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        png = render_png(charts[i % len(charts)])  # type: ignore[arg-type]
        warm.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        sizes.append(len(png))
    first_ms = [f["first_ms"] for f in firsts]
    added = [f["rss_after"] - f["rss_before"] for f in firsts]
    print(f"first chart in a process (import + font + draw): median "
          f"{statistics.median(first_ms):.0f} ms, max {max(first_ms):.0f} ms "
          f"(n={len(first_ms)})")
    print(f"memory the first chart adds to a serve worker: median {statistics.median(added):.0f}"
          f" MiB (peak RSS {statistics.median([f['rss_before'] for f in firsts]):.0f} →"
          f" {statistics.median([f['rss_after'] for f in firsts]):.0f} MiB)")
    print(f"each chart after, wall: {percentiles(warm)}")
    print(f"each chart after, CPU:  {percentiles(cpu)}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"PNG size: {min(sizes) / 1024:.0f}–{max(sizes) / 1024:.0f} KiB")
    q99 = statistics.quantiles(cpu, n=100, method="inclusive")[98]
    ok = q99 < WARM_TARGET_MS and max(sizes) < MAX_PNG_BYTES
    print(f"target warm CPU p99 < {WARM_TARGET_MS:.0f} ms, PNG < 2 MiB: "
          f"{'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
