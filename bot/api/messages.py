"""Chinese wording of validation errors: "<field label><rule>", e.g. 金额必须大于0."""

from __future__ import annotations

import re
from typing import Any

INDEX = re.compile(r"[0-9]+")

LABELS = {
    "phone": "手机号",
    "code": "验证码",
    "nickname": "昵称",
    "avatar": "头像",
    "type": "类型",
    "amount": "金额",
    "paid": "已付金额",
    "transaction_date": "日期",
    "remark": "备注",
    "users": "往来人",
    "products": "商品",
    "containers": "周转物",
    "category": "分类",
    "name": "名称",
    "quantity": "数量",
    "unit": "单位",
    "unit_price": "单价",
    "page": "页码",
    "pageSize": "每页条数",
    "startDate": "开始日期",
    "endDate": "结束日期",
    "keyword": "关键词",
    "sort": "排序",
    "text": "文字",
    "date": "日期",
    "file": "文件",
    "duration": "时长",
    "id": "编号",
    "Idempotency-Key": "幂等键",
    "idempotency-key": "幂等键",
}


def label(field: str) -> str:
    """The Chinese name of a dotted field path; list indexes become 第N项."""
    parts = field.split(".")
    out = []
    for p in parts:
        # Only ASCII digits are list indexes: str.isdigit() is also true for "³", which a
        # client may send as an (unknown) key.
        out.append(f"第{int(p) + 1}项" if INDEX.fullmatch(p) else LABELS.get(p, p))
    return "".join(out)


def field_message(field: str, err: dict[str, Any]) -> str:
    ctx = err.get("ctx") or {}
    kind = str(err.get("type", ""))
    if field == "amount" and kind in ("greater_than", "greater_than_equal"):
        return "金额必须大于0"
    return label(field) + _rule(kind, ctx)


def _rule(kind: str, ctx: dict[str, Any]) -> str:
    simple = {
        "missing": "不能为空",
        "string_pattern_mismatch": "格式不正确",
        "date_from_datetime_parsing": "格式不正确，应为 YYYY-MM-DD",
        "date_parsing": "格式不正确，应为 YYYY-MM-DD",
        "date_type": "格式不正确，应为 YYYY-MM-DD",
        "int_parsing": "必须是整数",
        "int_type": "必须是整数",
        "int_from_float": "必须是整数",
        "decimal_parsing": "必须是数字",
        "decimal_type": "必须是数字",
        "float_parsing": "必须是数字",
        "float_type": "必须是数字",
        "string_type": "必须是文字",
        "list_type": "必须是列表",
        "bool_type": "必须是 true 或 false",
        "dict_type": "必须是对象",
        "model_type": "必须是对象",
        "model_attributes_type": "必须是对象",
        "url_parsing": "必须是有效的 http(s) 网址",
        "url_scheme": "必须是 http 或 https 网址",
        "url_type": "必须是有效的 http(s) 网址",
        "url_too_long": "网址太长",
        "json_invalid": "不是有效的 JSON",
        "extra_forbidden": "是不认识的字段",
        "enum": f"取值必须是 {ctx.get('expected', '')} 之一",
        "literal_error": f"取值必须是 {ctx.get('expected', '')} 之一",
        "finite_number": "必须是有限的数字",
    }
    if kind in simple:
        return simple[kind]
    bounds = {
        "greater_than": ("必须大于", "gt"),
        "greater_than_equal": ("不能小于", "ge"),
        "less_than": ("必须小于", "lt"),
        "less_than_equal": ("不能超过", "le"),
        "string_too_short": ("至少", "min_length"),
        "string_too_long": ("最多", "max_length"),
        "too_short": ("至少", "min_length"),
        "too_long": ("最多", "max_length"),
        "decimal_max_places": ("最多小数位数", "decimal_places"),
        "decimal_max_digits": ("最多位数", "max_digits"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        unit = {"string_too_short": "个字", "string_too_long": "个字",
                "too_short": "项", "too_long": "项"}.get(kind, "")
        return f"{words}{ctx.get(key, '')}{unit}"
    if kind == "value_error":
        # Our own validators raise ValueError("…") with the Chinese rule as the message.
        return str(ctx.get("error", "取值不正确"))
    return "取值不正确"
