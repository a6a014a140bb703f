"""Context check of the repaired text: reversal damage whose result is also a real word.

The hunspell check (suspects.py) sees a reversed pair only when it makes a non-word.  When the swap
gives another real word — «مكان والدته» for «ولادته», «البالغ الكاذب» for «البلاغ» — only the context
can tell.  This stage compares the two readings of every such token with a word n-gram model
(Dirichlet-smoothed trigrams → bigrams → the pair's frequencies) trained on the repaired Adala development corpus
(bench/build_context_model.py), and

* repairs the token when the other reading is much more likely (log-likelihood ratio ≥ FIX_LLR), as
  the repair kind ``context``;
* lists it as uncertain (kind ``context``) when the evidence is weaker (≥ FLAG_LLR).

A swap is considered only when the document's print can produce it: the lam-alef reversal when the
repair found the ligature damage, the other pairs when the raw text shows their signature.  The model
(data/context-model.json.gz) is read on first use, after the input checks.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..arabic import strip_marks
from .common import Repair
from .ligatures import _certain_reading, _damage_detected
from .strayheh import SIGN as STRAY_HEH_SIGN
from .strayheh import shows_damage as shows_stray_heh

MODEL_PATH = Path(__file__).resolve().parent / "data" / "context-model.json.gz"

# Reversal-prone letter pairs, by the damage that produces them (measured on the corpus: docs/importer.md).
KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "lam-alef": (("ال", "لا"), ("أل", "لأ"), ("إل", "لإ"), ("آل", "لآ")),
    "lam-meem": (("مل", "لم"),),
    "meem-alef": (("ام", "ما"),),
    "ya-lam": (("يل", "لي"),),
    # not a swap: an «ه» printed for a space at a word's edge (strayheh.py), «فيه» for «في»; a
    # reading only ever loses it (``EDGE_KINDS``)
    "stray-heh": (),
}
EDGE_KINDS = {"stray-heh": "ه"}
EDGE_MODEL_PATHS = {kind: MODEL_PATH.with_name(f"context-model-{kind}.json.gz") for kind in EDGE_KINDS}
FIX_LLR = 8.0  # natural log: the other reading ~3,000 times more likely in this context
FLAG_LLR = 3.0  # ~20 times: listed as uncertain, not applied
MIN_EVIDENCE = 3  # n-gram occurrences (both readings together) needed before deciding anything
SIGNATURE_MIN = 3  # signature tokens that show a non-ligature damage in a document
MU2, MU3 = 2.0, 2.0  # Dirichlet weights of the bigram and trigram levels

WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A]+")
_MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670]")
_TOKEN = re.compile(r"[\u0621-\u063A\u0641-\u064A\u0640\u064B-\u065F\u0670]+")


# -- tokens --------------------------------------------------------------------------------------


plain = strip_marks  # a word as the model is keyed by: without harakat and tatweel


def content_segments(text: str) -> list[list[str]]:
    """Runs of words with only spaces (or line breaks) between them: a mark, a number or a bracket
    ends a run, as in the repair's context rules."""
    segments: list[list[str]] = []
    current: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if text[pos : m.start()].strip():
            if current:
                segments.append(current)
            current = []
        current.append(plain(m.group()))
        pos = m.end()
    if current:
        segments.append(current)
    return segments


def swap_variants(word: str, kinds=KINDS) -> list[tuple[str, str]]:
    """(variant, kind) for every single reversal of a pair of the given kinds, and for an edge kind
    the word with that letter taken off either edge (and the word it was taken from: the pair runs
    both ways, as a swap's)."""
    out: list[tuple[str, str]] = []
    for kind, letter in EDGE_KINDS.items():
        if kind in kinds and len(word) > 2:
            out += [
                (v, kind)
                for v in {word[:-1] if word.endswith(letter) else "", word[1:] if word.startswith(letter) else ""}
                if v
            ]
    for kind, pairs in kinds.items():
        for a, b in pairs:
            for src, dst in ((a, b), (b, a)):
                i = word.find(src)
                while i != -1:
                    v = word[:i] + dst + word[i + len(src) :]
                    if v != word and (v, kind) not in out:
                        out.append((v, kind))
                    i = word.find(src, i + 1)
    return out


# -- the damage a document shows -------------------------------------------------------------------


# what only the reversed ligature prints: a bare «ال», «وال», «إال», or two alef forms in a row
LAM_ALEF_SIGN = re.compile("^(?:ال|وال|إال|[وفبكل]*ا[اأإآ]ل.*)$")


def active_kinds(
    raw: str, signatures: dict[str, list[str]], *, strict: bool = False, ligature_damage: bool | None = None
) -> set[str]:
    """The swaps the print of this document can produce: lam-alef when the repair finds the ligature
    damage (``ligature_damage``, the repair's own decision, when known), another kind when its
    signature words (non-words it makes, from the model) occur.
    ``strict`` (training): any single sign of a damage counts, so only documents surely printed
    without it teach the model the readings that damage confuses."""
    words = Counter(WORD.findall(raw))  # WORD holds letters only: the words are plain
    if strict:
        kinds = {"lam-alef"} if any(LAM_ALEF_SIGN.match(w) for w in words) else set()
    else:
        damaged = _damage_detected(words) if ligature_damage is None else ligature_damage
        kinds = {"lam-alef"} if damaged else set()
    for kind, forms in signatures.items():
        if sum(words[f] for f in forms) >= (1 if strict else SIGNATURE_MIN):
            kinds.add(kind)
    if STRAY_HEH_SIGN.search(raw) if strict else shows_stray_heh(raw):
        kinds.add("stray-heh")
    return kinds


# -- the model -----------------------------------------------------------------------------------


class ContextModel:
    """Counts of n-grams around confusable words, by damage kind; ``llr`` compares two readings."""

    def __init__(self, data: dict):
        self.uni: dict[str, int] = {}  # every word of the corpus the tables need
        self.kinds: dict[str, dict] = {}  # kind -> trusted unigrams, bigrams, trigrams
        self.tokens: int = data["tokens"]
        self.signatures: dict[str, list[str]] = data.get("signatures", {})
        self.partner: dict[str, list[tuple[str, str]]] = {}
        self.add(data)

    def add(self, data: dict) -> None:
        """Take in the tables of more kinds (an edge kind's file: ``EDGE_MODEL_PATHS``)."""
        self.uni.update(data["unigrams"])
        self.kinds.update(data["kinds"])
        for w, v, kind in data["pairs"]:
            self.partner.setdefault(w, []).append((v, kind))
            self.partner.setdefault(v, []).append((w, kind))

    def p_word(self, w: str) -> float:
        """Corpus frequency of any word (context words)."""
        return (self.uni.get(w, 0) + 0.5) / (self.tokens + 0.5 * 1_000_000)

    def _count(self, kind: str, table: str, key: str) -> int:
        return self.kinds[kind][table].get(key, 0)

    def p_left(self, kind: str, ctx: tuple[str, str, str, str], x: str, y: str) -> float:
        """P(reading x | the words before, the token is x or y): trigram → bigram → the pair's own
        frequencies, each level a Dirichlet prior of weight MU for the one above."""
        p2, p1, _, _ = ctx
        cx, cy = self._count(kind, "unigrams", x), self._count(kind, "unigrams", y)
        p = (cx + 0.5) / (cx + cy + 1)
        if p1:
            bx, by = self._count(kind, "bigrams", f"{p1} {x}"), self._count(kind, "bigrams", f"{p1} {y}")
            p = (bx + MU2 * p) / (bx + by + MU2)
            if p2:
                tx, ty = (
                    self._count(kind, "trigrams", f"{p2} {p1} {x}"),
                    self._count(kind, "trigrams", f"{p2} {p1} {y}"),
                )
                p = (tx + MU3 * p) / (tx + ty + MU3)
        return p

    def p_right(self, kind: str, ctx: tuple[str, str, str, str], x: str) -> float:
        """P(the next word | reading x [and the word before]), smoothed towards its corpus frequency."""
        _, p1, n1, _ = ctx
        p = self.p_word(n1)
        cx = self._count(kind, "unigrams", x)
        p = (self._count(kind, "bigrams", f"{x} {n1}") + MU2 * p) / (cx + MU2)
        if p1:
            t = self._count(kind, "trigrams", f"{p1} {x} {n1}")
            p = (t + MU3 * p) / (self._count(kind, "bigrams", f"{p1} {x}") + MU3)
        return p

    def log_score(self, kind: str, ctx: tuple[str, str, str, str], x: str, y: str) -> float:
        """log P of reading x rather than y in the window (the terms that differ)."""
        score = math.log(self.p_left(kind, ctx, x, y))
        if ctx[2]:
            score += math.log(self.p_right(kind, ctx, x))
        return score

    def evidence(self, kind: str, ctx: tuple[str, str, str, str], x: str) -> int:
        t = self.kinds[kind]["bigrams"]
        _, p1, n1, _ = ctx
        return (t.get(f"{p1} {x}", 0) if p1 else 0) + (t.get(f"{x} {n1}", 0) if n1 else 0)

    def llr(self, kind: str, ctx: tuple[str, str, str, str], word: str, other: str) -> float:
        return self.log_score(kind, ctx, other, word) - self.log_score(kind, ctx, word, other)


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH, *, edges: frozenset[str] = frozenset()) -> ContextModel:
    """The model; with the tables of the edge kinds ``edges`` (their own files, five times the size of
    the rest: read only for a text that shows that damage)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        model = ContextModel(json.load(fh))
    for kind in sorted(edges):
        with gzip.open(EDGE_MODEL_PATHS[kind], "rt", encoding="utf-8") as fh:
            model.add(json.load(fh))
    return model


# -- the check -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    index: int  # token index in the text
    word: str
    other: str
    kind: str
    llr: float
    applied: bool


@dataclass
class ContextReport:
    tokens: int = 0
    candidates: int = 0  # tokens with a confusable other reading the print can produce
    decisions: list[Decision] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(d.applied for d in self.decisions)

    @property
    def flagged(self) -> int:
        return sum(not d.applied for d in self.decisions)

    def to_dict(self) -> dict:
        """The measured share of the check, for ``lawtool import --report``."""

        def share(n: int) -> float:
            return round(100 * n / self.tokens, 3) if self.tokens else 0.0

        return {
            "available": True,
            "tokens": self.tokens,
            "candidates": self.candidates,
            "changed": self.changed,
            "flagged": self.flagged,
            "changed_percent": share(self.changed),
            "flagged_percent": share(self.flagged),
            "thresholds": {"fix_llr": FIX_LLR, "flag_llr": FLAG_LLR},
            "examples": [f"{d.word} → {d.other} ({d.llr})" for d in self.decisions[:20]],
        }


@lru_cache(maxsize=1 << 16)
def plausible(word: str, kind: str) -> bool:
    """Can ``word`` be the true reading?  Not when the repair's certain ligature rules would read it
    otherwise («وال» alone is always «ولا»: the check never undoes a certain repair)."""
    if kind != "lam-alef":
        return True
    return _certain_reading(word)[0] == word


def _contexts(words: list[str], breaks: list[bool], i: int) -> tuple[str, str, str, str]:
    """Two words before and after token i, stopping at a break (a mark or number between)."""
    p1 = words[i - 1] if i > 0 and not breaks[i] else ""
    p2 = words[i - 2] if p1 and i > 1 and not breaks[i - 1] else ""
    n1 = words[i + 1] if i + 1 < len(words) and not breaks[i + 1] else ""
    n2 = words[i + 2] if n1 and i + 2 < len(words) and not breaks[i + 2] else ""
    return p2, p1, n1, n2


def scores(words: list[str], breaks: list[bool], kinds: set[str], model: ContextModel):
    """(index, word, best other reading, kind, LLR, evidence) of every candidate token."""
    partner = model.partner
    for i in [i for i, w in enumerate(words) if w in partner]:  # most words have no other reading
        w = words[i]
        # an edge kind's reading only loses the letter: the damage adds it, never takes it out
        others = [
            (v, k) for v, k in partner[w] if k in kinds and plausible(v, k) and (k not in EDGE_KINDS or len(v) < len(w))
        ]
        if not others:
            continue
        ctx = _contexts(words, breaks, i)
        llr, v, kind = max(((model.llr(k, ctx, w, v), v, k) for v, k in others), key=lambda t: t[0])
        yield i, w, v, kind, llr, model.evidence(kind, ctx, w) + model.evidence(kind, ctx, v)


def decide(words: list[str], breaks: list[bool], kinds: set[str], model: ContextModel) -> ContextReport:
    """The decisions over a token sequence (``breaks[i]``: something other than spaces before token i)."""
    report = ContextReport(tokens=len(words))
    for i, w, v, kind, llr, evidence in scores(words, breaks, kinds, model):
        report.candidates += 1
        if llr >= FLAG_LLR and evidence >= MIN_EVIDENCE:
            report.decisions.append(Decision(i, w, v, kind, round(llr, 2), llr >= FIX_LLR))
    return report


def _tokens_of(texts: list[str]) -> tuple[_Places, list[str], list[bool]]:
    """Tokens of consecutive texts (lines run on: a line break is a space); ``breaks[i]``: something
    other than spaces stands before token i."""
    places = _Places(texts)
    words: list[str] = []
    breaks: list[bool] = []
    pending = False
    for t, text in enumerate(texts):
        parts = _TOKEN_SPLIT.split(text)  # gap, token, gap, token, …, gap
        tokens = parts[1::2]
        places.add(t, len(tokens))
        if tokens:
            gaps = parts[0:-1:2]
            breaks.append(pending or bool(gaps[0].strip()))
            breaks += [g != " " and bool(g.strip()) for g in gaps[1:]]
            # most lines have no harakat: their tokens are plain
            words += map(plain, tokens) if _MARKS.search(text) else tokens
            pending = False
        pending = pending or bool(parts[-1].strip())
    return places, words, breaks


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


class _Places:
    """Where each token of consecutive texts stands: its text, and its match there (found again only
    for the few tokens a decision names)."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.text_of: list[int] = []  # token index → index of its text
        self.first: list[int] = []  # text index → index of its first token

    def add(self, t: int, n: int) -> None:
        self.first.append(len(self.text_of))
        self.text_of += [t] * n

    def match(self, i: int) -> re.Match:
        t = self.text_of[i]
        return list(_TOKEN.finditer(self.texts[t]))[i - self.first[t]]


def _transfer(token: str, new_plain: str) -> str:
    """The new reading; a token with harakat or tatweel is left to the reader (never changed)."""
    return new_plain if plain(token) == token else token


def check_texts(texts: list[str], kinds: set[str], model: ContextModel) -> tuple[list[str], ContextReport]:
    """Apply the check to consecutive texts (body lines); returns the new texts and the report."""
    out, report, _ = _check_texts(texts, kinds, model)
    return out, report


def _check_texts(texts: list[str], kinds: set[str], model: ContextModel):
    """check_texts, and for each token the index of its text."""
    places, words, breaks = _tokens_of(texts)
    report = decide(words, breaks, kinds, model)
    # a token with harakat or tatweel is never rewritten: its decision is only listed
    report.decisions = [
        replace(d, applied=False)
        if d.applied and plain(places.match(d.index).group()) != places.match(d.index).group()
        else d
        for d in report.decisions
    ]
    out = list(texts)
    for d in sorted((d for d in report.decisions if d.applied), key=lambda d: -d.index):
        t, m = places.text_of[d.index], places.match(d.index)
        out[t] = out[t][: m.start()] + _transfer(m.group(), d.other) + out[t][m.end() :]
    return out, report, places.text_of


def check_context(raw: str, result, report=None):
    """The import hook: the repaired lines and footnotes of ``result`` (a RepairResult) checked in
    context; applied changes join ``result.repairs``, uncertain ones ``result.uncertain`` (kind
    ``context``).  ``result.context`` holds the ContextReport; ``report`` (an ImportReport), when
    given, gets its summary as ``report.context``."""
    result.context = ContextReport()
    if report is not None:
        report.context = result.context.to_dict()
    if not MODEL_PATH.exists():
        return result
    kinds = active_kinds(raw, load_model().signatures, ligature_damage=result.ligature_damage)
    if kinds:
        edges = frozenset(kinds & EDGE_KINDS.keys())
        _check_result(result, kinds, load_model(edges=edges) if edges else load_model())  # one cache entry each
    if report is not None:
        report.context = {**result.context.to_dict(), "kinds": sorted(kinds)}
    return result


def _check_result(result, kinds: set[str], model: ContextModel) -> None:
    lines, rep, for_line = _check_texts(result.lines, kinds, model)
    for d in rep.decisions:
        line = result.line_numbers[for_line[d.index]]
        r = Repair("context", line, d.word, d.other, certain=d.applied)
        (result.repairs if d.applied else result.uncertain).append(r)
    notes = []
    for f in result.footnotes:
        (text,), frep = check_texts([f.text], kinds, model)
        rep.tokens += frep.tokens
        rep.candidates += frep.candidates
        rep.decisions += frep.decisions
        for d in frep.decisions:
            r = Repair("context", f.line, d.word, d.other, certain=d.applied)
            (result.repairs if d.applied else result.uncertain).append(r)
        notes.append(replace(f, text=text))
    result.lines, result.footnotes, result.context = lines, notes, rep
