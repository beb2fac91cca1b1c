#!/usr/bin/env python3
"""How far the extractor's confidence can be trusted, on a labelled set.

    python scripts/calibration.py --data ../shared/eval/dev.jsonl [--threshold 0.75]

Runs `ledgerbot parse --jsonl`, grades every line with ../shared/eval/score.py's own
`grade`, and prints, per confidence band, how many lines fall in it and how many of them are
exactly right; then the share of lines at or above the threshold (hybrid mode sends the rest
to the LLM) and their exact rate. A confident wrong answer is the worst kind: the exact rate
above the threshold is the figure to watch.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

SCORE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
BANDS = (0.0, 0.5, 0.6, 0.75, 0.9, 1.01)


def load_score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SCORE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--threshold", type=float, default=0.75)
    ap.add_argument("--cmd", default=f"{shutil.which('ledgerbot') or 'ledgerbot'} parse --jsonl")
    args = ap.parse_args()
    score = load_score()
    data = [json.loads(x) for x in args.data.read_text(encoding="utf-8").splitlines() if x.strip()]
    answers, _ = score.run_cmd(args.cmd, data)
    graded = [
        (float(answers.get(d["id"], {}).get("confidence", 0.0)),
         score.grade(d, answers.get(d["id"]))["exact"])
        for d in data
    ]
    for low, high in itertools.pairwise(BANDS):
        band = [ok for c, ok in graded if low <= c < high]
        if band:
            print(f"confidence {low:.2f}–{min(high, 1.0):.2f}: {len(band):4d} lines,"
                  f" exact {sum(band) / len(band):.3f}")
    sure = [ok for c, ok in graded if c >= args.threshold]
    share = len(sure) / len(graded) if graded else 0.0
    rate = sum(sure) / len(sure) if sure else 0.0
    print(f"at or above {args.threshold}: {len(sure)}/{len(graded)} = {share:.3f} of lines,"
          f" exact {rate:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
