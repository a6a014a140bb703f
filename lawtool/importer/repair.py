"""Repair stage: raw pdftotext extraction of an Adala PDF -> clean text lines.

What it undoes (see shared/sources/adala/PROVENANCE.md), in this order (``repair_text``):

* page furniture and footnotes (``furniture.py``): page numbers, footnote reference markers
  (turned into ``[[fn:N]]`` at the end of the preceding body line) and footnote bodies;
* numbers and dates broken across two lines;
* then line by line (``_LineRepair``): a stray space inside a line's first word («ي عين»),
  scrambled Hijri/Gregorian date brackets; glyphs printed twice, the lam-meem reversal and the
  reversed lam-alef ligature («ال» printed for «لا», «هللا» for «الله»), the words no Arabic spells
  (``ligatures.py``); in a text that shows it, an «ه» printed for a space (``strayheh.py``); two words
  glued at a «ة» or «ى» and a final ligature printed in reverse (``wordends.py``); numbers glued to the next word and punctuation printed before the word it
  follows; tatweel inside a word («الصــادر» → «الصادر»: it stretches the printed word and is no
  letter of it; a tatweel not between two letters of a word is kept: a dash «ـ وهي», the label «هـ)»
  of a list, «بـ» before a number).

Everything else is kept as found (diacritics, spelling).  Repairs that look plausible but are not
certain are not applied: they are listed in ``RepairResult.uncertain``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from .common import AR_LETTER, AR_WORD, FN_BODY, INWORD_TATWEEL, LETTER, MARKS, Footnote, Repair, RepairResult
from .furniture import _split_furniture
from .ligatures import (
    LAM_MEEM,
    _damage_detected,
    _fix_doubled_glyphs,
    _fix_ligatures,
    _fix_non_words,
    _lam_meem_damage,
    _lam_meem_repaired,
    _Lexicon,
    _read_stutters,
    load_lexicon,
)
from .stacked import UNKNOWN, drop_unknown_glyphs, read_dots, read_stacked, stacking
from .strayheh import repair_line as read_stray_heh
from .strayheh import shows_damage as shows_stray_heh
from .wordends import repair_line as read_word_ends
from .wordends import text_substitutions

HEADER_START = "# ==== SOURCE HEADER"
HEADER_END = "# ==== END SOURCE HEADER ===="


# -- numbers, punctuation, dates, spaces -----------------------------------------------------------

PUNCT = "،؛:."
DIGIT_LETTER = re.compile(f"(\\d)(?=[{LETTER}])")
# "القانون ،يراد" -> "القانون، يراد" (punctuation printed before the next word)
PUNCT_BEFORE_WORD = re.compile(f"(?<=[^\\s{PUNCT}]) ([،؛:])(?=[{LETTER}])")
PERIOD_BEFORE_WORD = re.compile(f"(?<=[{LETTER}\\d)]) \\.(?=[{LETTER}])")
# "رقم .103.13" / "و ،401ضعف" / ":7في": the mark printed before the number it follows
PUNCT_BEFORE_NUMBER = re.compile(r"(^|(?<=\s))([،؛:.])(\d+(?:[.\-]\d+)*)(?=\s|$|[" + LETTER + r"])")
# "10 .000" = 10.000, "2.84 .341" = 2.84.341: a space printed inside a number, before its
# thousands (or dahir-number) separator; the period is not a mark printed before the next number
SPLIT_THOUSANDS = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{2,3})?) \.(\d{3})(?![\d.])")
MARK_GLUED = re.compile(f"(?<=\\d)([،؛:.])(?=[{LETTER}])")
SPACING_SIGN = re.compile(r"\d| [،؛:.]")
NUM = r"\d{1,2}"
YEAR = r"\d{4}"
MONTH = f"[{LETTER}\\u0640]+(?: [{LETTER}\\u0640]+)?"
# "22( 1439فبراير .)2018" -> "1439 (22 فبراير 2018)."
DATE_FULL = re.compile(
    f"(?<!\\d)(?:({NUM}|فاتح)\\s*)?\\(\\s*({YEAR})\\s*((?:فاتح )?{MONTH})\\s*([،.]?)\\s*\\)\\s*({YEAR})(?!\\d)"
)
# line-start continuation "( 26نونبر )1962" (Hijri year on the line before)
DATE_TAIL = re.compile(f"\\(\\s*({NUM}|فاتح)\\s*({MONTH})\\s*([،.]?)\\s*\\)\\s*({YEAR})(?!\\d)")
# a date split across two lines: "18( 1437" + "يوليو )2016"
DATE_SPLIT_HEAD = re.compile(f"(?<!\\d)({NUM})\\s*\\(\\s*({YEAR})\\s*$")
DATE_SPLIT_TAIL = re.compile(f"^\\s*({MONTH})\\s*([،.]?)\\s*\\)\\s*({YEAR})(?!\\d)")
# («ف ي» as well as «ي عين»; not the letters of an abbreviation, «ت د م»)
LINE_START_SPLIT = re.compile(
    f"^((?:\\s*[-–.]?\\s*\\d+\\s*[-–.]?\\s*)?)([{LETTER}]) ([{LETTER}]+)(?! [{LETTER}](?![{LETTER}]))"
)
SPACE_RUN = re.compile(r"[ \t]{2,}")
FIRST_WORD = re.compile(rf"\s*({AR_WORD.pattern})")  # a line's first word, with only spaces before
# its last word, with only spaces after, read on the reversed line (a pattern anchored at the end is
# tried from every position of the line): the run of letters and marks ending it, from its first letter
LAST_WORD_REVERSED = re.compile(rf"\s*([{LETTER}{MARKS}]+)")
BROKEN_HEAD = re.compile(r"(^|[\sو])-(\d+)\s*$")
BROKEN_TAIL = re.compile(f"^\\s*(\\d+)(?=\\s|و|[{LETTER}]|$)")


def _fix_dates(text: str) -> tuple[str, list[tuple[str, str, str]]]:
    fixes: list[tuple[str, str, str]] = []
    if "(" not in text:
        return text, fixes  # both patterns read a bracket

    def full(m: re.Match[str]) -> str:
        day, hijri, month, punct, greg = m.groups()
        month = month.strip()
        inner = f"{day} {month} {greg}" if day else f"{month} {greg}"
        out = f"{hijri} ({inner}){punct}"
        if m.end() < len(text) and AR_LETTER.match(text[m.end()]):
            out += " "
        fixes.append(("date-brackets", m.group(0), out))
        return out

    text = DATE_FULL.sub(full, text)

    def tail(m: re.Match[str]) -> str:
        day, month, punct, greg = m.groups()
        out = f"({day} {month.strip()} {greg}){punct}"
        if m.end() < len(text) and AR_LETTER.match(text[m.end()]):
            out += " "
        fixes.append(("date-brackets", m.group(0), out))
        return out

    text = DATE_TAIL.sub(tail, text)
    return text, fixes


def _fix_spacing(text: str) -> tuple[str, list[tuple[str, str, str]]]:
    fixes: list[tuple[str, str, str]] = []
    if not SPACING_SIGN.search(text):
        return text, fixes  # every pattern below reads a digit or a mark after a space

    def before_number(m: re.Match[str]) -> str:
        lead, mark, number = m.groups()
        out = f"{lead}{number}{mark}"
        fixes.append(("punctuation", m.group(0), out))
        return out

    def thousands(m: re.Match[str]) -> str:
        out = f"{m.group(1)}.{m.group(2)}"
        fixes.append(("punctuation", m.group(0), out))
        return out

    text = SPLIT_THOUSANDS.sub(thousands, text)
    text = PUNCT_BEFORE_NUMBER.sub(before_number, text)

    def before_word(m: re.Match[str]) -> str:
        out = m.group(1) + " "
        fixes.append(("punctuation", m.group(0), out))
        return out

    text = PUNCT_BEFORE_WORD.sub(before_word, text)

    def period(m: re.Match[str]) -> str:
        fixes.append(("punctuation", m.group(0), ". "))
        return ". "

    text = PERIOD_BEFORE_WORD.sub(period, text)

    def glued(m: re.Match[str]) -> str:
        fixes.append(("glued-number", m.group(1) + text[m.end()], m.group(1) + " " + text[m.end()]))
        return m.group(1) + " "

    text = DIGIT_LETTER.sub(glued, text)

    def mark_space(m: re.Match[str]) -> str:
        fixes.append(("punctuation", m.group(0), m.group(1) + " "))
        return m.group(1) + " "

    # a mark moved after its number must not stick to the next word: "401،ضعف"
    text = MARK_GLUED.sub(mark_space, text)
    return text, fixes


# -- the passes in order -------------------------------------------------------------------------


def remove_tatweel(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text without the tatweel inside its words, and each word changed (before, after):
    «الصــادر» → «الصادر».  A tatweel with no letter on one side (a dash, «هـ)», «بـ 15») stays."""
    if "\u0640" not in text:
        return text, []
    fixes: list[tuple[str, str]] = []

    def word(m: re.Match[str]) -> str:
        new = INWORD_TATWEEL.sub("", m.group(0))
        if new != m.group(0):
            fixes.append((m.group(0), new))
        return new

    return AR_WORD.sub(word, text), fixes


def _body_start(lines: list[str], skip_header: bool) -> int:
    if not skip_header or not lines or not lines[0].startswith(HEADER_START):
        return 0
    for j, line in enumerate(lines):
        if line.startswith(HEADER_END):
            return j + 1
    return 0


def _vocabulary(texts: list[str]) -> Counter[str]:
    c: Counter[str] = Counter()
    for t in texts:
        c.update(AR_WORD.findall(t))
    return c


def _join_line_start(text: str, vocab: Counter[str]) -> tuple[str, tuple[str, str] | None]:
    """ "ي عين" -> "يعين" when the joined word occurs elsewhere in the document."""
    m = LINE_START_SPLIT.match(text)
    if not m:
        return text, None
    lead, letter, rest = m.groups()
    if letter == "و":  # a standalone conjunction is a word of its own
        return text, None
    joined = letter + rest
    if vocab[joined] >= 1:
        return lead + joined + text[m.end() :], (m.group(0), lead + joined)
    return text, None


def repair_text(raw: str, *, skip_header: bool = True, glyph_lines: Collection[int] = ()) -> RepairResult:
    """The passes in order: page furniture and footnotes split off; numbers and dates broken across
    two lines joined; then each body line and footnote text repaired on its own (_LineRepair).

    ``glyph_lines``: the (0-based) lines of ``raw`` that the extraction gave in Arabic presentation
    forms (the glyphs themselves, decomposed before the repair).  Such a line was read glyph by glyph:
    its lam-alef came out as the ligature «ﻻ», decomposed to «لا», so it cannot carry the reversed
    ligature nor the lam-meem reversal.  Those two repairs leave it alone, and it is no evidence for
    or against the damage (a finance law prints its body damaged and its tables as glyphs)."""
    raw_lines = raw.split("\n")
    furn = _split_furniture(raw_lines, _body_start(raw_lines, skip_header))
    repairs: list[Repair] = list(furn.repairs)
    # body lines and footnote texts get the same text repairs
    items: list[tuple[int, str]] = [(j, t.strip()) for j, t in furn.body]
    fn_items = [(note.number, note.start, _footnote_text(note.lines)) for note in furn.footnotes]
    vocab = _vocabulary([t for _, t in items] + [t for _, _, t in fn_items])
    glyphs = frozenset(glyph_lines)
    printed = (
        _vocabulary([t for j, t in items if j not in glyphs] + [t for _, j, t in fn_items if j not in glyphs])
        if glyphs
        else vocab
    )
    _join_broken_numbers(items, repairs)
    _join_split_dates(items, repairs)
    fixer = _LineRepair(vocab, repairs, printed, glyphs, stray_heh=shows_stray_heh(raw), unknown_glyphs=UNKNOWN in raw)
    # the lexicon's context rules look across line ends: last/first word of the neighbour lines
    edges = [_edge_words(t) for _, t in items]
    lines: list[str] = []
    numbers: list[int] = []
    for k, (j, t) in enumerate(items):
        before = edges[k - 1][1] if k > 0 else ""
        after = edges[k + 1][0] if k + 1 < len(items) else ""
        out = fixer.fix(t, j, True, before, after)
        if out:
            lines.append(out)
            numbers.append(j + 1)
    # a note's text opens a line too: «ت م تغيير ...» is «تم تغيير ...»
    footnotes = [Footnote(n, fixer.fix(t, j, True), j + 1) for n, j, t in fn_items]
    return RepairResult(lines, numbers, footnotes, repairs, fixer.uncertain, ligature_damage=fixer.damaged)


def _footnote_text(flines: list[str]) -> str:
    """A footnote's lines as one text, without its number."""
    m = FN_BODY.match(flines[0])
    head = m.group(2) if m else flines[0]
    return " ".join([head.strip()] + [x.strip() for x in flines[1:]])


def _join_broken_numbers(items: list[tuple[int, str]], repairs: list[Repair]) -> None:
    """Numbers broken across lines ("بالفصول -1" + "88و 88-2" = 88-1)."""
    for k in range(len(items) - 1):
        (j1, t1), (j2, t2) = items[k], items[k + 1]
        h, tl = BROKEN_HEAD.search(t1), BROKEN_TAIL.match(t2)
        if h and tl:
            joined = f"{tl.group(1)}-{h.group(2)}"
            new1 = t1[: h.start()] + h.group(1) + (" " if h.group(1) == "و" else "") + joined
            new2 = t2[tl.end() :].lstrip()
            repairs.append(Repair("glued-number", j1 + 1, f"{t1[h.start() :]} / {t2[: tl.end()].strip()}", joined))
            items[k], items[k + 1] = (j1, new1), (j2, new2)


def _join_split_dates(items: list[tuple[int, str]], repairs: list[Repair]) -> None:
    """Dates split over two lines: "18( 1437" + "يوليو )2016"."""
    for k in range(len(items) - 1):
        (j1, t1), (j2, t2) = items[k], items[k + 1]
        h, tl = DATE_SPLIT_HEAD.search(t1), DATE_SPLIT_TAIL.match(t2)
        if h and tl:
            new1 = t1[: h.start()] + f"{h.group(2)} ({h.group(1)}"
            month, punct, greg = tl.groups()
            rest = t2[tl.end() :]
            new2 = f"{month.strip()} {greg}){punct}" + (" " if rest and AR_LETTER.match(rest[0]) else "") + rest
            repairs.append(
                Repair(
                    "date-brackets",
                    j1 + 1,
                    f"{h.group(0)} / {tl.group(0)}",
                    f"{new1[h.start() :]} / {new2[: len(new2) - len(rest)]}",
                )
            )
            items[k], items[k + 1] = (j1, new1), (j2, new2)


def _edge_words(text: str) -> tuple[str, str]:
    """First and last word of a line, when nothing (no mark, no number) stands outside them."""
    first, tail = FIRST_WORD.match(text), LAST_WORD_REVERSED.match(text[::-1])
    last = ""
    if tail:
        run = tail.group(1)[::-1]
        letter = AR_LETTER.search(run)
        last = run[letter.start() :] if letter else ""
    return first.group(1) if first else "", last


class _LineRepair:
    """The repairs of one line, in order: a word split at the line start, dates, the lam-meem
    reversal (when the text shows the damage), ligatures (idem), spacing and punctuation, tatweel."""

    def __init__(
        self,
        vocab: Counter[str],
        repairs: list[Repair],
        printed: Counter[str],
        glyphs: frozenset[int] = frozenset(),
        *,
        stray_heh: bool = False,
        unknown_glyphs: bool = False,
    ):
        """``vocab``: the words of the whole text; ``printed``: those of its lines not given as
        glyphs, the only ones that can show (and need) the ligature and lam-meem repairs;
        ``stray_heh``: the text shows an «ه» printed for a space (strayheh.py); ``unknown_glyphs``:
        it holds glyphs the extraction could not name (stacked.py)."""
        self.vocab = vocab
        self.stray_heh = stray_heh
        self.unknown_glyphs = unknown_glyphs
        self.stacks = stacking(printed)
        self.repairs = repairs
        self.uncertain: list[Repair] = []
        self.glyphs = glyphs
        self.damaged = _damage_detected(printed)
        self.lam_meem = _lam_meem_damage(printed)
        # the lexicon reads the words as the ligature repair will see them: lam-meem repaired first
        self.lex = _Lexicon(_lam_meem_repaired(printed) if self.lam_meem else printed) if self.damaged else None
        self.lexicon = load_lexicon() if self.damaged else None
        # «ة» or «ى» printed for another letter by a wrong font map («الةاصة» for «الخاصة»)
        self.substitutions = {} if stray_heh else text_substitutions(vocab)

    def fix(self, text: str, j: int, line_start: bool, before: str = "", after: str = "") -> str:
        repairs = self.repairs
        pieces: list[str] = []  # the letters after a glyph the extraction could not name
        if self.unknown_glyphs:
            text = drop_unknown_glyphs(text, j, repairs, pieces)
        if line_start:
            text, joined = _join_line_start(text, self.vocab)
            if joined:
                repairs.append(Repair("intraword-space", j + 1, joined[0], joined[1]))
        text = _fix_doubled_glyphs(text, j, repairs, self.uncertain, self.vocab)
        text, dfix = _fix_dates(text)
        repairs.extend(Repair(kind, j + 1, b, a) for kind, b, a in dfix)
        printed = j not in self.glyphs
        if self.lam_meem and printed:
            # first: the «لا» that the reversal makes («املالية» for «المالية») is no ligature
            text, n = LAM_MEEM.subn(r"\1الم", text)
            repairs.extend(Repair("lam-meem", j + 1, "امل", "الم") for _ in range(n))
        if self.stray_heh:  # first the runs whose words the corpus knows as printed: «هالقانون»
            text = read_stray_heh(text, j, repairs, self.uncertain, self.vocab)
        # «ة», «ى» inside a word: two words glued, a final ligature reversed (before the ligature
        # rules, which then read each word: «خاصةوال» is «خاصة ولا»)
        text = self._word_ends(text, j, last=False, ligatures_follow=self.lex is not None and printed)
        if self.lex is not None and printed:
            text = _fix_ligatures(text, j, self.lex, repairs, self.uncertain, self.lexicon, before, after)
        # what no Arabic word spells: gate open or not, and on a line taken for glyphs too (a line read
        # glyph by glyph cannot print it; one that does was taken for glyphs wrongly)
        text = _fix_non_words(text, j, repairs, self.uncertain)
        # what still carries a damage signature: glyphs printed twice that the first pass left
        text = _read_stutters(text, j, repairs, self.uncertain, self.vocab)
        if self.stray_heh:  # then the rest, on the repaired words: «األسره» is «الأسر»
            text = read_stray_heh(text, j, repairs, self.uncertain, self.vocab)
        text, sfix = _fix_spacing(text)
        repairs.extend(Repair(kind, j + 1, b, a) for kind, b, a in sfix)
        text, tfix = remove_tatweel(text)
        repairs.extend(Repair("tatweel", j + 1, b, a) for b, a in tfix)
        # what the rules above left, tatweel out («جـمـادىالـثـانـيـة»): «اإىل» → «إىل» → «إلى»
        text = self._word_ends(text, j)
        if self.stacks and printed:  # stacked ligatures printed in reverse: «حتقيق» → «تحقيق»
            text = read_stacked(text, j, self.stacks, repairs, self.uncertain)
        if pieces:  # a letter whose dots were the unnamed glyph: «الاقتسادية» → «الاقتصادية»
            text = read_dots(text, j, repairs, pieces)
        return SPACE_RUN.sub(" ", text).strip()

    def _word_ends(self, text: str, j: int, *, last: bool = True, ligatures_follow: bool = False) -> str:
        return read_word_ends(
            text,
            j,
            self.repairs,
            self.uncertain,
            self.vocab,
            last=last,
            substitutions=self.substitutions,
            stray_heh=self.stray_heh,
            ligatures_follow=ligatures_follow,
        )
