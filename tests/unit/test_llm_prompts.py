"""Every prompt file loads, declares exactly the variables its template uses, and the chain
inputs supply them; the brace trap (literal JSON in an f-string template) would fail here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from chains.llm.tasks import prompt_inputs
from chains.prompts import PROMPTS_DIR, TASKS, load_prompt, read_spec, versions
from chains.schemas import ExtractContext

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.jsonl"
ALL = [(task, v) for task in TASKS for v in versions(task)]


def test_every_task_has_a_v1() -> None:
    assert {task for task, v in ALL if v == "v1"} == set(TASKS)


@pytest.mark.parametrize(("task", "version"), ALL)
def test_prompt_declares_its_input_variables(task: str, version: str) -> None:
    spec = read_spec(task, version)
    prompt = load_prompt(task, version)
    assert sorted(prompt.template.input_variables) == sorted(spec["input_variables"])
    assert "message" in prompt.template.input_variables
    assert prompt.ref == f"{task}@{version}"
    assert spec["metadata"]["version"] == version
    assert spec["metadata"]["created"] and spec["metadata"]["description"]


@pytest.mark.parametrize(("task", "version"), ALL)
def test_prompt_renders_with_the_chain_inputs(task: str, version: str) -> None:
    inputs = prompt_inputs("卖给老李5盆千叶", dt.date(2026, 3, 15), ExtractContext())
    messages = load_prompt(task, version).template.format_messages(**inputs)
    system, human = messages[0].content, messages[-1].content
    assert "JSON" in system  # DashScope's json_object mode refuses prompts without the word
    assert "<message>卖给老李5盆千叶</message>" in human
    assert "{" not in human  # no unfilled variable


@pytest.mark.parametrize(("task", "version"), ALL)
def test_examples_are_not_copied_from_the_dev_set(task: str, version: str) -> None:
    dev = {json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()}
    examples = read_spec(task, version).get("examples") or []
    assert examples and not {ex["message"] for ex in examples} & dev


def test_prompt_files_live_under_the_package_prompts_dir() -> None:
    assert (PROMPTS_DIR / "extract" / "v1.yaml").is_file()
