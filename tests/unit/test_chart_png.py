"""The chart PNG looked at: its size, and that its Chinese labels are drawn as glyphs of the
bundled CJK font, not as the missing-glyph box (tofu)."""

from __future__ import annotations

import struct
import subprocess
import sys
import warnings
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font

from bot import charts
from bot.charts import FAMILIES, FAMILY, font_path, render_png
from handlers.messages import Chart

NAMES = ("老李", "超市周经理", "对面饭店老板娘", "阿香")
DAYS = Chart(
    kind="days", title="2026-12-01 至 2026-12-20 每天的收入",
    labels=tuple(f"12/{d}" for d in range(1, 21)),
    values=tuple(Decimal(d * 137 % 900) for d in range(1, 21)), fallback_text="· 12/1 ¥137",
)
OWED = Chart(
    kind="ranking", title="谁欠我最多", labels=NAMES,
    values=(Decimal(7000), Decimal("3500.50"), Decimal(800), Decimal(120)),
    fallback_text="老李 还欠我 ¥7,000。",
)
PUA = "\ue000"  # private use: no font has it, so it draws the missing-glyph box


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def chart_font() -> FT2Font:
    """The face matplotlib picks for the charts' labels."""
    render_png(OWED)  # registers the bundled font
    found = font_manager.findfont(FontProperties(family=FAMILIES), fallback_to_default=False)
    return font_manager.get_font(found)


def glyph_bitmap(font: FT2Font, text: str) -> np.ndarray:
    font.set_size(48, 72)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the box is drawn on purpose, for comparison
        font.set_text(text, 0.0)
    font.draw_glyphs_to_bitmap()
    return np.asarray(font.get_image()).copy()


@pytest.mark.parametrize("chart", [DAYS, OWED], ids=["days", "ranking"])
def test_the_png_has_its_size_and_draws_every_label_without_a_missing_glyph(
        chart: Chart) -> None:
    with warnings.catch_warnings():
        # matplotlib warns "Glyph 32769 (\N{...}) missing from font(s) …" for each box it draws
        warnings.simplefilter("error")
        png = render_png(chart)
    assert png_size(png) == (960, 540)
    assert 5_000 < len(png) < 2 * 1024 * 1024  # WeChat's temporary image limit


def test_the_labels_font_is_the_bundled_cjk_font_and_has_their_glyphs() -> None:
    font = chart_font()
    assert Path(str(font.fname)).resolve() == font_path().resolve()
    assert font.family_name == FAMILY
    text = "".join({*"".join(NAMES), *OWED.title, *DAYS.title, "¥"})
    assert [c for c in text if font.get_char_index(ord(c)) == 0] == []
    # The check can fail: matplotlib's own default font has none of them.
    dejavu = FT2Font(font_manager.findfont(FontProperties(family="DejaVu Sans")))
    assert all(dejavu.get_char_index(ord(c)) == 0 for c in "老李超市周经理")


def test_each_chinese_label_draws_its_own_glyph_not_the_box() -> None:
    """Rendered bitmaps: a missing glyph draws the same box whatever the character, so
    every character must differ from the box and from every other character."""
    font = chart_font()
    box = glyph_bitmap(font, PUA)
    seen: dict[bytes, str] = {}
    for char in sorted(set("".join(NAMES))):
        bitmap = glyph_bitmap(font, char)
        assert bitmap.any(), char
        assert bitmap.shape != box.shape or not np.array_equal(bitmap, box), char
        assert bitmap.tobytes() not in seen, (char, seen.get(bitmap.tobytes()))
        seen[bitmap.tobytes()] = char
    # Against the box: a label is as wide as its glyphs, one em each, and made of ink.
    width = glyph_bitmap(font, "对面饭店老板娘").shape[1]
    assert width >= 6 * box.shape[1] * 0.8


def test_without_the_font_package_the_chart_is_refused_not_drawn_with_boxes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)  # import now fails
    monkeypatch.setattr(charts, "_ready", False)
    with pytest.raises(charts.ChartUnavailable, match="noto-cjk-sans-otc"):
        render_png(OWED)


async def test_draw_answers_none_when_it_cannot_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)
    monkeypatch.setattr(charts, "_ready", False)
    assert await charts.draw(OWED) is None


def test_serving_imports_no_matplotlib_until_a_chart_is_drawn() -> None:
    """Worker memory: the webhook app, the channels and the console load without it."""
    code = (
        "import sys, bot.server, bot.cli, bot.console, bot.charts, bot.wechat.channel, "
        "bot.wechat.attachments, bot.telegram.outgoing, handlers.charts\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.strip() == "[]"
