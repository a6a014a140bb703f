"""The longest prison term an article can lead to, and the claims made from it.

An article's *ceiling* is the longest maximum among its principal penalty, its aggravations
(«تضاعف العقوبة», 447-3 attached to 447-1 ...) and its cases («في الحالة المنصوص عليها في
الفقرة الثانية من الفصل 403، السجن المؤبد», a case «×2» of an article whose own range is read),
each with its *basis* (which part of which article gives it).  Life imprisonment counts as
longer than any term.  Articles of the general part (``part: general``) set no offence's
penalty and are left out of the claims.
"""

from __future__ import annotations

from typing import Any

from .penalties import Penalty

LIFE = 10**6


def _days(prison: dict | None) -> int | None:
    if not prison:
        return None
    return LIFE if prison.get("life") else prison.get("max_days")


def _doubled(prison: dict | None, factor: int) -> dict | None:
    if not prison or prison.get("life") or prison.get("max_days") is None:
        return prison
    return dict(prison, min_days=(prison.get("min_days") or 0) * factor, max_days=prison["max_days"] * factor)


def _case_prison(case: dict, lookup: dict[str, Penalty]) -> dict | None:
    if case.get("prison"):
        return case["prison"]
    if case.get("factor"):
        prisons = [
            prison.to_dict() for a in case.get("refers_to") or [] if a in lookup and (prison := lookup[a].prison)
        ]
        best = max(prisons, key=lambda prison: _days(prison) or 0, default=None)
        return _doubled(best, case["factor"]) if best else None
    return None


def candidates(p: Penalty, lookup: dict[str, Penalty]) -> list[dict]:
    """Every prison range the article can lead to, with its basis."""
    out: list[dict[str, Any]] = []
    if p.prison:
        out.append({"prison": p.prison.to_dict(), "via": "principal", "source": p.article})
    for a in p.aggravations:
        if a.get("prison"):
            out.append(
                {
                    "prison": a["prison"],
                    "via": "aggravation",
                    "source": a.get("source") or p.article,
                    "condition": a.get("condition") or [],
                }
            )
    for c in p.cases:
        prison = _case_prison(c, lookup)
        if prison:
            out.append(
                {
                    "prison": prison,
                    "via": "case",
                    "source": p.article,
                    "refers_to": c.get("refers_to") or [],
                    "paragraph": c.get("paragraph"),
                    "factor": c.get("factor"),
                }
            )
    return out


def ceiling(p: Penalty, lookup: dict[str, Penalty]) -> dict | None:
    """The longest maximum of the article (``days``: LIFE for life imprisonment) and its basis."""
    best = max(candidates(p, lookup), key=lambda c: _days(c["prison"]) or 0, default=None)
    return dict(best, article=p.article, eid=p.eid, days=_days(best["prison"])) if best else None


def ceilings(entries: list[Penalty], work: str, articles: set[str] | None = None) -> list[dict]:
    """The ceilings of a work's offences (special part), longest first; ``articles`` keeps only those."""
    mine = [p for p in entries if p.work == work and p.part == "special"]
    lookup = {p.article: p for p in mine}
    rows = [ceiling(p, lookup) for p in mine if articles is None or p.article in articles]
    return sorted((r for r in rows if r), key=lambda r: (-r["days"], r["article"]))


def touched_articles(entries: list[Penalty], acts: set[str]) -> dict[str, set[str]]:
    """work → numbers of its articles that an act among the sources inserts or rewrites (quotes)."""
    out: dict[str, set[str]] = {}
    for p in entries:
        if p.document in acts and p.work != p.document.rsplit("/", 1)[0]:
            out.setdefault(p.work, set()).add(p.article)
    return out
