"""Words the reports show: status names in Arabic, and how a change is titled."""

from __future__ import annotations

from .result import Change

STATUS_AR = {
    "unchanged": "دون تغيير",
    "typographic": "تغيير طباعي",
    "modified": "معدلة",
    "moved": "منقولة",
    "renumbered": "أعيد ترقيمها",
    "split": "مجزأة",
    "merged": "مدمجة",
    "added": "مضافة",
    "deleted": "محذوفة",
    "not-compared": "لم تتم مقارنتها",
}

OLD_AR, NEW_AR, CHANGES_AR = "النص السابق", "النص الجديد", "التغييرات"


# FRBRlanguage (ISO 639-2) → BCP 47 tag; the languages written right to left.
_LANG = {
    "ara": "ar",
    "fra": "fr",
    "fre": "fr",
    "eng": "en",
    "ita": "it",
    "deu": "de",
    "ger": "de",
    "spa": "es",
    "por": "pt",
    "nld": "nl",
    "dut": "nl",
    "fin": "fi",
    "swe": "sv",
    "ell": "el",
    "gre": "el",
    "heb": "he",
    "fas": "fa",
    "per": "fa",
    "urd": "ur",
    "ltz": "lb",
    "pol": "pl",
    "ron": "ro",
    "rum": "ro",
    "tur": "tr",
    "afr": "af",
    "zul": "zu",
    "xho": "xh",
    "swa": "sw",
    "dan": "da",
    "nor": "no",
    "est": "et",
    "lav": "lv",
    "lit": "lt",
    "ces": "cs",
    "cze": "cs",
    "slk": "sk",
    "slo": "sk",
    "slv": "sl",
    "hun": "hu",
    "hrv": "hr",
    "bul": "bg",
    "mlt": "mt",
    "gle": "ga",
    "rus": "ru",
    "ukr": "uk",
    "zho": "zh",
    "chi": "zh",
    "jpn": "ja",
}
_RTL = {"ar", "he", "fa", "ur", "yi", "ps", "syr", "dv", "ckb"}


def html_lang(language: str | None) -> tuple[str, str]:
    """``lang`` and ``dir`` of a page from the document's FRBRlanguage: ara → ("ar", "rtl"),
    ita → ("it", "ltr"); an unknown code is kept as written (BCP 47 allows three letters);
    none at all is Arabic, lawtool's first language."""
    code = (language or "ara").strip().lower()
    tag = _LANG.get(code, code if code.isalpha() and 2 <= len(code) <= 8 else "und")
    return tag, "rtl" if tag.split("-")[0] in _RTL else "ltr"


def units_title(units) -> str:
    return "، ".join(u.title for u in units)


def change_title(change: Change) -> str:
    """«المادة 3 ← المادة 17 مكررة» style title: old → new, or the one side that exists."""
    old = units_title(change.old)
    new = units_title(change.new)
    if old and new and old != new:
        return f"{old} ← {new}"
    return new or old


def anchor(side: str, eid: str | None) -> str:
    """The HTML id of an element on one side: ``old-art_3``, ``new-art_17-bis``."""
    return f"{side}-{eid or 'none'}"


# -- one side of a word diff, for the two-column renderers ------------------------------------------

Piece = tuple[str, str | None]  # text and mark: None (plain), "del", "ins", "typo"


def side_pieces(ops, side: str, *, typographic: bool = False) -> list[Piece]:
    """The text of one side (``old`` or ``new``) of a word diff, with what the other side does
    not have marked: deletions on the old side, insertions on the new one, typographic
    differences on both when asked for."""
    out: list[Piece] = []
    for op in ops:
        text = op.old if side == "old" else op.new
        if not text:
            continue
        if op.op == "equal":
            mark = None
        elif op.op == "typographic":
            mark = "typo" if typographic and text.strip() else None
        elif op.op == "delete":
            mark = "del"
        else:
            mark = "ins"
        if out and out[-1][1] == mark:
            out[-1] = (out[-1][0] + text, mark)
        else:
            out.append((text, mark))
    return out


def plain_pieces(text: str, mark: str | None = None) -> list[Piece]:
    return [(text, mark)] if text else []


def cut_pieces(pieces: list[Piece], lengths: list[int]) -> list[list[Piece]]:
    """Cut the pieces of a joined text («part 1\\npart 2») back into its parts, given the length
    of each part; the line break between two parts is dropped."""
    out: list[list[Piece]] = [[] for _ in lengths]
    bounds = []
    start = 0
    for length in lengths:
        bounds.append((start, start + length))
        start += length + 1
    pos = 0
    for text, mark in pieces:
        for k, (a, b) in enumerate(bounds):
            lo, hi = max(a, pos), min(b, pos + len(text))
            if lo < hi:
                chunk = text[lo - pos : hi - pos]
                if out[k] and out[k][-1][1] == mark:
                    out[k][-1] = (out[k][-1][0] + chunk, mark)
                else:
                    out[k].append((chunk, mark))
        pos += len(text)
    return out


def change_sides(change: Change, *, typographic: bool = False) -> tuple[list[tuple], list[tuple]]:
    """For each unit of each side of ``change``: (unit, pieces).  Unchanged, moved or
    renumbered elements without ops show their plain text."""

    def side(units, name):
        if not units:
            return []
        if not change.ops:
            return [(u, plain_pieces(u.text)) for u in units]
        pieces = side_pieces(change.ops, name, typographic=typographic)
        if len(units) == 1:
            return [(units[0], pieces)]
        return list(zip(units, cut_pieces(pieces, [len(u.text) for u in units]), strict=True))

    return side(change.old, "old"), side(change.new, "new")


# -- rows of a comparative table ----------------------------------------------------------------------


def _path(unit) -> list:
    path = []
    while unit is not None:
        path.append(unit)
        unit = unit.parent
    return list(reversed(path))


def table_rows(result) -> list[tuple]:
    """The rows of a comparative table, in concordance order:

    - ``("heading", depth, container_change)`` when the article's container path changes
      (only the levels that change);
    - ``("article", change)`` for every article (unchanged ones too);
    - ``("moved-here", change)`` at the new place of a moved article, whose own row stays at
      its old place."""
    of_container: dict[int, Change] = {}
    for c in result.containers:
        for u in c.old + c.new:
            of_container[id(u)] = c
    of_new: dict[int, Change] = {}
    new_units = []
    for c in result.articles:
        for u in c.new:
            of_new[id(u)] = c
            new_units.append(u)
    new_units.sort(key=lambda u: u.index)
    after: dict[int, list[Change]] = {}
    for c in result.articles:
        if c.status != "moved":
            continue
        k = c.new[0].index - 1
        anchor = None
        while k >= 0:
            owner = of_new[id(new_units[k])]
            if owner.status != "moved":
                anchor = owner
                break
            k -= 1
        after.setdefault(id(anchor), []).append(c)

    def container_path(change: Change) -> list[Change]:
        unit = change.new[0] if change.new else change.old[0]
        if not change.new and unit.parent is not None:
            mapped = of_container.get(id(unit.parent))
            if mapped is not None and mapped.new:
                return [of_container[id(p)] for p in _path(mapped.new[0])]
        return [of_container[id(p)] for p in _path(unit.parent)] if unit.parent is not None else []

    rows: list[tuple] = []
    previous: list[Change] = []

    def headings(path: list[Change]) -> None:
        nonlocal previous
        k = 0
        while k < len(path) and k < len(previous) and path[k] is previous[k]:
            k += 1
        for depth in range(k, len(path)):
            rows.append(("heading", depth, path[depth]))
        previous = path

    for c in after.get(id(None), ()):
        headings(container_path(c))
        rows.append(("moved-here", c))
    for c in result.articles:
        if c.status == "moved":  # its row stays under its old container
            headings([of_container[id(p)] for p in _path(c.old[0].parent)])
        else:
            headings(container_path(c))
        rows.append(("article", c))
        for m in after.get(id(c), ()):
            headings(container_path(m))
            rows.append(("moved-here", m))
    return rows


def _split_lines(pieces: list[Piece]) -> list[list[Piece]]:
    lines: list[list[Piece]] = [[]]
    for text, mark in pieces:
        for k, part in enumerate(text.split("\n")):
            if k:
                lines.append([])
            if part:
                lines[-1].append((part, mark))
    return lines


def elide(pieces: list[Piece], other: list[Piece] | None = None, *, keep: int = 0) -> list[Piece]:
    """Only the changed lines of one side, each run of unchanged lines shown as «…».  A line is
    changed when it holds a mark or, given the ``other`` side, when the other side has no line
    with the same text.  Texts of at most ``keep`` lines are left whole."""
    lines = _split_lines(pieces)
    if len(lines) <= keep:
        return pieces
    others = {"".join(t for t, _ in line) for line in _split_lines(other)} if other is not None else None

    def changed(line) -> bool:
        return any(m for _, m in line) or (others is not None and "".join(t for t, _ in line) not in others)

    if not any(changed(line) for line in lines):
        return pieces
    out: list[Piece] = []
    gap = False
    for line in lines:
        if changed(line):
            if out:
                out.append(("\n", None))
            out.extend(line)
            gap = False
        elif not gap:
            if out:
                out.append(("\n", None))
            out.append(("…", None))
            gap = True
    return out


def inline_pieces(ops, *, typographic: bool = False):
    """Both sides in one text: deletions and insertions marked where they happen."""
    out: list[tuple[str, str | None]] = []
    for op in ops:
        if op.op == "equal":
            out.append((op.new, None))
        elif op.op == "typographic":
            out.append((op.new, "typo" if typographic and op.new.strip() else None))
        elif op.op == "delete":
            out.append((op.old, "del"))
        else:
            out.append((op.new, "ins"))
    return [(t, m) for t, m in out if t]
