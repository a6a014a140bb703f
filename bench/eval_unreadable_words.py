"""The importer against the hand reading of the words it once left unreadable
(tests/data/unreadable_words/): what it prints now at each word's place.

    python bench/eval_unreadable_words.py [--list]

Each text of the annotation is imported; the word's place is found in the output by the words
printed around it (two on each side), else by the word-ends repair made of that word (the pass
is wrapped to record them), else by one word on each side.  Verdicts: ``right`` (the hand reading, letters compared),
``left`` (still printed as it was), ``other`` (something else: a partial or a wrong reading, to be
read by hand: ``--list`` prints them), ``not found`` (the place could not be found), ``no reading``
(the hand reading is «?»)."""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import lawtool.importer.repair as repair
from lawtool.corpus import shared_dir
from lawtool.importer import import_text, read_source

REPO = Path(__file__).resolve().parents[1]
ANNOTATION = REPO / "tests/data/unreadable_words/annotation.tsv"
LETTERS = re.compile(r"[^\u0621-\u064a\s]")


def letters(text: str) -> str:
    return " ".join(LETTERS.sub("", text).split())


def imported(path: Path) -> tuple[str, dict[str, str]]:
    """The text of the import of ``path`` and the word-ends repairs made (printed word → reading)."""
    made: dict[str, str] = {}
    read_word_ends = repair.read_word_ends

    def recording(text, j, repairs, uncertain, *args, **kwargs):
        before = len(repairs)
        out = read_word_ends(text, j, repairs, uncertain, *args, **kwargs)
        for r in repairs[before:]:
            made.setdefault(r.before, r.after)
        return out

    repair.read_word_ends = recording
    try:
        document, _ = import_text(read_source(path), None, source_name=path.name)
    finally:
        repair.read_word_ends = read_word_ends
    return " ".join(" ".join(document.main.itertext()).split()), made


def printed_at(text: str, context: str, made: dict[str, str], word: str) -> str | None:
    """What ``text`` prints between the words around ``word`` in ``context`` («... [[word]] ...»)."""
    m = re.match(r"(.*)\[\[(.*)\]\](.*)", context, re.S)
    if m is None:
        return made.get(word)
    before, after = m.group(1).split(), m.group(3).split()
    for n in (2, 1):
        if n == 1 and word in made:
            return made[word]  # one word on each side may be found elsewhere: the repair first
        if len(before) >= n and len(after) >= n:
            pattern = re.escape(" ".join(before[-n:])) + r"\s+(\S(?:.{0,200}?\S)?)\s+" + re.escape(" ".join(after[:n]))
            hits = [h for h in re.findall(pattern, text) if len(h.split()) <= 12]
            if hits:
                return hits[0]
    return made.get(word)


def main() -> None:
    corpus = shared_dir(REPO) / "sources/adala/corpus"
    rows = list(csv.DictReader(ANNOTATION.open(encoding="utf-8"), delimiter="\t"))
    by_text: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_text[row["text"]].append(row)
    verdicts: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    others = []
    for name, text_rows in sorted(by_text.items()):
        text, made = imported(corpus / name)
        for row in text_rows:
            got = printed_at(text, row["context"], made, row["word"])
            if row["reading"] == "?":
                verdict = "no reading"
            elif got is None:
                verdict = "not found"
            elif letters(got) == letters(row["reading"]):
                verdict = "right"
            elif letters(got) == letters(row["word"]):
                verdict = "left"
            else:
                verdict = "other"
                others.append((row["id"], name, row["word"], row["reading"], got))
            verdicts[verdict] += 1
            by_kind[row["kind"]][verdict] += 1
    print(f"{len(rows)} words of {len(by_text)} texts: " + ", ".join(f"{v} {n}" for v, n in verdicts.most_common()))
    for kind, counts in sorted(by_kind.items()):
        print(f"  {kind:15} " + ", ".join(f"{v} {n}" for v, n in counts.most_common()))
    if "--list" in sys.argv:
        for row_id, name, word, reading, got in others:
            print(f"{row_id}\t{name}\t{word}\thand: {reading}\tnow: {got}")


if __name__ == "__main__":
    main()
