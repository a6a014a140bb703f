"""The public library API (issue 18): `lawtool.__all__`, loaded on first use, each name documented in
docs/library.md (whose examples tests/test_docs_examples.py runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import lawtool

REPO = Path(__file__).resolve().parents[1]
PUBLIC = [name for name in lawtool.__all__ if name != "__version__"]


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_is_the_object_of_its_stage(name):
    value = getattr(lawtool, name)
    assert callable(value)
    assert value.__module__.startswith("lawtool.")
    assert f"`{name}`" in (REPO / "docs/library.md").read_text(encoding="utf-8")


def test_a_public_name_is_never_shadowed_by_a_submodule():
    """«publish» would be: once lawtool.publish is imported, the package's attribute is the module."""
    import lawtool.publish  # noqa: F401 - the import is the test

    assert callable(lawtool.publish_site) and hasattr(lawtool.publish, "__path__") is not False
    submodules = {p.stem for p in Path(lawtool.__file__).parent.iterdir() if p.suffix == ".py" or p.is_dir()}
    assert not set(PUBLIC) & submodules


def test_importing_lawtool_loads_no_stage():
    code = "import sys, lawtool; print(sorted(m for m in sys.modules if m.startswith('lawtool.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
    code = "import sys; from lawtool import diff_documents; print('lawtool.publish' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        lawtool.no_such_name  # noqa: B018 - the access is the test


def test_all_is_the_table_of_homes():
    assert sorted(PUBLIC) == sorted(lawtool._HOME)
