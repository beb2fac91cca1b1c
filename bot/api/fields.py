"""Field types checked at the edge, so nothing PostgreSQL would choke on gets past.

Every text refuses control characters (a NUL cannot be stored in a PostgreSQL text) and
says so in the OpenAPI spec as a pattern, so generated clients and fuzzers know it too.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from ledger import CENT, cents
from ledger.limits import (
    MAX_AMOUNT,
    MAX_NAME_CHARS,
    MAX_QUANTITY,
    MAX_REMARK_CHARS,
    MAX_UNIT_CHARS,
)

PHONE_PATTERN = r"^1[3-9][0-9]{9}$"
CODE_PATTERN = r"^[0-9]{6}$"
# No C0 control characters except none at all: tabs and newlines are not needed in a name.
NAME_PATTERN = r"^[^\x00-\x1f\x7f]*$"
# Remarks may span lines.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def _no_surrogates(value: str) -> str:
    # A lone surrogate ("\ud800" in JSON) cannot be encoded as UTF-8 for the database.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("包含无法识别的字符") from None
    return value


Phone = Annotated[str, Field(pattern=PHONE_PATTERN, examples=["13800138000"],
                             description="11 位手机号")]
Code = Annotated[str, Field(pattern=CODE_PATTERN, examples=["123456"],
                            description="6 位数字验证码")]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS, pattern=NAME_PATTERN),
                 AfterValidator(_no_surrogates)]
ShortName = Annotated[str, Field(min_length=1, max_length=MAX_UNIT_CHARS, pattern=NAME_PATTERN),
                      AfterValidator(_no_surrogates)]
Remark = Annotated[str, Field(max_length=MAX_REMARK_CHARS, pattern=TEXT_PATTERN),
                   AfterValidator(_no_surrogates)]
Keyword = Annotated[str, Field(min_length=1, max_length=50, pattern=NAME_PATTERN),
                    AfterValidator(_no_surrogates)]
Nickname = Annotated[str, Field(min_length=1, max_length=50, pattern=NAME_PATTERN),
                     AfterValidator(_no_surrogates)]
Message = Annotated[str, Field(min_length=1, max_length=500, pattern=TEXT_PATTERN),
                    AfterValidator(_no_surrogates)]


def _number(value: object) -> Decimal:
    """A JSON number as an exact Decimal; strings and booleans are refused (pydantic would
    coerce "12" and true), and so are NaN and infinities (which Python's JSON accepts)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError("必须是数字")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError("必须是有限的数字")
    return number


def _iso_date(value: object) -> object:
    """Only "YYYY-MM-DD": pydantic would read 0 as 1970-01-01 (a Unix timestamp)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not DATE_RE.fullmatch(value):
        raise ValueError("格式不正确，应为 YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("不是有效的日期") from None


DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
IsoDate = Annotated[
    dt.date, BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-03-15"]}),
]
# Money is rounded half up to the cent (JSON numbers are binary floats: 0.29 may arrive as
# 0.29000000000000004); the bounds are those of Numeric(12, 2).
Amount = Annotated[
    Decimal, BeforeValidator(_number), Field(ge=CENT, le=MAX_AMOUNT), AfterValidator(cents),
    WithJsonSchema({"type": "number", "minimum": 0.01, "maximum": float(MAX_AMOUNT),
                    "description": "元，大于 0，四舍五入到分"}),
]
Paid = Annotated[
    Decimal, BeforeValidator(_number), Field(ge=0, le=MAX_AMOUNT), AfterValidator(cents),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": float(MAX_AMOUNT),
                    "description": "元，四舍五入到分"}),
]
UnitPrice = Paid
Quantity = Annotated[
    Decimal, BeforeValidator(_number), Field(gt=0, le=MAX_QUANTITY),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0,
                    "maximum": float(MAX_QUANTITY)}),
]
