"""Transcript clean-up keeps what the extractor needs and drops what recognisers add."""

from __future__ import annotations

import pytest

from bot.speech.cleanup import clean_transcript


@pytest.mark.parametrize(
    ("heard", "clean"),
    [
        ("嗯，卖给老李五千盆千叶，一共一万。", "卖给老李五千盆千叶，一共一万"),
        ("呃……那个，卖给老李三百盆", "卖给老李三百盆"),
        ("那个，就是，收了老王两千块", "收了老王两千块"),
        ("卖给那个老王二十盆", "卖给那个老王二十盆"),  # mid-sentence 那个 is a word
        ("金额一万", "金额一万"),  # 额 inside a word stays
        ("卖 给 老 李 五 千 盆", "卖给老李五千盆"),
        ("卖给老李 5,000 盆，一共10,000元。", "卖给老李 5000 盆，一共10000元"),
        ("白菜１２．５斤", "白菜12.5斤"),
        ("一共三千五百块钱,对吧?", "一共三千五百块钱，对吧？"),
        ("收了五万零三百。。", "收了五万零三百"),
        ("嗯。", ""),
        ("", ""),
    ],
)
def test_clean_transcript(heard: str, clean: str) -> None:
    assert clean_transcript(heard) == clean


def test_chinese_numerals_are_untouched() -> None:
    text = "卖给老李一千二百三十四盆，两万零五百，三点五斤"
    assert clean_transcript(text) == text
