"""Field types checked at the edge, so nothing PostgreSQL would choke on gets past.

Every text refuses control characters (a NUL cannot be stored in a PostgreSQL text) and
says so in the OpenAPI spec as a pattern, so generated clients and fuzzers know it too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field

PHONE_PATTERN = r"^1[3-9][0-9]{9}$"
CODE_PATTERN = r"^[0-9]{6}$"
# No C0 control characters except none at all: tabs and newlines are not needed in a name.
NAME_PATTERN = r"^[^\x00-\x1f\x7f]*$"
# Remarks may span lines.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
MAX_AMOUNT = Decimal("9999999999.99")  # Numeric(12, 2)
MAX_QUANTITY = Decimal("99999999.99")


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
Name = Annotated[str, Field(min_length=1, max_length=64, pattern=NAME_PATTERN),
                 AfterValidator(_no_surrogates)]
ShortName = Annotated[str, Field(min_length=1, max_length=16, pattern=NAME_PATTERN),
                      AfterValidator(_no_surrogates)]
Remark = Annotated[str, Field(max_length=500, pattern=TEXT_PATTERN),
                   AfterValidator(_no_surrogates)]
Keyword = Annotated[str, Field(min_length=1, max_length=50, pattern=NAME_PATTERN),
                    AfterValidator(_no_surrogates)]
Nickname = Annotated[str, Field(min_length=1, max_length=50, pattern=NAME_PATTERN),
                     AfterValidator(_no_surrogates)]
Message = Annotated[str, Field(min_length=1, max_length=500, pattern=TEXT_PATTERN),
                    AfterValidator(_no_surrogates)]
Amount = Annotated[Decimal, Field(gt=0, le=MAX_AMOUNT, decimal_places=2,
                                  description="元，最多两位小数，大于 0")]
Paid = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, decimal_places=2)]
Quantity = Annotated[Decimal, Field(gt=0, le=MAX_QUANTITY, decimal_places=2)]
UnitPrice = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, decimal_places=2)]
