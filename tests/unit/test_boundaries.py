"""Platform SDKs stay in bot/: handlers, chains and storage see only the project's models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "telegram", "wechatpy", "starlette", "uvicorn", "av", "pysilk", "dashscope", "fastapi", "jwt",
    "prometheus_client",
}


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


# The project's own layer graph: who may import whom. `ledger` (the books' vocabulary) is
# the bottom; `bot` (composition root, channels, CLIs, config) is the top and the only
# package that reads the app's config.
OURS = {"ledger", "chains", "storage", "handlers", "bot", "prompts"}
ALLOWED = {
    "ledger": set(),
    "prompts": set(),
    "chains": {"ledger", "prompts"},
    "storage": {"ledger"},
    "handlers": {"ledger", "chains", "storage"},
    "bot": OURS,
}


def layer_violations(package: str, paths: list[Path]) -> list[str]:
    allowed = ALLOWED[package] | {package}
    return [
        f"{path.relative_to(path.parents[1])} imports {sorted(bad)}"
        for path in paths
        if (bad := (_imports(path) & OURS) - allowed)
    ]


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below(package: str) -> None:
    assert layer_violations(package, sorted((ROOT / package).rglob("*.py"))) == []


def test_the_layer_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "chains" / "sneaky.py"
    bad.parent.mkdir()
    bad.write_text("def f():\n    from bot.config import Config\n", encoding="utf-8")
    assert layer_violations("chains", [bad]) == ["chains/sneaky.py imports ['bot']"]


def _modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return names | {
        n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
    }


@pytest.mark.parametrize("channel", ["telegram", "wechat"])
def test_channels_get_their_dependencies_from_the_composition_root(channel: str) -> None:
    # A channel is handed its settings, the dispatcher and Redis; reaching back into
    # bot.app (the Runtime, the whole Config) would make it depend on everything.
    for path in (ROOT / "bot" / channel).rglob("*.py"):
        assert "bot.app" not in _modules(path), f"{path} imports bot.app"
