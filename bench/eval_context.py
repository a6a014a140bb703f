"""Measure the context check (lawtool/importer/context.py) on the held-out part of the corpus.

    .venv/bin/python bench/eval_context.py [--rate 0.1] [--seed 1]
    .venv/bin/python bench/eval_context.py --swaps      # which swaps the damage makes (hunspell)
    .venv/bin/python bench/eval_context.py --lam-alef   # the lam-alef kind, on the clean training files
    .venv/bin/python bench/eval_context.py --candidates law/ma/act/*/*/*.xml   # a reading list

The held-out files (SHA-1 of the name ends in 0, never used to build the model) are repaired (the
cache of bench/build_context_model.py), and every *trustworthy* candidate token — one whose reading
the file's print cannot confuse (the damage kind is not active in the file, strict test) — is taken
as correct.  A share ``--rate`` of them is replaced by its confusable partner (a synthetic reversal);
the check then scores every candidate.  For each threshold: recall (seeded errors restored), false
changes (correct tokens changed) and precision, by damage kind.  Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.build_context_model import CACHE, CORPUS, corpus_files, held_out, repaired_text  # noqa: E402
from lawtool.importer.context import (  # noqa: E402
    FIX_LLR,
    FLAG_LLR,
    KINDS,
    MIN_EVIDENCE,
    active_kinds,
    content_segments,
    load_model,
    plausible,
    scores,
)

THRESHOLDS = (3.0, 4.0, 6.0, 8.0, 10.0, 12.0)
# reversal-prone pairs measured by --swaps: the kinds of context.KINDS and a few other neighbours
MEASURED_PAIRS = (
    ("ال", "لا"),
    ("أل", "لأ"),
    ("إل", "لإ"),
    ("آل", "لآ"),
    ("مل", "لم"),
    ("ام", "ما"),
    ("يل", "لي"),
    ("ان", "نا"),
    ("ات", "تا"),
    ("اب", "با"),
    ("ار", "را"),
    ("اد", "دا"),
)


def seeded_segments(files, model, rate: float, rng: random.Random, cache: Path = CACHE, only=None):
    """(words, truth, seeded flags, trusted flags) per segment of the held-out files."""
    for path in files:
        _, text = repaired_text(path, cache)
        kinds = active_kinds(path.read_text(encoding="utf-8", errors="replace"), model.signatures, strict=True)
        for seg in content_segments(text):
            words, seeded, trusted = list(seg), [False] * len(seg), [False] * len(seg)
            for i, w in enumerate(seg):
                partners = [
                    (v, k)
                    for v, k in model.partner.get(w, ())
                    if k not in kinds and plausible(v, k) and (only is None or k in only)
                ]
                if not partners:
                    continue
                trusted[i] = True
                if rng.random() < rate:
                    words[i] = rng.choice(sorted(partners))[0]
                    seeded[i] = True
            yield words, seg, seeded, trusted


def evaluate(rate: float, seed: int, cache: Path = CACHE, files=None, model=None, kinds=None) -> dict:
    """Seed reversals into the held-out files (or ``files``) and score them with the shipped model
    (or ``model``), for the damage ``kinds`` (default: all)."""
    model = model or load_model()
    kinds = set(kinds or KINDS)
    rng = random.Random(seed)
    files = files if files is not None else [p for p in corpus_files(CORPUS) if held_out(p.name)]
    stats: dict[tuple[str, float], Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for words, truth, seeded, trusted in seeded_segments(files, model, rate, rng, cache, kinds):
        breaks = [False] * len(words)
        by_index = {i: (v, k, llr, ev) for i, w, v, k, llr, ev in scores(words, breaks, kinds, model)}
        for i, ok in enumerate(trusted):
            if not ok:
                continue
            v, k, llr, ev = by_index.get(i, (None, None, float("-inf"), 0))
            kind = k or next((kk for vv, kk in model.partner.get(truth[i], ()) if vv == words[i]), "?")
            totals[(kind, "seeded" if seeded[i] else "correct")] += 1
            for t in THRESHOLDS:
                acted = llr >= t and ev >= MIN_EVIDENCE
                if seeded[i]:
                    stats[(kind, t)]["restored"] += acted and v == truth[i]
                else:
                    stats[(kind, t)]["false"] += acted
    return {"files": len(files), "totals": totals, "stats": stats}


def table(result: dict) -> str:
    totals, stats = result["totals"], result["stats"]
    rows = [
        "| kind | threshold (LLR) | seeded | restored (recall) | correct tokens | changed wrongly | precision |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in [*KINDS, "all"]:
        kinds = list(KINDS) if kind == "all" else [kind]
        seeded = sum(totals[(k, "seeded")] for k in kinds)
        correct = sum(totals[(k, "correct")] for k in kinds)
        if not seeded:
            continue
        for t in THRESHOLDS:
            restored = sum(stats[(k, t)]["restored"] for k in kinds)
            false = sum(stats[(k, t)]["false"] for k in kinds)
            precision = restored / (restored + false) if restored + false else float("nan")
            mark = " (fix)" if t == FIX_LLR else " (flag)" if t == FLAG_LLR else ""
            rows.append(
                f"| {kind} | {t:g}{mark} | {seeded} | {restored} ({restored / seeded:.1%}) | {correct} | "
                f"{false} ({false / max(correct, 1):.2%}) | {precision:.1%} |"
            )
    return "\n".join(rows)


def evaluate_lam_alef(rate: float, seed: int, cache: Path = CACHE) -> dict:
    """The lam-alef kind, which the held-out files cannot measure (all show the ligature damage):
    the training files printed without it are split by name hash; a model built without one quarter
    of them (bench/build_context_model.build) is measured on that quarter, as evaluate() does."""
    import hashlib

    from bench.build_context_model import build
    from lawtool.importer.context import ContextModel

    sigs = load_model().signatures
    clean = [
        p
        for p in corpus_files(CORPUS)
        if not held_out(p.name)
        and "lam-alef" not in active_kinds(p.read_text(encoding="utf-8", errors="replace"), sigs, strict=True)
    ]
    test = [p for p in clean if hashlib.sha1(p.name.encode()).hexdigest()[-1] in "0123"]
    model = ContextModel(build(CORPUS, cache, exclude={p.name for p in test}))
    result = evaluate(rate, seed, cache, files=test, model=model, kinds={"lam-alef"})
    return {**result, "clean": len(clean)}


def candidates(paths: list[Path], kind: str = "lam-alef") -> list[tuple[int, str, str, str]]:
    """(count, word, other readings, a context) of the candidate words of AKN files: a reading list
    for the real-word reversals the model cannot decide (how the lexicon's latest entries were found)."""
    from lawtool.akn import Document, text_of

    model = load_model()
    found: Counter = Counter()
    example: dict[tuple[str, str], str] = {}
    for path in paths:
        text = "\n".join(text_of(p) for p in Document.load(path).main.iter("{*}p"))
        for seg in content_segments(text):
            for i, w in enumerate(seg):
                others = ",".join(v for v, k in model.partner.get(w, ()) if k == kind and plausible(v, k))
                if others:
                    found[(w, others)] += 1
                    example.setdefault((w, others), " ".join(seg[max(0, i - 3) : i + 3]))
    return [(n, w, o, example[(w, o)]) for (w, o), n in sorted(found.items(), key=lambda x: (-x[1], x[0]))]


def measure_swaps(texts) -> tuple[int, Counter, dict]:
    """Which swaps the damage makes: tokens hunspell rejects and accepts once one pair is swapped
    (the suspects.py test), counted by the pair and direction swapped back."""
    from lawtool.importer.suspects import rejected_words, tokenize

    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(tokenize(text))
    words = [w for w, n in counts.items() if n >= 2]
    rejected = rejected_words(words)
    variants: dict[str, list[tuple[str, str]]] = {}
    for w in rejected:
        for a, b in MEASURED_PAIRS:
            for src, dst in ((a, b), (b, a)):
                i = w.find(src)
                while i != -1:
                    variants.setdefault(w, []).append((f"{src}→{dst}", w[:i] + dst + w[i + len(src) :]))
                    i = w.find(src, i + 1)
    bad = rejected_words(sorted({v for vs in variants.values() for _, v in vs}))
    by_swap: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for w in sorted(variants, key=lambda x: -counts[x]):
        for swap, v in variants[w]:
            if v not in bad:
                by_swap[swap] += counts[w]
                if len(examples[swap]) < 3:
                    examples[swap].append(f"{w}→{v}")
    return sum(counts.values()), by_swap, examples


def swaps_table() -> str:
    files = corpus_files(CORPUS)
    raw = measure_swaps(p.read_text(encoding="utf-8", errors="replace") for p in files)
    rep = measure_swaps(repaired_text(p, CACHE)[1] for p in files)
    rows = ["| swap back | raw corpus (share of tokens) | repaired corpus | examples (raw) |", "|---|---|---|---|"]
    for swap, n in raw[1].most_common(12):
        rows.append(
            f"| {swap} | {n} ({n / raw[0]:.3%}) | {rep[1][swap]} ({rep[1][swap] / rep[0]:.3%}) | "
            f"{', '.join(raw[2][swap])} |"
        )
    return f"tokens: raw {raw[0]}, repaired {rep[0]}\n" + "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--swaps", action="store_true", help="measure which swaps the damage makes (hunspell)")
    ap.add_argument("--lam-alef", action="store_true", help="measure the lam-alef kind on the clean training files")
    ap.add_argument(
        "--candidates",
        nargs="+",
        type=Path,
        metavar="AKN",
        help="list the lam-alef candidate words of these AKN files, with a context each",
    )
    args = ap.parse_args(argv)
    if args.candidates:
        for n, w, others, example in candidates(args.candidates):
            print(f"{n}\t{w}\t{others}\t{example}")
        return
    if args.swaps:
        print(swaps_table())
        return
    if args.lam_alef:
        result = evaluate_lam_alef(args.rate, args.seed)
        print(
            f"lam-alef: {result['files']} of the {result['clean']} training files printed without the damage "
            f"kept back, seeding rate {args.rate}, seed {args.seed}"
        )
        print(table(result))
        return
    result = evaluate(args.rate, args.seed)
    print(f"held-out files: {result['files']}, seeding rate {args.rate}, seed {args.seed}")
    print(table(result))


if __name__ == "__main__":
    main()
