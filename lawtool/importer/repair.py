"""Repair stage: raw pdftotext extraction of an Adala PDF -> clean text lines.

What it undoes (see shared/sources/adala/PROVENANCE.md):

* page furniture: page numbers ("-3-", "- 163 -", or bare "12" lines), footnote
  reference markers (lone digit lines, turned into ``[[fn:N]]`` at the end of the
  preceding body line) and footnote bodies (collected in ``footnotes``);
* the reversed lam-alef ligature ("ال" printed for "لا", "أل" for "لأ", ...), and
  the reversed "الله" ("هللا");
* numbers glued to the next word, punctuation printed before the word it follows,
  scrambled Hijri/Gregorian date brackets, numbers broken across lines;
* stray spaces inside words at line starts ("ي عين");
* tatweel inside a word ("الصــادر" → "الصادر"): it stretches the printed word and is no letter of it.
  A tatweel that does not stand between two letters of a word is kept: a dash ("ـ وهي"), the
  label "هـ)" of a list, "بـ" before a number.

Everything else is kept as found (diacritics, spelling).  Repairs that
look plausible but are not certain are not applied: they are listed in
``RepairResult.uncertain``.

The ligature words the rules cannot decide (or decided wrongly) were decided by
reading, and those decisions are kept as data in ``data/ligatures.yaml`` (the
lexicon, format described at its top): it is consulted first, for a document that
shows the damage; a word it does not cover goes to the automatic rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..arabic import strip_marks

HEADER_START = "# ==== SOURCE HEADER"
HEADER_END = "# ==== END SOURCE HEADER ===="

# -- public data types ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Repair:
    kind: str
    line: int
    before: str
    after: str
    certain: bool = True


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    line: int


@dataclass
class RepairResult:
    lines: list[str]
    line_numbers: list[int]
    footnotes: list[Footnote] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    uncertain: list[Repair] = field(default_factory=list)
    context: object = None  # the ContextReport of the context check (context.py), once it ran
    ligature_damage: bool | None = None  # did the text show the reversed-ligature damage (None: not known)

    def counts(self) -> dict[str, int]:
        c = Counter(r.kind for r in self.repairs)
        return dict(sorted(c.items()))


# -- characters ----------------------------------------------------------------------------------

ALEFS = "اأإآ"
HAMZA_ALEFS = "أإآ"
LETTER = "\u0621-\u063a\u0641-\u064a"
MARKS = "\u064b-\u065f\u0670\u0640"  # harakat, superscript alef, tatweel
MARK_CHARS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}  # the same, as a set
AR_WORD = re.compile(f"[{LETTER}][{LETTER}{MARKS}]*")
# tatweel between two letters (or vowel marks) of one word
INWORD_TATWEEL = re.compile(f"(?<=[{LETTER}\u064b-\u065f\u0670])\u0640+(?=[{LETTER}\u064b-\u065f\u0670])")
AR_LETTER = re.compile(f"[{LETTER}]")

# Proclitic clusters that may stand before the article "ال" (li + al is written "لل").
ARTICLE_PREFIXES = {"", "و", "ف", "ب", "ك", "وب", "فب", "وك", "فك"}
# Proclitics a bare negation "لا" / "ألا" / "إلا" can carry.
NEGATION_PREFIXES = {"", "و", "ف", "ب", "ك", "أ", "إ", "وإ", "فإ", "وأ"}


# =================================================================================================
# 1. page furniture and footnotes
# =================================================================================================

PAGE_DASH = re.compile(r"^\s*-\s*(\d{1,4})\s*-\s*$")
BARE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")
FN_BODY = re.compile(r"^\s*[-–]\s*(\d{1,4})\s*(?=[^\d\s.\-–])(.*)$")
# First words of Adala's editorial notes ("تم تغيير ...", "الجريدة الرسمية ...").
GLUED_FN = re.compile(r"\s[-–]\s*(\d{1,4})\s*(?=[^\d\s.\-–])(.*)$")
FN_KEYWORDS = re.compile(
    r"^\s*(تم|تمت|أضيف|أضيفت|اضيف|نسخ|نسخت|ألغي|ألغيت|الغي|غير|غيرت|عوض|عوضت|حذف|حذفت|"
    r"الجريدة|انظر|أنظر|صدر|راجع|حلت|وقع|تنص|وردت|ورد|نفس|يقابله|يقصد|الصواب)"
)
LOOKAHEAD = 120


@dataclass
class _Furniture:
    body: list[tuple[int, str]]  # (raw index, text) of body lines, markers appended
    footnotes: list[tuple[int, int, list[str]]]  # (number, raw index, raw lines)
    repairs: list[Repair]


def _is_blank(s: str) -> bool:
    return not s.strip()


def _fn_body_at(lines: list[str], j: int, number: int) -> bool:
    """Line j starts footnote body `number` (judged without page-position state)."""
    m = FN_BODY.match(lines[j])
    if not m or int(m.group(1)) != number:
        return False
    prev_blank = j == 0 or _is_blank(lines[j - 1])
    return prev_blank or bool(FN_KEYWORDS.match(m.group(2)))


def _marker_wins_tie(lines: list[str], j: int, v: int) -> bool:
    """A bare number v that could be page v or footnote marker v.

    If it is the marker, the body of footnote v follows before another bare "v"
    line (which would then be the page number)."""
    for k in range(j + 1, min(len(lines), j + LOOKAHEAD)):
        m = BARE_NUMBER.match(lines[k])
        if m and int(m.group(1)) == v:
            return False
        if _fn_body_at(lines, k, v):
            return True
    return False


def _page_confirmed(lines: list[str], j: int, v: int) -> bool:
    """A bare page number is confirmed by the next page numbers further on."""
    for k in range(j + 1, min(len(lines), j + 4 * LOOKAHEAD)):
        m = BARE_NUMBER.match(lines[k]) or PAGE_DASH.match(lines[k])
        if m and v < int(m.group(1)) <= v + 3:
            return True
    return j > len(lines) - 2 * LOOKAHEAD  # the last page has no successor


# What the continuation of a footnote looks like: the official-journal reference of an amending law.
# «ص .4018» may follow a scrambled date bracket directly: «)2008ص .4018»
JOURNAL_PAGE = r"(?:^|[\s\d()])ص\s*[.،]?\s*\d+\s*[.؛،]?\s*$"
FN_CONTINUATION = re.compile(r"الجريدة\s+الرسمية|بتنفيذه|^\s*\d{3,5}\s*بتاريخ|" + JOURNAL_PAGE)
# a page number printed at the end of the page's last body line: «... وسالمتهم.- 203 -»
PAGE_TAIL = re.compile(r"(?<=\S)\s*-\s*(\d{1,4})\s*-\s*$")


def _take_continuation(
    body: list[tuple[int, str]],
    page_start: int,
    footnotes: list[tuple[int, int, list[str]]],
    repairs: list[Repair],
    at_page_end: bool = False,
) -> None:
    """A footnote cut by a page break goes on at the top of the next page's footnote block, just
    above the next footnote: «... من القانون الجنائي،» / (next page) «الصادر بتنفيذه ظهير شريف ...
    الجريدة الرسمية عدد 4682 ... ص 852» / « - 143 تم ...».  Those lines are not body text: they go
    back to the footnote they continue, when it ended without a final full stop.  A page with no
    footnote of its own ends with them, just above its number (``at_page_end``: the footnote must
    then come from an earlier page)."""
    if not footnotes or not footnotes[-1][2]:
        return
    if at_page_end and (
        page_start >= len(body) or footnotes[-1][1] > body[page_start][0] or not re.search(JOURNAL_PAGE, body[-1][1])
    ):
        return  # at a page end, only a citation ending with its page («ص .4018») is taken
    last = footnotes[-1][2][-1].strip()
    if re.search(r"[.؛!?]\s*$", last):
        return
    take = 0
    while take < 4 and len(body) - take - 1 >= page_start and FN_CONTINUATION.search(body[len(body) - take - 1][1]):
        take += 1
    if not take:
        return
    moved = body[len(body) - take :]
    del body[len(body) - take :]
    for idx, text in moved:
        footnotes[-1][2].append(text)
        repairs.append(Repair("footnote-body", idx + 1, text.strip(), ""))


def _split_furniture(lines: list[str], first: int) -> _Furniture:
    return _FurnitureSplitter(lines).run(first)


class _FurnitureSplitter:
    """One pass over the raw lines: each non-blank line is, in this order of tests, a dashed page
    number, a bare number (footnote marker or page number), the start of a footnote body, the
    continuation of the footnote being read, or a body line."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.first = 0
        self.body: list[tuple[int, str]] = []
        self.footnotes: list[tuple[int, int, list[str]]] = []
        self.repairs: list[Repair] = []
        self.last_page = 0
        self.last_marker = 0
        self.last_body = 0
        self.markers_seen: set[int] = set()
        self.open_fn: list[str] | None = None  # lines of the footnote being read
        self.page_body_start = 0  # index in ``body`` of the first body line of the current page
        self.pending_markers: list[tuple[int, int]] = []  # markers seen before any body line

    def run(self, first: int) -> _Furniture:
        self.first = first
        steps = (self._dashed_page, self._bare_number, self._footnote_start, self._footnote_goes_on)
        for j in range(first, len(self.lines)):
            line = self.lines[j]
            if _is_blank(line):
                self.open_fn = None
            elif not any(step(j, line) for step in steps):
                self._body_line(j, line)
        return _Furniture(self.body, self.footnotes, self.repairs)

    # -- pages --------------------------------------------------------------------------------------

    def _new_page(self, number: int, j: int, printed: str) -> None:
        """Page ``number`` ends the page before: what continues a footnote goes back to it."""
        _take_continuation(self.body, self.page_body_start, self.footnotes, self.repairs, at_page_end=True)
        self.last_page = number
        self.page_body_start = len(self.body)
        self.repairs.append(Repair("page-number", j + 1, printed, ""))

    def _dashed_page(self, j: int, line: str) -> bool:
        m = PAGE_DASH.match(line)
        if not m:
            return False
        self._new_page(int(m.group(1)), j, line.strip())
        self.open_fn = None
        return True

    def _bare_number(self, j: int, line: str) -> bool:
        """A number alone on its line: the next footnote marker or the next page number."""
        m = BARE_NUMBER.match(line)
        if not m:
            return False
        v = int(m.group(1))
        as_marker, as_page = self._bare_number_reading(j, v)
        if as_marker:
            self.last_marker = v
            self.markers_seen.add(v)
            self._attach_marker(v, j)
            return True
        if as_page:
            self._new_page(v, j, line.strip())
            self.open_fn = None
            return True
        return False

    def _bare_number_reading(self, j: int, v: int) -> tuple[bool, bool]:
        """(a marker?, a page number?): a marker is confirmed by its footnote body further on; a lost
        (glued) marker must not stop the sequence."""
        lines, last_marker, last_page = self.lines, self.last_marker, self.last_page
        as_marker = (v == last_marker + 1 and last_marker > 0) or (
            last_marker < v <= last_marker + 3 and _marker_wins_tie(lines, j, v)
        )
        as_page = last_page < v <= last_page + 3 and _page_confirmed(lines, j, v)
        if as_marker and as_page:
            # exact successor beats a skip; else look ahead for the footnote body
            if v != last_page + 1 or _marker_wins_tie(lines, j, v):
                return True, False
            return False, True
        return as_marker, as_page

    # -- footnotes ----------------------------------------------------------------------------------

    def _attach_marker(self, v: int, j: int) -> None:
        token = f"[[fn:{v}]]"
        if self.body:
            idx, text = self.body[-1]
            self.body[-1] = (idx, text.rstrip() + " " + token)
        else:
            self.pending_markers.append((v, j))
        self.repairs.append(Repair("footnote-marker", j + 1, self.lines[j].strip(), token))

    def _find_glued_marker(self, n: int) -> bool:
        """A marker printed at the end of a recent body line: "المذكورة.2"."""
        # after a letter other than the conjunction و ("و3" enumerates), or after a mark
        glued = re.compile(f"(?:(?<=[\u0621-\u0647\u0649-\u064a])|(?<=[{LETTER}][.،؛:])){n}\\s*$")
        body = self.body
        for k in range(len(body) - 1, max(-1, len(body) - 8), -1):
            idx, text = body[k]
            g = glued.search(text)
            if g:
                token = f"[[fn:{n}]]"
                body[k] = (idx, text[: g.start()] + " " + token)
                self.repairs.append(Repair("footnote-marker", idx + 1, str(n), token))
                self.markers_seen.add(n)
                self.last_marker = max(self.last_marker, n)
                return True
        return False

    def _after_page_number(self, j: int) -> bool:
        """Is the last non-blank line before j a dashed page number?"""
        for k in range(j - 1, self.first - 1, -1):
            if not _is_blank(self.lines[k]):
                return bool(PAGE_DASH.match(self.lines[k]))
        return False

    def _footnote_start(self, j: int, line: str) -> bool:
        """«- 12 تم تغيير …»: the body of the next footnote, when a marker refers to it and it
        starts a footnote block (or goes on one)."""
        m = FN_BODY.match(line)
        if not (m and self.last_body < int(m.group(1)) <= max(self.last_marker, self.last_body + 3)):
            return False
        n = int(m.group(1))
        prev_blank = _is_blank(self.lines[j - 1] if j > self.first else "")
        keyword = bool(FN_KEYWORDS.match(m.group(2)))
        starts_block = (prev_blank and not self._after_page_number(j)) or keyword
        referenced = n in self.markers_seen or n < self.last_marker  # a later marker was seen
        if not referenced:
            referenced = self._find_glued_marker(n)
        if not ((referenced and (self.open_fn is not None or starts_block)) or (keyword and prev_blank)):
            return False
        _take_continuation(self.body, self.page_body_start, self.footnotes, self.repairs)
        self.last_body = n
        self._open_footnote(n, j, line)
        self.repairs.append(Repair("footnote-body", j + 1, line.strip(), ""))
        return True

    def _open_footnote(self, n: int, j: int, text: str) -> None:
        self.open_fn = [text]
        self.footnotes.append((n, j, self.open_fn))

    def _footnote_goes_on(self, j: int, line: str) -> bool:
        """A line of the footnote being read; the next footnote may start inside it: "... الذكر. -43تم تغيير"."""
        if self.open_fn is None:
            return False
        g = GLUED_FN.search(line)
        if g and int(g.group(1)) == self.last_body + 1 and FN_KEYWORDS.match(g.group(2)):
            self.open_fn.append(line[: g.start()])
            self.last_body += 1
            self._open_footnote(self.last_body, j, line[g.start() :])
        else:
            self.open_fn.append(line)
        self.repairs.append(Repair("footnote-body", j + 1, line.strip(), ""))
        return True

    # -- body ---------------------------------------------------------------------------------------

    def _body_line(self, j: int, line: str) -> None:
        text = line
        g = GLUED_FN.search(line)
        n = int(g.group(1)) if g else 0
        if g and n == self.last_body + 1 and n in self.markers_seen and FN_KEYWORDS.match(g.group(2)):
            # a footnote body run into the last body line: "... التوقيع؛ -94تم تغيير"
            self.last_body += 1
            self._open_footnote(self.last_body, j, line[g.start() :])
            self.repairs.append(Repair("footnote-body", j + 1, line[g.start() :].strip(), ""))
            text = line[: g.start()]
        if self.pending_markers:
            text = text.rstrip() + "".join(f" [[fn:{v}]]" for v, _ in self.pending_markers)
            self.pending_markers.clear()
        tail = PAGE_TAIL.search(text)
        if tail and int(tail.group(1)) == self.last_page + 1:
            # a page number printed at the end of the page's last line
            self.repairs.append(Repair("page-number", j + 1, tail.group(0).strip(), ""))
            self.body.append((j, text[: tail.start()]))
            _take_continuation(self.body, self.page_body_start, self.footnotes, self.repairs, at_page_end=True)
            self.last_page = int(tail.group(1))
            self.page_body_start = len(self.body)
            return
        self.body.append((j, text))


# =================================================================================================
# 2. reversed lam-alef ligatures
# =================================================================================================


def _shape(word: str) -> str:
    """Template skeleton used to compare word patterns: alef 'A', weak letters and
    endings kept, a consonant repeating the previous consonant 'D' (doubled roots:
    "استرداد"), every other consonant 'C'."""
    out = []
    last_consonant = ""
    for ch in word:
        if ch == "ا":
            out.append("A")
        elif ch in "أإآءئؤ":
            out.append("ء")
        elif ch in "ويىة":
            out.append(ch)
        elif AR_LETTER.match(ch):
            out.append("D" if ch == last_consonant else "C")
            last_consonant = ch
    return "".join(out)


_ARTICLE_PREFIXES_LONGEST_FIRST = sorted(ARTICLE_PREFIXES, key=len, reverse=True)


def _strip_article(word: str) -> str:
    """Remove a proclitic cluster + article, or li + article ("لل")."""
    for p in _ARTICLE_PREFIXES_LONGEST_FIRST:
        if word.startswith(p + "ال") and len(word) > len(p) + 3:
            return word[len(p) + 2 :]
    if word.startswith("لل") and len(word) > 4:
        return word[2:]
    return word


PRONOUN_SUFFIX = re.compile("(هما|هم|هن|ها|ه|كم|ك|نا)$")
INFLECTION_SUFFIX = re.compile("(تين|تان|ات|ين|ون|ان|ية|ة|ي)$")


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _first_difference(a: str, b: str) -> int:
    return _common_prefix(a, b)


def _strip_pronoun(word: str) -> str:
    m = PRONOUN_SUFFIX.search(word)
    if m and len(word) - len(m.group(1)) >= 3:
        return word[: m.start()]
    return word


def _strip_suffix(word: str) -> str:
    """Stem for template comparison: drop a pronoun suffix, then an inflection."""
    bare = _strip_pronoun(word)
    if bare != word and bare.endswith("ت") and not bare.endswith("ات"):
        bare = bare[:-1] + "ة"  # "إحالته": the ta marbuta before a pronoun
    m = INFLECTION_SUFFIX.search(bare)
    if m and len(bare) - len(m.group(1)) >= 3:
        bare = bare[: m.start()]
    return bare


def _swap(word: str, i: int) -> str:
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


class _Lexicon:
    """Evidence collected from the document itself (never from a dictionary).

    * `cores`: words (proclitics/article stripped) of tokens whose reading is
      certain — used to attest "لأغراض" via "الأغراض";
    * `shapes`: template skeletons of certain tokens, used to tell which side of
      the lam the long vowel goes ("سالمة" CACCة vs "سلامة" CCACة)."""

    def __init__(self, tokens: Counter[str]):
        self.repaired: dict[str, tuple] = {}  # token → _repair_word's result, for this text
        self.inert: set[str] = set()  # tokens neither the rules nor the lexicon change or doubt here
        self.cores: Counter[str] = Counter()
        self.definite: Counter[str] = Counter()  # cores seen with the article
        self.bare: Counter[str] = Counter()  # words seen without proclitic/article
        self.shapes: Counter[str] = Counter()
        for tok, n in tokens.items():
            core, definite, shape = _word_facts(tok)
            self.cores[core] += n
            if definite:
                self.definite[core] += n
            else:
                self.bare[core] += n
            if shape is not None:
                self.shapes[shape] += n

    def shape_votes(self, keep: str, swap: str) -> tuple[int, int]:
        # compare stems: inflection suffixes ("تين", "ات", ...) look like root letters
        # the same suffix comes off both readings (the swap may not create one: "إحلاتها")
        k = _strip_suffix(keep)
        cut = _common_prefix(keep, k)
        w = swap[:cut] + k[cut:] if cut >= _first_difference(keep, swap) + 2 else swap
        if w == swap:
            k = keep
        return self.shapes[_shape(k)], self.shapes[_shape(w)]


@lru_cache(maxsize=1 << 17)
def _word_facts(tok: str) -> tuple[str, bool, str | None]:
    """What the lexicon of a text counts for a token: its core (certain ligature rules applied, the
    article and its proclitics removed), whether it had the article, and its template shape when
    no ligature of it is left open.  The same for every text, so computed once per process."""
    fixed, open_pairs = _certain_reading(_plain(tok))
    core = _strip_article(fixed)
    return core, core != fixed, None if open_pairs else _shape(_strip_suffix(core))


_plain = strip_marks  # the token without harakat, superscript alef and tatweel


def _certain_reading(word: str) -> tuple[str, list[int]]:
    """Apply only the certain ligature rules; return the word and the pairs left open."""
    out = list(word)
    open_pairs = []
    i = 0
    while i < len(out) - 1:
        if out[i] in ALEFS and out[i + 1] == "ل":
            decision = _certain_decision(out, i, lexicon_pass=True)
            if decision is True:
                out[i], out[i + 1] = out[i + 1], out[i]
                i += 2
                continue
            if decision is None:
                open_pairs.append(i)
        i += 1
    return "".join(out), open_pairs


def _certain_decision(chars: list[str], i: int, lexicon_pass: bool = False) -> bool | None:
    """True = certainly a reversed ligature, False = certainly genuine, None = open."""
    x = chars[i]
    prefix = "".join(chars[:i])
    rest = "".join(chars[i + 2 :])
    prev = chars[i - 1] if i else ""
    if prev in ALEFS and prev:
        return True  # two alef forms never meet inside an Arabic word
    if prev == "ل":
        return True  # an unreversed "لا" cannot exist in the extraction
    if x == "ا":
        if not rest:
            return True if prefix in NEGATION_PREFIXES else None
        if prefix in ARTICLE_PREFIXES:
            if rest[0] == "ئ" or (len(rest) == 2 and rest[1] == "ة"):
                return True  # لائحة, ولاية: no word is "ئ..." or a 2-letter "..ة"
            return None if i == len(prefix) and not lexicon_pass else False
        return None
    # hamza alef + lam
    if prefix in ("", "و", "ف"):
        return None  # "ألغراض" = لأغراض, but "ألف", "إلى" are genuine
    return False


ALEF_LAM = re.compile(f"[{ALEFS}]ل")  # the pair a reversed ligature prints
ALLAH_PRINTED = frozenset(("هللا", "وهللا", "باهلل", "هلل", "وهلل"))  # «الله», «لله» as printed

# broken plurals أفعال / آفال ("أغراض", "أسباب", "آثار")
AFAAL = re.compile(f"^(?:أ[{LETTER}]{{2}}ا[{LETTER}]|آ[{LETTER}]ا[{LETTER}])$")
# verbal nouns إفعال of sound roots ("إنجاز", "إيداع", "إبرام"), with their endings
IFAAL = re.compile(f"^إ[{LETTER}]{{2}}ا[{LETTER}](?:ة|ات|ي|ية)?$")
ILA_FORMS = {"إلى", "إلي", "إليه", "إليها", "إليهم", "إليهما", "إليك", "إلينا", "إليكم", "إليهن"}
# what follows the alef of forms VII, VIII, X verbal nouns (انتحار, ارتكاب, استعمال)
WASL_REST = re.compile(f"^(ست|ن[{LETTER}]|[{LETTER}]ت|ت)[{LETTER}]{{2,}}")
SUFFIXES_AFTER_LA = ("ن", "ت", "ته", "تها", "تهم", "تهما", "نه", "نها", "نهم")
MIN_VOTES = 5


def _shape_decision(keep: str, swap: str, i: int, lex: _Lexicon) -> bool | None:
    c1, c2 = lex.shape_votes(_strip_article(keep), _strip_article(swap))
    if c2 >= MIN_VOTES and c2 >= 3 * c1:
        return True
    if c1 >= MIN_VOTES and c1 >= 3 * c2:
        return False
    return None


def _decide_open(word: str, i: int, lex: _Lexicon) -> bool | None:
    """Decide a pair the certain rules left open: True swap, False keep, None unsure."""
    if word[i] in HAMZA_ALEFS:
        return _decide_hamza_lam(word, i, lex)
    if word[:i] in ARTICLE_PREFIXES:
        return _decide_after_proclitics(word, i, lex)
    return _decide_inside(word, i, lex)


def _decide_hamza_lam(word: str, i: int, lex: _Lexicon) -> bool:
    """Word-initial "أل...": li + hamza word ("ألغراض" = لأغراض) or a genuine word ("ألف", "إلى",
    "إلغاء")."""
    stem = word[i] + word[i + 2 :]
    if len(stem) < 3 or word[i:] in ILA_FORMS:
        return False
    if lex.cores[stem] >= 1 or lex.cores[_strip_pronoun(stem)] >= 1:
        return True
    if AFAAL.match(_strip_pronoun(stem)):
        return True  # li + a broken plural: "ألغراض" = لأغراض, "وآلثار" = ولآثار
    if IFAAL.match(_strip_pronoun(stem)) and not word[i:].startswith(("إلى", "إليه", "إليك", "إلين")):
        return True  # li + a verbal noun إفعال: "إلنجاز" = لإنجاز (a genuine «إل» word has a shorter stem)
    c1, c2 = lex.shape_votes(word, _swap(word, i))
    # "ألغراض" has a template no Arabic word has; "لأغراض" a common one
    return c1 == 0 and c2 >= 2


def _decide_after_proclitics(word: str, i: int, lex: _Lexicon) -> bool | None:
    """The article, or li + a hamzat-wasl verbal noun: "الرتكاب" = لارتكاب."""
    rest = word[i + 2 :]
    wasl = "ا" + rest
    if (
        word[:i] in ("", "و", "ف")
        and WASL_REST.match(rest)
        and (lex.cores[wasl] >= 1 or lex.cores[_strip_pronoun(wasl)] >= 1)
    ):
        return None if lex.bare[rest] >= 1 else True
    return False


def _decide_inside(word: str, i: int, lex: _Lexicon) -> bool | None:
    """An "ال" inside the word or at its end."""
    rest = word[i + 2 :]
    core = _strip_article(word)
    head = core[: len(core) - len(rest) - 2]  # letters of the core before the pair
    attested = lex.cores[head + "ل"] >= 1 or lex.cores[head + "لة"] >= 1
    if not rest:
        return _decide_final(word, i, lex, core, head, attested)
    if rest.startswith("ل"):
        # a long vowel before a written double lam does not occur inside a word:
        # "استغالل" = استغلال, "إخالل" = إخلال, "جاللة" = جلالة
        return True
    if rest in SUFFIXES_AFTER_LA and attested:
        return True  # dual/plural of an attested word: "الفصالن" = الفصلان
    return _shape_decision(word, _swap(word, i), i, lex)


def _decide_final(word: str, i: int, lex: _Lexicon, core: str, head: str, attested: bool) -> bool | None:
    """A final "ال": tanween "...لا" (كافلا) or a genuine word (أعمال, حال)."""
    if lex.definite[core] >= 1:
        return False
    if attested:
        return True
    if head.startswith("م") and len(head) >= 3:
        return True  # indefinite participle + tanween: "مستغال" = مستغلا
    if len(head) >= 3 and head.endswith("ي") and not head.startswith(("أ", "إ")):
        return True  # فعيل + tanween: "زميال" = زميلا (but حيال, أجيال)
    return _shape_decision(word, _swap(word, i), i, lex)


def _repair_word(tok: str, lex: _Lexicon) -> tuple[str, list[tuple[str, str, bool]], list[tuple[str, str]]]:
    """Return (new token, applied [(kind, after, certain)], uncertain [(kind, candidate)])."""
    if not ALEF_LAM.search(tok) and not tok.startswith("امل") and tok not in ALLAH_PRINTED:
        return tok, [], []  # no pair the rules read
    if _plain(tok) != tok:  # MARK_CHARS: harakat, superscript alef, tatweel
        # harakat/tatweel: no lexicon lookups, only the certain rules
        fixed, _ = _certain_reading(tok)
        return (fixed, [("ligature", fixed, True)], []) if fixed != tok else (tok, [], [])
    word = tok
    applied: list[tuple[str, str, bool]] = []
    uncertain: list[tuple[str, str]] = []
    all_certain = True
    if word in ALLAH_PRINTED:
        new = word.replace("هللا", "الله").replace("هلل", "لله")
        return new, [("reversed-pair", new, True)], []
    if word.startswith("امل") and len(word) > 4:
        # lam-meem reversed in some fonts ("املتعلق" = "المتعلق"): only when attested
        cand = "الم" + word[3:]
        if lex.cores[_strip_article(cand)] >= 2 and lex.cores[word] <= 1:
            word = cand
            applied.append(("reversed-pair", word, True))
    chars = list(word)
    i = 0
    changed = False
    while i < len(chars) - 1:
        if chars[i] in ALEFS and chars[i + 1] == "ل":
            decision = _certain_decision(chars, i)
            if decision is None:
                decision = _decide_open("".join(chars), i, lex)
                if decision is None:
                    uncertain.append(("ligature", _swap("".join(chars), i)))
                    decision = False  # ambiguous: keep as found, report it
            if decision:
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
                changed = True
                i += 2
                continue
        i += 1
    if changed:
        applied.append(("ligature", "".join(chars), all_certain))
    return "".join(chars), applied, uncertain


# Some fonts print the article's lam + meem reversed too: «املادة» for «المادة».  Only after the
# proclitics و ف ب (never ك: «كاملة» is a word), and only in a text that shows the damage.
LAM_MEEM = re.compile(r"(?<![\u0621-\u064a])((?:[وف]?ب|[وف])?)امل(?=[\u0621-\u064a])")
LAM_MEEM_WORD = re.compile(r"^(?:[وف]?ب|[وف])?امل[\u0621-\u064a]")
LAM_MEEM_RIGHT = re.compile(r"^(?:[وف]?ب|[وف])?الم[\u0621-\u064a]")


def _lam_meem_damage(tokens: Counter[str]) -> bool:
    """Does the text print «الم» as «امل»?  Many damaged forms, and not few against the right ones."""
    damaged = sum(n for tok, n in tokens.items() if LAM_MEEM_WORD.match(tok))
    right = sum(n for tok, n in tokens.items() if LAM_MEEM_RIGHT.match(tok))
    return damaged >= 10 and damaged >= 0.2 * right


def _lam_meem_repaired(tokens: Counter[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for tok, n in tokens.items():
        out[LAM_MEEM.sub(r"\1الم", tok)] += n
    return out


def _damage_detected(tokens: Counter[str]) -> bool:
    """Is the reversed-ligature damage present?  Clean Arabic is full of "لا";
    the damaged extraction has almost none and shows signatures instead.  A «لا» that the
    lam-meem reversal makes («املادة» printed for «المادة», «املالية» for «المالية») is no
    ligature: a finance law printed so has hundreds of them beside its hundreds of «األول»."""
    sig = 0
    two_alefs = 0
    la = 0
    for tok, n in tokens.items():
        w = _plain(tok)
        if DAMAGE_SIGNATURE.match(w):
            two_alefs += n
        if w in ("ال", "وال", "إال") or DAMAGE_SIGNATURE.match(w):
            sig += n
        if "لا" in w and not w.startswith("لال") and w != "هللا" and not LAM_MEEM_WORD.match(w):
            la += n
    # a short decree («األول», «اإلمضاء» and no «لا» at all): two words no Arabic spells are enough
    return (sig >= 3 and sig > la) or (two_alefs >= 2 and la == 0)


DAMAGE_SIGNATURE = re.compile("^[وفبكل]*ا[اأإآ]ل")  # two alef forms before a lam: «األحوال»
TWO_ALEFS = re.compile("[اأإآ]{2}")
BARE_SIGNATURES = {"ال": "لا", "وال": "ولا", "إال": "إلا"}  # the reversed «لا» standing alone


# -- the lexicon kept as data (data/ligatures.yaml) -----------------------------------------------
#
# Decisions made by reading, for the words the rules above cannot decide or decide wrongly.  The
# file is keyed by the printed (damaged) form; every entry is expanded here to its inflected forms
# (proclitics, article, pronoun suffixes, tanween alef), each mapped from its printed form to its
# correct reading, so a token costs one dictionary lookup.

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "ligatures.yaml"

LEX_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك")
LEX_ARTICLES = ("ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "وكال", "لل", "ولل", "فلل")
# third-person pronouns and "نا" ("ببلادنا"); not ي/ك: "ولاة" + ي would be printed "والتي"
LEX_PRONOUNS = ("ه", "ها", "هما", "هم", "هن", "نا")
LEX_OUTCOMES = ("keep", "fix", "uncertain")


def printed_form(real: str) -> str:
    """What the extraction prints for `real`: every lam + alef ligature reversed ("لا" → "ال").
    Words separated by a space are printed glued (a lost line break): no ligature across them."""
    if " " in real:
        return "".join(printed_form(w) for w in real.split())
    out: list[str] = []
    i = 0
    while i < len(real):
        if real[i] == "ل" and i + 1 < len(real) and real[i + 1] in ALEFS:
            out += [real[i + 1], "ل"]
            i += 2
        else:
            out.append(real[i])
            i += 1
    return "".join(out)


@dataclass(frozen=True)
class _LexEntry:
    """One printed form: its reading when kept (`keep`) and when fixed (`fix`), and the rule."""

    key: str  # the entry of the data file it comes from
    keep: str | None
    fix: str | None
    otherwise: str = "keep"  # "keep" | "fix" | "uncertain" when no context rule applies
    keep_if_prev: frozenset[str] = frozenset()
    keep_if_next: frozenset[str] = frozenset()
    fix_if_prev: frozenset[str] = frozenset()
    fix_if_next: frozenset[str] = frozenset()

    def decide(self, prev: str, nxt: str) -> str | None:
        """The correct reading in this context, or None (undecided: left to the rules)."""
        if self.fix is None:
            return self.keep
        if self.keep is None:
            return self.fix
        before, after = _context_forms(prev), _context_forms(nxt)
        if before & self.keep_if_prev or after & self.keep_if_next:
            return self.keep
        if before & self.fix_if_prev or after & self.fix_if_next:
            return self.fix
        return {"keep": self.keep, "fix": self.fix}.get(self.otherwise)


def _context_forms(word: str) -> set[str]:
    """A neighbour word and the same without its proclitic ("والباب" also counts as "الباب")."""
    if not word:
        return set()
    forms = {word}
    w = word[1:] if word[0] in "وف" and len(word) > 3 else word
    forms.add(w)
    if w.startswith("لل") and len(w) > 4:
        forms.add("ا" + w[1:])  # li + article: "للفصول" = "الفصول"
    elif w[0] in "بلك" and len(w) > 3:
        forms.add(w[1:])
    return forms


def _inflections(base: str, *, tanween: bool) -> dict[tuple[str, str], str]:
    """The inflected forms of a correct `base`: {(prefix, suffix): word}."""
    if " " in base:
        return {("", ""): base}  # words glued at a lost line break: that form only
    definite = base.startswith("ال") and len(base) > 4
    forms: dict[tuple[str, str], str] = {}
    for suffix, stem in _suffixed(base, definite=definite, tanween=tanween).items():
        for pre in LEX_PROCLITICS:
            word = _with_proclitic(pre, stem, base, definite=definite)
            if word is not None:
                forms[(pre, suffix)] = word
        if not definite and not suffix and not base.endswith("ا") and not base.startswith("ل"):
            for art in LEX_ARTICLES:
                forms[(art, "")] = art + base
    return forms


def _suffixed(base: str, *, definite: bool, tanween: bool) -> dict[str, str]:
    """{suffix: stem}: the base alone, with each pronoun suffix, with the tanween alef."""
    stems = {"": base}
    if definite or base.endswith("ا"):
        return stems
    for k, head in enumerate(_heads_before_pronoun(base)):
        for p in LEX_PRONOUNS:
            stems[p + "#" * k] = head + p  # ("#": a second spelling of the same suffix)
    if tanween and not base.endswith(("ة", "ات", "ى", "ء")):
        stems["ا"] = base + "ا"
    return stems


def _heads_before_pronoun(base: str) -> list[str]:
    """The base as written before a pronoun suffix: ة → ت, ى → ا; a final hamza also on ئ or ؤ."""
    if base.endswith("ة"):
        return [base[:-1] + "ت"]
    if base.endswith("ء"):
        return [base, base[:-1] + "ئ", base[:-1] + "ؤ"]
    if base.endswith("ى"):
        return [base[:-1] + "ا"]
    return [base]


def _with_proclitic(pre: str, stem: str, base: str, *, definite: bool) -> str | None:
    if pre.endswith("ل") and definite:
        return pre + "ل" + stem[2:]  # li + article: "لل"
    if pre.endswith("ل") and stem.startswith("ا") and len(base) < 5:
        return None  # li + a short hamzat-wasl word: "لاسم" is printed "السم" (= the poison)
    return pre + stem


class Lexicon:
    """The printed forms of data/ligatures.yaml, each with its decision."""

    RULE_FIELDS = ("keep_if_prev", "keep_if_next", "fix_if_prev", "fix_if_next")

    def __init__(self, data: dict, source: str = "<lexicon>"):
        self.source = source
        self.forms: dict[str, _LexEntry] = {}
        self.entries: dict[str, str] = {}  # key -> kind: keep | fix | context | protect
        self._rank: dict[str, int] = {}
        sets = {str(name): [str(w) for w in words] for name, words in (data.get("sets") or {}).items()}
        for key, spec in (data.get("words") or {}).items():
            self._add(str(key), spec, sets)
        for key in data.get("protect") or []:
            key = str(key)
            if key in self.entries and self.entries[key] != "keep":
                raise self._error(key, "protected, but not kept in `words`")
            if key not in self.entries:
                self._add(key, "keep", sets, kind="protect")

    def _error(self, key: str, message: str) -> ValueError:
        return ValueError(f"{self.source}: {key}: {message}")

    def _words(self, key: str, spec: dict, field: str, sets: dict) -> frozenset[str]:
        out: set[str] = set()
        for w in spec.get(field) or []:
            w = str(w)
            if w.startswith("$") and w[1:] not in sets:
                raise self._error(key, f"unknown set {w}")
            for x in sets[w[1:]] if w.startswith("$") else [w]:
                out |= {x, printed_form(x)}
        return frozenset(out)

    def _add(self, key: str, spec, sets: dict, kind: str | None = None) -> None:
        if key in self.entries:
            raise self._error(key, "listed twice")
        if not AR_WORD.fullmatch(key) or any(ch in MARK_CHARS for ch in key):
            raise self._error(key, "the key must be one Arabic word, as printed, without harakat")
        if spec == "keep":
            if printed_form(key) != key:
                raise self._error(key, "a kept word cannot be printed so (it has lam + alef)")
            self.entries[key] = kind or "keep"
            self._add_forms(key, key, None, "keep", dict.fromkeys(self.RULE_FIELDS, frozenset()))
        elif isinstance(spec, dict) and "fix" in spec:
            fix, otherwise, fields = self._fix_spec(key, spec, sets)
            contextual = any(fields.values()) or "otherwise" in spec
            self.entries[key] = "context" if contextual else "fix"
            self._add_forms(key, key if contextual else None, fix, otherwise, fields)
        else:
            raise self._error(key, "expected `keep` or a mapping with `fix:`")

    def _fix_spec(self, key: str, spec: dict, sets: dict) -> tuple[str, str, dict[str, frozenset[str]]]:
        """A `fix:` entry's reading, its `otherwise` and its context rules, checked."""
        unknown = set(spec) - {"fix", "otherwise", *self.RULE_FIELDS}
        if unknown:
            raise self._error(key, f"unknown field(s) {sorted(unknown)}")
        fix = str(spec["fix"])
        if printed_form(fix) != key:
            raise self._error(key, f"{fix!r} is printed {printed_form(fix)!r}, not as the key")
        fields = {f: self._words(key, spec, f, sets) for f in self.RULE_FIELDS}
        otherwise = str(spec.get("otherwise", "keep"))
        if otherwise not in LEX_OUTCOMES:
            raise self._error(key, f"otherwise: must be one of {', '.join(LEX_OUTCOMES)}")
        return fix, otherwise, fields

    def _add_forms(
        self, key: str, keep: str | None, fix: str | None, otherwise: str, fields: dict[str, frozenset[str]]
    ) -> None:
        """Every inflected printed form of the entry, mapped to its readings (when both readings
        exist, only the forms they share)."""
        plain = keep is None or fix is None
        keep_forms = _inflections(keep, tanween=plain) if keep else {}
        fix_forms = _inflections(fix, tanween=plain) if fix else {}
        for affix in (keep_forms.keys() & fix_forms.keys()) if keep and fix else (keep_forms or fix_forms):
            keep_word, fix_word = keep_forms.get(affix), fix_forms.get(affix)
            printed = printed_form(fix_word or keep_word or "")  # one of the two is there
            if keep_word is not None and printed_form(keep_word) != printed:
                continue  # the two readings do not inflect alike here
            added = len(affix[0]) + len(affix[1].rstrip("#"))
            self._put(key, printed, added, _LexEntry(key, keep_word, fix_word, otherwise, **fields))

    def _put(self, key: str, printed: str, added: int, entry: _LexEntry) -> None:
        old = self._rank.get(printed)
        if old is None or added < old:
            self.forms[printed] = entry
            self._rank[printed] = added
        elif added == old:
            prior = self.forms[printed]
            if (prior.keep, prior.fix, prior.otherwise) != (entry.keep, entry.fix, entry.otherwise):
                raise self._error(key, f"its form {printed!r} is also a form of {prior.key!r}: write it out")

    def lookup(self, printed: str) -> _LexEntry | None:
        return self.forms.get(printed)

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(self.entries.values()).items()))


_LEXICON: Lexicon | None = None


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon of data/ligatures.yaml, read once per process (another path: read each time)."""
    global _LEXICON
    if path is None and _LEXICON is not None:
        return _LEXICON
    import yaml

    p = Path(path) if path else LEXICON_PATH
    lex = Lexicon(yaml.safe_load(p.read_text(encoding="utf-8")) or {}, source=str(p))
    if path is None:
        _LEXICON = lex
    return lex


def _transfer(tok: str, plain: str, new: str) -> str | None:
    """Apply to a token with harakat/tatweel the swaps that turn its plain letters into `new`."""
    if len(new) != len(plain):
        return None
    where = [i for i, ch in enumerate(tok) if ch not in MARK_CHARS]
    out = list(tok)
    i = 0
    while i < len(plain):
        if plain[i] == new[i]:
            i += 1
            continue
        if i + 1 >= len(plain) or (plain[i], plain[i + 1]) != (new[i + 1], new[i]) or where[i + 1] != where[i] + 1:
            return None
        out[where[i]], out[where[i + 1]] = out[where[i + 1]], out[where[i]]
        i += 2
    return "".join(out)


def _in_lexicon(tok: str, lexicon: Lexicon) -> bool:
    """Whether the lexicon has an entry for the printed token (a cheap test before its context is read)."""
    return lexicon.lookup(_plain(tok)) is not None


def _lexicon_reading(tok: str, prev: str, nxt: str, lexicon: Lexicon) -> str | None:
    """The lexicon's reading of a printed token in its context (None: not covered or undecided)."""
    plain = _plain(tok)
    marked = plain != tok
    entry = lexicon.lookup(plain)
    if entry is None:
        return None
    new = entry.decide(_plain(prev), _plain(nxt))
    if new is None or not marked:
        return new
    if new == plain:
        return tok
    return None if " " in new else _transfer(tok, plain, new)


# =================================================================================================
# 3. numbers, punctuation, dates, spaces
# =================================================================================================

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
LINE_START_SPLIT = re.compile(f"^((?:\\s*[-–.]?\\s*\\d+\\s*[-–.]?\\s*)?)([{LETTER}]) ([{LETTER}]{{2,}})")
SPACE_RUN = re.compile(r"[ \t]{2,}")
FIRST_WORD = re.compile(rf"\s*({AR_WORD.pattern})")  # a line's first word, with only spaces before
LAST_WORD = re.compile(rf"({AR_WORD.pattern})\s*$")  # its last word, with only spaces after
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


# =================================================================================================
# 4. driver
# =================================================================================================


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
    fn_items = [(number, j, _footnote_text(flines)) for number, j, flines in furn.footnotes]
    vocab = _vocabulary([t for _, t in items] + [t for _, _, t in fn_items])
    glyphs = frozenset(glyph_lines)
    printed = (
        _vocabulary([t for j, t in items if j not in glyphs] + [t for _, j, t in fn_items if j not in glyphs])
        if glyphs
        else vocab
    )
    _join_broken_numbers(items, repairs)
    _join_split_dates(items, repairs)
    fixer = _LineRepair(vocab, repairs, printed, glyphs)
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
    footnotes = [Footnote(n, fixer.fix(t, j, False), j + 1) for n, j, t in fn_items]
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
    first, last = FIRST_WORD.match(text), LAST_WORD.search(text)
    return first.group(1) if first else "", last.group(1) if last else ""


class _LineRepair:
    """The repairs of one line, in order: a word split at the line start, dates, the lam-meem
    reversal (when the text shows the damage), ligatures (idem), spacing and punctuation, tatweel."""

    def __init__(
        self, vocab: Counter[str], repairs: list[Repair], printed: Counter[str], glyphs: frozenset[int] = frozenset()
    ):
        """``vocab``: the words of the whole text; ``printed``: those of its lines not given as
        glyphs, the only ones that can show (and need) the ligature and lam-meem repairs."""
        self.vocab = vocab
        self.repairs = repairs
        self.uncertain: list[Repair] = []
        self.glyphs = glyphs
        self.damaged = _damage_detected(printed)
        self.lam_meem = _lam_meem_damage(printed)
        # the lexicon reads the words as the ligature repair will see them: lam-meem repaired first
        self.lex = _Lexicon(_lam_meem_repaired(printed) if self.lam_meem else printed) if self.damaged else None
        self.lexicon = load_lexicon() if self.damaged else None

    def fix(self, text: str, j: int, line_start: bool, before: str = "", after: str = "") -> str:
        repairs = self.repairs
        if line_start:
            text, joined = _join_line_start(text, self.vocab)
            if joined:
                repairs.append(Repair("intraword-space", j + 1, joined[0], joined[1]))
        text = _fix_doubled_glyphs(text, j, repairs, self.uncertain)
        text, dfix = _fix_dates(text)
        repairs.extend(Repair(kind, j + 1, b, a) for kind, b, a in dfix)
        printed = j not in self.glyphs
        if self.lam_meem and printed:
            # first: the «لا» that the reversal makes («املالية» for «المالية») is no ligature
            text, n = LAM_MEEM.subn(r"\1الم", text)
            repairs.extend(Repair("lam-meem", j + 1, "امل", "الم") for _ in range(n))
        if self.lex is not None and printed:
            text = _fix_ligatures(text, j, self.lex, repairs, self.uncertain, self.lexicon, before, after)
        # what no Arabic word spells: gate open or not, and on a line taken for glyphs too (a line read
        # glyph by glyph cannot print it; one that does was taken for glyphs wrongly)
        text = _fix_non_words(text, j, repairs, self.uncertain)
        text, sfix = _fix_spacing(text)
        repairs.extend(Repair(kind, j + 1, b, a) for kind, b, a in sfix)
        text, tfix = remove_tatweel(text)
        repairs.extend(Repair("tatweel", j + 1, b, a) for b, a in tfix)
        return SPACE_RUN.sub(" ", text).strip()


ALEF_FORMS = "اأإآ"
# three alef forms before the lam opening a word (after its proclitics): the first is a glyph printed
# twice («ااالقتصادية», «ااألجراء»); the reversed ligature alone makes at most two.  Not «اآ»: that is
# the article whose lam went with the glyph «ﻵ» («باآالف», read by _fix_non_words), and not without
# the lam («فاااتي»: the stretched alef of another damage, left to the reader)
TRIPLE_ALEF = re.compile(f"(?<![{LETTER}])([وفبكل]*)ا(?=[اأإ][{ALEF_FORMS}]ل)")
LOST_LAM = re.compile("^([وفبكل]*ا)آل")  # «اآ» opening a word: the lam of «الآ» lost with its ligature
DOUBLED_MADDA = re.compile("آآ")  # no Arabic word has two alef maddas in a row: a glyph printed twice


# a word in fake bold: each glyph printed twice («االلتتأأسسييسس» for «التأسيس»); a pair of two alef
# forms is the doubled hamzated ligature («االلأاوولل» for «الأول»)
# forms is the doubled hamzated ligature («االلأاوولل» for «الأول»); the bold may end inside the word
# («االلااددااررية» for «الادارية»): group 1 the doubled part, group 2 the rest
FAKE_BOLD = re.compile(
    f"(?<![{LETTER}])((?:([{LETTER}])\\2|[{ALEF_FORMS}]{{2}}){{3,}})([{LETTER}]*)(?![{LETTER}{MARKS}])"
)


def _undoubled(doubled: str) -> str:
    """The doubled part of a fake-bold word read once (each pair to one letter; a pair of two alef
    forms to the hamzated one)."""
    pairs = zip(doubled[0::2], doubled[1::2], strict=True)
    return "".join(a if a != "ا" else b for a, b in pairs)


def _fix_doubled_glyphs(text: str, j: int, repairs: list[Repair], uncertain: list[Repair]) -> str:
    """Glyphs the extraction printed twice, before any other repair reads the word: a word in fake
    bold, a tripled alef opening a word, a doubled alef madda («ـآآالت»).  A word whose bold ends
    inside it is read so too, and listed as uncertain: in the one text that has them, some such words
    are two layers of text interleaved («االلتتجاجرارية»), which no rule reads back."""

    def undouble(m: re.Match) -> str:
        word, doubled, rest = m.group(0), m.group(1), m.group(3)
        fixed = _undoubled(doubled)
        if len(set(fixed)) == 1:  # «هههههه»: a row of one letter, no word
            return word
        fixed += rest
        repairs.append(Repair("doubled-glyph", j + 1, word, fixed, not rest))
        if rest:
            uncertain.append(Repair("doubled-glyph", j + 1, word, fixed, False))
        return fixed

    def once(m: re.Match) -> str:
        word = m.group(0)
        fixed = DOUBLED_MADDA.sub("آ", TRIPLE_ALEF.sub(r"\1", word))
        if fixed != word:
            repairs.append(Repair("doubled-glyph", j + 1, word, fixed))
        return fixed

    text = FAKE_BOLD.sub(undouble, text)
    if TRIPLE_ALEF.search(text) or "آآ" in text:
        text = AR_WORD.sub(once, text)
    return text


def damage_signatures(text: str) -> Counter[str]:
    """The words of a (repaired) text that no Arabic spells and the extraction's damage leaves: «ال»,
    «وال», «إال» standing alone (not «الـ 18», where the tatweel says the article is meant), two alef
    forms before a lam, a doubled alef madda, a tripled alef, a word in fake bold.  A clean import
    holds none; the corpus report counts them."""
    found: Counter[str] = Counter()
    for m in AR_WORD.finditer(text):
        token = m.group(0)
        word = _plain(token)
        if (
            token in BARE_SIGNATURES
            or DAMAGE_SIGNATURE.match(word)
            or "آآ" in word
            or TRIPLE_ALEF.match(word)
            or ((bold := FAKE_BOLD.fullmatch(word)) and len(set(bold.group(1))) > 2)
        ):
            found[word] += 1
    return found


def _fix_non_words(text: str, j: int, repairs: list[Repair], uncertain: list[Repair]) -> str:
    """The words no Arabic spells, in every text (outside the gate too, where a text does not show
    the damage as a whole, and after the ligature rules, which may leave one): «ال», «وال», «إال» standing
    alone (the reversed «لا», «ولا», «إلا»), and two alef forms before a lam («اإلمضاء», «األول», «باآلاف») is a reversed
    ligature, certainly («الإمضاء», «الأول», «بالآلاف»)."""

    def repair(m: re.Match) -> str:
        word = m.group(0)
        if word in BARE_SIGNATURES:  # the article alone is no word: «وال سيما» is «ولا سيما»
            repairs.append(Repair("ligature", j + 1, word, BARE_SIGNATURES[word]))
            return BARE_SIGNATURES[word]
        sig = DAMAGE_SIGNATURE.match(word)
        if sig is None:
            return word
        end = sig.end()  # the lam after the second alef form
        fixed = word[: end - 2] + "ل" + word[end - 2] + word[end:]
        lost = LOST_LAM.match(word)
        if TWO_ALEFS.search(fixed) and lost:
            # «باآلاف» (printed «باآالف»): the glyph «ﻵ» came out as its alef madda alone, without its lam
            fixed = lost.group(1) + "ل" + word[lost.end(1) :]
        if TWO_ALEFS.search(fixed):
            # another damage as well: left as found, and listed as uncertain for the reader
            uncertain.append(Repair("ligature", j + 1, word, word, False))
            return word
        repairs.append(Repair("ligature", j + 1, word, fixed))
        return fixed

    return AR_WORD.sub(repair, text) if "ل" in text else text


def _fix_ligatures(
    text: str,
    j: int,
    lex: _Lexicon,
    repairs: list[Repair],
    uncertain: list[Repair],
    lexicon: Lexicon | None = None,
    line_before: str = "",
    line_after: str = "",
) -> str:
    """Repair the ligatures of one line; `line_before`/`line_after`: last/first word of the
    neighbour lines, for the lexicon's context rules."""
    if lex.inert.issuperset(AR_WORD.findall(text)):
        return text  # every word of the line was read before in this text: nothing to repair
    out: list[str] = []
    pos = 0
    tokens = list(AR_WORD.finditer(text))
    for k, m in enumerate(tokens):
        tok = m.group(0)
        if tok in lex.inert:
            continue
        reading = None
        in_lexicon = lexicon is not None and _in_lexicon(tok, lexicon)
        if lexicon is not None and in_lexicon:
            # the lexicon decides first (decisions made by reading); what it leaves goes to the rules
            # a neighbour counts only when nothing but spaces stands between (no mark: «الثالث: أحكام»)
            if k > 0:
                prev = tokens[k - 1].group(0) if not text[tokens[k - 1].end() : m.start()].strip() else ""
            else:
                prev = line_before if not text[: m.start()].strip() else ""
            if k + 1 < len(tokens):
                nxt = tokens[k + 1].group(0) if not text[m.end() : tokens[k + 1].start()].strip() else ""
            else:
                nxt = line_after if not text[m.end() :].strip() else ""
            reading = _lexicon_reading(tok, prev, nxt, lexicon)
            if reading is not None and reading != tok:
                repairs.append(Repair("glued-word" if " " in reading else "ligature", j + 1, tok, reading))
        if reading is None:
            reading = _rule_reading(tok, j, lex, repairs, uncertain, inert_if_unchanged=not in_lexicon)
        if reading != tok:
            out.append(text[pos : m.start()])
            out.append(reading)
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _rule_reading(
    tok: str, j: int, lex: _Lexicon, repairs: list[Repair], uncertain: list[Repair], *, inert_if_unchanged: bool
) -> str:
    """The rules' reading of a token (once per word and text: it depends on the word and this text's
    evidence only), its repairs and doubts recorded for line j.  A word the rules leave alone, with
    nothing to report, is inert in this text when the lexicon does not know it."""
    known = lex.repaired.get(tok)
    if known is None:
        known = lex.repaired[tok] = _repair_word(tok, lex)
    new, applied, unsure = known
    if not applied and not unsure and new == tok:
        if inert_if_unchanged:
            lex.inert.add(tok)
        return tok
    for kind, after, certain in applied:
        repairs.append(Repair(kind, j + 1, tok, after, certain))
    for kind, cand in unsure:
        uncertain.append(Repair(kind, j + 1, tok, cand, False))
    return new
