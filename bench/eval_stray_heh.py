"""Measure the reading of a stray «ه» (lawtool/importer/strayheh.py, then the context check's
``stray-heh`` kind) on held-out text damaged the way the seven damaged texts of the corpus are.

    .venv/bin/python bench/eval_stray_heh.py [--seed 1] [--files 60]

The held-out files of the context model (SHA-1 of the name ends in 0; their repaired text is the
cache of bench/build_context_model.py) that show no stray «ه» are taken as correct.  Each line is
damaged at the rates measured on the damaged texts (``RATES``): an «ه» after a word, before a word,
in place of a space, after a mark.  The line then goes through ``strayheh.repair_line`` and the whole
file through the context check with the ``stray-heh`` kind alone.  Reported, over the words: the
seeded «ه» taken out (recall), the words left with a seeded «ه», the correct words changed (false
changes), and the share of words that read as the original after each step.  Deterministic (seeded).

The lexicon the repair reads (data/corpus-words.txt.gz) counts the held-out files too: the figure
for the first step is a development figure; the context model's is held out.
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.build_context_model import CACHE, CORPUS, corpus_files, held_out, repaired_text  # noqa: E402
from lawtool.importer.context import check_texts, load_model  # noqa: E402
from lawtool.importer.strayheh import SIGN, repair_line  # noqa: E402

# Near what the repair itself finds in the most damaged texts (stray-heh repairs per word of
# health-social-506 and culture-tourism-489, docs/importer.md): not a hand count
RATES = {"after": 0.25, "before": 0.05, "space": 0.03, "mark": 0.33}
WORD = re.compile(r"[\u0621-\u064a]+")


def damage(line: str, rng: random.Random) -> tuple[str, set[int]]:
    """The line damaged, and the indices of its words that were (an «ه» added to them or before them)."""
    out = []
    hit: set[int] = set()
    pos = 0
    for k, m in enumerate(WORD.finditer(line)):
        gap = line[pos : m.start()]
        if gap == " " and out and rng.random() < RATES["space"]:
            gap = "ه"
            hit |= {k - 1, k}
        elif gap.rstrip() and gap.rstrip()[-1] in "،.:؛" and rng.random() < RATES["mark"]:
            gap = gap.rstrip() + "ه" + gap[len(gap.rstrip()) :]
            hit.add(k - 1)
        word = m.group(0)
        if rng.random() < RATES["before"]:
            word = "ه" + word
            hit.add(k)
        if rng.random() < RATES["after"]:
            word = word + "ه"
            hit.add(k)
        out += [gap, word]
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), hit


def words(text: str) -> list[str]:
    return WORD.findall(text)


def kept(truth: list[str], got: list[str]) -> set[int]:
    """Indices of the words of ``truth`` that ``got`` reads as they are (aligned: a space taken for
    an «ه» joins two words, a split makes two)."""
    found: set[int] = set()
    for block in difflib.SequenceMatcher(None, truth, got, autojunk=False).get_matching_blocks():
        found |= set(range(block.a, block.a + block.size))
    return found


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--files", type=int, default=60, help="held-out files read (the first, in name order)")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    model = load_model(edges=frozenset({"stray-heh"}))
    files = [p for p in corpus_files(CORPUS) if held_out(p.name)]
    totals = {"words": 0, "damaged": 0, "as_damaged": 0, "repair": 0, "context": 0, "fixed": 0, "false": 0}
    used = 0
    for path in files:
        if used == args.files:
            break
        _, text = repaired_text(path, CACHE)
        if SIGN.search(text) or len(text) < 2000:
            continue
        used += 1
        lines = [t for t in text.split("\n") if t.strip()]
        damaged = [damage(t, rng) for t in lines]
        printed = Counter(w for t, _ in damaged for w in words(t))  # the text's own words, as the repair has them
        repaired = [
            re.sub(r" {2,}", " ", repair_line(t, j, [], [], printed)).strip() for j, (t, _) in enumerate(damaged)
        ]
        checked, _ = check_texts(repaired, {"stray-heh"}, model)
        for truth, (bad, hit), rep, ctx in zip(lines, damaged, repaired, checked, strict=True):
            w_truth = words(truth)
            totals["words"] += len(w_truth)
            totals["damaged"] += len(hit)
            totals["as_damaged"] += len(kept(w_truth, words(bad)))
            totals["repair"] += len(kept(w_truth, words(rep)))
            right = kept(w_truth, words(ctx))
            totals["context"] += len(right)
            totals["fixed"] += len(right & hit)
            totals["false"] += len(set(range(len(w_truth))) - hit - right)
    n = totals["words"]
    print(f"{used} held-out files, {n:,} words, {totals['damaged']:,} of them damaged at {RATES} (seed {args.seed})")
    for name, label in (
        ("as_damaged", "as damaged"),
        ("repair", "after strayheh.repair_line"),
        ("context", "after the context check"),
    ):
        print(f"  words read as the original, {label}: {100 * totals[name] / n:.2f} %")
    print(f"  damaged words read back: {totals['fixed']:,} ({100 * totals['fixed'] / totals['damaged']:.1f} %)")
    print(f"  correct words changed (false changes): {totals['false']:,} ({100 * totals['false'] / n:.3f} %)")


if __name__ == "__main__":
    main()
