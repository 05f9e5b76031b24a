"""A server-drawn SVG chart of temperature and CRS / ICANS grades by day (CSP allows no inline
script or style; SVG presentation attributes are fine). Two panels share the day axis, so a
temperature is never read against the grade scale."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

W, LEFT, RIGHT = 900, 56, 24
TEMP_TOP, TEMP_BOTTOM = 34, 164          # temperature panel (35-41 C)
GRADE_TOP, GRADE_BOTTOM = 196, 300       # grade panel (0-5)
H = 340
TEMP_MIN, TEMP_MAX = 35.0, 41.0
INK, MUTED, GRID = "#1b2430", "#4a5563", "#e3e8ef"


@dataclass(frozen=True)
class Point:
    day: int
    temperature: float | None = None
    crs: int | None = None
    icans: int | None = None


def _nice_step(span: int) -> int:
    """A day-tick step that keeps about a dozen labels."""
    raw = max(1, math.ceil(span / 12))
    for step in (1, 2, 7, 14, 28, 56, 91, 182, 364):
        if step >= raw:
            return step
    return raw


def chart_svg(points: Iterable[Point], title: str = "Temperature and grades by day") -> SafeString:
    pts = sorted(points, key=lambda p: p.day)
    if not pts:
        return mark_safe("")
    first = min(min(p.day for p in pts), 0)
    last = max(max(p.day for p in pts), first + 14)

    def x(day: int) -> float:
        return LEFT + (day - first) * (W - LEFT - RIGHT) / (last - first)

    def y_temp(t: float) -> float:
        t = min(max(t, TEMP_MIN), TEMP_MAX)
        return TEMP_TOP + (TEMP_MAX - t) * (TEMP_BOTTOM - TEMP_TOP) / (TEMP_MAX - TEMP_MIN)

    def y_grade(g: int) -> float:
        return GRADE_TOP + (5 - g) * (GRADE_BOTTOM - GRADE_TOP) / 5

    def text(xx: float, yy: float, s: str, anchor: str = "start", fill: str = MUTED) -> str:
        return (f'<text x="{xx:.1f}" y="{yy:.1f}" font-size="12" text-anchor="{anchor}" '
                f'fill="{fill}">{escape(s)}</text>')

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
           f'aria-labelledby="chart-title" class="journey-chart">',
           f'<title id="chart-title">{escape(title)}</title>',
           f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
           text(LEFT, TEMP_TOP - 14, "Temperature (°C)", fill=INK),
           text(LEFT, GRADE_TOP - 10, "CRS and ICANS grade", fill=INK)]
    for t in range(int(TEMP_MIN), int(TEMP_MAX) + 1):
        yy = y_temp(t)
        out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="{GRID}"/>')
        out.append(text(LEFT - 8, yy + 4, str(t), "end"))
    fever = y_temp(38.0)
    out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{fever:.1f}" y2="{fever:.1f}" '
               f'stroke="#b42318" stroke-dasharray="5 4"/>')
    out.append(text(W - RIGHT, fever - 4, "fever 38.0", "end", "#b42318"))
    for g in range(0, 6):
        yy = y_grade(g)
        out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="{GRID}"/>')
        out.append(text(LEFT - 8, yy + 4, f"G{g}", "end"))
    step = _nice_step(last - first)
    start = first if step == 1 else math.ceil(first / step) * step
    for day in range(start, last + 1, step):
        out.append(text(x(day), GRADE_BOTTOM + 18, str(day), "middle"))
    out.append(text((LEFT + W - RIGHT) / 2, H - 6, "day after infusion (day 0)", "middle"))

    temps = [(p.day, p.temperature) for p in pts if p.temperature is not None]
    if len(temps) > 1:
        line = " ".join(f"{x(d):.1f},{y_temp(t):.1f}" for d, t in temps)
        out.append(f'<polyline points="{line}" fill="none" stroke="#1f6feb" stroke-width="2"/>')
    for d, t in temps:
        colour = "#b42318" if t >= 38.0 else "#1f6feb"
        out.append(f'<circle cx="{x(d):.1f}" cy="{y_temp(t):.1f}" r="4" fill="{colour}">'
                   f'<title>day {d}: {t:.1f} °C</title></circle>')
    for key, colour, offset in (("crs", "#c2410c", -5), ("icans", "#6d28d9", 5)):
        for p in pts:
            g = getattr(p, key)
            if g is not None:
                xx = x(p.day) + offset
                out.append(f'<rect x="{xx - 4:.1f}" y="{y_grade(g) - 4:.1f}" width="8" height="8" '
                           f'fill="{colour}"><title>day {p.day}: {key.upper()} grade {g}</title></rect>')
    for lx, colour, label in ((W - 300, "#c2410c", "CRS"), (W - 230, "#6d28d9", "ICANS"),
                              (W - 150, "#1f6feb", "temperature")):
        out.append(f'<rect x="{lx}" y="8" width="10" height="10" fill="{colour}"/>')
        out.append(text(lx + 14, 17, label, fill=INK))
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - only numbers and escaped text go in


PHASE_COLOURS = {
    "leukapheresis": "#0b5cad", "manufacturing": "#6b7280", "qc_release": "#8a5a00",
    "bridging": "#a3a3a3", "lymphodepletion": "#c2410c", "infusion": "#b42318",
    "monitoring": "#1d7a46",
}


@dataclass(frozen=True)
class Bar:
    phase: str
    label: str
    start: object   # dt.date
    end: object     # dt.date
    actual: bool


@dataclass(frozen=True)
class Lane:
    name: str
    bars: tuple[Bar, ...]


def timeline_svg(lanes: Iterable[Lane], today, days_before: int = 28,  # noqa: ANN001
                 days_after: int = 42) -> SafeString:
    """All journeys on one calendar: one lane per patient, a bar per phase (solid when it
    happened, pale when planned), a line for today. The table beside it is the text version."""
    import datetime as dt

    lanes = list(lanes)
    if not lanes:
        return mark_safe("")
    name_w, lane_h, top = 170, 26, 34
    width = 900
    height = top + lane_h * len(lanes) + 10
    first = today - dt.timedelta(days=days_before)
    span = days_before + days_after

    def x(day) -> float:  # noqa: ANN001
        offset = min(max((day - first).days, 0), span)
        return name_w + offset * (width - name_w - 10) / span

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="timeline-title" class="journey-chart">',
           '<title id="timeline-title">All journeys on one timeline</title>',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    for week in range(0, span + 1, 7):
        day = first + dt.timedelta(days=week)
        out.append(f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{top - 6}" y2="{height - 6}" '
                   f'stroke="{GRID}"/>')
        if week < span:  # the last tick sits on the edge: no room for its label
            out.append(f'<text x="{x(day):.1f}" y="{top - 12}" font-size="11" '
                       f'text-anchor="middle" fill="{MUTED}">{day.strftime("%d %b")}</text>')
    for n, lane in enumerate(lanes):
        y = top + n * lane_h
        out.append(f'<text x="4" y="{y + 17}" font-size="12" fill="{INK}">{escape(lane.name[:24])}</text>')
        # The one-day infusion is drawn last so the monitoring bar never hides it.
        for bar in sorted(lane.bars, key=lambda b: b.phase == "infusion"):
            if bar.start is None or bar.end is None or bar.end < first or \
                    bar.start > first + dt.timedelta(days=span):
                continue
            x1, x2 = x(bar.start), x(bar.end + dt.timedelta(days=1))
            colour = PHASE_COLOURS.get(bar.phase, MUTED)
            opacity = "1" if bar.actual else "0.35"
            out.append(f'<rect x="{x1:.1f}" y="{y + 5}" width="{max(x2 - x1, 2):.1f}" height="16" '
                       f'fill="{colour}" fill-opacity="{opacity}" rx="3">'
                       f'<title>{escape(lane.name)}: {escape(bar.label)} {bar.start:%d %b}–{bar.end:%d %b}'
                       f'{"" if bar.actual else " (planned)"}</title></rect>')
    tx = x(today)
    out.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{top - 6}" y2="{height - 4}" '
               f'stroke="#b42318" stroke-width="2"/>')
    out.append(f'<text x="{tx + 3:.1f}" y="{height - 8}" font-size="11" fill="#b42318">today</text>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - only dates, numbers and escaped text go in
