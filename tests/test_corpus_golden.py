"""The importer on corpus texts annotated by hand before it was tuned (tests/data/corpus_golden/).

Each golden file lists, as a reader sees them, the text's own articles in file order, the
promulgating dahir's own articles and its kind.  The importer must build exactly those, or say
where it could not (an ``article-count`` or ``no-article`` finding): never silently wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lawtool.importer import import_text

from conftest import REPO, SHARED

GOLDEN = sorted((REPO / "tests/data/corpus_golden").glob("*.yaml"))
CORPUS = SHARED / "sources/adala/corpus"
# Share of the golden texts whose articles the importer must build exactly (the rest: a finding).
MIN_EXACT = 0.85


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def _imported(golden: dict):
    text = (CORPUS / golden["source"]).read_text("utf-8")
    document, report = import_text(text, None, source_name=golden["source"])
    own, dahir = [], []
    for article in document.articles(include_promulgation=True):
        eid = article.get("eId")
        if not eid.startswith("att_"):
            (dahir if eid.startswith("promulgation__") else own).append(eid.split("art_", 1)[1])
    return document, report, own, dahir


def _says_where(report) -> bool:
    return any((f.rule in ("article-count", "no-article") or f.rule.startswith("numbering-")) and f.severity != "info"
               for f in report.findings)


def test_the_golden_set_covers_the_kinds():
    kinds = {_load(p)["kind"] for p in GOLDEN}
    assert len(GOLDEN) >= 60
    assert {"dahir-law", "promulgated-law", "decree", "order", "treaty", "amending-law"} <= kinds


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_golden_text_is_built_as_read_or_says_where(path):
    golden = _load(path)
    _, report, own, dahir = _imported(golden)
    expected = [str(n) for n in golden["articles"]]
    if own != expected or (golden.get("promulgation_articles") and dahir != [str(n) for n in golden["promulgation_articles"]]):
        assert _says_where(report), (f"{golden['source']}: built {own[:12]}…, read {expected[:12]}… "
                                     "and the import said nothing")
    assert own or not expected, "a text whose source has articles imported with none"


def test_most_golden_texts_are_built_exactly():
    exact = 0
    misses = []
    for path in GOLDEN:
        golden = _load(path)
        _, _, own, _ = _imported(golden)
        if own == [str(n) for n in golden["articles"]]:
            exact += 1
        else:
            misses.append(golden["source"])
    assert exact / len(GOLDEN) >= MIN_EXACT, f"{exact}/{len(GOLDEN)} exact; misses: {misses}"
