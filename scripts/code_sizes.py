#!/usr/bin/env python3
"""Modules over 200 lines and functions over 40 lines in the product code.

    python scripts/code_sizes.py [ROOT]

Counts physical lines (a function from its `def` to its last line). Prints one line per
oversized module or function and a closing `modules>200=N functions>40=M` line.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGES = ("ledger", "bot", "handlers", "chains", "storage")
MODULE_LINES, FUNCTION_LINES = 200, 40


def oversized(root: Path) -> tuple[list[str], list[str]]:
    modules, functions = [], []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            source = path.read_text(encoding="utf-8")
            rel = path.relative_to(root)
            lines = source.count("\n")
            if lines > MODULE_LINES:
                modules.append(f"{rel}: {lines} lines")
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = (node.end_lineno or node.lineno) - node.lineno + 1
                    if length > FUNCTION_LINES:
                        functions.append(f"{rel}:{node.lineno} {node.name}: {length} lines")
    return modules, functions


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    modules, functions = oversized(root)
    print("\n".join(modules + functions))
    print(f"modules>{MODULE_LINES}={len(modules)} functions>{FUNCTION_LINES}={len(functions)}")


if __name__ == "__main__":
    main()
