"""TEST DOUBLE chat model (`llm.provider: fake`): canned answers, no network.

It exists so tests and offline demos can drive the whole LLM path; it is never a default.
GenericFakeChatModel refuses `bind_tools`, which `with_structured_output` needs, so this
subclass accepts the tools and ignores them (INTEGRATION.md 3.5).
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage


class FakeToolCallingModel(GenericFakeChatModel):
    """Returns its canned AIMessages in order; structured output reads their tool calls."""

    def bind_tools(self, tools: Any, *, tool_choice: Any = None, **kwargs: Any) -> Any:
        return self


def canned_answer(args: dict[str, Any], name: str = "LLMAnswer") -> AIMessage:
    """An AIMessage that calls the answer tool with `args`."""
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": "call-fake"}])


def canned_json(args: dict[str, Any]) -> AIMessage:
    """An AIMessage whose text is the answer as JSON (what JSON mode returns)."""
    return AIMessage(content=json.dumps(args, ensure_ascii=False))
