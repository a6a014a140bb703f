"""Precision and recall of law-to-law citations on the blind hand annotation of 60 corpus texts
(tests/data/xref_law_annotation/, scored by bench/xref_law_eval.py exactly as that script does).

The floors are the figures reached (docs/xref.md); a change that lowers them fails here.  The ten
texts annotated last (``set: fresh-2026-12-06``) were annotated before any tuning on them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MIN_PRECISION, MIN_RECALL = 0.97, 0.955  # all pairs
MIN_CORE_PRECISION, MIN_CORE_RECALL = 0.955, 0.94  # without the inside of ranges
MIN_FRESH_PRECISION, MIN_FRESH_RECALL = 0.97, 0.97  # the ten texts annotated last


def _scorer():
    spec = importlib.util.spec_from_file_location("xref_law_eval", REPO / "bench/xref_law_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _totals(results) -> dict:
    hits = sum(r["hits"] for r in results)
    gold = sum(r["gold"] for r in results)
    found = hits + sum(r["false_positive_count"] for r in results)
    core_hits = sum(r["core"]["hits"] for r in results)
    core_gold = sum(r["core"]["gold"] for r in results)
    core_found = core_hits + sum(r["core"]["false_positives"] for r in results)
    return {
        "precision": hits / found,
        "recall": hits / gold,
        "core_precision": core_hits / core_found,
        "core_recall": core_hits / core_gold,
    }


@pytest.fixture(scope="module")
def scored(shared):
    from lawtool.xref import ArticleIndex

    scorer = _scorer()
    corpus = ArticleIndex.from_root(REPO)
    out = []
    for ann in scorer.load_annotations():
        citations = scorer.detect(shared / "sources/adala/corpus" / ann["source"], corpus)
        out.append((ann, scorer.score_file(ann, citations)))
    return out


def test_the_annotation_is_at_least_sixty_texts(scored):
    assert len(scored) >= 60
    assert sum(1 for ann, _ in scored if ann.get("set") == "fresh-2026-12-06") >= 10


def test_precision_and_recall_floors(scored):
    t = _totals([r for _, r in scored])
    print(
        f"\nlaw-to-law citations: precision {t['precision']:.3f} recall {t['recall']:.3f}; without the inside "
        f"of ranges {t['core_precision']:.3f} / {t['core_recall']:.3f}"
    )
    assert t["precision"] >= MIN_PRECISION and t["recall"] >= MIN_RECALL, t
    assert t["core_precision"] >= MIN_CORE_PRECISION and t["core_recall"] >= MIN_CORE_RECALL, t


def test_fresh_texts_floor(scored):
    t = _totals([r for ann, r in scored if ann.get("set") == "fresh-2026-12-06"])
    assert t["precision"] >= MIN_FRESH_PRECISION and t["recall"] >= MIN_FRESH_RECALL, t
