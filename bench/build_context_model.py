"""Build lawtool/importer/data/context-model.json.gz, the word n-gram model of the context check
(lawtool/importer/context.py), from the Adala development corpus put through lawtool's repair.

    .venv/bin/python bench/build_context_model.py [--corpus DIR] [--cache DIR] [--out FILE]

Steps (each deterministic: files are read in sorted order, the JSON is written with sorted keys):

1. repair: every ``corpus/*.txt`` goes through ``repair_text`` (the same stage as ``lawtool import``);
   the repaired body lines and footnotes are cached in ``--cache`` (default /tmp/lawtool-context-cache)
   with a first line telling whether the file showed the ligature damage;
2. held out: the files whose name's SHA-1 ends in ``0`` (about 1 in 16) are left out of training,
   for the evaluation (bench/eval_context.py);
3. vocabulary: word counts over the training files;
4. confusables: the words of the vocabulary (seen twice, accepted by hunspell-ar) a reversal-prone
   swap (context.KINDS) turns into another such word; only n-grams involving one of them are
   counted, which keeps the model small; signatures: for each non-ligature kind, the non-words its
   damage makes most often in the raw corpus (how a document shows that damage);
5. counts: unigrams of the context words, bigrams and trigrams around the confusable words.  A
   confusable token of a file whose print can produce its partner (the kind is active there:
   context.active_kinds) is *not* counted: in such a file its reading is exactly what the check has
   to decide (the repair keeps «والدته» printed for «ولادته», and reads every printed «بالغة» as
   «بلاغة»), so it would teach the model the repair's own guess.  N-grams seen once are dropped.

The tables of an edge kind (context.EDGE_KINDS: the stray «ه», whose pairs hold «في», «من» and
their thousands of neighbours) go to a file of their own (context.EDGE_MODEL_PATHS), read only for a
text that shows that damage.

Rebuild after a change of the repair stage or of context.KINDS, and commit the data files.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lawtool.importer.context import (  # noqa: E402
    EDGE_KINDS,
    EDGE_MODEL_PATHS,
    KINDS,
    MODEL_PATH,
    WORD,
    active_kinds,
    content_segments,
    plain,
    swap_variants,
)
from lawtool.importer.suspects import rejected_words  # noqa: E402

SHARED = Path(os.environ.get("LAWTOOL_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "sources/adala/corpus"
CACHE = Path("/tmp/lawtool-context-cache")
MIN_COUNT = 2
EDGE_MIN_TRIGRAM = 3


def held_out(name: str) -> bool:
    """The evaluation part of the corpus: the SHA-1 of the file name ends in 0."""
    return hashlib.sha1(name.encode("utf-8")).hexdigest().endswith("0")


def repaired_text(path: Path, cache: Path) -> tuple[bool, str]:
    """(damaged, repaired text) of one corpus file, cached."""
    out = cache / path.name
    if out.exists():
        head, _, body = out.read_text(encoding="utf-8").partition("\n")
        return head == "damaged", body
    from lawtool.importer import INVISIBLES, LINE_BREAKS
    from lawtool.importer.ligatures import _damage_detected
    from lawtool.importer.repair import _vocabulary, repair_text

    raw = INVISIBLES.sub("", path.read_text(encoding="utf-8", errors="replace").translate(LINE_BREAKS))
    result = repair_text(raw)
    damaged = _damage_detected(_vocabulary([raw]))
    body = "\n".join(result.lines + [f.text for f in result.footnotes])
    cache.mkdir(parents=True, exist_ok=True)
    out.write_text(("damaged" if damaged else "clean") + "\n" + body, encoding="utf-8")
    return damaged, body


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


def vocabulary(files: list[Path], cache: Path) -> Counter[str]:
    vocab: Counter[str] = Counter()
    for path in files:
        _, text = repaired_text(path, cache)
        for seg in content_segments(text):
            vocab.update(seg)
    return vocab


def dictionary_pairs(vocab: Counter[str]) -> set[tuple[str, str, str]]:
    """(word, variant, kind), word < variant: a word seen MIN_COUNT times in the repaired corpus and
    its swap, both accepted by hunspell-ar.  The variant need not occur in the corpus: the repair
    may never produce it (it keeps every printed «والدته», never «ولادته»)."""
    words = [w for w, n in vocab.items() if n >= MIN_COUNT]
    known = set(words) - rejected_words(sorted(words))
    variants = {w: swap_variants(w) for w in known}
    candidates = sorted({v for vs in variants.values() for v, _ in vs} - known)
    accepted = known | (set(candidates) - rejected_words(candidates))
    return {(min(w, v), max(w, v), kind) for w, vs in variants.items() for v, kind in vs if v in accepted}


def raw_words(path: Path) -> Counter[str]:
    return Counter(plain(w) for w in WORD.findall(path.read_text(encoding="utf-8", errors="replace")))


def signatures(files: list[Path], limit: int = 300) -> dict[str, list[str]]:
    """For each swap kind but lam-alef, the non-words its damage makes most often in the raw corpus:
    rejected by hunspell, accepted once the kind's pair is swapped back (the suspects.py test)."""
    raw: Counter[str] = Counter()
    for path in files:
        raw.update(raw_words(path))
    words = [w for w, n in raw.items() if n >= 5]
    rejected = rejected_words(words)
    # the lam-alef damage and the stray «ه» are known otherwise (ligatures.py, strayheh.py)
    swapped = {k: KINDS[k] for k in KINDS if k != "lam-alef" and k not in EDGE_KINDS}
    variants = {w: swap_variants(w, swapped) for w in rejected}
    bad_variants = rejected_words(sorted({v for vs in variants.values() for v, _ in vs}))
    out: dict[str, Counter[str]] = {k: Counter() for k in swapped}
    for w, vs in variants.items():
        for v, kind in vs:
            # the repaired reading must be the usual spelling: «املجلس» (3,000) vs «المجلس» (90,000)
            if len(w) >= 4 and v not in bad_variants and raw[v] >= 3 * raw[w]:
                out[kind][w] = raw[w]
    # ties broken by the word, not by set order: the same corpus gives the same list
    return {
        k: sorted(w for w, _ in sorted(c.items(), key=lambda x: (-x[1], x[0]))[:limit]) for k, c in sorted(out.items())
    }


def count_ngrams(
    files: list[Path], cache: Path, partner: dict[str, set[str]], sigs: dict[str, list[str]]
) -> tuple[dict[str, dict[str, Counter]], Counter[str]]:
    """Per damage kind: unigrams, bigrams and trigrams holding a confusable word of that kind,
    counted only where the word can be trusted for it: in a file whose print cannot produce the
    kind's swap (the kind is not active there, strict test)."""
    counts = {k: {"uni": Counter(), "bi": Counter(), "tri": Counter()} for k in KINDS}
    active: Counter[str] = Counter()
    for path in files:
        _, text = repaired_text(path, cache)
        kinds = active_kinds(path.read_text(encoding="utf-8", errors="replace"), sigs, strict=True)
        active.update(kinds or {"none"})
        for seg in content_segments(text):
            for i, w in enumerate(seg):
                for kind in partner.get(w, set()) - kinds:
                    c = counts[kind]
                    c["uni"][w] += 1
                    if i > 0:
                        c["bi"][f"{seg[i - 1]} {w}"] += 1
                    if i + 1 < len(seg):
                        c["bi"][f"{w} {seg[i + 1]}"] += 1
                    if i > 1:
                        c["tri"][f"{seg[i - 2]} {seg[i - 1]} {w}"] += 1
                    if 0 < i < len(seg) - 1:
                        c["tri"][f"{seg[i - 1]} {w} {seg[i + 1]}"] += 1
    return counts, active


def pruned(counter: Counter[str], least: int = MIN_COUNT) -> dict[str, int]:
    return {k: v for k, v in sorted(counter.items()) if v >= least}


def build(corpus: Path, cache: Path, exclude: set[str] = frozenset()) -> dict:
    """The model of the training files (less ``exclude``, names kept back by an evaluation)."""
    files = [p for p in corpus_files(corpus) if not held_out(p.name) and p.name not in exclude]
    vocab = vocabulary(files, cache)
    pairs = dictionary_pairs(vocab)
    partner: dict[str, set[str]] = {}
    for w, v, kind in pairs:
        partner.setdefault(w, set()).add(kind)
        partner.setdefault(v, set()).add(kind)
    sigs = signatures(files)
    counts, active = count_ngrams(files, cache, partner, sigs)
    tables = {
        k: {
            "unigrams": {w: n for w, n in sorted(c["uni"].items())},
            # an edge kind's pairs hold the commonest words («في», «من»): only its n-grams seen twice
            # (bigrams) and three times (trigrams) are kept, or its tables would not fit in memory
            "bigrams": pruned(c["bi"]) if k in EDGE_KINDS else dict(sorted(c["bi"].items())),
            "trigrams": pruned(c["tri"], EDGE_MIN_TRIGRAM if k in EDGE_KINDS else MIN_COUNT),
        }
        for k, c in counts.items()
    }
    context_words = {w for t in tables.values() for key in t["bigrams"] for w in key.split()}
    unigrams = {w: vocab[w] for w in sorted(context_words | set(partner)) if vocab[w]}
    return {
        "about": "lawtool context model: word n-grams around confusable words, from the repaired Adala "
        "development corpus (bench/build_context_model.py)",
        "files": len(files),
        "files_by_damage": dict(sorted(active.items())),
        "tokens": sum(vocab.values()),
        "pairs": sorted([w, v, k] for w, v, k in pairs),
        "signatures": sigs,
        "unigrams": unigrams,
        "kinds": tables,
    }


def split_edges(model: dict) -> tuple[dict, dict[str, dict]]:
    """The model less its edge kinds, and each edge kind's own part (``EDGE_MODEL_PATHS``): its
    pairs, tables and the unigrams they need."""

    def words_of(tables: dict) -> set[str]:
        return {w for key in tables["bigrams"] for w in key.split()}

    def part(kinds: set[str]) -> dict:
        tables = {k: t for k, t in model["kinds"].items() if k in kinds}
        pairs = [p for p in model["pairs"] if p[2] in kinds]
        needed = set().union(*(words_of(t) for t in tables.values())) | {w for p in pairs for w in p[:2]}
        return {
            "pairs": pairs,
            "unigrams": {w: n for w, n in model["unigrams"].items() if w in needed},
            "kinds": tables,
            "tokens": model["tokens"],
        }

    base = {**model, **part(set(model["kinds"]) - set(EDGE_KINDS))}
    return base, {kind: {"about": model["about"], **part({kind})} for kind in EDGE_KINDS}


def write_model(model: dict, out: Path) -> None:
    data = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--repair-only", action="store_true", help="only fill the cache of repaired texts")
    args = ap.parse_args(argv)
    if args.repair_only:
        for path in corpus_files(args.corpus):
            repaired_text(path, args.cache)
        return
    model, edges = split_edges(build(args.corpus, args.cache))
    outs = [(args.out, model)] + [(args.out.with_name(EDGE_MODEL_PATHS[k].name), m) for k, m in edges.items()]
    for out, part in outs:
        write_model(part, out)
        sizes = ", ".join(f"{k} {len(t['bigrams'])}/{len(t['trigrams'])}" for k, t in part["kinds"].items())
        print(
            f"{out}: {len(part['pairs'])} confusable pairs, {len(part['unigrams'])} unigrams, "
            f"bigrams/trigrams by kind: {sizes}; {out.stat().st_size // 1024} KB"
        )


if __name__ == "__main__":
    main()
