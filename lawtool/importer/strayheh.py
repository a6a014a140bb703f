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
from functools import lru_cache

from .common import LETTER, Repair
from .ligatures import _certain_reading, corpus_words

# What only the damage writes: ta marbuta or alef maqsura before «ه», «ه» after a comma, a full stop,
# a colon or a semicolon at a word's end («منظومةه», «علىه», «العام،ه»).  Not an «ه» beside a digit:
# «1441ه» is the Hijri year, «أعلاه3» a note marker
SIGN = re.compile(r"[ةى]ه|[،.:؛]ه(?=\s|$)")
SIGNS_MIN = 8
MIN_SEEN = 5  # a piece of a split run: a word the corpus prints this often
KEEP_MIN = 10  # a run kept as printed: in a text that adds «ه» everywhere, a rarer «Xه» is likelier «X»
# a «ه» between a digit or a mark and anything but a letter, or a digit or mark and a letter: never a word's
_GLUED = re.compile(rf"(?<=[\d،.:؛()])ه+(?!ـ)|(?<![{LETTER}])ه+(?=[\d()])|(?<![{LETTER}])ه+(?![{LETTER}\u0640])")
_RUN = re.compile(f"[{LETTER}]+")
# «أ هو», «النح هو», «3 هو 4»: a word's last letter, or the conjunction, with an «ه» before its waw
_OR = re.compile(rf"(?<![{LETTER}])أ\s+هو(?![{LETTER}])")
_CUT_WAW = re.compile(rf"(?<![{LETTER}])([{LETTER}]+) هو(?![{LETTER}])")
_DIGITS_WAW = re.compile(r"(?<=\d)\s*هو(?=\s*\d)")
_IMPOSSIBLE = re.compile(r"[ةى](?=.)")  # «ة», «ى» are a word's last letter


def shows_damage(text: str) -> bool:
    """Does the raw text show the stray «ه»?"""
    return len(SIGN.findall(text)) >= SIGNS_MIN


def known(word: str) -> int:
    """How often the corpus prints ``word`` (0: unknown, or spelled as no word is)."""
    if _IMPOSSIBLE.search(word):
        return 0
    return corpus_words().get(word, 0)


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


_TWO_ALEFS = re.compile("(?<=ا)([أإآ])ل")  # «اإلداري»: «الإداري» with its ligature reversed


def _lam_alef_pairs(word: str) -> list[int]:
    return [i for i in range(len(word) - 1) if word[i : i + 2] in ("ال", "لا")]


@lru_cache(maxsize=1 << 14)
def reading(run: str) -> tuple[str, ...] | None:
    """The words a run of letters holding a stray «ه» reads as, or None (known as printed, seen
    ``KEEP_MIN`` times, or no split into known words).  ``run = ه* w1 ه+ w2 ... ه+ wk ه*``, each ``w`` seen ``MIN_SEEN`` times: the
    fewest words, then the highest product of their counts."""
    if "ه" not in run or known_piece(run) >= KEEP_MIN:
        return None
    n = len(run)

    def hehs(a: int, b: int) -> bool:
        return all(c == "ه" for c in run[a:b])

    # best[e]: (words, extra «ه», -log score, words read) of the best reading of run[:e] ending with a
    # word at e.  One «ه» stands for each space (or edge) it takes out; a second is rarer damage, so
    # «منهه» is «منه» rather than «من»
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
        for e in range(s + 1, n + 1):
            count = known_piece(run[s:e])
            if count >= MIN_SEEN:
                candidate = (words + 1, extra, score - math.log(count), (*pieces, run[s:e]))
                best[e] = min(best.get(e, candidate), candidate)
    ends = [(w, x + max(0, n - e - 1), sc, p) for e, (w, x, sc, p) in best.items() if hehs(e, n)]
    return min(ends)[3] if ends else None


def repair_line(text: str, j: int, repairs: list[Repair], uncertain: list[Repair]) -> str:
    """The line with its stray «ه» read (repair kind ``stray-heh``); a run that only the damage spells
    and no reading splits is listed as uncertain and left."""
    fixed = _DIGITS_WAW.sub(" و", _GLUED.sub(" ", _waw(text)))
    if fixed != text:
        repairs.append(Repair("stray-heh", j + 1, text.strip(), fixed.strip()))

    def read(m: re.Match) -> str:
        run = m.group(0)
        words = reading(run)
        if words is None and run.endswith("ه") and fixed[m.end() : m.end() + 1].isdigit() and known(run[:-1]):
            words = (run[:-1],)  # «بتاريخه8»: an «ه» glued to the digit after it is the damage's
        if words is None:
            if _IMPOSSIBLE.search(run):
                uncertain.append(Repair("stray-heh", j + 1, run, run, False))
            return run
        new = " ".join(words)
        repairs.append(Repair("stray-heh", j + 1, run, new))
        # a rule before this one could not read the run («هالقانون» for a reversed ligature): now read
        uncertain[:] = [r for r in uncertain if not (r.line == j + 1 and r.before == run)]
        # a dropped «ه» at an edge stood for a space: «أبريله،)2020» → «أبريل ،)2020»
        return (" " if not run.startswith(words[0]) else "") + new + (" " if not run.endswith(words[-1]) else "")

    return _waw(_RUN.sub(read, fixed))


def _waw(text: str) -> str:
    """«أ هو» is «أو»; «النح هو» is «النحو» when «النح» is no word and «النحو» is one."""

    def cut(m: re.Match) -> str:
        head = m.group(1)
        if known_piece(head) < MIN_SEEN and known_piece(head + "و") >= MIN_SEEN:
            return head + "و"
        return m.group(0)

    return _CUT_WAW.sub(cut, _OR.sub("أو", text))
