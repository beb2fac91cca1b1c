"""WeChat rendering: hint line instead of buttons, byte-limited parts."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bot.wechat.render import (
    MORE_HINT,
    paginate,
    render_replies,
    render_reply,
    split_text,
    utf8_len,
)
from handlers.messages import Action, Chart, Choice, Document, Reply

CARD_CHOICES = (
    Choice(label="✅ 保存", action=Action(kind="confirm", draft_id="d1")),
    Choice(label="✏️ 修改", action=Action(kind="edit", draft_id="d1")),
    Choice(label="❌ 取消", action=Action(kind="cancel", draft_id="d1")),
)


def test_card_ends_with_the_wechat_hint_line() -> None:
    card = Reply(text="请确认这笔账：\n金额：¥10,000", kind="card", choices=CARD_CHOICES)
    out = render_reply(card)
    assert out == "请确认这笔账：\n金额：¥10,000\n回复 对 保存 / 直接说要改的 / 取消"


def test_document_is_shown_as_text() -> None:
    doc = Document(filename="a.csv", content=b"date,amount\n2026-03-15,10000\n")
    out = render_reply(Reply(text="共 1 笔账，已导出为 CSV。", document=doc))
    assert "2026-03-15,10000" in out and "不能发文件" in out


def test_a_workbook_is_shown_by_its_text_never_as_bytes() -> None:
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    doc = Document(filename="a.xlsx", content=b"PK\x03\x04binary", mime_type=xlsx,
                   fallback_text="date,amount\n2026-03-15,10000\n")
    out = render_reply(Reply(text="共 1 笔账，已导出为 Excel 表格。", document=doc))
    assert "2026-03-15,10000" in out and "PK" not in out and "不能发文件" in out
    bare = render_reply(Reply(text="x", document=doc.model_copy(update={"fallback_text": None})))
    assert bare == "x\n（微信里不能发文件）"


def test_several_replies_are_one_message() -> None:
    assert render_replies([Reply(text="a"), Reply(text="b")]) == "a\n\nb"


def test_short_text_is_one_part() -> None:
    assert split_text("今天卖了 ¥10,000", 2000) == ["今天卖了 ¥10,000"]
    assert paginate("今天卖了", 2000) == ["今天卖了"]


def test_long_text_is_cut_at_lines_within_the_byte_limit() -> None:
    text = "\n".join(f"第{i}笔 卖给老李千叶 ¥10,000" for i in range(200))
    parts = split_text(text, 2000)
    assert len(parts) > 1
    assert all(utf8_len(p) <= 2000 for p in parts)
    assert "\n".join(parts) == text


def test_paginated_parts_carry_the_continue_hint_and_still_fit() -> None:
    text = "\n".join("千叶" * 30 for _ in range(100))
    pages = paginate(text, 500)
    assert all(utf8_len(p) <= 500 for p in pages)
    assert all(p.endswith(MORE_HINT) for p in pages[:-1])
    assert not pages[-1].endswith(MORE_HINT)


@given(st.text(min_size=0, max_size=3000), st.integers(min_value=8, max_value=600))
def test_split_never_loses_text_or_exceeds_the_limit(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert all(utf8_len(p) <= limit for p in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


CHART = Chart(kind="days", title="每天的收入", labels=("12/1", "12/2"),
              values=(Decimal(300), Decimal(0)), fallback_text="· 12/1 ¥300")


def test_a_chart_is_said_in_words_unless_its_picture_follows() -> None:
    reply = Reply(text="每天的收入：合计 ¥300", chart=CHART)
    assert render_reply(reply) == "每天的收入：合计 ¥300\n· 12/1 ¥300\n（微信里暂不能显示图片）"
    assert render_reply(reply, picture_follows=True) == "每天的收入：合计 ¥300"


def test_a_document_with_a_link_shows_the_link_not_the_table() -> None:
    doc = Document(filename="a.xlsx", content=b"PK", fallback_text="date,amount\n")
    out = render_reply(Reply(text="已导出。", document=doc), link="点开下载：https://x/files/1")
    assert out == "已导出。\n点开下载：https://x/files/1"
