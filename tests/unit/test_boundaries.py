"""Platform SDKs stay in bot/: handlers, chains and storage see only the project's models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"telegram", "wechatpy", "starlette", "uvicorn", "av", "pysilk", "dashscope"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = {
        a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    roots |= {
        n.module.split(".")[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and n.module and n.level == 0
    }
    return roots


@pytest.mark.parametrize("package", ["handlers", "storage"])
def test_core_packages_are_platform_free(package: str) -> None:
    for path in (ROOT / package).rglob("*.py"):
        assert not _imports(path) & FORBIDDEN, f"{path} imports {_imports(path) & FORBIDDEN}"


def test_chains_import_no_channel_sdk() -> None:
    # chains/ may talk to DashScope (an LLM provider), never to a chat platform.
    for path in (ROOT / "chains").rglob("*.py"):
        bad = _imports(path) & (FORBIDDEN - {"dashscope"})
        assert not bad, f"{path} imports {bad}"
