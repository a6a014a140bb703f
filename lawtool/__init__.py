"""lawtool: legislative drafting and comparison on Akoma Ntoso 3.0, Arabic first.

The public library API is the names of ``__all__`` (docs/library.md shows each in use).  They are
loaded on first use, so that ``import lawtool`` and ``lawtool --help`` stay light:
``from lawtool import diff_documents`` imports the diff stage only.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name → the module that defines it («module:attribute» when the names differ)
_HOME = {
    # documents, identifiers, errors, findings
    "Document": "lawtool.akn",
    "Corpus": "lawtool.corpus",
    "FrbrUri": "lawtool.frbr",
    "LawtoolError": "lawtool.errors",
    "Finding": "lawtool.findings",
    # import
    "import_text": "lawtool.importer",
    "import_all": "lawtool.corpus_import",
    "build_corpus": "lawtool.recipes",
    # validate
    "validate_document": "lawtool.validate",
    "validate_file": "lawtool.validate",
    # diff and compare with the law in force
    "diff_documents": "lawtool.diff",
    "compare": "lawtool.diff.compare",
    # export
    "to_text": "lawtool.export",
    "to_markdown": "lawtool.export",
    # amendments
    "load_amendments": "lawtool.amend",
    "check_collisions": "lawtool.amend",
    "apply_amendments": "lawtool.amend",
    # citations
    "extract_text": "lawtool.xref",
    "extract_document": "lawtool.xref",
    # definitions, gaps, penalties
    "find_definitions": "lawtool.gaps.definitions",
    "gap_report": "lawtool.gaps.report",
    "load_sources": "lawtool.gaps.report",
    # the site («publish» itself is the subpackage lawtool.publish)
    "publish_site": "lawtool.publish:publish",
}

__all__ = [
    "Corpus",
    "Document",
    "Finding",
    "FrbrUri",
    "LawtoolError",
    "apply_amendments",
    "build_corpus",
    "check_collisions",
    "compare",
    "diff_documents",
    "extract_document",
    "extract_text",
    "find_definitions",
    "gap_report",
    "import_all",
    "import_text",
    "load_amendments",
    "load_sources",
    "publish_site",
    "to_markdown",
    "to_text",
    "validate_document",
    "validate_file",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'lawtool' has no attribute {name!r}")
    module, _, attribute = module.partition(":")
    value = getattr(import_module(module), attribute or name)
    globals()[name] = value  # the next access does not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from lawtool.akn import Document
    from lawtool.amend import apply_amendments, check_collisions, load_amendments
    from lawtool.corpus import Corpus
    from lawtool.corpus_import import import_all
    from lawtool.diff import diff_documents
    from lawtool.diff.compare import compare
    from lawtool.errors import LawtoolError
    from lawtool.export import to_markdown, to_text
    from lawtool.findings import Finding
    from lawtool.frbr import FrbrUri
    from lawtool.gaps.definitions import find_definitions
    from lawtool.gaps.report import gap_report, load_sources
    from lawtool.importer import import_text
    from lawtool.publish import publish as publish_site
    from lawtool.recipes import build_corpus
    from lawtool.validate import validate_document, validate_file
    from lawtool.xref import extract_document, extract_text
