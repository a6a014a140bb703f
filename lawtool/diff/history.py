"""The versions of a work: the expressions of one folder (its ``*.xml`` files) in date order,
each with the summary of what changed since the one before."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..akn import Document
from ..errors import InputError
from . import diff_documents
from .render import to_json
from .result import DiffResult
from .units import outline


@dataclass
class Version:
    path: str
    frbr: str | None
    date: str | None
    title: str | None
    articles: int
    since_previous: DiffResult | None  # None for the first version

    def to_dict(self) -> dict:
        data: dict[str, Any] = {
            "path": self.path,
            "frbr": self.frbr,
            "date": self.date,
            "title": self.title,
            "articles": self.articles,
            "summary": None,
            "changes": None,
        }
        if self.since_previous is not None:
            result = self.since_previous
            data["summary"] = result.summary()
            data["changes"] = [
                {"status": c.status, "old": [u.number for u in c.old], "new": [u.number for u in c.new]}
                for c in result.changes(containers=False)
            ]
        return data


def history(folder: str | os.PathLike) -> list[Version]:
    """The expressions of ``folder`` (one work) in date order, each diffed against the previous one."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(
            "not a folder", path=str(root), hint="give a work's folder, e.g. bills/ma/bill/2024/digital-violence"
        )
    files = sorted(root.glob("*.xml"))
    if not files:
        raise InputError(
            "no *.xml expression in this folder",
            path=str(root),
            hint="give the folder that holds the work's ara@DATE.xml files",
        )
    documents = [Document.load(f) for f in files]
    works = {d.frbr_work.work_uri() if d.frbr_work else None for d in documents}
    if len(works) > 1:
        raise InputError(
            "the files are not expressions of one work: " + ", ".join(sorted(map(str, works))),
            path=str(root),
            hint="keep one work's expressions per folder",
        )
    documents.sort(key=lambda d: (d.expression_date or "", d.path))
    out: list[Version] = []
    previous = None
    for document in documents:
        result = diff_documents(previous, document, parts=False) if previous is not None else None
        expression = document.frbr_expression
        out.append(
            Version(
                path=document.path,
                frbr=str(expression) if expression else None,
                date=document.expression_date,
                title=document.title,
                articles=len(outline(document).articles),
                since_previous=result,
            )
        )
        previous = document
    return out


def render_history(versions: list[Version], fmt: str) -> str:
    if fmt == "json":
        return to_json({"schema": "lawtool.history/1", "versions": [v.to_dict() for v in versions]})
    lines = []
    for v in versions:
        lines.append(f"{v.date or '?'}  {v.frbr or v.path}  ({v.articles} articles)")
        if v.since_previous is not None:
            summary = v.since_previous.summary()
            lines.append(
                "    "
                + ", ".join(f"{k}: {n}" for k, n in summary.items() if n and k != "unchanged")
                + f"  (unchanged: {summary['unchanged']})"
            )
            for c in v.since_previous.changes(containers=False):
                old = ", ".join(u.number or "?" for u in c.old) or "—"
                new = ", ".join(u.number or "?" for u in c.new) or "—"
                lines.append(f"      {c.status:<11} {old} → {new}")
    return "\n".join(lines) + "\n"
