"""Export → import is a fixed point: importing the exported text gives back the same structure and
text, on every document of the corpus."""

from pathlib import Path

import pytest

from lawtool.akn import Document, local_name, text_of
from lawtool.export import to_text
from lawtool.importer import import_text

REPO = Path(__file__).resolve().parents[1]
DOCS = sorted(p.relative_to(REPO) for top in ("law", "bills") for p in (REPO / top).rglob("*.xml"))


def shape(document: Document) -> list[tuple]:
    """The structure and text of the body: (kind, eId, num, heading, text) of every element."""
    rows = []
    for el in document.body.iter():
        if not isinstance(el.tag, str):
            continue
        name = local_name(el)
        if name in ("p", "num", "heading", "subheading", "docTitle"):
            rows.append((name, text_of(el)))
        elif el.get("eId"):
            rows.append((name, el.get("eId")))
    return rows


@pytest.mark.parametrize("path", DOCS, ids=str)
def test_export_import_fixed_point(path):
    document = Document.load(REPO / path)
    text = to_text(document)
    # The exported text is clean: imported as such (``lawtool import --no-repair``).
    again, _ = import_text(
        text,
        document.frbr_expression,
        doctype=document.doctype,
        work_date=document.work_date,
        title=document.title,
        repair=False,
    )
    assert shape(again) == shape(document)
    assert to_text(again) == text
