"""Every input a fuzzer made crash is replayed here for ever: it must give a result or a clear
LawtoolError, never another exception.  Inputs live in tests/data/fuzz/<target>/ (fuzz/README.md)."""
from pathlib import Path

import pytest

from lawtool.errors import LawtoolError
from lawtool.frbr import FrbrUri
from lawtool.importer import import_text

DATA = Path(__file__).parent / "data/fuzz"
URI = FrbrUri.parse("/akn/ma/act/2018/1-18/ara@2018-01-01")


@pytest.mark.parametrize("path", sorted((DATA / "importer").glob("*")), ids=lambda p: p.name)
def test_importer_regressions(path):
    text = path.read_bytes().decode("utf-8", errors="replace")
    try:
        document, _ = import_text(text, URI)
        document.to_bytes()
    except LawtoolError as error:
        assert str(error)


@pytest.mark.parametrize("path", sorted((DATA / "xref").glob("*")), ids=lambda p: p.name)
def test_xref_regressions(path):
    from lawtool.xref import extract_text
    text = path.read_bytes().decode("utf-8", errors="replace")
    try:
        extract_text(text, uri="/akn/ma/act/2018/1-18")
    except LawtoolError as error:
        assert str(error)
