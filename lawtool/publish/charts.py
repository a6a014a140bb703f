"""Pictures drawn by lawtool itself, as SVG: the changes per chapter across a bill's versions,
and the coverage matrix of the gap report.  No plotting library; text is escaped; the
output is deterministic (same input, same bytes)."""

from __future__ import annotations

from .html import esc

COLORS = ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828")
STATUS_COLORS = {"defined": "#2e7d32", "criminalised": "#1565c0", "provided": "#f9a825", "missing": "#e0e0e0"}
FONT = "'Noto Sans Arabic', 'Noto Naskh Arabic', sans-serif"


def _svg(width: int, height: int, title: str, body: list[str]) -> bytes:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}" font-family="{FONT}" '
        f'font-size="13">\n<title>{esc(title)}</title>\n<rect width="{width}" height="{height}" fill="#ffffff"/>\n'
    )
    return (head + "\n".join(body) + "\n</svg>\n").encode("utf-8")


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
    body = [f'<text x="{width - 10}" y="28" text-anchor="end" font-size="16" font-weight="bold">{esc(title)}</text>']
    y = 50
    for chapter in chapters:
        body.append(f'<text x="{width - 10}" y="{y + row_h / 2 + 4:.0f}" text-anchor="end">{esc(chapter[:48])}</text>')
        for k, (legend, counts) in enumerate(series):
            value = counts.get(chapter, 0)
            w = plot_w * value / top
            x = width - label_w - 10 - w
            by = y + 6 + k * 16
            body.append(
                f'<rect x="{x:.1f}" y="{by}" width="{w:.1f}" height="{bar_h}" fill="{COLORS[k % len(COLORS)]}">'
                f"<title>{esc(legend)}: {value}</title></rect>"
            )
            body.append(f'<text x="{x - 6:.1f}" y="{by + 11}" text-anchor="end" font-size="11">{value}</text>')
        y += row_h
    for k, (legend, _) in enumerate(series):
        ly = y + 14 + k * 22
        body.append(f'<rect x="{width - 24}" y="{ly - 11}" width="14" height="14" fill="{COLORS[k % len(COLORS)]}"/>')
        body.append(f'<text x="{width - 32}" y="{ly}" text-anchor="end">{esc(legend)}</text>')
    if not chapters:
        body.append(f'<text x="{width / 2:.0f}" y="80" text-anchor="middle">لا تغيير</text>')
    return _svg(width, height, title, body)


def coverage_matrix(rows: list[tuple[str, list[str]]], columns: list[str], title: str) -> bytes:
    """``rows``: (concept label, status per column).  A coloured grid with a legend."""
    cell_w, cell_h, label_w, head_h = 120, 22, 330, 80
    width = label_w + cell_w * len(columns) + 20
    height = head_h + cell_h * len(rows) + 60
    body = [f'<text x="{width - 10}" y="24" text-anchor="end" font-size="16" font-weight="bold">{esc(title)}</text>']
    for j, column in enumerate(columns):
        x = width - label_w - 10 - (j + 0.5) * cell_w
        body.append(
            f'<text x="{x:.0f}" y="{head_h - 10}" text-anchor="middle" font-size="11">{esc(column[:22])}</text>'
        )
    for i, (label, statuses) in enumerate(rows):
        y = head_h + i * cell_h
        body.append(f'<text x="{width - 10}" y="{y + 15}" text-anchor="end" font-size="12">{esc(label[:50])}</text>')
        for j, status in enumerate(statuses):
            x = width - label_w - 10 - (j + 1) * cell_w
            body.append(
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{cell_h - 4}" '
                f'fill="{STATUS_COLORS.get(status, "#bdbdbd")}"><title>{esc(label)} — {esc(columns[j])}: '
                f"{esc(status)}</title></rect>"
            )
    y = head_h + len(rows) * cell_h + 24
    names = {"defined": "معرف", "criminalised": "مجرم", "provided": "منصوص عليه", "missing": "غائب"}
    x = width - 10
    for status, color in STATUS_COLORS.items():
        body.append(f'<rect x="{x - 14}" y="{y - 11}" width="14" height="14" fill="{color}" stroke="#999"/>')
        body.append(f'<text x="{x - 20}" y="{y}" text-anchor="end">{esc(names[status])}</text>')
        x -= 130
    return _svg(width, height, title, body)
