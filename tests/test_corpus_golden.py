"""The importer on corpus texts annotated by hand before it was tuned (tests/data/corpus_golden/).

Each golden file lists, as a reader sees them, the text's own articles in file order, the
promulgating dahir's own articles and its kind.  The importer must build exactly those, or say
where it could not (an ``article-count`` or ``no-article`` finding): never silently wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO, SHARED

from lawtool.importer import import_text

GOLDEN = sorted((REPO / "tests/data/corpus_golden").glob("*.yaml"))
CORPUS = SHARED / "sources/adala/corpus"
# Share of the golden texts whose articles the importer must build exactly (the rest: a finding).
MIN_EXACT = 0.80


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def _imported(golden: dict):
    """The import and its articles in document order: the promulgating dahir's, the text's own,
    then those of its attachments (quoted articles excepted)."""
    text = (CORPUS / golden["source"]).read_text("utf-8")
    document, report = import_text(text, None, source_name=golden["source"])
    articles = [a.get("eId").rsplit("art_", 1)[1] for a in document.articles(include_promulgation=True)]
    return document, report, articles


def _read(golden: dict) -> list[str]:
    """The same list, as the annotator read it."""
    numbers = list(golden.get("promulgation_articles") or []) + list(golden["articles"])
    for annex in golden.get("attachments") or []:
        numbers += annex.get("articles") or []
    return [str(n) for n in numbers]


def _says_where(report) -> bool:
    return any(
        (f.rule in ("article-count", "no-article") or f.rule.startswith("numbering-")) and f.severity != "info"
        for f in report.findings
    )


def test_the_golden_set_covers_the_kinds():
    kinds = {_load(p)["kind"] for p in GOLDEN}
    assert len(GOLDEN) >= 60
    assert {"dahir-law", "promulgated-law", "decree", "order", "treaty", "amending-law"} <= kinds


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_golden_text_is_built_as_read_or_says_where(path):
    golden = _load(path)
    _, report, built = _imported(golden)
    expected = _read(golden)
    if built != expected:
        assert _says_where(report), (
            f"{golden['source']}: built {built[:12]}…, read {expected[:12]}… and the import said nothing"
        )
    assert built or not expected, "a text whose source has articles imported with none"


def test_most_golden_texts_are_built_exactly():
    misses = [golden["source"] for golden in map(_load, GOLDEN) if _imported(golden)[2] != _read(golden)]
    exact = len(GOLDEN) - len(misses)
    assert exact / len(GOLDEN) >= MIN_EXACT, f"{exact}/{len(GOLDEN)} exact; misses: {misses}"
