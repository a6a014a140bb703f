"""The official journal's running head at the top of each page (importer/furniture.py) is page
furniture, not a line of the law."""

from __future__ import annotations

import pytest
from conftest import SHARED

from lawtool.importer import import_text

CORPUS = SHARED / "sources/adala/corpus"


def _texts(document) -> list[str]:
    """Every paragraph and table cell of the document, as read."""
    return [" ".join("".join(el.itertext()).split()) for el in document.main.iter("{*}p", "{*}td", "{*}th")]


@pytest.mark.usefixtures("shared")
@pytest.mark.parametrize(
    ("name", "heads"),
    [
        # «الجريدة الرسمية» and «عدد 28 - 7154 7154وألا ىدامج ...» (its date in reversed letters) on
        # every page of the 2023 finance law's issue: 116 and 114 times
        ("ma-adala-finance-laws-188.txt", 230),
        # «عدد - 7020 ...»: the issue number without its number before the dash
        ("ma-adala-legal-profession-15.txt", 238),
    ],
)
def test_the_journal_s_running_head_is_no_line_of_the_law(name, heads):
    document, report = import_text((CORPUS / name).read_text("utf-8"), None, source_name=name)
    assert report.repairs["running-head"] == heads
    texts = _texts(document)
    assert "الجريدة الرسمية" not in texts
    assert not any(t.startswith("عدد") and ("ىدامج" in t or "حتافحتاف" in t) for t in texts)


def test_a_line_printed_a_few_times_is_kept():
    # a text's own «الجريدة الرسمية» on a line of its own, fewer times than a running head
    text = "\n".join(["المادة 1", "ينشر هذا القرار بالجريدة", "الجريدة الرسمية", "المادة 2", "يعمل به."] * 2)
    document, report = import_text(text, None, source_name="t.txt")
    assert "running-head" not in report.repairs
    assert _texts(document).count("الجريدة الرسمية") == 2
