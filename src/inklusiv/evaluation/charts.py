"""A small line chart drawn on the server as SVG: periods along the x axis, one line per
series (e.g. target and actual). Each series has its own colour, dash pattern and marker, so
the lines can be told apart without colour; the page always shows the same figures as a table.

    line_chart([{"label": "Target", "points": [("1st half of 2017", 10), ...]}, ...], "People")

returns a dict for the include "evaluation/charts/line.html" (with `chart`, `chart_id`,
`chart_title` and optionally `chart_desc` in its context)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 56
# Colours with at least 4.5:1 against white; dashes and markers tell the series apart as well.
STYLES = (
    {"colour": "#1a4f8b", "dash": "", "marker": "circle", "name": "solid"},
    {"colour": "#a3261b", "dash": "8 5", "marker": "square", "name": "dashed"},
    {"colour": "#1d6b35", "dash": "2 4", "marker": "diamond", "name": "dotted"},
    {"colour": "#5b3a8c", "dash": "12 4 2 4", "marker": "triangle", "name": "dash-dot"},
)


def _nice_top(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^n at least as large as value."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= value:
            return float(factor * magnitude)
    return float(10 * magnitude)


def _label(value: float) -> str:
    number = Decimal(str(round(value, 2))).normalize()
    return number_format(number if number != number.to_integral() else int(number))


def _marker(shape: str, x: float, y: float) -> str:
    """An SVG path for the marker at (x, y)."""
    size = 5
    if shape == "square":
        return f"M{x - size:.1f} {y - size:.1f}h{2 * size}v{2 * size}h{-2 * size}z"
    if shape == "diamond":
        half = size + 1
        return f"M{x:.1f} {y - half:.1f}l{half} {half}l{-half} {half}l{-half} {-half}z"
    if shape == "triangle":
        return f"M{x:.1f} {y - size - 1:.1f}l{size + 1} {2 * size + 1}h{-2 * size - 2}z"
    arc = f"a{size} {size} 0 1 0"
    return f"M{x - size:.1f} {y:.1f}{arc} {2 * size} 0{arc} {-2 * size} 0z"


def line_chart(series: list[dict], unit_label: str = "") -> dict:
    """The chart's geometry: axes with ticks, period labels and per series its line segments
    (a missing value breaks the line) and markers."""
    periods = []
    for item in series:
        for period, _value in item["points"]:
            if period not in periods:
                periods.append(period)
    values = [
        float(value) for item in series for _period, value in item["points"] if value is not None
    ]
    low = min([0.0, *values])
    high = _nice_top(max(values)) if values else 1.0
    if low < 0:
        low = -_nice_top(-low)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(periods), 1)

    def x_of(index: int) -> float:
        return LEFT + step * (index + 0.5)

    def y_of(value: float) -> float:
        return TOP + plot_height * (1 - (value - low) / ((high - low) or 1))

    ticks = []
    for number in range(5):
        value = low + (high - low) * number / 4
        ticks.append({"y": round(y_of(value), 1), "label": _label(value)})
    x_labels = [
        {"x": round(x_of(index), 1), "label": period} for index, period in enumerate(periods)
    ]
    drawn = []
    for number, item in enumerate(series):
        style = STYLES[number % len(STYLES)]
        by_period = dict(item["points"])
        segments, current, markers = [], [], []
        for index, period in enumerate(periods):
            value = by_period.get(period)
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            x, y = x_of(index), y_of(float(value))
            current.append(f"{x:.1f},{y:.1f}")
            markers.append({"path": _marker(style["marker"], x, y), "period": period})
        if current:
            segments.append(current)
        drawn.append(
            {
                "label": item["label"],
                "colour": style["colour"],
                "dash": style["dash"],
                "style_name": style["name"],
                "marker": style["marker"],
                "lines": [" ".join(points) for points in segments],
                "markers": markers,
                "legend_y": 0,
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "label_y": HEIGHT - BOTTOM + 20,
        "ticks": ticks,
        "x_labels": x_labels,
        "series": drawn,
        "unit_label": unit_label,
        "has_values": bool(values),
    }
