"""Phrase matching that knows Arabic: the search engine of the gaps stage.

A *phrase* (a defined term, a checklist synonym) is compiled once into a sequence of word
specifications; a text is cut into words with their offsets; a phrase matches a run of
consecutive words separated by white space only.  One word of a text matches one word of a
phrase when, after :func:`lawtool.arabic.normalise`:

- clitics are stripped from the text word (و ف, then ب ك ل, then the article ال — see
  :func:`lawtool.arabic.stems`): «وبالعنف» matches «العنف»;
- the article is optional on both sides in a phrase of two words or more («وسيلة رقمية»
  matches «الوسيلة الرقمية»), but a one-word phrase needs the article in the text
  («النشر» matches «والنشر», never the verb «نشر»): the price of fewer false links;
- the phrase word may take a feminine, dual, sound-plural or accusative ending
  (ة ات ون ين ان, and «ا» of tanwin): «الرقمي» matches «الرقمية», «رقميا»;
- a few irregular forms are listed in ``IRREGULAR`` (المرأة → النساء, امرأة; الوسيلة → الوسائل ...);
- spelling variants that differ by one long vowel inside a long word are the same word
  («الإليكتروني» = «الإلكتروني», «الأنترنيت» = «الإنترنت»): words of five letters or more
  whose one inner ا/و/ي is dropped.

French phrases (any phrase without Arabic letters) are compared lower-cased and without
accents, with an optional plural ``s``/``x`` and feminine ``e``.

Matches never overlap: the longest phrase wins, then the leftmost (``find``).
Nothing here knows about XML; :mod:`lawtool.gaps.definitions` and
:mod:`lawtool.gaps.coverage` feed it text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..arabic import normalise, stems

ARABIC_LETTER = re.compile("[\u0621-\u064a]")
WORD_RE = re.compile(r"[^\W\d_]+(?:[\u064b-\u065f\u0670\u0640]+[^\W\d_]*)*|\d+(?:[.,]\d+)*", re.UNICODE)
LONG_VOWELS = "اوي"

# Broken plurals and spellings that suffix rules cannot reach (bare, normalised forms).
IRREGULAR: dict[str, tuple[str, ...]] = {
    "مراه": ("نساء", "امراه"),
    "امراه": ("مراه", "نساء"),
    "نساء": ("مراه", "امراه"),
    "وسيله": ("وسائل",),
    "ضحيه": ("ضحايا",),
    "صوره": ("صور",),
    "تسجيل": ("تسجيلات",),
    "معطي": ("معطيات",),
    "فتاه": ("فتيات",),
    "جريمه": ("جرائم",),
    "حساب": ("حسابات",),
}


def is_arabic(text: str) -> bool:
    return bool(ARABIC_LETTER.search(text))


def fold_latin(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _deletions(word: str) -> set[str]:
    """The word with one inner long vowel dropped (only for words of 5+ letters)."""
    if len(word) < 5:
        return set()
    return {word[:i] + word[i + 1 :] for i in range(1, len(word) - 1) if word[i] in LONG_VOWELS}


def _bare(word: str) -> str:
    """A normalised phrase word without clitics and article: «المرأة» → «مراه»."""
    return stems(word)[-1]


def arabic_variants(bare: str) -> frozenset[str]:
    forms = {bare}
    if bare.endswith("ه") and len(bare) > 2:
        root = bare[:-1]
        forms |= {root + "ات", root + "تان", root + "تين", root + "تا"}
    else:
        forms |= {bare + "ه", bare + "ات", bare + "ون", bare + "ين", bare + "ان", bare + "ا"}
        if bare.endswith("ي"):
            forms |= {bare + "ه", bare + "ات"}
    forms |= set(IRREGULAR.get(bare, ()))
    out = set(forms)
    for form in forms:
        out |= _deletions(form)
    return frozenset(out)


def latin_variants(word: str) -> frozenset[str]:
    base = word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word
    return frozenset({base, base + "s", base + "x", base + "e", base + "es", word})


@lru_cache(maxsize=65536)
def arabic_forms(word: str) -> tuple[frozenset[str], bool]:
    """(candidate bare forms, whether the word carried the article) of a text word."""
    norm = normalise(word)
    cands = stems(norm)
    definite = any(c.startswith("ال") and c[2:] in cands for c in cands) or any(c.startswith("لل") for c in cands)
    bare = cands[-1]
    out = set(cands) | _deletions(bare)
    return frozenset(out), definite


@lru_cache(maxsize=65536)
def latin_form(word: str) -> str:
    return fold_latin(word)


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str


def split_words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


@lru_cache(maxsize=65536)
def _analyse(text: str) -> tuple[list[Word], list[tuple[frozenset[str], bool, bool]]]:
    """The words of a text and, for each, its candidate forms (cached: the rules read the
    same blocks several times)."""
    words = split_words(text)
    forms: list[tuple[frozenset[str], bool, bool]] = []
    for w in words:
        if ARABIC_LETTER.search(w.text):
            f, definite = arabic_forms(w.text)
            forms.append((f, definite, True))
        else:
            forms.append((frozenset({latin_form(w.text)}), True, False))
    return words, forms


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase: ``key`` identifies it to the caller (a term id, a concept id ...)."""

    key: str
    surface: str
    specs: tuple[frozenset[str], ...]
    arabic: bool

    @property
    def length(self) -> int:
        return len(self.specs)


def phrase_words(surface: str) -> list[str]:
    """The normalised bare words of a phrase (the comparison key of a term)."""
    if is_arabic(surface):
        return [_bare(normalise(w)) for w in WORD_RE.findall(surface)]
    return [fold_latin(w) for w in WORD_RE.findall(surface) if len(w) > 1]


def term_key(surface: str) -> str:
    return " ".join(phrase_words(surface))


def compile_phrase(surface: str, key: str | None = None) -> Phrase | None:
    words = phrase_words(surface)
    if not words:
        return None
    arabic = is_arabic(surface)
    if arabic:
        specs = tuple(arabic_variants(w) for w in words)
    else:
        specs = tuple(latin_variants(w) for w in words)
    return Phrase(key if key is not None else surface, surface, specs, arabic)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: Phrase


@dataclass
class Matcher:
    """A set of phrases searched together; ``find`` gives non-overlapping matches."""

    phrases: list[Phrase] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._first: dict[str, list[Phrase]] = {}
        for phrase in self.phrases:
            self._index(phrase)

    def _index(self, phrase: Phrase) -> None:
        for form in phrase.specs[0]:
            self._first.setdefault(form, []).append(phrase)

    def add(self, phrase: Phrase | None) -> None:
        if phrase is not None:
            self.phrases.append(phrase)
            self._index(phrase)

    @classmethod
    def of(cls, surfaces: Iterable[tuple[str, str]]) -> Matcher:
        """``surfaces`` as (key, surface) pairs."""
        matcher = cls()
        for key, surface in surfaces:
            matcher.add(compile_phrase(surface, key))
        return matcher

    def candidates(self, text: str) -> list[Match]:
        """Every match, overlapping ones included."""
        if not self._first:
            return []
        words, forms = _analyse(text)
        out: list[Match] = []
        for i, (f, definite, arabic) in enumerate(forms):
            seen: set[int] = set()
            for form in f:
                for phrase in self._first.get(form, ()):
                    if id(phrase) in seen or phrase.arabic != arabic:
                        continue
                    seen.add(id(phrase))
                    n = phrase.length
                    if n == 1 and arabic and not definite:
                        continue
                    if i + n > len(words):
                        continue
                    ok = True
                    for k in range(1, n):
                        gap = text[words[i + k - 1].end : words[i + k].start]
                        if gap.strip() or not (forms[i + k][0] & phrase.specs[k]):
                            ok = False
                            break
                    if ok:
                        out.append(Match(words[i].start, words[i + n - 1].end, phrase))
        return out

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in text order: the longest phrase first, then the leftmost."""
        return select(self.candidates(text))


def select(candidates: list[Match]) -> list[Match]:
    """Non-overlapping matches among candidates: the longest phrase first, then the leftmost."""
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(candidates, key=lambda m: (-m.phrase.length, -(m.end - m.start), m.start, m.phrase.key)):
        if all(m.end <= a or m.start >= b for a, b in taken):
            chosen.append(m)
            taken.append((m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)
