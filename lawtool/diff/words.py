"""Word-level differences inside one element, and what counts as typographic.

A text is cut into tokens (``arabic.tokens``: words with their clitics, numbers, spaces, single
punctuation marks).  Each token gets a *key*: words are normalised (``arabic.normalise``: tatweel,
diacritics, alef/hamza forms, Arabic-Indic digits), punctuation marks are folded to one form
(«،» and «,»), a run of spaces is one space and a line break stays a line break.  Each distinct
key becomes one character, diff-match-patch compares the two character strings, and the result
is mapped back onto the original tokens: a clitic or an article added to a word is one changed
word, never scattered letters.

Classification of the pieces (``Op.op``):

- ``equal``: the same tokens, letter for letter;
- ``typographic``: tokens with the same keys but not the same letters (a diacritic, a tatweel,
  «أ» for «ا», «٥» for «5»), or a space added or removed next to a punctuation mark;
- ``delete`` / ``insert``: everything else.

``text_key`` is the key of a whole text: two texts have the same key exactly when their word
diff holds nothing but ``equal`` and ``typographic`` pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from diff_match_patch import diff_match_patch

from ..arabic import normalise, tokens, words

EQUAL, INSERT, DELETE, TYPOGRAPHIC = "equal", "insert", "delete", "typographic"

# Punctuation marks that are one mark in two scripts or two typographies.
_PUNCT_FOLD = str.maketrans(
    {
        "،": ",",
        "؛": ";",
        "؟": "?",
        "٪": "%",
        "٫": ".",
        "٬": ",",
        "–": "-",
        "—": "-",
        "ـ": "",
        "“": '"',
        "”": '"',
        "„": '"',
        "’": "'",
        "‘": "'",
        "\u00a0": " ",
    }
)


@dataclass(frozen=True, slots=True)
class Op:
    """One piece of a word diff.  ``old`` is the piece's text in the old version, ``new`` in
    the new one: ``equal`` has both the same, ``insert`` an empty ``old``, ``delete`` an empty
    ``new``, ``typographic`` both, differing only typographically."""

    op: str
    old: str
    new: str

    def to_dict(self) -> dict:
        if self.op == TYPOGRAPHIC:
            return {"op": self.op, "old": self.old, "new": self.new}
        return {"op": self.op, "text": self.new if self.op in (EQUAL, INSERT) else self.old}


# a space before or after a punctuation mark (after ``normalise`` every space is one space)
_PUNCT_SPACE = re.compile(r" (?=[^\w\s])|(?<=[^\w\s]) ")


def _fold_punct(text: str) -> str:
    return text.translate(_PUNCT_FOLD)


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The comparison key of one token (see the module docstring); a token made only of
    invisible marks (a stray diacritic, a zero-width joiner) has the empty key."""
    if token.isspace():
        return "\n" if "\n" in token else " "
    return normalise(_fold_punct(token))


def _keys(text: str) -> tuple[list[str], list[str]]:
    toks = tokens(text)
    return toks, list(map(token_key, toks))


def text_key(text: str) -> str:
    """The key of a whole text: equal keys ⇔ the texts differ at most typographically
    (normalised words, folded punctuation, no space next to a punctuation mark), line by line."""
    if "\n" not in text:
        return line_key(text)
    return "\n".join(line_key(line) for line in text.split("\n"))


@lru_cache(maxsize=65_536)
def line_key(line: str) -> str:
    """The key of one line (``text_key``).  The lines of an article come back as the lines of
    its paragraphs and in the pairing of changed lines: each is normalised once."""
    return _PUNCT_SPACE.sub("", normalise(_fold_punct(line)))


def _encode(keys_a: list[str], keys_b: list[str]) -> tuple[str, str]:
    """Map each distinct key to one character (the line-mode trick of diff-match-patch, applied
    to tokens), in order of first appearance.  Characters start above Latin-1 and skip the
    surrogate range."""
    distinct = dict.fromkeys(keys_a)
    distinct.update(dict.fromkeys(keys_b))
    table = {key: chr(_code(i)) for i, key in enumerate(distinct)}
    return "".join(map(table.__getitem__, keys_a)), "".join(map(table.__getitem__, keys_b))


def _code(i: int) -> int:
    return 0x100 + i + (0x800 if 0x100 + i >= 0xD800 else 0)


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact: element texts are short
    return dmp


def word_diff(old: str, new: str, *, semantic: bool = True) -> tuple[Op, ...]:
    """The word diff of two texts, as ``Op`` pieces in reading order.  Joining the ``old`` of
    the pieces gives ``old`` back, joining their ``new`` gives ``new``.

    Texts of several lines (paragraphs) are compared line by line first: equal lines stay
    equal, and inside a run of changed lines each old line is paired with the most similar new
    line (in order) before their words are compared; a line with no partner is deleted or
    inserted whole.  An unchanged paragraph is never shown as deleted and inserted again."""
    if old == new:
        return (Op(EQUAL, old, new),) if old else ()
    if "\n" in old or "\n" in new:
        return tuple(_merge(_line_diff(old.split("\n"), new.split("\n"), semantic)))
    return _token_diff(old, new, semantic)


def _line_diff(old_lines: list[str], new_lines: list[str], semantic: bool) -> list[Op]:
    # lines equal letter for letter first; lines that differ only in typography are paired by
    # similarity in the changed runs, where their words are compared
    chars_a, chars_b = _encode(old_lines, new_lines)
    diffs = _dmp().diff_main(chars_a, chars_b, False)
    items: list[tuple[str | None, str | None]] = []  # (old line, new line); None: no partner
    i = j = 0
    pending_a: list[str] = []
    pending_b: list[str] = []

    def flush() -> None:
        items.extend(_pair_lines(pending_a, pending_b))
        pending_a.clear()
        pending_b.clear()

    for kind, chunk in diffs:
        n = len(chunk)
        if kind == 0:
            flush()
            items.extend(zip(old_lines[i : i + n], new_lines[j : j + n], strict=False))
            i += n
            j += n
        elif kind == -1:
            pending_a.extend(old_lines[i : i + n])
            i += n
        else:
            pending_b.extend(new_lines[j : j + n])
            j += n
    flush()
    ops: list[Op] = []
    seen_a = seen_b = False
    for a, b in items:
        need_a, need_b = a is not None and seen_a, b is not None and seen_b
        if need_a and need_b:
            ops.append(Op(EQUAL, "\n", "\n"))
        elif need_a:
            ops.append(Op(DELETE, "\n", ""))
        elif need_b:
            ops.append(Op(INSERT, "", "\n"))
        if a is not None and b is not None:
            ops.extend(_token_diff(a, b, semantic))
        elif a is not None:
            ops.append(Op(DELETE, a, ""))
        else:
            ops.append(Op(INSERT, "", b or ""))
        seen_a = seen_a or a is not None
        seen_b = seen_b or b is not None
    return [op for op in ops if op.old or op.new]


def _pair_lines(old: list[str], new: list[str]) -> list[tuple[str | None, str | None]]:
    """Pair the lines of a changed run, in order, maximising the words they share (a line
    pairs only with one sharing at least a third of their words)."""
    if not old or not new:
        return [(a, None) for a in old] + [(None, b) for b in new]
    sets_a = [set(words(text_key(x))) for x in old]
    sets_b = [set(words(text_key(x))) for x in new]

    def sim(x: int, y: int) -> float:
        a, b = sets_a[x], sets_b[y]
        union = len(a | b)
        score = len(a & b) / union if union else 1.0
        return score if score >= 1 / 3 else 0.0

    rows, cols = len(old), len(new)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for x in range(rows - 1, -1, -1):
        for y in range(cols - 1, -1, -1):
            s = sim(x, y)
            best[x][y] = max(best[x + 1][y], best[x][y + 1], best[x + 1][y + 1] + s if s else 0.0)
    out: list[tuple[str | None, str | None]] = []
    x = y = 0
    while x < rows and y < cols:
        s = sim(x, y)
        if s and best[x][y] == best[x + 1][y + 1] + s:
            out.append((old[x], new[y]))
            x += 1
            y += 1
        elif best[x][y] == best[x + 1][y]:
            out.append((old[x], None))
            x += 1
        else:
            out.append((None, new[y]))
            y += 1
    out += [(a, None) for a in old[x:]] + [(None, b) for b in new[y:]]
    return out


@lru_cache(maxsize=8_192)
def _token_diff(old: str, new: str, semantic: bool) -> tuple[Op, ...]:
    """The word diff of two lines.  Kept for the diff under way: a paragraph's lines are
    compared again when the paragraphs of a changed article are aligned."""
    if old == new:
        return (Op(EQUAL, old, new),) if old else ()
    toks_a, keys_a = _keys(old)
    toks_b, keys_b = _keys(new)
    chars_a, chars_b = _encode(keys_a, keys_b)
    dmp = _dmp()
    diffs = dmp.diff_main(chars_a, chars_b, False)
    if semantic:
        diffs = _absorb_short_equalities(diffs)
    ops: list[Op] = []
    i = j = 0
    for kind, chunk in diffs:
        n = len(chunk)
        if kind == 0:
            ops.extend(_equal_run(toks_a[i : i + n], toks_b[j : j + n]))
            i += n
            j += n
        elif kind == -1:
            ops.append(_changed(DELETE, toks_a[i : i + n], keys_a[i : i + n]))
            i += n
        else:
            ops.append(_changed(INSERT, toks_b[j : j + n], keys_b[j : j + n]))
            j += n
    return tuple(_merge(ops))


def forget_line_diffs() -> None:
    """Drop the line diffs kept by the previous diff (each diff starts afresh)."""
    _token_diff.cache_clear()


def _equal_run(toks_a: list[str], toks_b: list[str]) -> list[Op]:
    """Tokens with equal keys: runs equal letter for letter, one typographic piece per token
    that is not."""
    same = "".join(toks_a)
    if same == "".join(toks_b):  # the usual case: one piece
        return [Op(EQUAL, same, same)] if same else []
    ops: list[Op] = []
    run: list[str] = []  # tokens equal letter for letter, waiting to be one op
    for a, b in zip(toks_a, toks_b, strict=False):
        if a == b:
            run.append(a)
            continue
        if run:
            ops.append(Op(EQUAL, "".join(run), "".join(run)))
            run = []
        ops.append(Op(TYPOGRAPHIC, a, b))
    if run:
        ops.append(Op(EQUAL, "".join(run), "".join(run)))
    return ops


def _changed(kind: str, toks: list[str], keys: list[str]) -> Op:
    """Tokens deleted or inserted.  Spaces (not a line break) or invisible marks alone are
    typographic: the words on both sides are equal, so a space can only sit next to a
    punctuation mark.  Blank keys token by token are a blank key of the whole piece (every
    step of ``text_key`` treats characters one by one)."""
    text = "".join(toks)
    if "\n" not in text and not any(k.strip() for k in keys):
        return Op(TYPOGRAPHIC, text if kind == DELETE else "", text if kind == INSERT else "")
    return Op(kind, text if kind == DELETE else "", text if kind == INSERT else "")


def _absorb_short_equalities(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Fold an equality of one token (usually the space between two changed words) into the
    changes around it, so that «[-a-] [-b-]» reads «[-a b-]».  Longer equalities stay: unlike
    diff-match-patch's semantic clean-up, an unchanged sentence between two changes is never
    shown as deleted and inserted again."""
    out: list[tuple[int, str]] = []
    dele: list[str] = []
    ins: list[str] = []

    def flush() -> None:
        if dele:
            out.append((-1, "".join(dele)))
        if ins:
            out.append((1, "".join(ins)))
        dele.clear()
        ins.clear()

    for k, (kind, chunk) in enumerate(diffs):
        if kind == -1:
            dele.append(chunk)
        elif kind == 1:
            ins.append(chunk)
        elif len(chunk) == 1 and (dele or ins) and k + 1 < len(diffs):
            dele.append(chunk)
            ins.append(chunk)
        else:
            flush()
            out.append((kind, chunk))
    flush()
    return out


def _merge(ops: list[Op]) -> list[Op]:
    """Join neighbouring pieces of the same kind (typographic pieces stay one per token)."""
    out: list[Op] = []
    for op in ops:
        if out and out[-1].op == op.op and op.op != TYPOGRAPHIC:
            last = out.pop()
            op = Op(op.op, last.old + op.old, last.new + op.new)
        out.append(op)
    return out


def has_changes(ops: tuple[Op, ...] | list[Op], *, typographic: bool = False) -> bool:
    """Whether the pieces change words (or, with ``typographic``, anything at all)."""
    wanted = (INSERT, DELETE, TYPOGRAPHIC) if typographic else (INSERT, DELETE)
    return any(op.op in wanted for op in ops)


def old_text(ops) -> str:
    return "".join(op.old for op in ops)


def new_text(ops) -> str:
    return "".join(op.new for op in ops)


def whole_text_word_diff(old: str, new: str) -> list[tuple[int, str]]:
    """The baseline the benchmark compares against: one word-mode diff-match-patch diff of two
    whole texts (tokens as characters, exact, with the same clean-up), as dmp tuples."""
    _, keys_a = _keys(old)
    _, keys_b = _keys(new)
    chars_a, chars_b = _encode(keys_a, keys_b)
    dmp = _dmp()
    return _absorb_short_equalities(dmp.diff_main(chars_a, chars_b, False))
