"""Charts drawn as PNG on this machine with matplotlib, in a CJK font that is installed with
the package: noto-cjk-sans-otc (Noto Sans CJK, SIL Open Font License 1.1) is a dependency
in pyproject.toml, so nothing is fetched at run time and no system font is needed.

matplotlib is imported by the first chart, not at start-up: a webhook worker that never
draws does not carry it (see benchmarks/charts.py for the cost). Drawing uses the
object-oriented API (Figure + Agg canvas), never pyplot's global state, and one lock, so
worker threads cannot mix two figures' settings.
"""

from __future__ import annotations

import asyncio
import io
import logging
import threading
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handlers.messages import Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes

log = logging.getLogger(__name__)
FAMILY = "Noto Sans CJK SC"
# Glyphs the CJK font lacks (a rare name character, an emoji) fall back per glyph.
FAMILIES = [FAMILY, "DejaVu Sans"]
SIZE_INCHES, DPI = (8.0, 4.5), 120  # 960 × 540 px: sharp on a phone, ~50 KB, far below
# WeChat's 2 MB image limit and Telegram's 10 MB
BAR, NEGATIVE = "#2f7ed8", "#d9534f"
MAX_VALUE_LABELS = 16  # more bars than this and the figures would overlap: the axis says them
_lock = threading.Lock()
_ready = False


class ChartUnavailable(Exception):
    """No picture can be drawn here (matplotlib or the font missing); say it in words."""


def font_path() -> Path:
    """The CJK font file: a collection of ten faces, matplotlib registers each of them."""
    try:
        from noto_cjk_sans_otc import FONT_PATH
    except ImportError as exc:
        raise ChartUnavailable("the font package noto-cjk-sans-otc is not installed") from exc
    path = Path(str(FONT_PATH))
    if not path.is_file():
        raise ChartUnavailable(f"font file missing: {path}")
    return path


def _setup() -> None:
    global _ready
    if _ready:
        return
    try:
        from matplotlib import font_manager
    except ImportError as exc:
        raise ChartUnavailable("matplotlib is not installed") from exc
    font_manager.fontManager.addfont(str(font_path()))
    _ready = True


def render_png(chart: Chart) -> bytes:
    """The chart as PNG bytes; raises ChartUnavailable when it cannot be drawn here."""
    with _lock:
        _setup()
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        with matplotlib.rc_context({"font.family": FAMILIES, "font.size": 11,
                                    "axes.spines.top": False, "axes.spines.right": False}):
            fig = Figure(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
            FigureCanvasAgg(fig)
            ax = fig.subplots()
            if chart.kind == "days":
                _days(ax, chart)
            else:
                _ranking(ax, chart)
            ax.set_title(chart.title, fontsize=14, loc="left")
            buf = io.BytesIO()
            fig.savefig(buf, format="png")
        return buf.getvalue()


async def draw(chart: Chart) -> bytes | None:
    """The PNG, drawn in a worker thread; None (logged) when no picture can be had, so the
    caller shows the chart's figures as text instead."""
    try:
        return await asyncio.to_thread(render_png, chart)
    except ChartUnavailable as exc:
        log.warning("chart not drawn: %s", exc)
    except Exception:  # a drawing bug must cost the picture, never the answer
        log.exception("chart %r failed to draw", chart.title)
    return None


def _yuan(v: float, _: Any = None) -> str:
    sign, v = ("-", -v) if v < 0 else ("", v)
    return f"{sign}¥{v:,.0f}" if v == int(v) else f"{sign}¥{v:,.2f}"


def _floats(values: tuple[Decimal, ...]) -> list[float]:
    return [float(v) for v in values]


def _days(ax: Axes, chart: Chart) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    values = _floats(chart.values)
    xs = list(range(len(values)))
    colours = [NEGATIVE if v < 0 else BAR for v in values]
    bars = ax.bar(xs, values, color=colours, width=0.7)
    ax.yaxis.set_major_formatter(FuncFormatter(_yuan))
    ax.axhline(0, color="#888888", linewidth=0.8)
    # At most ~12 day labels, so they stay legible on a phone.
    every = max(1, -(-len(xs) // 12))
    ax.set_xticks(xs[::every], chart.labels[::every])
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6))
    if len(values) <= MAX_VALUE_LABELS:
        ax.bar_label(bars, labels=[_yuan(v) if v else "" for v in values], fontsize=9,
                     padding=2)
    ax.grid(axis="y", alpha=0.3)


def _ranking(ax: Axes, chart: Chart) -> None:
    from matplotlib.ticker import FuncFormatter

    values = _floats(chart.values)
    ys = list(range(len(values)))
    bars = ax.barh(ys, values, color=BAR, height=0.6)
    ax.set_yticks(ys, chart.labels)
    ax.invert_yaxis()  # the largest first, on top
    ax.xaxis.set_major_formatter(FuncFormatter(_yuan))
    ax.bar_label(bars, labels=[_yuan(v) for v in values], fontsize=10, padding=3)
    ax.margins(x=0.15)  # room for the figure at the end of the longest bar
    ax.grid(axis="x", alpha=0.3)
