"""Geometry of the board's 30-day chart, drawn as inline SVG by the template (no chart library)."""

from __future__ import annotations

from dataclasses import dataclass

from chuishao_tracking.domain.statistics import Day

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 12, 26


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    day: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    opened: list[Bar]
    closed: list[Bar]
    resolved_line: str  # SVG polyline points
    ticks: list[tuple[float, str]]  # x, label (MM-DD)
    grid: list[tuple[float, int]]  # y, value
    baseline: float


def _nice_max(value: int) -> int:
    for step in (4, 8, 12, 20, 40, 60, 100, 200, 400, 1000, 2000, 4000, 10000):
        if value <= step:
            return step
    return value


def build(days: list[Day]) -> Chart:
    top = _nice_max(max([1] + [max(d.opened, d.closed, d.resolved) for d in days]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(days), 1)
    bar_w = max(slot * 0.36, 1.0)
    baseline = TOP + plot_h

    def y(value: int) -> float:
        return round(baseline - plot_h * value / top, 1)

    opened, closed, points, ticks = [], [], [], []
    for i, d in enumerate(days):
        x0 = LEFT + i * slot
        label = d.day.strftime("%m-%d")
        opened.append(
            Bar(
                round(x0 + slot * 0.12, 1),
                y(d.opened),
                round(bar_w, 1),
                round(baseline - y(d.opened), 1),
                d.opened,
                label,
            )
        )
        closed.append(
            Bar(
                round(x0 + slot * 0.12 + bar_w, 1),
                y(d.closed),
                round(bar_w, 1),
                round(baseline - y(d.closed), 1),
                d.closed,
                label,
            )
        )
        points.append(f"{round(x0 + slot / 2, 1)},{y(d.resolved)}")
        if i % 5 == 0 or i == len(days) - 1:
            ticks.append((round(x0 + slot / 2, 1), label))
    grid = [(y(top * k // 4), top * k // 4) for k in range(0, 5)]
    return Chart(WIDTH, HEIGHT, opened, closed, " ".join(points), ticks, grid, baseline)
