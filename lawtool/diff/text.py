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


def _change_block(change: Change, typographic: bool, context: bool) -> list[list[Segment]]:
    status = change.status
    head = f"{change_title(change)}  [{status}]"
    flags = [
        f
        for f, on in (
            ("moved", change.moved and status != "moved"),
            ("renumbered", change.renumbered and status not in ("renumbered", "moved")),
            ("text changed", change.text_changed and status not in ("modified", "split", "merged")),
        )
        if on
    ]
    if flags:
        head += " (" + ", ".join(flags) + ")"
    block: list[list[Segment]] = [[(head, "head")]]
    if change.moved:
        olds = [u.parent.describe() for u in change.old if u.parent is not None]
        news = [u.parent.describe() for u in change.new if u.parent is not None]
        if olds != news:
            block.append([("  " + " ← ".join(x for x in ("، ".join(olds), "، ".join(news)) if x), "dim")])
    lines = _lines(_op_segments(change.ops, typographic))
    context = context or change.status in ("added", "deleted")
    shown_gap = False
    for line in lines:
        if not line:
            continue
        if context or _changed(line):
            block.append([("  ", None)] + line)
            shown_gap = False
        elif not shown_gap:
            block.append([("  …", "dim")])
            shown_gap = True
    return block


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


def visual(line: list[Segment], width: int = 0) -> list[Segment]:
    """Lay a right-to-left line out for a terminal that does not (see the module docstring):
    a simplified Unicode bidirectional algorithm for one right-to-left paragraph."""
    chars = [(ch, style) for text, style in line for ch in text]
    kinds = [_direction(ch) for ch, _ in chars]
    for i, kind in enumerate(kinds):  # marks take their base's direction
        if kind == "NSM":
            kinds[i] = kinds[i - 1] if i else "R"
    for i, kind in enumerate(kinds):  # separators between digits belong to the number
        if (
            kind == "N"
            and chars[i][0] in ".,:/-"
            and 0 < i < len(kinds) - 1
            and kinds[i - 1] == "EN"
            and kinds[i + 1] == "EN"
        ):
            kinds[i] = "EN"
    strong = ["R" if k in ("R", "EN") else k for k in kinds]  # numbers count as R for neutrals
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
        fill = "L" if before == after == "L" else "R"
        for k in range(i, j):
            resolved[k] = fill
        i = j
    levels = [1 if k == "R" else 2 for k in resolved]
    order = list(range(len(chars)))
    order.reverse()  # level ≥ 1: the whole line
    out_order: list[int] = []
    k = 0
    while k < len(order):  # level 2 runs back to reading order
        if levels[order[k]] == 2:
            j = k
            while j < len(order) and levels[order[j]] == 2:
                j += 1
            out_order.extend(reversed(order[k:j]))
            k = j
        else:
            out_order.append(order[k])
            k += 1
    result: list[Segment] = []
    for idx in out_order:
        ch, style = chars[idx]
        if levels[idx] == 1:
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
    ]
    summary = result.summary()
    shown = ", ".join(f"{k}: {v}" for k, v in summary.items() if v)
    kinds = sorted({c.kind for c in result.articles}) or ["article"]
    head.append([(f"{'/'.join(k + 's' for k in kinds)}: {shown}", None)])
    containers = result.summary("container")
    changed = ", ".join(f"{k}: {v}" for k, v in containers.items() if v and k != "unchanged")
    if changed:
        head.append([(f"containers: {changed}", None)])
    texts = ", ".join(f"{k}: {v}" for k, v in result.summary("text").items() if v and k != "unchanged")
    if texts:
        head.append([(f"texts (preface, preamble, conclusions, notes ...): {texts}", None)])
    for line in dict.fromkeys(x for x in (result.old.notice, result.new.notice, *result.warnings) if x):
        head.append([(line, "dim")])
    if not typographic and summary.get("typographic"):
        head.append(
            [(f"({summary['typographic']} typographic-only changes hidden; --show-typographic shows them)", "dim")]
        )
    blocks = [head]
    for change in result.changes(typographic=typographic):
        blocks.append(_change_block(change, typographic, context))
    if len(blocks) == 1:
        blocks.append([[("no changes", None)]])
    moves = [r for r in result.concordance() if r["old_num"] != r["new_num"]]
    if moves:
        shown = ", ".join(f"{r['old_num'] or '—'} → {r['new_num'] or '—'}" for r in moves)
        blocks.append([[(f"concordance (numbers that differ; every other article keeps its number): {shown}", None)]])
    return render(blocks, color=color, bidi=bidi, width=width)
