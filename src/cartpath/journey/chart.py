"""A server-drawn SVG chart of grades and temperature by day (CSP allows no inline script or
style; SVG presentation attributes are fine)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

W, H, LEFT, RIGHT, TOP, BOTTOM = 640, 260, 44, 44, 16, 36
TEMP_MIN, TEMP_MAX = 35.0, 41.0


@dataclass(frozen=True)
class Point:
    day: int
    temperature: float | None = None
    crs: int | None = None
    icans: int | None = None


def _x(day: int, first: int, last: int) -> float:
    span = max(last - first, 1)
    return LEFT + (day - first) * (W - LEFT - RIGHT) / span


def _y_temp(t: float) -> float:
    t = min(max(t, TEMP_MIN), TEMP_MAX)
    return TOP + (TEMP_MAX - t) * (H - TOP - BOTTOM) / (TEMP_MAX - TEMP_MIN)


def _y_grade(g: int) -> float:
    return TOP + (5 - g) * (H - TOP - BOTTOM) / 5


def chart_svg(points: Iterable[Point], title: str = "Grades and temperature by day") -> SafeString:
    pts = sorted(points, key=lambda p: p.day)
    if not pts:
        return mark_safe("")
    first, last = min(p.day for p in pts), max(p.day for p in pts)
    first, last = min(first, 0), max(last, first + 7)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
           f'aria-labelledby="chart-title" class="journey-chart" width="100%">',
           f'<title id="chart-title">{escape(title)}</title>',
           f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>']
    fever = _y_temp(38.0)
    out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{fever:.1f}" y2="{fever:.1f}" '
               f'stroke="#b42318" stroke-dasharray="4 3"/>')
    out.append(f'<text x="{W - RIGHT + 4}" y="{fever + 4:.1f}" font-size="11" fill="#b42318">'
               f'38 °C</text>')
    for g in range(0, 6):
        y = _y_grade(g)
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                   f'fill="#4a5563">G{g}</text>')
        out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'stroke="#e3e8ef"/>')
    step = 1 if last - first <= 14 else 2 if last - first <= 28 else 7
    for day in range(first, last + 1, step):
        x = _x(day, first, last)
        out.append(f'<text x="{x:.1f}" y="{H - BOTTOM + 16}" font-size="11" text-anchor="middle" '
                   f'fill="#4a5563">{day}</text>')
    out.append(f'<text x="{W / 2:.0f}" y="{H - 4}" font-size="11" text-anchor="middle" '
               f'fill="#4a5563">day after infusion</text>')
    temps = [(p.day, p.temperature) for p in pts if p.temperature is not None]
    if temps:
        line = " ".join(f"{_x(d, first, last):.1f},{_y_temp(t):.1f}" for d, t in temps)
        out.append(f'<polyline points="{line}" fill="none" stroke="#1f6feb" stroke-width="2"/>')
        for d, t in temps:
            colour = "#b42318" if t >= 38.0 else "#1f6feb"
            out.append(f'<circle cx="{_x(d, first, last):.1f}" cy="{_y_temp(t):.1f}" r="3.5" '
                       f'fill="{colour}"><title>day {d}: {t:.1f} °C</title></circle>')
    for key, colour, offset in (("crs", "#c2410c", -4), ("icans", "#6d28d9", 4)):
        for p in pts:
            g = getattr(p, key)
            if g is None:
                continue
            x = _x(p.day, first, last) + offset
            out.append(f'<rect x="{x - 3:.1f}" y="{_y_grade(g) - 3:.1f}" width="6" height="6" '
                       f'fill="{colour}"><title>day {p.day}: {key.upper()} grade {g}'
                       f'</title></rect>')
    legend = ((LEFT, "#1f6feb", "temperature"), (LEFT + 130, "#c2410c", "CRS grade"),
              (LEFT + 240, "#6d28d9", "ICANS grade"))
    for x, colour, label in legend:
        out.append(f'<rect x="{x}" y="2" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{x + 14}" y="11" font-size="11" fill="#1c2733">{label}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - only numbers and escaped text go in
