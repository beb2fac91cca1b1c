"""`ledgerbot parse --jsonl`: one GUIDE answer line per {"id","text","ref_date"} line."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from typing import TextIO

from bot.config import Config
from chains.extractor import Extractor, RulesExtractor
from chains.schemas import ExtractContext


def make_extractor(config: Config, mode: str | None, prompt_version: str | None) -> Extractor:
    mode = mode or config.extractor.mode
    if mode == "rules":
        return RulesExtractor()
    from bot.extractors import build_llm_extractor

    if prompt_version:
        prompts = config.llm.prompts.model_copy(update={"extract": prompt_version})
        config = config.model_copy(
            update={"llm": config.llm.model_copy(update={"prompts": prompts})}
        )
    extractor_config = config.extractor.model_copy(update={"mode": mode})
    return build_llm_extractor(config.model_copy(update={"extractor": extractor_config}), None)


async def parse_lines(
    config: Config,
    stdin: TextIO,
    stdout: TextIO,
    *,
    extractor: str | None,
    prompt_version: str | None,
    stderr: TextIO = sys.stderr,
) -> None:
    ex = make_extractor(config, extractor, prompt_version)
    empty = ExtractContext()
    paths: Counter[str] = Counter()
    for line in stdin:
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            ref = dt.date.fromisoformat(item["ref_date"])
            text = str(item["text"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            out = {"id": _id(line), "intent": "other", "error": f"bad input line: {exc}"}
            paths["bad input"] += 1
        else:
            result = await ex.extract(text, ref, empty)
            # `confidence` is not graded; hybrid mode and the card's warning rely on it.
            out = {
                "id": item.get("id"),
                **result.parse.to_answer(),
                "confidence": round(result.parse.confidence, 3),
            }
            paths[result.extractor] += 1
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    # Which path answered (rules, llm, hybrid:llm, fallback:rules, ...): stderr, so stdout
    # stays exactly one answer a line.
    summary = ", ".join(f"{name} {n}" for name, n in sorted(paths.items()))
    print(f"answered by: {summary or 'nothing'}", file=stderr)


def _id(line: str) -> object:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        return None
    return obj.get("id") if isinstance(obj, dict) else None
