"""`ledgerbot prompts list | show TASK [VERSION] | diff TASK VA VB`: read the versioned prompts."""

from __future__ import annotations

import argparse
import difflib
import sys

from bot.config import Config
from chains.prompts import TASKS, PromptError, load_prompt, prompt_path, versions


def cmd_prompts(args: argparse.Namespace, config: Config) -> int:
    """Dispatch the prompts subcommand; 2 on a usage or file problem."""
    names: list[str] = list(args.names or [])
    active = config.llm.prompts.model_dump()
    try:
        if args.action == "list":
            return _list(active)
        if not names or names[0] not in TASKS:
            return _usage(f"name a task: {', '.join(TASKS)}")
        task = names[0]
        if args.action == "show":
            return _show(task, names[1] if len(names) > 1 else active[task])
        if len(names) != 3:
            return _usage("diff needs a task and two versions, e.g. `prompts diff extract v1 v2`")
        return _diff(task, names[1], names[2])
    except PromptError as exc:
        return _usage(str(exc))


def _list(active: dict[str, str]) -> int:
    for task in TASKS:
        for version in versions(task):
            mark = "*" if active.get(task) == version else " "
            description = load_prompt(task, version).description
            print(f"{mark} {task}@{version}  {description}")
    print("(* = the version config.yaml uses)")
    return 0


def _show(task: str, version: str) -> int:
    path = prompt_path(task, version)
    if not path.exists():
        return _usage(f"no prompt {task}@{version} ({path})")
    print(path.read_text(encoding="utf-8"), end="")
    return 0


def _diff(task: str, old: str, new: str) -> int:
    texts = []
    for version in (old, new):
        path = prompt_path(task, version)
        if not path.exists():
            return _usage(f"no prompt {task}@{version} ({path})")
        texts.append(path.read_text(encoding="utf-8").splitlines(keepends=True))
    sys.stdout.writelines(
        difflib.unified_diff(texts[0], texts[1], f"{task}@{old}", f"{task}@{new}")
    )
    return 0


def _usage(message: str) -> int:
    print(f"prompts: {message}", file=sys.stderr)
    return 2
