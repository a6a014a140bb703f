"""A letter that only ends a word, «ة» or «ى», standing inside one: no Arabic word is spelled so.

The extraction leaves it in two ways, read here in every text:

* two words glued, the space lost: «الجريدةالرسمية», «علىتنفيذها»: split at each such letter when
  every piece is a word the corpus knows (``strayheh.known_piece``: as printed or with its lam-alef
  ligature read);
* a final ligature printed in reverse, its two glyphs swapped: «إىل» for «إلى», «عىل» for «على»,
  «أدىن» for «أدنى»: read when the swapped word is one the corpus knows and the printed one is not;
* glyphs printed twice, the final letter among them («وتهيئئةة»): ``ligatures.stutter_reading``.

«ىء» is the old spelling of a final hamza on a yeh («يبتدىء», «الموانىء»): a word, left alone.  What
no reading explains stays as printed, listed as uncertain; the damage signatures count it (ligatures.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from .common import END_LETTER_INSIDE, LETTER, Repair, listed, unlist
from .ligatures import stutter_reading
from .strayheh import MIN_SEEN, SHORT_WORDS, is_piece, known_piece

# «ة» or «ى» with a letter after it (not «ىء»): the run of letters around it
INSIDE = re.compile(f"[{LETTER}]*(?:ة|ى(?!ء))[{LETTER}]+")
_BOUNDARY = re.compile("(?<=[ةى])(?=[^ء])")
_SWAPPED = re.compile("ى([^ءى])")
_ALEF_BEFORE_HAMZA = re.compile("ا[أإآ]")
_CLITICS = re.compile("(?:[وف])?(?:[بكل])?(?:ال)?")


def reading(word: str, printed: Counter[str] | None = None) -> str | None:
    """The words ``word`` reads as, or None.  A piece must be a word (``strayheh.is_piece``: «ية»,
    «الة» are fragments), or one with its proclitics («والتكييف»); ``printed``, the words of the text itself, vouches for a piece of four
    letters or more that the corpus prints too rarely and the text prints apart («الشرطةوضباطها»),
    unless the piece cannot open a word («ؤازرة») or is itself two words glued («فيميزانية»)."""

    def known(piece: str) -> bool:
        return (
            is_piece(piece)
            or _clitics_and_word(piece)
            or (
                len(piece) >= 4
                and printed is not None
                and printed[piece] >= 1
                and piece[0] not in "ؤئءةى"
                and not any(piece.startswith(w) and is_piece(piece[len(w) :]) for w in SHORT_WORDS)
            )
        )

    if known_piece(word) >= MIN_SEEN:
        return None  # a word after all (a name, a spelling the corpus prints)
    for form in (word, word[1:]) if _ALEF_BEFORE_HAMZA.match(word) else (word,):
        swapped = _SWAPPED.sub(r"\1ى", form)  # «اإىل»: «إلى» printed with an alef before it too
        if swapped != form and known(swapped):
            return swapped  # first: «عىل» is «على», not «عى ل»
    pieces = _BOUNDARY.split(word)
    if len(pieces) > 1 and all(known(p) for p in pieces):
        return " ".join(pieces)
    # glyphs printed twice, the final letter among them («وتهيئئةة»): the doubled-glyph reading, only
    # where the final letter shows it doubled (it took letters out of «ىليها», «ينتةبهما»)
    if "ةة" in word or "ىى" in word:
        return stutter_reading(word, printed or Counter())
    return None


def _clitics_and_word(piece: str) -> bool:
    """A piece that is a word with its proclitics («والتكييف», «بالمصنفات», «كالتسبيقات»): the split
    is at a «ة» or «ى», a certain place; the piece need only read as a word."""
    clitics = _CLITICS.match(piece)
    end = clitics.end() if clitics else 0
    return end > 0 and len(piece) - end >= 3 and is_piece(piece[end:])


def repair_line(
    text: str,
    j: int,
    repairs: list[Repair],
    uncertain: list[Repair],
    printed: Counter[str] | None = None,
    *,
    last: bool = True,
) -> str:
    """The line with its glued words split, its reversed final ligatures and doubled glyphs read
    (repair kinds ``glued-word``, ``final-ligature``, ``doubled-glyph``); a word read is no longer
    listed as uncertain by a rule before; a word no reading explains is left, and listed as
    uncertain (kind ``word-end``) on the ``last`` pass (the repair runs this once before the ligature
    rules, which then read each piece, and once after every other rule, which may have left a word
    it can now read: «اإىل» → «إىل» → «إلى»)."""
    if last:
        list_glued(text, j, uncertain, printed)
    if not END_LETTER_INSIDE.search(text):
        return text

    def read(m: re.Match) -> str:
        word = m.group(0)
        new = reading(word, printed)
        if new is None:
            if last and not listed(uncertain, j + 1, word):
                uncertain.append(Repair("word-end", j + 1, word, word, False))  # once a line
            return word
        kind = "glued-word" if " " in new else "doubled-glyph" if len(new) < len(word) else "final-ligature"
        repairs.append(Repair(kind, j + 1, word, new))
        unlist(uncertain, j + 1, word)  # a rule before could not read it: now read
        return new

    return INSIDE.sub(read, text)


# -- two words glued with no final letter between: listed, not split --------------------------------

GLUED_MIN = 7  # letters of a word the corpus does not know before it is looked at
GLUED_SEEN = 20  # each of its two words: seen this often in the corpus
# a second piece that is a pronoun suffix («استجواب هما», «مقدم تهم»), a first that is a proclitic
# with the article and a letter or two («والم تابعين», «المت قاضي»)
_PRONOUNS = "هما|هم|ها|هن|كم|كما|نا|ني|ه|ك"
_SUFFIX = re.compile(f"^(?:[تويا])?(?:{_PRONOUNS}|لها|له)$")
_ARTICLE_CHUNK = re.compile("^[وفبكل]{0,2}ال[\u0621-\u064a]{0,2}$")
_WORD_RUN = re.compile(f"(?<![{LETTER}])[{LETTER}]{{{GLUED_MIN},}}(?![{LETTER}])")


@lru_cache(maxsize=1 << 14)
def glued_reading(word: str) -> tuple[str, str] | None:
    """Two words the word may be, glued where no «ة» or «ى» shows the place («ارتكابإحدى»,
    «مائتينإلى»), or None.  A segmenter on the corpus's words alone also splits real words
    («استجوابهما», «والمتابعين»), so this reading is only listed for the reader, never applied."""
    if known_piece(word) or _a_word_with_affixes(word):
        return None
    best: tuple[float, str, str] | None = None
    for i in range(3, len(word) - 2):
        first, second = word[:i], word[i:]
        if _SUFFIX.match(second) or _ARTICLE_CHUNK.match(first):
            continue
        a, b = known_piece(first), known_piece(second)
        if a >= _least(first) and b >= _least(second):
            score = math.log(a) + math.log(b)
            if best is None or score > best[0]:
                best = (score, first, second)
    return (best[1], best[2]) if best else None


_PRONOUN = re.compile(f"(?:{_PRONOUNS})$")


def _a_word_with_affixes(word: str) -> bool:
    """A word the corpus knows once its proclitics or its pronoun suffix are taken off
    («ليستعمل»: «ل» + «يستعمل»; «يحددانها»: «يحددان» + «ها»): a word, not two glued."""
    clitics = _CLITICS.match(word)
    start = clitics.end() if clitics else 0
    suffix = _PRONOUN.search(word)
    end = suffix.start() if suffix else len(word)
    stems = {word[start:], word[:end], word[start:end]}
    return any(len(stem) >= 3 and known_piece(stem) >= MIN_SEEN for stem in stems if stem != word)


def _least(piece: str) -> int:
    """How often a piece must be seen: a word of three letters much more («ممن», «ألف», «إلى»)."""
    return 25 * GLUED_SEEN if len(piece) == 3 else GLUED_SEEN


def list_glued(text: str, j: int, uncertain: list[Repair], printed: Counter[str] | None = None) -> None:
    """List as uncertain (kind ``glued-word``) each word of the line that reads as two words glued
    (``glued_reading``), unless the text prints it twice (a real word of its own)."""
    for m in _WORD_RUN.finditer(text):
        word = m.group(0)
        if printed is not None and printed[word] >= 2:
            continue
        pair = glued_reading(word)
        if pair and not listed(uncertain, j + 1, word):
            uncertain.append(Repair("glued-word", j + 1, word, " ".join(pair), False))
