"""Small, accessible SVG charts drawn on the server (no chart library, no scripts)."""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 220
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 40, 28, 12


@dataclass(frozen=True)
class Point:
    label: str
    value: int


def bar_chart(points: list[Point], title: str, chart_id: str) -> Markup:
    """An SVG bar chart with a title and description for screen readers.

    Pages show the same numbers in a table next to it, so nothing depends on seeing it.
    """
    top = max((p.value for p in points), default=0) or 1
    plot_w = WIDTH - PAD_LEFT - 8
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / max(len(points), 1)
    bar_w = max(step * 0.7, 1)
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(_describe(points))}</desc>',
        f'<line class="axis" x1="{PAD_LEFT}" y1="{HEIGHT - PAD_BOTTOM}" x2="{WIDTH - 8}" '
        f'y2="{HEIGHT - PAD_BOTTOM}"/>',
        f'<text class="tick" x="{PAD_LEFT - 6}" y="{PAD_TOP + 4}" text-anchor="end">{top}</text>',
        f'<text class="tick" x="{PAD_LEFT - 6}" y="{HEIGHT - PAD_BOTTOM}" '
        'text-anchor="end">0</text>',
    ]
    label_every = max(1, len(points) // 8)
    for i, point in enumerate(points):
        h = plot_h * point.value / top
        x = PAD_LEFT + i * step + (step - bar_w) / 2
        y = HEIGHT - PAD_BOTTOM - h
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
            f"<title>{escape(point.label)}: {point.value}</title></rect>"
        )
        if i % label_every == 0:
            parts.append(
                f'<text class="tick" x="{x + bar_w / 2:.1f}" y="{HEIGHT - 8}" '
                f'text-anchor="middle">{escape(point.label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _describe(points: list[Point]) -> str:
    if not points:
        return _("No data.")
    total = sum(p.value for p in points)
    peak = max(points, key=lambda p: p.value)
    return ngettext(
        "%(num)d bar, total %(total)d, highest %(peak)d at %(label)s.",
        "%(num)d bars, total %(total)d, highest %(peak)d at %(label)s.",
        len(points),
        total=total,
        peak=peak.value,
        label=peak.label,
    )


LABEL_W, ROW_H = 210, 26


def hbar_chart(points: list[Point], title: str, chart_id: str) -> Markup:
    """Horizontal bars, one row each, the label in full on the left: for names (pages,
    browsers, countries) that a narrow vertical axis would cut short."""
    top = max((p.value for p in points), default=0) or 1
    height = max(len(points), 1) * ROW_H + 8
    plot_w = WIDTH - LABEL_W - 60
    parts = [
        f'<svg class="chart chart-h" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(_describe(points))}</desc>',
    ]
    for i, point in enumerate(points):
        y = 4 + i * ROW_H
        w = max(plot_w * point.value / top, 1)
        parts.append(
            f'<text class="tick label" x="{LABEL_W - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(point.label)}</text>"
            f'<rect class="bar" x="{LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{ROW_H - 8}">'
            f"<title>{escape(point.label)}: {point.value}</title></rect>"
            f'<text class="tick" x="{LABEL_W + w + 6:.1f}" y="{y + 17}">{point.value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
