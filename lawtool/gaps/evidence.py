"""One coverage cell (a concept in a document) with its evidence, and the reviews of cells.

A cell::

    {"kinds": "DC", "articles": ["12", "37 → 447-4"], "phrase": "<the text's own words>",
     "borderline": false, "why": "", "review": "suggested",
     "status": "criminalised", "evidence": ["art_12__para_1"], "matches": {"defined": [...], ...}}

``kinds`` are the letters that hold: D the text defines it (a definition, or an offence named
and defined where it is punished), C an article with a penalty covers it, P another provision
does; "" absent.  A concept is present only through a paragraph holding all its elements
(:mod:`lawtool.gaps.elements`); a generic provision (a ``borderline`` rule, or a concept without
elements found by its checklist words alone) makes it ``borderline``, never present.  ``review``
is ``suggested`` until a person decides (reports/reviews.yaml): ``confirmed`` or ``rejected``
(a rejected cell keeps its suggestion under ``suggested`` and takes the reviewer's kinds, "" by
default).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from pathlib import Path

from ..errors import InputError
from ..yaml_input import read_yaml_file
from .elements import Concept, Paragraph, Rule
from .sources import Source, Unit

STATUS = {"D": "defined", "C": "criminalised", "P": "provided"}
DECISIONS = ("confirmed", "rejected")

# the reasons a cell is borderline that are not a rule's own (the reports keep them in English, the
# site shows them in Arabic: ``why_ar``)
NOT_DEFINED = "not defined: only an element of other provisions"
WORDS_ONLY = "checklist words only"
WORDS_ONLY_CELL = "checklist words only: no elements for this concept"
FIXED_REASONS_AR = {
    NOT_DEFINED: "غير معرَّف: مجرد عنصر في أحكام أخرى",
    WORDS_ONLY: "كلمات قائمة المفاهيم وحدها",
    WORDS_ONLY_CELL: "كلمات قائمة المفاهيم وحدها: لا عناصر مدونة لهذا المفهوم",
}
UNKNOWN_REASON_AR = "حكم عام لا يستوفي كل عناصر المفهوم"


def article_ref(unit: Unit) -> str:
    """«17», or «37 → 447-1» for an article a text quotes (inserts or rewrites)."""
    number = unit.number or unit.eid
    if not unit.quoted:
        return number
    host = unit.eid.split("__")[0].removeprefix("art_")
    return f"{host} → {number}"


class Whole:
    """The words of a whole article, made on first use (only rules with ``article: true`` need them)."""

    def __init__(self, unit: Unit):
        self.unit = unit
        self._par: Paragraph | None = None

    def get(self) -> Paragraph:
        if self._par is None:
            self._par = Paragraph(self.unit.text)
        return self._par


def paragraphs(source: Source) -> list[tuple[Unit, str, Paragraph, Whole]]:
    """(unit, eId, the paragraph's words, the whole article's words) of every paragraph of the
    source's provisions, computed once."""
    cached = source.evidence_paragraphs
    if cached is None:
        cached = []
        for unit in (u for u in source.units if u.provision):
            whole = Whole(unit)
            cached += [(unit, b.eid, Paragraph(b.text), whole) for b in unit.blocks]
        source.evidence_paragraphs = cached
    return cached


def _index(source: Source) -> dict[str, set[int]]:
    """prefix → indexes of the paragraphs holding a word that starts with it, computed once."""
    index = source.evidence_index
    if index is None:
        index = {}
        for i, (_, _, par, _) in enumerate(paragraphs(source)):
            for key in par.prefixes:
                index.setdefault(key, set()).add(i)
        source.evidence_index = index
    return index


def candidates(source: Source, rule: Rule) -> list[int]:
    """Indexes of the paragraphs that may hold the rule (of every paragraph of an article that may,
    for an article rule): each element has an alternative all of whose words are there."""
    index, pars = _index(source), paragraphs(source)
    found: set[int] | None = None
    for element in rule.elements:
        here: set[int] = set()
        for alt in element:
            sets = [index.get(k, set()) for k in alt.keys]
            here |= set.intersection(*sets) if sets else set()
        if rule.article:
            here = {id(pars[i][0]) for i in here}
        found = here if found is None else found & here
    if rule.article:
        return [i for i, p in enumerate(pars) if id(p[0]) in (found or ())]
    return sorted(found or ())


def _definition_forms(source: Source) -> dict[str, str]:
    return {d.eid: d.form for d in source.definitions if d.eid}


def _letters(rule: Rule, unit: Unit, eid: str, defs: dict[str, str], concept: Concept, named: AbstractSet[str]) -> str:
    """D for a concept of kind definition in a definition; for an offence, in a definition whose
    term is one of the concept's checklist names («التحرش الرقمي»), never through a generic rule.
    An article rule defines when one of the article's paragraphs does."""
    if rule.kind:
        return rule.kind
    eids = [b.eid for b in unit.blocks] if rule.article else [eid]
    form = next((defs[e] for e in eids if e in defs), None)
    if concept.kind == "offence" and (rule.borderline or named.isdisjoint(eids)):
        form = None
    if form and concept.kind in ("definition", "offence"):
        return "DC" if form == "offence" and unit.penal else "D"
    return "C" if unit.penal else "P"


def hits(source: Source, concept: Concept, rules: list[Rule], named: AbstractSet[str] = frozenset()) -> list[dict]:
    """Every paragraph where a rule holds (the first rule that does): letters, borderline reason,
    place, quoted words; an article rule counts once per article."""
    defs, pars = _definition_forms(source), paragraphs(source)
    tried: dict[int, list[Rule]] = {}
    for rule in rules:
        for i in candidates(source, rule):
            tried.setdefault(i, []).append(rule)
    out, seen = [], set()
    for i in sorted(tried):
        unit, eid, par, whole = pars[i]
        for rule in tried[i]:
            if rule.article and unit.eid in seen:
                continue
            text = whole.get() if rule.article else par
            span = text.match(rule)
            if span:
                letters = _letters(rule, unit, eid, defs, concept, named)
                if letters == "P" and not rule.article and eid in defs:
                    break  # the definition of another term that uses the words provides nothing
                seen.add(unit.eid)
                place = unit.eid if rule.article else eid
                out.append(
                    {
                        "letters": letters,
                        "why": rule.borderline or "",
                        "eid": place,
                        "article": article_ref(unit),
                        "phrase": text.quote(span),
                    }
                )
                break
    return out


def element_cell(source: Source, concept: Concept, rules: list[Rule], named: AbstractSet[str] = frozenset()) -> dict:
    """``named``: eIds of the source's definitions whose term is one of the concept's checklist names."""
    found = hits(source, concept, rules, named)
    if concept.kind == "definition" and not any("D" in h["letters"] for h in found):
        for h in found:  # used, never defined: an element of other provisions only
            h["why"] = h["why"] or NOT_DEFINED
    plain = [h for h in found if not h["why"]]
    used = plain or found
    return _cell(
        concept,
        used,
        borderline=bool(used) and not plain,
        why="; ".join(dict.fromkeys(h["why"] for h in used if h["why"])),
    )


def _cell(concept: Concept, used: list[dict], *, borderline: bool, why: str) -> dict:
    letters = {ch for h in used for ch in h["letters"]}
    if concept.kind == "definition" and "D" in letters:
        letters, used = {"D"}, [h for h in used if "D" in h["letters"]]
    kinds = "".join(ch for ch in "DCP" if ch in letters)
    order = "DCP" if concept.kind == "definition" else "CDP"
    first = next((ch for ch in order if ch in letters), "")
    lead = next((h for h in used if first and first in h["letters"]), None)
    matches = {STATUS[ch]: list(dict.fromkeys(h["eid"] for h in used if ch in h["letters"])) for ch in kinds}
    return {
        "kinds": kinds,
        "articles": list(dict.fromkeys(h["article"] for h in used)),
        "phrase": lead["phrase"] if lead else "",
        "borderline": borderline,
        "why": why,
        "review": "suggested",
        "status": STATUS.get(first, "missing"),
        "evidence": matches.get(STATUS.get(first, ""), []),
        "matches": matches,
    }


def word_cell(concept: Concept, found: dict[str, list[str]]) -> dict:
    """A concept without elements: its checklist words only, hence borderline at most."""
    used = [
        {
            "letters": {"defined": "D", "criminalised": "C", "provided": "P"}[k],
            "eid": e,
            "article": e.split("__")[0].removeprefix("art_"),
            "phrase": "",
            "why": WORDS_ONLY,
        }
        for k, eids in found.items()
        for e in eids
    ]
    return _cell(concept, used, borderline=bool(used), why=WORDS_ONLY_CELL)


def why_ar(why: str, rules: dict[str, list[Rule]]) -> str:
    """A cell's ``why`` (its reasons joined by «; », in English) in Arabic: each reason is a rule's
    ``borderline`` (read as its ``borderline_ar``) or one of ``FIXED_REASONS_AR``.  A reason may hold
    «; » itself, so the longest known reason is matched at each place; what no table knows (a report
    written by another version) reads as ``UNKNOWN_REASON_AR``, never as English."""
    known = dict(FIXED_REASONS_AR)
    known.update(
        {r.borderline: r.borderline_ar for rs in rules.values() for r in rs if r.borderline and r.borderline_ar}
    )
    by_length = sorted(known, key=len, reverse=True)
    read, pos = [], 0
    while pos < len(why):
        reason = next((r for r in by_length if why.startswith(r, pos)), None)
        if reason is None:
            return UNKNOWN_REASON_AR
        read.append(known[reason])
        pos += len(reason)
        if why.startswith("; ", pos):
            pos += 2
    return "؛ ".join(dict.fromkeys(read))


# -- reviews -----------------------------------------------------------------------------------------------


def load_reviews(path: str | Path | None) -> dict[tuple[str, str], dict]:
    """(concept, document) → review, from a YAML list of {concept, document, decision, kinds?, who, when, note}."""
    if path is None or not Path(path).exists():
        return {}

    data = read_yaml_file(path, what="reviews of coverage cells") or {}
    out = {}
    for r in data.get("reviews") or []:
        if r.get("decision") not in DECISIONS or not r.get("who"):
            raise InputError(
                f"review of {r.get('concept')} / {r.get('document')}: decision must be "
                "confirmed or rejected and who must be given",
                path=str(path),
            )
        out[(r["concept"], r["document"])] = r
    return out


def review_cell(cell: dict, review: dict | None) -> dict:
    if not review:
        return cell
    cell = dict(
        cell,
        review=review["decision"],
        reviewed_by=str(review["who"]),
        reviewed_on=str(review.get("when", "")),
        review_note=str(review.get("note", "")),
    )
    if review["decision"] == "rejected":
        cell["suggested"] = {k: cell[k] for k in ("kinds", "articles", "phrase", "borderline")}
        cell.update(kinds=str(review.get("kinds", "")), borderline=bool(review.get("borderline", False)))
        cell["status"] = STATUS.get(cell["kinds"][:1], "missing")
    return cell
