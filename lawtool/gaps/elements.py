"""Concept elements: a concept is covered by a paragraph whose words hold all its elements.

The checklist (``shared/reference/digital-violence-concepts.yaml``) says what a concept is
called; ``lawtool/gaps/data/concept-elements.yaml`` says what it is made of, as data beside it::

    non_consensual_intimate_image_sharing:
      rules:
        - all: [[محتوى حميمي, صور حميمي], [نشر, بث, وزع], [دون موافق]]
        - all: [[صوره شخص], [مكان خاص], [بث, وزع]]
          borderline: "any image of a person in a private place: no intimate element"

A rule holds in a paragraph (``p``) when every element (a list of alternatives) has one
alternative in it; ``none`` lists words that must not be there; ``kind`` forces the letter
(D, C or P; otherwise D for a paragraph that defines a term, C in an article with a penalty,
P elsewhere).  A rule with ``borderline`` is a generic provision: it never makes a concept
present, only borderline, and says why.

Words are compared by a light stemmer of our own (:func:`forms`): the normalised word
(hamza, alef maqsura, ta marbuta, diacritics folded), without the conjunction و/ف, the
preposition ب/ك/ل and the article ال; an alternative's word matches a word of the text that
*starts* with it (``حميم`` matches حميمي, حميمية, حميميا), a word ending in ``=`` must match
whole.  Phrases are contiguous words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..arabic import normalise

DATA = Path(__file__).with_name("data") / "concept-elements.yaml"
WORD = re.compile(r"\d+(?:[.\-/]\d+)*|[^\W\d_]+(?:[\u064b-\u065f\u0670\u0640]+[^\W\d_]*)*", re.UNICODE)
LETTERS = "DCP"


@dataclass
class Concept:
    id: str
    kind: str
    labels: dict
    synonyms: dict

    def phrases(self, language: str) -> list[str]:
        out = []
        label = (self.labels or {}).get(language)
        if label:
            out.append(re.sub(r"\s*\([^)]*\)", "", label).strip())
        out += list((self.synonyms or {}).get(language) or [])
        return list(dict.fromkeys(p for p in out if p))


@lru_cache(maxsize=200_000)
def forms(word: str) -> tuple[str, ...]:
    """The bare forms of one word of a text (normalised, clitics off), longest first:
    «وبالبث» → وبالبث, بالبث, البث, بث; two letters at least remain."""
    out = [normalise(word)]
    for strip in (_conjunction, _preposition, _article):
        out += [s for s in map(strip, out) if s and s not in out]
    return tuple(out)


def _conjunction(w: str) -> str | None:
    return w[1:] if w[:1] in "وف" and len(w) > 2 else None


def _preposition(w: str) -> str | None:
    if w.startswith("لل") and len(w) > 3:
        return "ال" + w[2:]
    return w[1:] if w[:1] in "بكل" and len(w) > 2 else None


def _article(w: str) -> str | None:
    return w[2:] if w.startswith("ال") and len(w) > 3 else None


KEY = 6  # prefixes kept for the quick test of a paragraph


@dataclass(frozen=True)
class Alternative:
    words: tuple[str, ...]  # normalised; a trailing "=" means whole word
    text: str
    keys: tuple[str, ...] = ()  # the words' first KEY letters, for the quick test


@dataclass
class Rule:
    concept: str
    elements: list[list[Alternative]]
    none: list[Alternative] = field(default_factory=list)
    kind: str | None = None
    borderline: str | None = None  # why the provision is only generic
    article: bool = False  # the elements may be in different paragraphs of one article
    borderline_ar: str | None = None  # the same reason in Arabic, for the site


def _alternative(text: str) -> Alternative:
    words = tuple(normalise(str(text)).split())
    return Alternative(words, str(text), tuple(w.rstrip("=")[:KEY] for w in words))


def _rule(concept: str, raw: dict) -> Rule:
    elements = [[_alternative(a) for a in (e if isinstance(e, list) else [e])] for e in raw.get("all") or []]
    if not elements:
        raise ValueError(f"{concept}: a rule needs `all` elements")
    kind = raw.get("kind")
    if kind is not None and kind not in LETTERS:
        raise ValueError(f"{concept}: kind must be one of D, C, P")
    if bool(raw.get("borderline")) != bool(raw.get("borderline_ar")):
        raise ValueError(f"{concept}: a borderline rule gives its reason in English and Arabic (borderline_ar)")
    return Rule(
        concept,
        elements,
        [_alternative(a) for a in raw.get("none") or []],
        kind,
        raw.get("borderline"),
        bool(raw.get("article")),
        raw.get("borderline_ar"),
    )


def _entries(path: str | Path) -> dict:
    """The elements YAML: concept id → its entry (``rules``, ``terms``)."""
    import yaml

    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def load_rules(path: str | Path = DATA) -> dict[str, list[Rule]]:
    """concept id → its rules, from the elements YAML."""
    return {cid: [_rule(cid, r) for r in (entry or {}).get("rules") or []] for cid, entry in _entries(path).items()}


def load_terms(path: str | Path = DATA) -> dict[str, list[str]]:
    """concept id → the defined terms (normalised) that define it besides its checklist names."""
    return {
        cid: [normalise(str(t)) for t in (entry or {}).get("terms") or []]
        for cid, entry in _entries(path).items()
        if (entry or {}).get("terms")
    }


@lru_cache(maxsize=200_000)
def keys(word: str) -> frozenset[str]:
    """Every prefix (up to KEY letters) of the bare forms of one word of a text."""
    return frozenset(f[:i] for f in forms(word) for i in range(1, min(len(f), KEY) + 1))


class Paragraph:
    """A paragraph's words with their spans and the set of every prefix of their bare forms."""

    def __init__(self, text: str):
        self.text = text
        self.spans = [m.span() for m in WORD.finditer(text)]
        words = [text[a:b] for a, b in self.spans]
        self.forms = [forms(w) for w in words]
        self.prefixes = frozenset().union(*map(keys, words))

    def _word_matches(self, index: int, word: str) -> bool:
        if word.endswith("="):
            return word[:-1] in self.forms[index]
        return any(f.startswith(word) for f in self.forms[index])

    def find(self, alt: Alternative) -> tuple[int, int] | None:
        """(first word, last word) of the first place ``alt`` is written, or None."""
        prefixes = self.prefixes
        for key in alt.keys:
            if key not in prefixes:
                return None
        n = len(alt.words)
        for i in range(len(self.forms) - n + 1):
            if all(self._word_matches(i + k, w) for k, w in enumerate(alt.words)):
                return i, i + n - 1
        return None

    def match(self, rule: Rule) -> tuple[int, int] | None:
        """The character span from the first to the last element found, or None."""
        if any(self.find(a) for a in rule.none):
            return None
        found = []
        for element in rule.elements:
            for alt in element:
                where = self.find(alt)
                if where:
                    found.append(where)
                    break
            else:
                return None
        first, last = min(f[0] for f in found), max(f[1] for f in found)
        return self.spans[first][0], self.spans[last][1]

    def quote(self, span: tuple[int, int], limit: int = 240) -> str:
        """The exact words of the text around ``span``: the clause from the last «؛ . :» before it
        to the next «؛ .» after it, or the span alone when that is longer than ``limit``
        (then cut at a word end)."""
        start, end = span
        left = max(self.text.rfind(ch, 0, start) for ch in "؛.:") + 1
        right = min((i for i in (self.text.find(ch, end) for ch in "؛.") if i >= 0), default=len(self.text))
        if right - left <= limit:
            start, end = left, right
        elif end - start > limit:
            end = max((b for a, b in self.spans if start < b <= start + limit), default=end)
        return self.text[start:end].strip()
