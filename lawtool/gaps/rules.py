"""Gap rules: each a small function from sources to findings that point at a place.

``unused-definition``        warning  a term the document defines and never uses outside its
                                      definition (quoted structures left out; offences named
                                      «يعتبر مرتكبا لجريمة ...» where they are punished are not
                                      expected to recur and are left out)
``undefined-term``           warning  a term of art the document uses and does not define: a
                                      phrase «العنف ال...» / «violence(s) ...» used twice or
                                      more, or a synonym of two words or more of a checklist
                                      concept of kind ``definition`` or ``offence``
``inconsistent-terminology`` warning  two synonyms of one checklist concept that share their
                                      head word («العنف الرقمي» and «العنف الإلكتروني») both
                                      used in one text, unless the text defines both
``definition-differs``       warning  the same term, or terms of the same checklist concept,
                                      defined in words that differ in two documents (two
                                      versions of one bill included)
``definition-missing``       info     a checklist concept of kind ``definition`` that an AKN
                                      document does not define

Each finding is a lawtool.findings.Finding (the project's one Finding): rule, severity, eId, message, the
document as frbr_uri (FRBR expression URI or path), evidence; as JSON (report_entry): rule, severity, document, eid,
message, evidence.
"""

from __future__ import annotations

import difflib
import re
from itertools import combinations

from ..arabic import normalise
from ..findings import Finding
from .coverage import Concept, concept_matcher, defined_concepts
from .definitions import Definition, term_uses
from .matching import Matcher, compile_phrase, phrase_words, select, term_key
from .sources import Source

MAX_EVIDENCE = 8


def gap_finding(
    rule: str,
    severity: str,
    document: str,
    eid: str | None,
    message: str,
    evidence: list | None = None,
    message_ar: str | None = None,
) -> Finding:
    """A gap finding: the project's one :class:`lawtool.findings.Finding`, its document as ``frbr_uri``
    (a path for a plain text) and what supports it as ``evidence``."""
    return Finding(
        rule, severity, eid, message, frbr_uri=document, message_ar=message_ar, evidence=tuple(evidence or ())
    )


def report_entry(f: Finding) -> dict:
    """A finding in the gap report's JSON: :meth:`Finding.to_dict`, its FRBR URI named ``document``
    (the report's word for it) and ``evidence`` always a list."""
    data = f.to_dict()
    data["document"] = data.pop("frbr_uri", None)
    data["evidence"] = list(f.evidence or ())
    return data


def _blocks(source: Source, *, quoted: bool = False):
    for unit in source.units:
        if unit.quoted and not quoted:
            continue
        for block in unit.blocks:
            yield unit, block


def unused_definitions(source: Source) -> list[Finding]:
    if source.document is None:
        return []
    own = [d for d in source.definitions if not d.quoted]
    uses = term_uses(source.document, own)
    own = [d for d in own if d.form != "offence"]  # an offence is named where it is punished
    out = []
    seen = set()
    for d in own:
        if d.concept in seen:
            continue
        seen.add(d.concept)
        if not uses.get(d.concept):
            out.append(
                gap_finding(
                    "unused-definition",
                    "warning",
                    source.name,
                    d.eid,
                    f"«{d.term}» is defined but never used elsewhere in the text",
                    [d.eid or ""],
                    f"المصطلح «{d.term}» معرف ولا يستعمل في باقي النص.",
                )
            )
    return out


RECURRING_AR = re.compile(r"(?<![\w])(?:و|ف)?(?:ب|ل|ك)?(?:ال)?عنف\s+(ال[^\s\d،,.:؛)(«»]+(?:ي|يه))(?![\w])")
NOT_QUALIFIERS = {"الاخري", "الاخر", "الذي", "التي"}
STOP_HEADS = {"دون", "بدون", "بغير", "باي", "بأي", "عبر", "في", "من"}
RECURRING_FR = re.compile(
    r"\bviolences?\s+(?!de\b|d'|à\b|a\b|et\b|ou\b|en\b|dans\b|contre\b|sur\b|par\b|faites?\b)"
    r"([a-zéèêàç-]{4,})",
    re.IGNORECASE,
)


def _term_candidates(source: Source, concepts: list[Concept]) -> dict[str, str]:
    """key → surface of the terms of art of a text."""
    counts: dict[str, list[str]] = {}
    for _, block in _blocks(source):
        text = normalise(block.text)
        pattern = RECURRING_AR if source.language == "ar" else RECURRING_FR
        for m in pattern.finditer(text):
            if source.language == "ar" and m.group(1) in NOT_QUALIFIERS:
                continue
            surface = ("العنف " + m.group(1)) if source.language == "ar" else f"violence {m.group(1).lower()}"
            counts.setdefault(term_key(surface), []).append(surface)
    out = {k: v[0] for k, v in counts.items() if len(v) >= 2}
    for concept in concepts:
        if concept.kind not in ("definition", "offence"):
            continue
        for phrase in concept.phrases(source.language):
            if _term_like(phrase):
                out.setdefault(term_key(phrase), phrase)
    return out


def _term_like(phrase: str) -> bool:
    """A checklist phrase that reads as a term of art: 2 to 4 words, no «أو», not a
    prepositional phrase («دون موافقته», «بأي وسيلة ...»)."""
    words = phrase_words(phrase)
    raw = normalise(phrase).split()
    return 2 <= len(words) <= 4 and "او" not in raw and "ou" not in raw and raw[0] not in STOP_HEADS


def undefined_terms(source: Source, concepts: list[Concept]) -> list[Finding]:
    candidates = _term_candidates(source, concepts)
    if not candidates:
        return []
    defined = Matcher.of((d.key, d.term) for d in source.definitions)
    defined_keys = {d.key for d in source.definitions}
    matcher = Matcher.of((key, surface) for key, surface in candidates.items())
    for d in source.definitions:  # so that a longer defined term wins over a candidate inside it
        matcher.add(compile_phrase(d.term, "def:" + d.key))
    used: dict[str, list[str]] = {}
    for _, block in _blocks(source):
        for m in matcher.find(block.text):
            if not m.phrase.key.startswith("def:"):
                used.setdefault(m.phrase.key, []).append(block.eid)
    out = []
    for key, eids in sorted(used.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        surface = candidates[key]
        if key in defined_keys or any(
            not surface[: m.start].strip() and m.end >= len(surface.rstrip()) for m in defined.candidates(surface)
        ):
            continue
        out.append(
            gap_finding(
                "undefined-term",
                "warning",
                source.name,
                eids[0],
                f"«{surface}» is used {len(eids)} time(s) as a term of art but not defined",
                list(dict.fromkeys(eids))[:MAX_EVIDENCE],
                f"المصطلح «{surface}» مستعمل في النص دون تعريف.",
            )
        )
    return out


def _concept_phrases(source: Source, concepts: list[Concept]) -> dict[str, list[str]]:
    """Concept id → its term-like phrases in the source's language (Arabic: those with the article
    «ال»), for the concepts with at least two."""
    per_concept: dict[str, list[str]] = {}
    for concept in concepts:
        phrases = [
            p
            for p in concept.phrases(source.language)
            if _term_like(p) and (source.language != "ar" or normalise(p).startswith("ال"))
        ]
        if len(phrases) >= 2:
            per_concept[concept.id] = phrases
    return per_concept


def _phrase_usage(source: Source, per_concept: dict[str, list[str]]) -> dict[str, dict[str, list[str]]]:
    """Concept id → phrase → the eIds of the blocks that use it (within one concept, where two
    phrases overlap the longest wins)."""
    matcher = Matcher()
    for cid, phrases in per_concept.items():
        for p in phrases:
            matcher.add(compile_phrase(p, f"{cid}\t{p}"))
    usage: dict[str, dict[str, list[str]]] = {}
    for _, block in _blocks(source):
        by_concept: dict[str, list] = {}
        for m in matcher.candidates(block.text):
            by_concept.setdefault(m.phrase.key.split("\t")[0], []).append(m)
        for cid, cands in by_concept.items():
            for m in select(cands):
                usage.setdefault(cid, {}).setdefault(m.phrase.key.split("\t")[1], []).append(block.eid)
    return usage


def _extends_another(phrase: str, group: list[str]) -> bool:
    """«العنف الرقمي ضد النساء» extends «العنف الرقمي»: not another name for it."""
    words = phrase_words(phrase)
    return any(q != phrase and words[: len(phrase_words(q))] == phrase_words(q) for q in group)


def _competing_names(group: list[str], defined_keys: set[str]) -> list[str]:
    """The phrases of one head word that are different names for the same thing: extensions left
    out, and the defined terms left out when two or more are defined; [] when fewer than two are
    left or all are defined terms."""
    group = [p for p in group if not _extends_another(p, group)]
    if sum(term_key(p) in defined_keys for p in group) >= 2:
        group = [p for p in group if term_key(p) not in defined_keys]
    if len(group) < 2 or all(term_key(p) in defined_keys for p in group):
        return []
    return group


def inconsistent_terminology(source: Source, concepts: list[Concept]) -> list[Finding]:
    """One concept written in several ways: phrases of a concept with the same head word."""
    defined_keys = {d.key for d in source.definitions}
    per_concept = _concept_phrases(source, concepts)
    if not per_concept:
        return []
    usage = _phrase_usage(source, per_concept)
    out = []
    for concept in concepts:
        used = usage.get(concept.id)
        if not used:
            continue
        by_head: dict[str, list[str]] = {}
        for phrase in used:
            by_head.setdefault(phrase_words(phrase)[0], []).append(phrase)
        for _head, group in sorted(by_head.items()):
            names = _competing_names(group, defined_keys)
            if names:
                out.append(_terminology_finding(source, concept.id, names, used))
    return out


def _terminology_finding(source: Source, concept_id: str, names: list[str], used: dict[str, list[str]]) -> Finding:
    names = sorted(names, key=lambda p: -len(used[p]))
    evidence = [
        {"phrase": p, "count": len(used[p]), "eids": list(dict.fromkeys(used[p]))[:MAX_EVIDENCE]} for p in names
    ]
    ways = ", ".join(f"«{p}» ×{len(used[p])}" for p in names)
    message = f"one concept ({concept_id}) written in {len(names)} ways: {ways}"
    return gap_finding("inconsistent-terminology", "warning", source.name, used[names[1]][0], message, evidence)


def _clean(text: str) -> str:
    return " ".join(phrase_words(normalise(text)))


def differing_definitions(sources: list[Source], concepts: list[Concept]) -> list[Finding]:
    groups: dict[str, list[tuple[Source, Definition]]] = {}
    for source in sources:
        matcher = concept_matcher(concepts, source.language) if concepts else None
        by_concept: dict[str, str] = {}
        if matcher is not None:
            for cid, eids in defined_concepts(source, matcher).items():
                for eid in eids:
                    by_concept.setdefault(eid, cid)
        seen = set()
        for d in source.definitions:
            if d.quoted or d.form == "offence":
                continue
            group = by_concept.get(d.eid or "", None)
            key = f"concept:{group}" if group else f"term:{d.key}"
            if (key, source.name) in seen:
                continue
            seen.add((key, source.name))
            groups.setdefault(key, []).append((source, d))
    out = []
    for key, items in sorted(groups.items()):
        for (sa, da), (sb, db) in combinations(items, 2):
            if sa.name == sb.name:
                continue
            a, b = _clean(da.text), _clean(db.text)
            if a == b and da.key == db.key:
                continue
            ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
            same_work = sa.work == sb.work
            what = "two versions of the same text" if same_work else "two documents"
            term = f"«{da.term}»" + ("" if da.key == db.key else f" and «{db.term}»")
            out.append(
                gap_finding(
                    "definition-differs",
                    "warning",
                    sb.name,
                    db.eid,
                    f"{term} defined differently in {what} ({key.split(':', 1)[1] if key.startswith('concept:') else 'same term'}; "
                    f"similarity {ratio:.2f})",
                    [
                        {"document": sa.name, "eid": da.eid, "term": da.term, "definition": da.text},
                        {"document": sb.name, "eid": db.eid, "term": db.term, "definition": db.text},
                    ],
                )
            )
    return out


def missing_definitions(source: Source, concepts: list[Concept], matrix: list[dict] | None) -> list[Finding]:
    if source.kind != "akn" or not matrix:
        return []
    out = []
    for row in matrix:
        if row["kind"] != "definition":
            continue
        cell = row["documents"].get(source.name)
        if cell and (not cell["matches"].get("defined") or cell.get("borderline")):
            generic = f" (only generically: {cell['why']})" if cell.get("borderline") and cell.get("why") else ""
            out.append(
                gap_finding(
                    "definition-missing",
                    "info",
                    source.name,
                    None,
                    f"the checklist concept {row['concept']} («{row['label']}») is not defined{generic}",
                    cell["matches"].get("criminalised", []) + cell["matches"].get("provided", []),
                )
            )
    return out


def run_rules(sources: list[Source], concepts: list[Concept], matrix: list[dict] | None = None) -> list[Finding]:
    out = []
    for source in sources:
        out += unused_definitions(source)
        out += undefined_terms(source, concepts)
        out += inconsistent_terminology(source, concepts)
        out += missing_definitions(source, concepts, matrix)
    out += differing_definitions(sources, concepts)
    return out


__all__ = ["Finding", "gap_finding", "report_entry", "run_rules", "compile_phrase"]
