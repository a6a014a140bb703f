import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAWTOOL_SHARED", REPO.parent / "shared"))
# Pinned for the whole session: tests that copy the repository into a temporary folder (where
# ``../shared`` does not exist) still find the shared folder, as CI's clean clone does.
os.environ.setdefault("LAWTOOL_SHARED", str(SHARED.resolve()))


@pytest.fixture(scope="session")
def shared() -> Path:
    assert SHARED.is_dir(), f"the shared folder is missing: {SHARED} (set LAWTOOL_SHARED)"
    return SHARED


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="module")
def v2():
    """Version 2 of the digital-violence bill (each test module gets its own copy)."""
    from lawtool.akn import Document

    return Document.load(REPO / "bills/ma/bill/2024/digital-violence/ara@2024-12-10.xml")
