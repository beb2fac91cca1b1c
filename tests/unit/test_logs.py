"""Log lines carry the message's trace id and never a phone number, openid or token."""

from __future__ import annotations

import json
import logging

import pytest

from bot.logs import JsonFormatter, TextFormatter, mask
from handlers.observe import trace_id, traced


@pytest.mark.parametrize(
    ("raw", "hidden", "kept"),
    [
        ("绑定手机13800138000", "13800138000", "138****8000"),
        ("phone=+8615912345678 ok", "15912345678", "159****5678"),
        ("from oAbCdEfGhIjKlMnOpQrStUvWxYz1 said", "oAbCdEfGhIjKlMnOpQrStUvWxYz1", "<openid>"),
        ("Authorization: Bearer abc.DEF-ghi_jkl123", "abc.DEF-ghi_jkl123", "Bearer <token>"),
        ("GET /cgi-bin/x?access_token=AT_12345678&x=1", "AT_12345678", "access_token=<masked>"),
        ("tok eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3In0.c2lnbmF0dXJl", "eyJzdWIi", "<jwt>"),
        ('{"code": "482913"}', "482913", '"code": "<masked>'),
    ],
)
def test_secrets_and_identities_are_masked(raw: str, hidden: str, kept: str) -> None:
    out = mask(raw)
    assert hidden not in out
    assert kept in out


def test_numbers_that_are_not_phones_stay() -> None:
    # Amounts, dates and ids the vendor needs in a log must survive masking.
    for text in ("一共12500元", "2026-03-14", "entry 123456789012345", "12800138000"):
        assert mask(text) == text


def _record(msg: str, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("handlers.dispatch", logging.INFO, __file__, 1, msg, None, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_json_line_has_trace_and_extra_fields_masked() -> None:
    with traced() as trace:
        line = json.loads(
            JsonFormatter().format(_record("message handled", chat="oAbCdEfGhIjKlMnOpQrStUvWxYz1",
                                           outcome="answered"))
        )
    assert line["trace"] == trace and len(trace) == 16
    assert line["msg"] == "message handled" and line["outcome"] == "answered"
    assert line["chat"] == "<openid>"
    assert line["level"] == "INFO" and line["logger"] == "handlers.dispatch"


def test_each_message_gets_its_own_trace_and_a_request_trace_is_kept() -> None:
    with traced() as first:
        pass
    with traced() as second:
        pass
    assert first != second and trace_id.get() == ""
    token = trace_id.set("feedfacecafebeef")  # a channel started one for its HTTP request
    try:
        with traced() as inner:
            assert inner == "feedfacecafebeef"
    finally:
        trace_id.reset(token)


def test_text_lines_are_masked_too() -> None:
    with traced() as trace:
        out = TextFormatter().format(_record("bound 13800138000"))
    assert trace in out and "13800138000" not in out
