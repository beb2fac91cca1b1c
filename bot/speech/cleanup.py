"""Tidy a recogniser's transcript before the extractor reads it.

Only what recognisers add is removed: hesitations, odd punctuation, thousands separators
and spaces between Chinese characters. Chinese numerals (五千, 一万) are left alone because
the extractor parses them.
"""

from __future__ import annotations

import re

# Hesitations that are never part of a word, so they can go anywhere in a sentence.
_FILLER_ANYWHERE = re.compile(r"[嗯呃]+[，,。.、…\s]*")
# The rest only as openers: mid-sentence 那个 can mean "that (customer)" and 额 is in 金额.
_FILLER_OPENING = re.compile(r"^(?:(?:那个|这个|就是|然后|额|唔|啊|哎)[，,、…\s]*)+")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_REPEATED_PUNCT = re.compile(r"([，。！？、])[，。！？、\s]+")
_HALF_TO_FULL = str.maketrans({",": "，", "!": "！", "?": "？", ";": "；", ":": "："})


def clean_transcript(text: str) -> str:
    """The transcript as the extractor should see it; may be empty when nothing was said."""
    text = _to_half_width(text).strip()
    text = _THOUSANDS.sub("", text)
    text = _FILLER_ANYWHERE.sub("", text)
    text = _FILLER_OPENING.sub("", text)
    text = _CJK_SPACE.sub("", text)
    text = _punctuation(text)
    return _REPEATED_PUNCT.sub(r"\1", text).strip("，。、 ")


def _to_half_width(text: str) -> str:
    """Full-width digits and Latin letters (１２３, ＫＧ) become ASCII so amounts parse."""
    return "".join(
        chr(ord(c) - 0xFEE0) if "０" <= c <= "９" or "Ａ" <= c <= "ｚ" else
        "." if c == "．" else c
        for c in text
    )


def _punctuation(text: str) -> str:
    """ASCII punctuation between Chinese words becomes Chinese; a decimal point stays a point."""
    text = re.sub(r"(?<!\d)\.(?!\d)", "。", text)
    return re.sub(r"[,!?;:](?!\d)", lambda m: m.group().translate(_HALF_TO_FULL), text)
