"""A stray «ه» where the print has a space: the damage of a few PDFs of 2020–2021.

Their extraction gave a «ه» for a space, or beside it: «الجريدةهالرسميةهعدده6908هبتاريخه23»,
«منظومةه وطنيةه» for «منظومة وطنية», «هالحصوله» for «الحصول», «أ هو» for «أو».  Many of the words it
makes are real words too («فيه», «كله», «مدلوله»: a pronoun suffix), so the spelling check sees
little of it.  What Arabic never writes says that a text shows the damage: «ة» or «ى» before another
letter, an «ه» after a comma or a full stop (``SIGN``); ``SIGNS_MIN`` of them.

In such a text, and only there, each run of letters that holds an «ه» at its edges or between two
words is read again (``reading``): the «ه» glued to a digit or a mark goes; a run the corpus does
not know as printed is split at some of its «ه» into words it knows (``corpus_words``), the «ه» at its
edges dropped: the fewest words, then the most common reading.  A run the corpus knows as printed
is left as it is («فيه» may be the print's own): the context check decides those (context.py, kind
``stray-heh``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from .common import END_LETTER_INSIDE, LETTER, MARKS, Repair, unlist
from .ligatures import _certain_reading, corpus_words

# What only the damage writes: ta marbuta or alef maqsura before «ه», «ه» after a comma, a full stop,
# a colon or a semicolon at a word's end («منظومةه», «علىه», «العام،ه»).  Not an «ه» beside a digit:
# «1441ه» is the Hijri year, «أعلاه3» a note marker
SIGN = re.compile(r"[ةى]ه|[،.:؛]ه(?=\s|$)")
SIGNS_MIN = 8
MIN_SEEN = 5  # a piece of a split run: a word the corpus prints this often (four letters or more)
MIN_SEEN_SHORT = 50  # a piece of three letters: «على», not «الة», «اصة» (fragments of glued words)
# the two-letter words a glued run may hold («مزورةأو»): «ية», «مة», «ما» in «Xها», «Xهما» are not
SHORT_WORDS = frozenset(
    {"أو", "في", "من", "عن", "إن", "أن", "لا", "لم", "لن", "قد", "هو", "هي", "كل", "مع", "ثم", "أي"}
)
KEEP_MIN = 5  # a run kept as printed, seen this often: «وهيئاته» may be the print's; the context decides
MAX_PIECE = 24  # letters of a piece, and runs longer than MAX_RUN are left: the reading is cubic
MAX_RUN = 120
NON_LETTER = f"(?<![{LETTER}{MARKS}])"  # no letter, harakat or tatweel before: «للّه» keeps its «ه»
# a «ه» glued to a digit or a mark (one: «،ههدايا» is «، هدايا»), or standing alone; not a list's label
# «ه)», «(ه)», «»ه«», nor the Hijri year's «هـ»
_GLUED = re.compile(
    rf"(?<=[\d،.:؛])ه(?!ـ)|{NON_LETTER}(?<![(«»])ه+(?=[\d(])|{NON_LETTER}(?<![(«»\-])ه+(?![{LETTER}{MARKS}()«»\-.])"
)
_RUN = re.compile(f"[{LETTER}{MARKS}]+")
_HAS_MARK = re.compile(f"[{MARKS}]")
# «أ هو», «النح هو», «3 هو 4»: a word's last letter, or the conjunction, with an «ه» before its waw
_OR = re.compile(rf"(?:(?<=[{LETTER}])ه|(?<![{LETTER}]))أ\s+هو(?![{LETTER}])")  # «تاريخيةهأ هو»
_CUT_WAW = re.compile(rf"(?<![{LETTER}])([{LETTER}]+) هو(?![{LETTER}])")
_DIGITS_WAW = re.compile(r"(?<=\d)\s*هو(?=\s*\d)")


def shows_damage(text: str) -> bool:
    """Does the raw text show the stray «ه»?"""
    return len(SIGN.findall(text)) >= SIGNS_MIN


def known(word: str) -> int:
    """How often the corpus prints ``word`` (0: unknown, or spelled as no word is)."""
    if END_LETTER_INSIDE.search(word):
        return 0  # «ة», «ى» end a word
    return corpus_words().get(word, 0)


@lru_cache(maxsize=1 << 16)
def known_piece(piece: str) -> int:
    """How often the corpus prints a piece of a run, as printed or with its lam-alef ligatures read
    (certain rules, or one reversal: «اإلداري», «أعاله» in «اإلداريهوالمالي», «األولىهأعاله»).  The
    piece is kept as printed: the ligature repair reads it as the word it now is."""
    count = known(piece)
    if count < MIN_SEEN and "ل" in piece:
        readings = {_certain_reading(piece)[0], _TWO_ALEFS.sub(r"ل\1", piece)} | {
            piece[:i] + piece[i : i + 2][::-1] + piece[i + 2 :] for i in _lam_alef_pairs(piece)
        }
        count = max([count, *map(known, readings)])
    return count


def is_piece(piece: str, count: int | None = None) -> bool:
    """May ``piece`` stand as a word of a split run: two letters only for ``SHORT_WORDS``, three for
    a common word, four or more for a word the corpus knows."""
    if len(piece) < 3:
        return piece in SHORT_WORDS
    if len(piece) > MAX_PIECE:
        return False
    count = known_piece(piece) if count is None else count
    return count >= (MIN_SEEN_SHORT if len(piece) == 3 else MIN_SEEN)


_TWO_ALEFS = re.compile("(?<=ا)([أإآ])ل")  # «اإلداري»: «الإداري» with its ligature reversed


def _lam_alef_pairs(word: str) -> list[int]:
    return [i for i in range(len(word) - 1) if word[i : i + 2] in ("ال", "لا")]


@lru_cache(maxsize=1 << 14)
def reading(run: str) -> tuple[str, ...] | None:
    """The words a run of letters holding a stray «ه» reads as, or None: the run as printed is a word
    (seen ``KEEP_MIN`` times), or no reading.  First the run less «ه» at its edges, a word the corpus
    knows («هالحصوله» → «الحصول»; two letters will do: «هفي»); else ``run = ه* w1 ه+ w2 ... ه+ wk ه*``,
    each ``w`` a piece (``is_piece``): the fewest words, then the fewest «ه» beyond one for each
    space or edge («منهه» is «منه», not «من»), then the commonest."""
    if "ه" not in run or known_piece(run) >= KEEP_MIN or len(run) > MAX_RUN:
        return None
    n = len(run)
    core = run.strip("ه")
    lead, tail = len(run) - len(run.lstrip("ه")), len(run) - len(run.rstrip("ه"))
    edges = [
        (a + b, -known_piece(run[a : n - b]), run[a : n - b])  # the fewest «ه» out: «هوقعه» is «وقعه»
        for a in range(lead + 1)
        for b in range(tail + 1)
        if (a or b) and n - b - a >= 2 and (known_piece(run[a : n - b]) >= MIN_SEEN or run[a : n - b] in SHORT_WORDS)
    ]
    if edges:
        return (min(edges)[2],)
    if not core:
        return None

    def hehs(a: int, b: int) -> bool:
        return all(c == "ه" for c in run[a:b])

    # best[e]: (words, extra «ه», -log score, words read) of the best reading of run[:e] ending with a
    # word at e
    best: dict[int, tuple[int, int, float, tuple[str, ...]]] = {}
    for s in range(n):
        if hehs(0, s):
            before: tuple[int, int, float, tuple[str, ...]] | None = (0, max(0, s - 1), 0.0, ())
        else:  # an «ه» at least between the word before and this one
            before = min(
                ((w, x + (s - e - 1), sc, p) for e, (w, x, sc, p) in best.items() if e < s and hehs(e, s)),
                default=None,
            )
        if before is None:
            continue
        words, extra, score, pieces = before
        for e in range(s + 2, min(n, s + MAX_PIECE) + 1):
            piece = run[s:e]
            count = known_piece(piece)
            if is_piece(piece, count):
                candidate = (words + 1, extra, score - math.log(max(count, 1)), (*pieces, piece))
                best[e] = min(best.get(e, candidate), candidate)
    ends = [(w, x + max(0, n - e - 1), sc, p) for e, (w, x, sc, p) in best.items() if hehs(e, n)]
    found = min(ends)[3] if ends else None
    return None if found is None or found == (run,) else found


def repair_line(
    text: str, j: int, repairs: list[Repair], uncertain: list[Repair], printed: Counter[str] | None = None
) -> str:
    """The line with its stray «ه» read (repair kind ``stray-heh``); a run no reading splits is left
    (what only the damage spells, «قزحيةه», is listed as uncertain by wordends.py's last pass).  ``printed``: the words of the text; a run
    the corpus knows, however rarely, and the text prints twice is its own («وهيئاته», 20 times)."""
    # after a mark, the «ه» goes and the spacing pass puts the space where it belongs («شؤونها ،هواتخاذ»)
    fixed = _DIGITS_WAW.sub(" و", _GLUED.sub(_glued, _waw(text)))
    if fixed != text:
        repairs.append(Repair("stray-heh", j + 1, text.strip(), fixed.strip()))

    def read(m: re.Match) -> str:
        run = m.group(0)
        if _HAS_MARK.search(run):
            return run  # harakat or tatweel: «للّه», «جـهة» are the print's
        if printed and printed[run] >= 2 and known(run):
            return run
        words = reading(run)
        if words is None and run.endswith("ه") and fixed[m.end() : m.end() + 1].isdigit() and known(run[:-1]):
            words = (run[:-1],)  # «بتاريخه8»: an «ه» glued to the digit after it is the damage's
        if words is None:
            return run  # «قزحيةه»: what only the damage spells is listed by wordends.py's last pass
        new = " ".join(words)
        repairs.append(Repair("stray-heh", j + 1, run, new))
        # a rule before this one could not read the run («هالقانون» for a reversed ligature): now read
        unlist(uncertain, j + 1, run)
        # a dropped «ه» at an edge stood for a space, where a word or a number follows: «أبريله2020»
        # → «أبريل 2020», but «بهمه؛» → «بهم؛»
        before = fixed[m.start() - 1 : m.start()]
        after = fixed[m.end() : m.end() + 1]
        lead = " " if not run.startswith(words[0]) and before.isalnum() else ""
        trail = " " if not run.endswith(words[-1]) and after.isalnum() else ""
        return lead + new + trail

    return _waw(_RUN.sub(read, fixed))


def _glued(m: re.Match) -> str:
    """A stray «ه» out: nothing after a mark, a space elsewhere («6870هبتاريخ» → «6870 بتاريخ»)."""
    return "" if m.start() and m.string[m.start() - 1] in "،.:؛" else " "


def _waw(text: str) -> str:
    """«أ هو» is «أو»; «النح هو» is «النحو» when «النح» is no word and «النحو» is one."""

    def cut(m: re.Match) -> str:
        head = m.group(1)
        if known_piece(head) < MIN_SEEN and known_piece(head + "و") >= MIN_SEEN:
            return head + "و"
        return m.group(0)

    return _CUT_WAW.sub(cut, _OR.sub(lambda m: " أو" if m.group().startswith("ه") else "أو", text))
