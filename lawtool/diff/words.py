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

from ..arabic import normalise, tokens

EQUAL, INSERT, DELETE, TYPOGRAPHIC = "equal", "insert", "delete", "typographic"

# Punctuation marks that are one mark in two scripts or two typographies.
_PUNCT_FOLD = str.maketrans({"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "–": "-", "—": "-",
                             "ـ": "", "“": '"', "”": '"', "„": '"', "’": "'", "‘": "'", "\u00a0": " "})


@dataclass(frozen=True, slots=True)
class Op:
    """One piece of a word diff.  ``old`` is the piece's text in the old version, ``new`` in
    the new one: ``equal`` has both the same, ``insert`` an empty ``old``, ``delete`` an empty
    ``new``, ``typographic`` both, differing only typographically."""

    op: str
    old: str
    new: str

    def as_dict(self) -> dict:
        if self.op == TYPOGRAPHIC:
            return {"op": self.op, "old": self.old, "new": self.new}
        return {"op": self.op, "text": self.new if self.op in (EQUAL, INSERT) else self.old}


_PUNCT_SPACE = re.compile(r" ?([^\w\s]) ?")
_PUNCT_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _PUNCT_FOLD) + "]")


def _fold_punct(text: str) -> str:
    return _PUNCT_CHARS.sub(lambda m: _PUNCT_FOLD[ord(m.group())] or "", text)


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The comparison key of one token (see the module docstring); a token made only of
    invisible marks (a stray diacritic, a zero-width joiner) has the empty key."""
    if token.isspace():
        return "\n" if "\n" in token else " "
    return normalise(_fold_punct(token))


def _keys(text: str) -> tuple[list[str], list[str]]:
    toks = tokens(text)
    return toks, [token_key(t) for t in toks]


_LINE = "\ue000"  # stands for a line break while a whole text is normalised (a private-use character)


def text_key(text: str) -> str:
    """The key of a whole text: equal keys ⇔ the texts differ at most typographically
    (normalised words, folded punctuation, no space next to a punctuation mark)."""
    folded = _fold_punct(text.replace("\n", _LINE))
    return _PUNCT_SPACE.sub(r"\1", normalise(folded)).replace(_LINE, "\n")


def _encode(keys_a: list[str], keys_b: list[str]) -> tuple[str, str]:
    """Map each distinct key to one character (the line-mode trick of diff-match-patch, applied
    to tokens).  Characters start above Latin-1 and skip the surrogate range."""
    table: dict[str, str] = {}

    def char(key: str) -> str:
        found = table.get(key)
        if found is None:
            code = 0x100 + len(table)
            if code >= 0xD800:
                code += 0x800
            found = table[key] = chr(code)
        return found

    return "".join(char(k) for k in keys_a), "".join(char(k) for k in keys_b)


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact: element texts are short
    return dmp


def word_diff(old: str, new: str, *, semantic: bool = True) -> tuple[Op, ...]:
    """The word diff of two texts, as ``Op`` pieces in reading order.  Joining the ``old`` of
    the pieces gives ``old`` back, joining their ``new`` gives ``new``."""
    if old == new:
        return (Op(EQUAL, old, new),) if old else ()
    toks_a, keys_a = _keys(old)
    toks_b, keys_b = _keys(new)
    chars_a, chars_b = _encode(keys_a, keys_b)
    dmp = _dmp()
    diffs = dmp.diff_main(chars_a, chars_b, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    ops: list[Op] = []
    i = j = 0
    for kind, chunk in diffs:
        n = len(chunk)
        if kind == 0:
            run: list[str] = []  # tokens equal letter for letter, waiting to be one op
            for a, b in zip(toks_a[i:i + n], toks_b[j:j + n]):
                if a == b:
                    run.append(a)
                    continue
                if run:
                    ops.append(Op(EQUAL, "".join(run), "".join(run)))
                    run = []
                ops.append(Op(TYPOGRAPHIC, a, b))
            if run:
                ops.append(Op(EQUAL, "".join(run), "".join(run)))
            i += n
            j += n
        elif kind == -1:
            ops.append(Op(DELETE, "".join(toks_a[i:i + n]), ""))
            i += n
        else:
            ops.append(Op(INSERT, "", "".join(toks_b[j:j + n])))
            j += n
    return tuple(_merge(_spaces_are_typographic(ops)))


def _spaces_are_typographic(ops: list[Op]) -> list[Op]:
    """A space (not a line break) or an invisible mark added or removed is typographic: the
    words on both sides are equal, so a space can only sit next to a punctuation mark."""
    out = []
    for op in ops:
        text = op.old or op.new
        if op.op in (INSERT, DELETE) and "\n" not in text and not text_key(text).strip():
            out.append(Op(TYPOGRAPHIC, op.old, op.new))
        else:
            out.append(op)
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
    whole texts (tokens as characters, exact, with semantic clean-up), as dmp tuples."""
    _, keys_a = _keys(old)
    _, keys_b = _keys(new)
    chars_a, chars_b = _encode(keys_a, keys_b)
    dmp = _dmp()
    diffs = dmp.diff_main(chars_a, chars_b, False)
    dmp.diff_cleanupSemantic(diffs)
    return diffs
