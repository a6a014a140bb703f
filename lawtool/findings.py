"""One finding: what a check found, where, and what to do — the same value for every stage.

The importer's self-checks, validate, xref check, the gap rules, collisions and the consistency
report all produce ``Finding`` values; one renderer prints them for the terminal, for JSON and
for the site.  A finding points at a place: the file, the FRBR URI, the eId and/or the line.
Its message exists in English (the CLI) and, where the site shows it, in Arabic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    rule: str  # a short name: "article-count", "numbering-gap", "schema" ...
    severity: str  # "error" | "warning" | "info"
    eid: str | None
    message: str  # English
    line: int | None = None  # 1-based line of the source (the raw text for the importer)
    file: str | None = None
    frbr_uri: str | None = None
    message_ar: str | None = None  # Arabic, for the site
    hint: str | None = None  # what to do
    evidence: tuple | None = None  # the places and values behind it (both places of a consistency finding)
    target: str | None = None  # what the finding's place points at (a reference's href)

    def place(self) -> str:
        """The eId, else the line, else ""."""
        return self.eid or (str(self.line) if self.line else "")

    def to_dict(self) -> dict:
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "eid": self.eid,
            "message": self.message,
            "line": self.line,
        }
        for key in ("file", "frbr_uri", "message_ar", "hint", "target"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.evidence is not None:
            data["evidence"] = list(self.evidence)
        return data

    def render(self, path: str | None = None) -> str:
        """``file:place: severity: rule: message — hint``, one line."""
        path = path or self.file or ""
        place = self.place()
        where = f"{path}:{place}" if path and place else (path or place)
        text = (
            f"{where}: {self.severity}: {self.rule}: {self.message}"
            if where
            else f"{self.severity}: {self.rule}: {self.message}"
        )
        return text + (f" — {self.hint}" if self.hint else "")


def worst(findings) -> str | None:
    """The most severe severity among ``findings`` (None when there are none)."""
    present = {f.severity for f in findings}
    return next((s for s in SEVERITIES if s in present), None)
