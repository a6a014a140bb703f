"""Precision and recall of citation detection and resolution on the hand-annotated set
(tests/data/xref/annotations.yaml; how it was made and what counts is written at its top).

One item is one cited work and one article (or one law cited by number); a passage's items are
compared as sets.  Run ``pytest tests/test_xref_eval.py -s`` to see the figures and every miss.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from lawtool.akn import Document
from lawtool.works import work_by_uri
from lawtool.xref import ArticleIndex, extract_document, extract_text
from lawtool.xref.sources import text_articles

REPO = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO / "tests/data/xref/annotations.yaml"
PC, CPP = "/akn/ma/act/1962/1-59-413", "/akn/ma/act/2002/22-01"
RAW_CODES = {PC: "penal-code.consolidated-2024-08-22.ar.txt", CPP: "criminal-procedure.consolidated-2025-09-08.ar.txt"}
MIN_PRECISION, MIN_RECALL = 0.98, 0.97


def item_key(citation) -> list[tuple[str, str | None]]:
    phrase = citation.mention.work if citation.mention is not None else None
    if citation.kind == "law" and phrase is not None and phrase.kind != "number":
        return []  # a code named without number or article: this set does not count them
    number = (citation.cited_law or {}).get("number")
    if citation.internal:
        work = "self"
    elif citation.work and work_by_uri(citation.work) is None and number:
        work = f"?{number}"  # a text of the names table: this set keys laws outside the registry by number
    elif citation.work:
        work = citation.work
    else:
        number = (citation.cited_law or {}).get("number")
        work = f"?{number}" if number else "?"
    if citation.kind == "law":
        return [(work, None)]
    return [(work, n) for n in citation.articles]


def expected_items(passage) -> set[tuple[str, str | None]]:
    out = set()
    for c in passage["citations"]:
        articles = c.get("articles")
        if not articles:
            out.add((c["work"], None))
        else:
            out.update((c["work"], a) for a in articles)
    return out


@pytest.fixture(scope="module")
def annotations():
    return yaml.safe_load(ANNOTATIONS.read_text(encoding="utf-8"))["passages"]


@pytest.fixture(scope="module")
def corpus(shared):
    index = ArticleIndex.from_root(REPO)
    for uri, name in RAW_CODES.items():
        if index.get(uri) is None:  # law/ not built yet: the codes' headings from the raw texts
            index.add_articles(text_articles(uri, (shared / "sources/adala" / name).read_text(encoding="utf-8")))
    return index


def evaluate(passages, shared: Path, corpus) -> dict:
    cache: dict[str, list] = {}

    def citations(source: str):
        if source not in cache:
            where, path = source.split(":", 1)
            if where == "adala":
                cache[source] = extract_text(
                    (shared / "sources/adala" / path).read_text(encoding="utf-8"), corpus=corpus
                )
            else:
                cache[source] = extract_document(Document.load(REPO / path), corpus)
        return cache[source]

    tp = fp = fn = 0
    misses = []
    for passage in passages:
        found = citations(passage["file"])
        if "lines" in passage:
            a, b = passage["lines"]
            got_citations = [c for c in found if a <= c.line <= b]
        else:
            got_citations = [c for c in found if c.eid == passage["eid"]]
        got = {k for c in got_citations for k in item_key(c)}
        want = expected_items(passage)
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        if got != want:
            misses.append((passage["id"], sorted(got - want, key=str), sorted(want - got, key=str)))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "misses": misses}


def test_passages_match_their_sources(annotations, shared):
    for passage in annotations:
        if "lines" not in passage:
            continue
        path = shared / "sources/adala" / passage["file"].split(":", 1)[1]
        lines = path.read_text(encoding="utf-8").split("\n")
        a, b = passage["lines"]
        assert "\n".join(lines[a - 1 : b]) == passage["text"], f"{passage['id']}: the source changed"


def test_annotation_set_is_large_enough(annotations):
    files = Counter(p["file"] for p in annotations)
    laws = [f for f in files if f.startswith("adala:laws/")]
    assert len(laws) == 12 and sum(files[f] for f in laws) >= 40
    assert sum(len(expected_items(p)) for p in annotations) >= 300


def test_precision_and_recall(annotations, shared, corpus):
    result = evaluate(annotations, shared, corpus)
    heldout = evaluate([p for p in annotations if p.get("set", "").startswith("heldout")], shared, corpus)
    report = "\n".join(f"  {pid}: extra {extra} missing {missing}" for pid, extra, missing in result["misses"])
    print(
        f"\nxref gold set: precision {result['precision']:.4f}, recall {result['recall']:.4f} "
        f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']}); held-out part: precision "
        f"{heldout['precision']:.4f}, recall {heldout['recall']:.4f} (tp {heldout['tp']}, fp {heldout['fp']}, "
        f"fn {heldout['fn']})\n{report}"
    )
    assert result["precision"] >= MIN_PRECISION, report
    assert result["recall"] >= MIN_RECALL, report
