"""Versioned prompts: `prompts/<task>/vN.yaml` files, loaded into ChatPromptTemplates.

A released version is never edited; a change is a new vN+1.yaml and a config switch, and
the ref ("extract@v1") is stored with every entry so each answer can be traced to its
prompt. Few-shot examples are data in the file; the loader renders them and escapes their
JSON braces itself, so the f-string brace trap cannot bite (INTEGRATION.md 3.6).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from langchain_core.prompts import ChatPromptTemplate

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
TASKS = ("extract", "correct", "query")


class PromptError(ValueError):
    """A prompt file is missing or malformed; the message names the file."""


@dataclass(frozen=True, slots=True)
class LoadedPrompt:
    name: str
    version: str
    template: ChatPromptTemplate
    description: str = ""

    @property
    def ref(self) -> str:
        """What is stored with each entry (Extraction.prompt_version)."""
        return f"{self.name}@{self.version}"


def prompt_path(task: str, version: str, root: Path = PROMPTS_DIR) -> Path:
    return root / task / f"{version}.yaml"


def versions(task: str, root: Path = PROMPTS_DIR) -> list[str]:
    """The versions of one task, oldest first (v2 before v10)."""
    files = (root / task).glob("v*.yaml")
    return sorted((p.stem for p in files), key=lambda v: (len(v), v))


def read_spec(task: str, version: str, root: Path = PROMPTS_DIR) -> dict[str, Any]:
    path = prompt_path(task, version, root)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PromptError(f"cannot read prompt {path}: {exc}") from exc
    if not isinstance(spec, dict) or not {"system", "human"} <= spec.keys():
        raise PromptError(f"prompt {path} needs `system` and `human` texts")
    return spec


def load_prompt(task: str, version: str, root: Path = PROMPTS_DIR) -> LoadedPrompt:
    """The chat template of `task` at `version`, system text plus rendered examples."""
    spec = read_spec(task, version, root)
    system = spec["system"].rstrip() + _examples_text(spec.get("examples") or [])
    template = ChatPromptTemplate.from_messages([("system", system), ("human", spec["human"])])
    meta = spec.get("metadata") or {}
    return LoadedPrompt(task, version, template, str(meta.get("description", "")))


def _examples_text(examples: list[dict[str, Any]]) -> str:
    if not examples:
        return ""
    lines = ["", "", "## 例子"]
    for ex in examples:
        context = f"；{ex['context']}" if ex.get("context") else ""
        answer = json.dumps(ex["answer"], ensure_ascii=False)
        lines += [f"消息日期 {ex['ref_date']}{context}：{ex['message']}", f"答案：{answer}", ""]
    text = "\n".join(lines)
    return text.replace("{", "{{").replace("}", "}}")
