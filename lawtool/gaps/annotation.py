"""A hand annotation of the coverage (tests/data/coverage_truth.yaml) against the suggestions.

The annotation is a YAML ``{texts: {key: expression URI}, cells: {concept: {key: {kinds,
articles, phrase, borderline, note}}}}``.  It is a yardstick, not a review: a cell becomes
``confirmed`` or ``rejected`` only through reports/reviews.yaml, where a person signs.  Every
cell where the suggestion and the annotation differ (presence, letters or borderline) is
listed *to review*; :func:`agreement` gives the figures the tests check.
"""

from __future__ import annotations

from pathlib import Path

from ..yaml_input import read_yaml_file


def load_annotation(path: str | Path | None) -> dict[tuple[str, str], dict]:
    """(concept, expression URI) → annotated cell."""
    if path is None:
        return {}

    data = read_yaml_file(path, what="a hand annotation of concepts", missing_hint="give the annotation YAML") or {}
    texts = data.get("texts") or {}
    return {
        (concept, texts[key]): cell
        for concept, per_text in (data.get("cells") or {}).items()
        for key, cell in per_text.items()
        if key in texts
    }


def _norm(kinds: str) -> str:
    return "".join(ch for ch in "DCP" if ch in (kinds or ""))


def differs(cell: dict, annotated: dict) -> list[str]:
    """What differs: "presence", "kinds", "borderline" (empty when they agree)."""
    mine, theirs = _norm(cell.get("kinds", "")), _norm(annotated.get("kinds", ""))
    if bool(mine) != bool(theirs):
        return ["presence"]
    out = ["kinds"] if mine != theirs else []
    if mine and bool(cell.get("borderline")) != bool(annotated.get("borderline")):
        out.append("borderline")
    return out


def to_review(matrix: list[dict], annotation: dict[tuple[str, str], dict]) -> list[dict]:
    """Every cell where the suggestion and the annotation differ and no person has decided."""
    out = []
    for row in matrix:
        for document, cell in row["documents"].items():
            annotated = annotation.get((row["concept"], document))
            if annotated is None or cell.get("review") != "suggested":
                continue
            what = differs(cell, annotated)
            if what:
                out.append(
                    {
                        "concept": row["concept"],
                        "document": document,
                        "differs": what,
                        "suggested": {
                            "kinds": cell["kinds"],
                            "borderline": cell["borderline"],
                            "articles": cell["articles"],
                        },
                        "annotated": {
                            "kinds": _norm(annotated.get("kinds", "")),
                            "borderline": bool(annotated.get("borderline")),
                            "articles": annotated.get("articles", []),
                        },
                    }
                )
    return out


def agreement(matrix: list[dict], annotation: dict[tuple[str, str], dict]) -> dict:
    """Cells compared; presence, exact letters and borderline agreement (percent, one decimal)."""
    cells = [
        (cell, annotation[(row["concept"], doc)])
        for row in matrix
        for doc, cell in row["documents"].items()
        if (row["concept"], doc) in annotation
    ]
    n = len(cells) or 1
    presence = sum("presence" not in differs(c, a) for c, a in cells)
    kinds = sum(_norm(c.get("kinds", "")) == _norm(a.get("kinds", "")) for c, a in cells)
    both = [(c, a) for c, a in cells if c.get("kinds") and a.get("kinds")]
    border = sum(bool(c.get("borderline")) == bool(a.get("borderline")) for c, a in both)
    return {
        "cells": len(cells),
        "presence_pct": round(100 * presence / n, 1),
        "kinds_pct": round(100 * kinds / n, 1),
        "borderline_pct": round(100 * border / (len(both) or 1), 1),
    }
