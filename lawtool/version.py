"""What a cache of lawtool's results is keyed on besides its inputs: lawtool's own code and data."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_key() -> str:
    """A hash of lawtool's version and of every file of its code and data (read once per process):
    a cached result made by another lawtool, even one function changed, is never reused."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if (
            path.suffix in (".py", ".yaml", ".json", ".txt", ".gz", ".xsd", ".js", ".css")
            and path.is_file()
            and "__pycache__" not in path.parts
        ):
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
