"""A letter that only ends a word, «ة» or «ى», standing inside one: no Arabic word is spelled so.

The extraction leaves it in two ways, read here in every text:

* two words glued, the space lost: «الجريدةالرسمية», «علىتنفيذها»: split at each such letter when
  every piece is a word the corpus knows (``strayheh.known_piece``: as printed or with its lam-alef
  ligature read);
* a final ligature printed in reverse, its two glyphs swapped: «إىل» for «إلى», «عىل» for «على»,
  «أدىن» for «أدنى»: read when the swapped word is one the corpus knows and the printed one is not.

«ىء» is the old spelling of a final hamza on a yeh («يبتدىء», «الموانىء»): a word, left alone.  What
neither reading explains stays as printed; the damage signatures count it (ligatures.py).
"""

from __future__ import annotations

import re
from collections import Counter

from .common import END_LETTER_INSIDE, LETTER, Repair
from .strayheh import MIN_SEEN, known_piece

# «ة» or «ى» with a letter after it (not «ىء»): the run of letters around it
INSIDE = re.compile(f"[{LETTER}]*(?:ة|ى(?!ء))[{LETTER}]+")
_BOUNDARY = re.compile("(?<=[ةى])(?=[^ء])")
_SWAPPED = re.compile("ى([^ءى])")


def reading(word: str, printed: Counter[str] | None = None) -> str | None:
    """The words ``word`` reads as, or None.  ``printed``: the words of the text itself, which vouch
    for a piece the corpus prints too rarely («الشرطةوضباطها» where the text prints «وضباطها»)."""

    def known(piece: str) -> bool:
        return known_piece(piece) >= MIN_SEEN or bool(printed and printed[piece])

    if known_piece(word) >= MIN_SEEN:
        return None  # a word after all (a name, a spelling the corpus prints)
    swapped = _SWAPPED.sub(r"\1ى", word)
    if swapped != word and known(swapped):
        return swapped  # first: «عىل» is «على», not «عى ل»
    pieces = _BOUNDARY.split(word)
    if len(pieces) > 1 and all(len(p) > 1 and known(p) for p in pieces):
        return " ".join(pieces)
    return None


def repair_line(text: str, j: int, repairs: list[Repair], printed: Counter[str] | None = None) -> str:
    """The line with its glued words split and its reversed final ligatures read (repair kinds
    ``glued-word``, ``final-ligature``)."""
    if not END_LETTER_INSIDE.search(text):
        return text

    def read(m: re.Match) -> str:
        word = m.group(0)
        new = reading(word, printed)
        if new is None:
            return word
        repairs.append(Repair("glued-word" if " " in new else "final-ligature", j + 1, word, new))
        return new

    return INSIDE.sub(read, text)
