"""Build lawtool/importer/data/corpus-words.txt.gz: the words of the repaired Adala corpus, the
lexicon that reads a word printed with doubled glyphs (lawtool/importer/ligatures.py,
``stutter_reading``) when its own text never prints the reading.

    make corpus-all SHARED=../shared          # build/corpus/akn: the whole corpus imported
    .venv/bin/python bench/build_corpus_words.py [--akn DIR] [--out FILE]

A word is kept when it is seen at least ``MIN_COUNT`` times in at least ``MIN_TEXTS`` texts (a
text's own damage never vouches for itself) and carries no damage signature.  The texts whose source
shows an «ه» printed for a space (strayheh.py, read with this lexicon) are left out: the words that
damage makes («القانونه», «صه») would vouch for themselves.  In a text that prints stacked ligatures in
reverse (stacked.py), a word that may be such a print («اخلاصة», «بني») is not counted; and for a real
word a stack's reading would change («بني», «حمل»), the words that follow it in the other texts are kept
as pairs («بني ملال», a space between: no word holds one), which keep it as printed.  Words are counted
as printed, vowel marks and tatweel stripped.  One word and its count per line (tab between),
sorted (the words, then the pairs): the file is deterministic for a given word list to start from (the
gates and the exclusions read the list in place: rebuild the corpus and the list until it stops changing).  Rebuild after a change of the repair stage and commit the data file.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
from collections import Counter
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lawtool.arabic import strip_marks as plain  # noqa: E402
from lawtool.importer.common import AR_WORD  # noqa: E402
from lawtool.importer.ligatures import WORDS_PATH, damage_signatures  # noqa: E402
from lawtool.importer.stacked import REAL_WORD_SEEN, best_stacked, may_be_stacked, stacking  # noqa: E402
from lawtool.importer.strayheh import shows_damage  # noqa: E402

SHARED = Path(os.environ.get("LAWTOOL_SHARED", REPO.parent / "shared"))
MIN_COUNT = 3
MIN_TEXTS = 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--akn", type=Path, default=REPO / "build/corpus/akn")
    parser.add_argument("--out", type=Path, default=WORDS_PATH)
    parser.add_argument("--corpus", type=Path, default=SHARED / "sources/adala/corpus", help="the raw texts")
    args = parser.parse_args()
    files = sorted(args.akn.glob("*.xml"))
    if not files:
        print(f"build_corpus_words: no XML in {args.akn}: run `make corpus-all` first", file=sys.stderr)
        return 2
    counts: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()  # two words in a row, in the texts without stacks
    safe = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    skipped = 0
    for path in files:
        source = args.corpus / f"{path.stem}.txt"
        raw = source.read_text("utf-8", errors="replace") if source.is_file() else ""
        if shows_damage(raw):
            skipped += 1
            continue
        root = etree.parse(str(path), safe).getroot()
        tokens = [plain(m.group(0)) for m in AR_WORD.finditer(" ".join(root.itertext()))]
        words = Counter(tokens)
        kinds = stacking(Counter(AR_WORD.findall(raw)))
        if kinds:
            words = Counter({w: n for w, n in words.items() if not may_be_stacked(w, kinds)})
        else:
            pairs.update(zip(tokens, tokens[1:], strict=False))
        counts.update(words)
        texts.update(words.keys())
    kept = sorted(w for w, n in counts.items() if n >= MIN_COUNT and texts[w] >= MIN_TEXTS and not damage_signatures(w))
    # the pairs that keep a real word a stack's reading would change: «بني ملال» is no «بين ملال»
    # (pairs are counted in the texts without stacks; keys with a space are pairs, never words)
    ambiguous = {w for w in kept if counts[w] >= REAL_WORD_SEEN and best_stacked(w) is not None}
    kept += sorted(f"{a} {b}" for (a, b), n in pairs.items() if a in ambiguous and n >= MIN_COUNT)
    counts.update({f"{a} {b}": n for (a, b), n in pairs.items() if a in ambiguous})
    data = "".join(f"{w}\t{counts[w]}\n" for w in kept).encode("utf-8")
    args.out.write_bytes(gzip.compress(data, mtime=0))
    n_pairs = sum(" " in w for w in kept)
    print(
        f"{len(kept) - n_pairs:,} words and {n_pairs:,} pairs ({len(files) - skipped:,} texts; {skipped} left out) -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
