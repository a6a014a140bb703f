"""Pictures drawn by lawtool itself, as SVG: the changes per chapter across a bill's versions,
and the coverage matrix of the gap report.  No plotting library; text is escaped; the
output is deterministic (same input, same bytes)."""

from __future__ import annotations

from ..htmlbuild import join, raw, svg

COLORS = ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828")
STATUS_COLORS = {"defined": "#2e7d32", "criminalised": "#1565c0", "provided": "#f9a825", "missing": "#e0e0e0"}
FONT = "'Noto Sans Arabic', 'Noto Naskh Arabic', sans-serif"


def _svg(width: int, height: int, title: str, body: list) -> bytes:
    picture = svg(
        "svg",
        "\n",
        svg("title", title),
        "\n",
        svg("rect", width=width, height=height, fill="#ffffff"),
        "\n",
        join(body, "\n"),
        "\n",
        xmlns="http://www.w3.org/2000/svg",
        width=width,
        height=height,
        viewBox=f"0 0 {width} {height}",
        role="img",
        aria_label=title,
        font_family=raw(FONT),  # lawtool's own value: its quotes stay as they are
        font_size=13,
    )
    return (picture + "\n").encode("utf-8")


def _title(text: str, width: int, y: int):
    """The picture's title, at the top right."""
    return svg("text", text, x=width - 10, y=y, text_anchor="end", font_size=16, font_weight="bold")


def _legend(legend: str, square_x: int, text_x: int, y: int, color: str, **stroke):
    """A legend line: a coloured square and its label, the label ending at ``text_x``."""
    square = svg("rect", x=square_x, y=y - 11, width=14, height=14, fill=color, **stroke)
    return join([square, svg("text", legend, x=text_x, y=y, text_anchor="end")], "\n")


def changes_per_chapter(series: list[tuple[str, dict[str, int]]], title: str) -> bytes:
    """``series``: one (legend, {chapter label: changed articles}) per pair of versions, the
    chapters in reading order.  Horizontal bars, labels on the right (right-to-left reading)."""
    chapters: list[str] = []
    for _, counts in series:
        for chapter in counts:
            if chapter not in chapters:
                chapters.append(chapter)
    top = max([c for _, counts in series for c in counts.values()] + [1])
    width, label_w, row_h, bar_h = 900, 330, 16 * max(1, len(series)) + 12, 14
    plot_w = width - label_w - 60
    height = 70 + row_h * max(1, len(chapters)) + 24 * len(series)
    body = [_title(title, width, 28)]
    y = 50
    for chapter in chapters:
        body.append(svg("text", chapter[:48], x=width - 10, y=f"{y + row_h / 2 + 4:.0f}", text_anchor="end"))
        for k, (legend, counts) in enumerate(series):
            value = counts.get(chapter, 0)
            w = plot_w * value / top
            x = width - label_w - 10 - w
            by = y + 6 + k * 16
            tip = svg("title", f"{legend}: {value}")
            body.append(
                svg("rect", tip, x=f"{x:.1f}", y=by, width=f"{w:.1f}", height=bar_h, fill=COLORS[k % len(COLORS)])
            )
            body.append(svg("text", value, x=f"{x - 6:.1f}", y=by + 11, text_anchor="end", font_size=11))
        y += row_h
    for k, (legend, _) in enumerate(series):
        body.append(_legend(legend, width - 24, width - 32, y + 14 + k * 22, COLORS[k % len(COLORS)]))
    if not chapters:
        body.append(svg("text", "لا تغيير", x=f"{width / 2:.0f}", y=80, text_anchor="middle"))
    return _svg(width, height, title, body)


def coverage_matrix(rows: list[tuple[str, list[str]]], columns: list[str], title: str) -> bytes:
    """``rows``: (concept label, status per column).  A coloured grid with a legend."""
    cell_w, cell_h, label_w, head_h = 120, 22, 330, 80
    width = label_w + cell_w * len(columns) + 20
    height = head_h + cell_h * len(rows) + 60
    body = [_title(title, width, 24)]
    for j, column in enumerate(columns):
        x = width - label_w - 10 - (j + 0.5) * cell_w
        body.append(svg("text", column[:22], x=f"{x:.0f}", y=head_h - 10, text_anchor="middle", font_size=11))
    for i, (label, statuses) in enumerate(rows):
        y = head_h + i * cell_h
        body.append(svg("text", label[:50], x=width - 10, y=y + 15, text_anchor="end", font_size=12))
        for j, status in enumerate(statuses):
            x = width - label_w - 10 - (j + 1) * cell_w
            tip = svg("title", f"{label} — {columns[j]}: {status}")
            fill = STATUS_COLORS.get(status, "#bdbdbd")
            body.append(svg("rect", tip, x=x + 2, y=y + 2, width=cell_w - 4, height=cell_h - 4, fill=fill))
    y = head_h + len(rows) * cell_h + 24
    names = {"defined": "معرف", "criminalised": "مجرم", "provided": "منصوص عليه", "missing": "غائب"}
    x = width - 10
    for status, color in STATUS_COLORS.items():
        body.append(_legend(names[status], x - 14, x - 20, y, color, stroke="#999"))
        x -= 130
    return _svg(width, height, title, body)
