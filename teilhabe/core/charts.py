"""Bar charts drawn on the server as SVG: no script, no inline style (the content security
policy forbids both), colours from CSS classes.

The SVG is an image with a name and a description for screen readers (role="img" with
<title> and <desc>); a page shows it beside the same figures as a table and a one-sentence
summary, so that nothing is said by the picture alone (WCAG 1.1.1, 1.4.1). In right-to-left
languages the chart is mirrored: labels on the right, bars growing to the left.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language_bidi

WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 80
ROW_HEIGHT = 30
BAR_HEIGHT = 20
PADDING = 10
SCALE_HEIGHT = 22
LABEL_CHARS = 30
NICE_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
# Keeps a label in its own direction inside the chart's (a Latin name in an Arabic chart
# keeps its full stop at the end): first-strong isolate … pop directional isolate.
ISOLATE = "\u2068{}\u2069"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as people read it: "12 %", "34.5 h"
    css_class: str = ""


def _short(label: str) -> str:
    short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
    return ISOLATE.format(short)


def nice_ceiling(value: float) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) not
    below `value`: the end of a scale people can read."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in NICE_STEPS if step * power >= value - 1e-9)


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    max_value: float | None = None,
    tick_text: Callable[[float], str] | None = None,
    rtl: bool = False,
) -> SafeString:
    """A horizontal bar chart, one bar per item, in the order given. The scale runs from 0 to
    `max_value`, or to a round number above the largest value; with `tick_text` (which writes
    a value as people read it) a scale with 0, its middle and its end is drawn above."""
    scale = max_value or nice_ceiling(max((bar.value for bar in bars), default=0))
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * PADDING
    top = PADDING + (SCALE_HEIGHT if tick_text else 0)
    height = top + PADDING + max(len(bars), 1) * ROW_HEIGHT
    bar_start = PADDING + LABEL_WIDTH

    def x(position: float, width: float = 0) -> str:
        """Left-to-right coordinates, mirrored for right-to-left."""
        return _number(WIDTH - position - width if rtl else position)

    parts = []
    if tick_text:
        for fraction in (0, 0.5, 1):
            position = bar_start + fraction * area
            parts.append(
                format_html(
                    '<line class="chart-grid" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}"></line>'
                    '<text class="chart-tick" x="{x}" y="{text_y}" text-anchor="middle">'
                    "{text}</text>",
                    x=x(position),
                    y1=top - 4,
                    y2=height - PADDING + 4,
                    text_y=top - 8,
                    text=ISOLATE.format(tick_text(fraction * scale)),
                )
            )
    parts.append(
        format_html(
            '<line class="chart-axis" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"></line>',
            x=x(bar_start),
            top=top - 4,
            bottom=height - PADDING + 4,
        )
    )
    for index, bar in enumerate(bars):
        middle = top + index * ROW_HEIGHT + ROW_HEIGHT / 2
        length = max(0.0, min(bar.value / scale, 1.0)) * area
        parts.append(
            format_html(
                '<g class="chart-row"><title>{label}: {text}</title>'
                '<text class="chart-label" x="{label_x}" y="{text_y}" text-anchor="end">'
                "{short}</text>"
                '<rect class="chart-bar {css}" x="{bar_x}" y="{bar_y}" width="{width}" '
                'height="{bar_height}"></rect>'
                '<text class="chart-value" x="{value_x}" y="{text_y}" text-anchor="start">'
                "{value}</text></g>",
                label=bar.label,
                text=bar.text,
                short=_short(bar.label),
                label_x=x(bar_start - 8),
                text_y=_number(middle + 5),
                css=bar.css_class,
                bar_x=x(bar_start, length),
                bar_y=_number(middle - BAR_HEIGHT / 2),
                width=_number(length),
                bar_height=BAR_HEIGHT,
                value_x=x(bar_start + length + 6),
                value=ISOLATE.format(bar.text),
            )
        )
    return format_html(
        '<svg class="bar-chart" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'direction="{direction}" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        "{parts}</svg>",
        id=chart_id,
        width=WIDTH,
        height=height,
        direction="rtl" if rtl else "ltr",
        title=title,
        description=description,
        parts=format_html_join("", "{}", ((part,) for part in parts)),
    )


def chart_figure(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    summary: str,
    tick_text: Callable[[float], str] | None = None,
    max_value: float | None = None,
) -> dict:
    """What a figures page shows for one chart: its title, the SVG in the page's direction and
    the text summary (templates render the data table beside it)."""
    return {
        "title": title,
        "svg": bar_chart(
            chart_id=chart_id,
            title=title,
            description=description,
            bars=bars,
            max_value=max_value,
            tick_text=tick_text,
            rtl=get_language_bidi(),
        ),
        "summary": summary,
    }
