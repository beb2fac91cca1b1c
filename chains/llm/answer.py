"""What the model is asked to return: the GUIDE's answer object itself, kept lenient.

Numbers may arrive as 10000, 10000.0, "10000" or "一万"; they are read here and judged
later by post-validation. Anything that is not the GUIDE's vocabulary (an unknown intent
or type) is a schema violation and raises, so the call is retried or falls back to rules.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, TypeVar

from langchain_core.messages import BaseMessage
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from chains.llm.numbers import chinese_to_decimal
from ledger import Metric


class StructuredOutputError(ValueError):
    """The model answered nothing usable: no tool call, no JSON, or the wrong shape."""


def _to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = str(value).strip().removesuffix("元").removesuffix("块")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return chinese_to_decimal(text)


def _as_list(value: Any) -> Any:
    """Models write `null` for an empty list, or one object (one name) without the list."""
    if value is None:
        return []
    return [value] if isinstance(value, dict | str) else value


def _word(value: Any) -> Any:
    """A vocabulary word as the model may case or pad it (" Payable")."""
    return value.strip().lower() if isinstance(value, str) else value


Number = Annotated[Decimal | None, BeforeValidator(_to_decimal)]
T = TypeVar("T")
Items = Annotated[list[T], BeforeValidator(_as_list)]
IntentName = Annotated[
    Literal["record", "query", "correct", "confirm", "cancel", "undo", "edit", "delete", "other"],
    BeforeValidator(_word),
]
TypeName = Literal[
    "income", "expense", "credit", "settle", "borrow", "return",
    "payable", "payoff", "loss", "refund",
]
EntryTypeName = Annotated[TypeName, BeforeValidator(_word)]
MetricName = Annotated[Metric, BeforeValidator(_word)]  # the books' own list of metrics
# Bounds on what one chat message can hold. An answer past them is not a reading of the
# message (5,000 products, 40 entries): it is a schema violation, retried, then rules.
MAX_ENTRIES = 8
MAX_LINES = 20  # products or containers of one entry
MAX_USERS = 10


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class LLMProduct(_Lenient):
    name: str = Field(description="商品名，不带单位，如 千叶、红玫瑰")
    quantity: Number = Field(None, description="数量；约数或没说为 null；12斤8两 为 12.8")
    unit: str | None = Field(None, description="量词，如 盆、扎、斤")
    unit_price: Number = Field(None, description="单价（元）；没说且不能推出为 null")


class LLMContainer(_Lenient):
    name: str = Field(description="周转容器的本名：筐、箱、桶、周转箱、塑料筐、托盘")
    quantity: Number = None


class LLMQuery(_Lenient):
    metric: MetricName
    start: str | None = Field(None, description="YYYY-MM-DD 或 null")
    end: str | None = Field(None, description="YYYY-MM-DD")
    users: Items[str] = Field(default_factory=list, max_length=MAX_USERS)
    product: str | None = None


class LLMEntry(_Lenient):
    """一笔账（一件事）的字段。"""

    type: EntryTypeName | None = None
    users: Items[str] = Field(
        default_factory=list, max_length=MAX_USERS, description="对方的称呼，照原文"
    )
    products: Items[LLMProduct] = Field(default_factory=list, max_length=MAX_LINES)
    containers: Items[LLMContainer] = Field(default_factory=list, max_length=MAX_LINES)
    amount: Number = Field(None, description="总金额（元）；没说且不能算出为 null")
    paid: Number = Field(
        None, description="只用于 credit/payable：当时付了多少；没付为 0；付了但没说多少为 null"
    )
    date: str | None = Field(None, description="YYYY-MM-DD")
    missing: Items[str] = Field(default_factory=list)
    category: str | None = Field(None, description="钱不是买卖货物时的用途：运费、摊位费、工资")
    remark: str | None = None


class LLMAnswer(LLMEntry):
    """记账消息的解析结果（GUIDE 的答案对象）：一件事平铺，几件事放在 entries 里。"""

    intent: IntentName
    entries: Items[LLMEntry] = Field(
        default_factory=list, max_length=MAX_ENTRIES, description="几件不同的事，按说的顺序"
    )
    query: LLMQuery | None = None

    def records(self) -> list[LLMEntry]:
        """The entries of a record: the `entries` list, or the flat answer as one entry."""
        return list(self.entries) if self.entries else [self]


class LLMPatch(_Lenient):
    """更正消息要改的字段；没改的为 null。"""

    type: EntryTypeName | None = None
    users: list[str] | None = Field(None, description="整体替换对方")
    replace_user: list[str] | None = Field(None, description="[旧, 新]：是老王不是老李")
    product: str | None = Field(None, description="改的是哪个商品（说了才填）")
    quantity: Number = None
    unit: str | None = None
    unit_price: Number = None
    amount: Number = None
    paid: Number = Field(None, description="赊账时当时付了多少")
    category: str | None = Field(None, description="费用的用途：运费、摊位费")
    date: str | None = Field(None, description="YYYY-MM-DD")
    container_quantity: Number = None


Schema = TypeVar("Schema", bound=BaseModel)
_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


def understand(output: Any, schema: type[Schema]) -> Schema:
    """The schema object from a structured-output result, a tool call or JSON text.

    None is an error here, never an answer: that is what makes retries and fallbacks fire
    when a model (ChatTongyi, or any function-calling model) simply does not call the tool.
    """
    if isinstance(output, schema):
        return output
    if isinstance(output, dict) and "raw" in output:
        parsed = output.get("parsed")
        if isinstance(parsed, schema):
            return parsed
        return _from_message(output["raw"], schema, output.get("parsing_error"))
    if isinstance(output, BaseMessage):
        return _from_message(output, schema, None)
    raise StructuredOutputError(f"model returned {type(output).__name__}, not {schema.__name__}")


def _from_message(raw: Any, schema: type[Schema], error: Any) -> Schema:
    if not isinstance(raw, BaseMessage):
        raise StructuredOutputError(f"no model message to read ({error})")
    candidates: list[Any] = [call.get("args") for call in getattr(raw, "tool_calls", []) or []]
    content = raw.content if isinstance(raw.content, str) else ""
    candidates.extend(_json_objects(content))
    problems: list[str] = [str(error)] if error else []
    if getattr(raw, "invalid_tool_calls", None):
        problems.append("tool call arguments are not valid JSON")
    for candidate in candidates:
        try:
            return schema.model_validate(candidate)
        except ValidationError as exc:
            problems.append(f"{exc.error_count()} schema errors")
    raise StructuredOutputError(
        f"no valid {schema.__name__} in the model's answer: {'; '.join(problems) or 'empty'}"
    )


def _json_objects(content: str) -> list[Any]:
    texts = [*_FENCE.findall(content), content]
    start, end = content.find("{"), content.rfind("}")
    if 0 <= start < end:
        texts.append(content[start : end + 1])
    found = []
    for text in texts:
        try:
            found.append(json.loads(text))
        except (json.JSONDecodeError, ValueError):
            continue
    return found
