"""Geometry for the server-rendered SVG charts.

The templates only place what is computed here. Every status has its own pattern as well
as its own colour, and every bar and point carries its number as text, so the charts are
readable without colour; the same numbers are always in a table next to the chart."""

from dataclasses import dataclass
from decimal import Decimal

BAR_WIDTH = 600
BAR_HEIGHT = 28
MIN_LABEL_WIDTH = 36
MAX_LABELLED_POINTS = 4

CHART_WIDTH = 600
CHART_HEIGHT = 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 24, 24, 40


@dataclass
class Segment:
    status: object
    count: int
    x: float
    width: float

    @property
    def pattern(self):
        return f"patroon-{self.status.value}"

    @property
    def label_x(self):
        return self.x + self.width / 2

    @property
    def label_box_width(self):
        return 8 + 9 * len(str(self.count))

    @property
    def label_box_x(self):
        return round(self.label_x - self.label_box_width / 2, 2)

    @property
    def show_label(self):
        return self.count and self.width >= MIN_LABEL_WIDTH


def status_bar(counts, total):
    """A horizontal stacked bar: one segment per status with at least one action."""
    segments, x = [], 0.0
    for status, count in counts:
        if not count:
            continue
        width = BAR_WIDTH * count / total
        segments.append(Segment(status, count, round(x, 2), round(width, 2)))
        x += width
    return segments


@dataclass
class Point:
    x: float
    y: float
    label: str
    value: Decimal
    year: int
    show_label: bool = True


def _fmt(value):
    if value is None:
        return ""
    value = Decimal(value)
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def indicator_chart(indicator):
    """Baseline → target as a dashed line, the measurements as a solid line with markers."""
    measurements = list(indicator.measurements.all())
    years = [m.date.year + (m.date.timetuple().tm_yday - 1) / 366 for m in measurements]
    if indicator.baseline is not None and indicator.baseline_year:
        years.append(indicator.baseline_year)
    if indicator.target_year:
        years.append(indicator.target_year + 1)
    values = [m.value for m in measurements] + [v for v in (indicator.baseline, indicator.target) if v is not None]
    if not values or not years:
        return None
    first, last = int(min(years)), int(max(years)) + 1
    if last - first < 2:
        last = first + 2
    top = float(max(values)) * 1.15 or 1.0
    plot_w = CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x_of(year):
        return round(MARGIN_LEFT + plot_w * (year - first) / (last - first), 1)

    def y_of(value):
        return round(MARGIN_TOP + plot_h * (1 - float(value) / top), 1)

    chart = {
        "width": CHART_WIDTH, "height": CHART_HEIGHT,
        "left": MARGIN_LEFT, "right": CHART_WIDTH - MARGIN_RIGHT,
        "top": MARGIN_TOP, "bottom": CHART_HEIGHT - MARGIN_BOTTOM,
        "x_ticks": [{"x": x_of(year), "label": str(year)} for year in range(first, last + 1)],
        "y_ticks": [{"y": y_of(top * i / 4), "label": _fmt(Decimal(str(round(top * i / 4, 2))))}
                    for i in range(5)],
        "baseline": None, "target": None, "measurements": [],
    }
    if indicator.baseline is not None and indicator.baseline_year:
        chart["baseline"] = Point(x_of(indicator.baseline_year), y_of(indicator.baseline),
                                  _fmt(indicator.baseline), indicator.baseline, indicator.baseline_year)
    if indicator.target is not None:
        target_year = indicator.target_year or last - 1
        chart["target"] = Point(x_of(target_year + 1 if indicator.target_year else target_year),
                                y_of(indicator.target), _fmt(indicator.target), indicator.target,
                                indicator.target_year)
    # With many measurements only the first and last are labelled on the chart, so the
    # labels don't overlap; the table next to it has every value.
    crowded = len(measurements) > MAX_LABELLED_POINTS
    chart["measurements"] = [
        Point(x_of(year), y_of(m.value), _fmt(m.value), m.value, m.date.year,
              show_label=not crowded or n in (0, len(measurements) - 1))
        for n, (year, m) in enumerate(zip(years, measurements, strict=False))
    ]
    chart["polyline"] = " ".join(f"{p.x},{p.y}" for p in chart["measurements"])
    return chart
