"""The diff for a terminal: one block per changed element, changed words marked in colour
(deleted: red, struck through; inserted: green, underlined; typographic: yellow) or, without
colour, in the ``[-deleted-]{+inserted+}`` notation of ``wdiff`` and ``git diff --word-diff``.

Arabic runs right to left.  Two ways to show it:

- ``logical`` (the default): characters in reading order, each line opened by a right-to-left
  mark (U+200F) so that a terminal that applies the Unicode bidirectional algorithm (GNOME
  Terminal/VTE, Konsole, mlterm, Windows Terminal ...) sets the line right to left and aligns it
  to the right; redirected to a file, the text stays plain logical text;
- ``visual``: for terminals that do not reorder (xterm, the Linux console, most multiplexers),
  each line is laid out here, right aligned to the given width: Arabic runs reversed, numbers
  and Latin words kept left to right inside them, brackets and guillemets mirrored.
"""

from __future__ import annotations

import unicodedata

from .present import change_title
from .result import Change, DiffResult
from .words import DELETE, EQUAL, INSERT, TYPOGRAPHIC

RLM = "\u200f"
STYLES = {DELETE: "\x1b[31;9m", INSERT: "\x1b[32;4m", TYPOGRAPHIC: "\x1b[33m", "head": "\x1b[1m", "dim": "\x1b[2m"}
RESET = "\x1b[0m"
MARKS = {DELETE: ("[-", "-]"), INSERT: ("{+", "+}"), TYPOGRAPHIC: ("{~", "~}")}  # without colour
MIRROR = dict(zip("()[]{}<>«»", ")(][}{><»«", strict=True))

Segment = tuple[str, str | None]  # text and style (None: plain)


# -- building the lines --------------------------------------------------------------------------------


def _op_segments(ops, typographic: bool) -> list[Segment]:
    out: list[Segment] = []
    for op in ops:
        if op.op == EQUAL:
            out.append((op.new, None))
        elif op.op == TYPOGRAPHIC:
            shown = typographic and (op.old.strip() or op.new.strip())
            out.append((f"{op.old}→{op.new}" if shown else op.new, TYPOGRAPHIC if shown else None))
        elif op.op == DELETE:
            out.append((op.old, DELETE))
        else:
            out.append((op.new, INSERT))
    return [(text, style) for text, style in out if text]


def _lines(segments: list[Segment]) -> list[list[Segment]]:
    lines: list[list[Segment]] = [[]]
    for text, style in segments:
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            if part:
                lines[-1].append((part, style))
    return lines


def _changed(line: list[Segment]) -> bool:
    return any(style in MARKS for _, style in line)


def _head(change: Change) -> str:
    """Title, status and what else is true of the change («(moved, text changed)»)."""
    status = change.status
    flags = [
        f
        for f, on in (
            ("moved", change.moved and status != "moved"),
            ("renumbered", change.renumbered and status not in ("renumbered", "moved")),
            ("text changed", change.text_changed and status not in ("modified", "split", "merged")),
        )
        if on
    ]
    head = f"{change_title(change)}  [{status}]"
    return head + " (" + ", ".join(flags) + ")" if flags else head


def _move_line(change: Change) -> list[list[Segment]]:
    """Where a moved element was and where it is («الباب الأول ← الباب الثاني»)."""
    if not change.moved:
        return []
    olds = [u.parent.describe() for u in change.old if u.parent is not None]
    news = [u.parent.describe() for u in change.new if u.parent is not None]
    if olds == news:
        return []
    return [[("  " + " ← ".join(x for x in ("، ".join(olds), "، ".join(news)) if x), "dim")]]


def _body(lines: list[list[Segment]], context: bool) -> list[list[Segment]]:
    """The changed lines indented (every line with ``context``), one «…» for each run of
    unchanged lines left out."""
    out: list[list[Segment]] = []
    shown_gap = False
    for line in lines:
        if not line:
            continue
        if context or _changed(line):
            out.append([("  ", None)] + line)
            shown_gap = False
        elif not shown_gap:
            out.append([("  …", "dim")])
            shown_gap = True
    return out


def _change_block(change: Change, typographic: bool, context: bool) -> list[list[Segment]]:
    lines = _lines(_op_segments(change.ops, typographic))
    context = context or change.status in ("added", "deleted")
    return [[(_head(change), "head")], *_move_line(change), *_body(lines, context)]


# -- right to left ---------------------------------------------------------------------------------------


def _direction(ch: str) -> str:
    bidi = unicodedata.bidirectional(ch)
    if bidi in ("R", "AL"):
        return "R"
    if bidi == "L":
        return "L"
    if bidi in ("EN", "AN"):
        return "EN"
    if bidi == "NSM":
        return "NSM"
    return "N"


def _weak_kinds(chars: list[tuple[str, str | None]]) -> list[str]:
    """The direction of each character, marks taking their base's and separators between
    digits belonging to the number."""
    kinds = [_direction(ch) for ch, _ in chars]
    for i, kind in enumerate(kinds):  # marks take their base's direction
        if kind == "NSM":
            kinds[i] = kinds[i - 1] if i else "R"
    for i in range(1, len(kinds) - 1):  # separators between digits belong to the number
        if kinds[i] == "N" and chars[i][0] in ".,:/-" and kinds[i - 1] == "EN" and kinds[i + 1] == "EN":
            kinds[i] = "EN"
    return kinds


def _resolve_neutrals(kinds: list[str]) -> list[str]:
    """Each run of neutral characters takes L between two L, R otherwise (numbers count as R,
    the paragraph is right to left)."""
    strong = ["R" if k in ("R", "EN") else k for k in kinds]
    resolved = list(kinds)
    i = 0
    while i < len(kinds):
        if kinds[i] != "N":
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] == "N":
            j += 1
        before = strong[i - 1] if i else "R"
        after = strong[j] if j < len(kinds) else "R"
        resolved[i:j] = ["L" if before == after == "L" else "R"] * (j - i)
        i = j
    return resolved


def _visual_order(levels: list[int]) -> list[int]:
    """Positions in display order: the whole line reversed (level 1), then each run of level 2
    (left-to-right text and numbers) turned back to reading order."""
    order = list(range(len(levels)))[::-1]
    out: list[int] = []
    k = 0
    while k < len(order):
        if levels[order[k]] != 2:
            out.append(order[k])
            k += 1
            continue
        j = k
        while j < len(order) and levels[order[j]] == 2:
            j += 1
        out.extend(reversed(order[k:j]))
        k = j
    return out


def visual(line: list[Segment], width: int = 0) -> list[Segment]:
    """Lay a right-to-left line out for a terminal that does not (see the module docstring):
    a simplified Unicode bidirectional algorithm for one right-to-left paragraph."""
    chars = [(ch, style) for text, style in line for ch in text]
    levels = [1 if k == "R" else 2 for k in _resolve_neutrals(_weak_kinds(chars))]
    result: list[Segment] = []
    for idx in _visual_order(levels):
        ch, style = chars[idx]
        if levels[idx] == 1:  # brackets and guillemets mirrored in right-to-left runs
            ch = MIRROR.get(ch, ch)
        if result and result[-1][1] == style:
            result[-1] = (result[-1][0] + ch, style)
        else:
            result.append((ch, style))
    pad = width - len(chars)
    if pad > 0:
        result.insert(0, (" " * pad, None))
    return result


def wrap(line: list[Segment], width: int) -> list[list[Segment]]:
    """Cut a logical line into lines of at most ``width`` characters at spaces (a word longer
    than the width stays whole), keeping each piece's style."""
    if width <= 0 or sum(len(t) for t, _ in line) <= width:
        return [line]
    words: list[list[Segment]] = [[]]
    for text, style in line:
        for k, piece in enumerate(text.split(" ")):
            if k:
                words[-1].append((" ", style))
                words.append([])
            if piece:
                words[-1].append((piece, style))
    out: list[list[Segment]] = [[]]
    size = 0
    for word in words:
        length = sum(len(t) for t, _ in word)
        if size and size + length > width:
            while out[-1] and out[-1][-1][0] == " ":
                out[-1].pop()
            out.append([])
            size = 0
        out[-1].extend(word)
        size += length
    return [x for x in out if x]


def _emit(line: list[Segment], color: bool) -> str:
    if not color:
        return "".join(MARKS[style][0] + text + MARKS[style][1] if style in MARKS else text for text, style in line)
    return "".join(f"{STYLES[style]}{text}{RESET}" if style else text for text, style in line)


def _is_rtl(line: list[Segment]) -> bool:
    for text, _ in line:
        for ch in text:
            kind = unicodedata.bidirectional(ch)
            if kind in ("R", "AL"):
                return True
            if kind == "L":
                return False
    return False


def render(blocks: list[list[list[Segment]]], *, color: bool, bidi: str, width: int) -> str:
    out: list[str] = []
    for block in blocks:
        for line in block:
            if bidi == "visual" and _is_rtl(line):
                out.extend(_emit(visual(piece, width), color) for piece in wrap(line, width - 1))
            elif bidi == "logical" and _is_rtl(line):
                out.append(RLM + _emit(line, color))
            else:
                out.append(_emit(line, color))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _summary_lines(result: DiffResult, typographic: bool) -> list[list[Segment]]:
    """The counts of each status (articles, then changed containers and texts), the notices and
    warnings, and how many typographic changes are hidden."""
    summary = result.summary()
    shown = ", ".join(f"{k}: {v}" for k, v in summary.items() if v)
    kinds = sorted({c.kind for c in result.articles}) or ["article"]
    lines: list[list[Segment]] = [[(f"{'/'.join(k + 's' for k in kinds)}: {shown}", None)]]
    for label, kind in (("containers", "container"), ("texts (preface, preamble, conclusions, notes ...)", "text")):
        changed = ", ".join(f"{k}: {v}" for k, v in result.summary(kind).items() if v and k != "unchanged")
        if changed:
            lines.append([(f"{label}: {changed}", None)])
    for line in dict.fromkeys(x for x in (result.old.notice, result.new.notice, *result.warnings) if x):
        lines.append([(line, "dim")])
    if not typographic and summary.get("typographic"):
        hidden = f"({summary['typographic']} typographic-only changes hidden; --show-typographic shows them)"
        lines.append([(hidden, "dim")])
    return lines


def _concordance_block(result: DiffResult) -> list[list[list[Segment]]]:
    """The numbers that differ between the versions, when some do."""
    moves = [r for r in result.concordance() if r["old_num"] != r["new_num"]]
    if not moves:
        return []
    shown = ", ".join(f"{r['old_num'] or '—'} → {r['new_num'] or '—'}" for r in moves)
    return [[[(f"concordance (numbers that differ; every other article keeps its number): {shown}", None)]]]


def render_text(
    result: DiffResult,
    *,
    typographic: bool = False,
    color: bool = False,
    bidi: str = "logical",
    width: int = 100,
    context: bool = False,
) -> str:
    """The diff as terminal text (see the module docstring); ``context`` shows the unchanged
    lines of a changed element too."""
    head: list[list[Segment]] = [
        [(f"--- {result.old.frbr or result.old.path}", "head")],
        [(f"+++ {result.new.frbr or result.new.path}", "head")],
        *_summary_lines(result, typographic),
    ]
    blocks = [head] + [_change_block(c, typographic, context) for c in result.changes(typographic=typographic)]
    if len(blocks) == 1:
        blocks.append([[("no changes", None)]])
    return render(blocks + _concordance_block(result), color=color, bidi=bidi, width=width)
