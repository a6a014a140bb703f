"""Independent quality check of repaired Arabic text, using Debian's hunspell.

A token is a *suspect* when hunspell rejects it but accepts it once one
reversal-prone letter pair is swapped back (the signature of the PDF
extraction damage that repair.py undoes).  This module deliberately shares
no logic with the repair stage, so it can judge it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

# Letter pairs that pdftotext prints reversed on Adala PDFs (lam-alef
# ligatures, and lam-meem in some fonts): each is checked in both directions.
SWAP_PAIRS: tuple[tuple[str, str], ...] = (
    ("ال", "لا"),
    ("أل", "لأ"),
    ("إل", "لإ"),
    ("آل", "لآ"),
    ("مل", "لم"),
)

_ARABIC_TOKEN = re.compile(r"[\u0621-\u063A\u0641-\u064A\u0671-\u06D3]+")
# Harakat and tatweel do not change the word for the dictionary.
_MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670]")

DICT_NAME = "ar"
DICT_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts")


class HunspellMissing(RuntimeError):
    """hunspell or its Arabic dictionary is not installed."""


@dataclass
class SuspectReport:
    tokens: int
    suspects: int
    share: float
    examples: list[str] = field(default_factory=list)


def _check_hunspell() -> str:
    exe = shutil.which("hunspell")
    if exe is None:
        raise HunspellMissing(
            "hunspell is not installed: install Debian's hunspell and hunspell-ar "
            "(apt-get install hunspell hunspell-ar)"
        )
    dirs = list(DICT_DIRS)
    if os.environ.get("DICPATH"):
        dirs = os.environ["DICPATH"].split(":") + dirs
    if not any((Path(d) / f"{DICT_NAME}.dic").exists() for d in dirs):
        raise HunspellMissing(
            "the Arabic hunspell dictionary (ar.dic) is missing: install Debian's "
            "hunspell and hunspell-ar (apt-get install hunspell hunspell-ar)"
        )
    return exe


def rejected_words(words: list[str]) -> set[str]:
    """Words hunspell does not accept.  A long batch is cut into one part per core, each checked by
    its own hunspell process at the same time (a part's start-up, the dictionary's load, is about
    a second: below ``PART_MIN`` words a batch is one part)."""
    if not words:
        return set()
    exe = _check_hunspell()
    parts = max(1, min(os.cpu_count() or 1, len(words) // PART_MIN))
    if parts == 1:
        return _rejected_part(exe, words)
    size = -(-len(words) // parts)
    chunks = [words[i : i + size] for i in range(0, len(words), size)]
    with ThreadPoolExecutor(len(chunks)) as pool:  # the threads only wait for the processes
        return set().union(*pool.map(_rejected_part, repeat(exe), chunks))


PART_MIN = 20_000


def _rejected_part(exe: str, words: list[str]) -> set[str]:
    proc = subprocess.run(
        [exe, "-d", DICT_NAME, "-l", "-i", "utf-8"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if proc.returncode != 0:
        raise HunspellMissing(f"hunspell failed ({proc.stderr.strip()}): install Debian's hunspell and hunspell-ar")
    return set(proc.stdout.split())


def swap_variants(word: str) -> set[str]:
    """All words obtained by swapping back exactly one reversal-prone pair."""
    out: set[str] = set()
    for a, b in SWAP_PAIRS:
        for src, dst in ((a, b), (b, a)):
            start = word.find(src)
            while start != -1:
                out.add(word[:start] + dst + word[start + len(src) :])
                start = word.find(src, start + 1)
    out.discard(word)
    return out


def swappable(words) -> list[str]:
    """The words that hold a reversal-prone pair, sorted: only they can be suspects (a word without
    one has no variant), so only they are shown to hunspell.  Any words at all need hunspell: its
    absence is said even when none of them holds a pair."""
    if words:
        _check_hunspell()
    return sorted(w for w in words if SWAPPABLE.search(w))


SWAPPABLE = re.compile("|".join(p for pair in SWAP_PAIRS for p in pair))


def tokenize(text: str) -> list[str]:
    return _ARABIC_TOKEN.findall(_MARKS.sub("", text))


def suspect_share(text: str) -> SuspectReport:
    tokens = tokenize(text)
    counts: dict[str, int] = {}
    for tok in tokens:
        counts[tok] = counts.get(tok, 0) + 1
    rejected = rejected_words(swappable(counts))
    # Second batch: the swapped variants of every rejected word.
    variants = {w: swap_variants(w) for w in rejected}
    all_variants = sorted(set().union(*variants.values())) if variants else []
    variant_rejected = rejected_words(all_variants)
    suspect_words = {w for w, vs in variants.items() if any(v not in variant_rejected for v in vs)}
    n_suspects = sum(counts[w] for w in suspect_words)
    examples = sorted(suspect_words, key=lambda w: (-counts[w], w))[:50]
    total = len(tokens)
    return SuspectReport(
        tokens=total,
        suspects=n_suspects,
        share=(n_suspects / total) if total else 0.0,
        examples=examples,
    )


def suspect_shares(token_counts: dict[str, dict[str, int]]) -> dict[str, SuspectReport]:
    """``suspect_share`` for many texts at once (name → token counts), with two hunspell runs
    in all instead of two per text: the dictionary loads once."""
    vocabulary = set().union(*token_counts.values()) if token_counts else set()
    rejected = rejected_words(swappable(vocabulary))
    variants = {w: swap_variants(w) for w in rejected}
    variant_rejected = rejected_words(sorted(set().union(*variants.values()))) if variants else set()
    suspect_words = {w for w, vs in variants.items() if any(v not in variant_rejected for v in vs)}
    reports = {}
    for name, counts in token_counts.items():
        total = sum(counts.values())
        found = [w for w in counts if w in suspect_words]
        n = sum(counts[w] for w in found)
        reports[name] = SuspectReport(
            tokens=total,
            suspects=n,
            share=(n / total) if total else 0.0,
            examples=sorted(found, key=lambda w: (-counts[w], w))[:10],
        )
    return reports
