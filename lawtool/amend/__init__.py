"""Amendments: a YAML format people write by hand, checked for collisions, applied to make the
next expression of a bill, worded in Moroccan legislative Arabic and in French, exported to and
imported from Akoma Ntoso ``amendment`` documents, and made from the difference of two versions.

    from lawtool.akn import Document
    from lawtool.amend import load_amendments, check_collisions, apply_amendments
    bill = Document.load("bills/ma/bill/2024/digital-violence/ara@2024-12-10.xml")
    amendments = load_amendments(paths)
    check_collisions(bill, amendments).to_dict()     # {"collisions": [...], "order": [...]}
    apply_amendments(bill, amendments, date="2025-02-18").document.save(path)

Modules, in the order of the data's way: ``model`` (the format, safe loading, the JSON Schema),
``content`` (new text ↔ AKN elements), ``resolve`` (eIds → elements, word matches),
``collisions``, ``apply``, ``wording``, ``akn`` (export/import), ``fromdiff``.
"""

from __future__ import annotations

from .akn import from_akn, to_akn
from .apply import ApplyResult, apply_amendments, select
from .collisions import KINDS, CheckResult, Collision, check_collisions
from .fromdiff import from_diff
from .model import (
    SCHEMA,
    STATUSES,
    Amendment,
    Operation,
    dump_amendment,
    dump_amendments,
    load_amendment,
    load_amendments,
    load_file,
    parse_amendment,
)
from .wording import Instruction, instructions

__all__ = [
    "Amendment",
    "Operation",
    "SCHEMA",
    "STATUSES",
    "load_amendment",
    "load_amendments",
    "load_file",
    "parse_amendment",
    "dump_amendments",
    "dump_amendment",
    "check_collisions",
    "CheckResult",
    "Collision",
    "KINDS",
    "apply_amendments",
    "ApplyResult",
    "select",
    "instructions",
    "Instruction",
    "to_akn",
    "from_akn",
    "from_diff",
]
