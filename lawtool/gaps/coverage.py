"""Coverage: which concepts of a checklist each document defines, criminalises or provides for.

The checklist is a YAML list in the format of ``shared/reference/digital-violence-concepts.yaml``:
each entry has an ``id``, a ``kind`` and ``labels`` / ``synonyms`` by language (``ar``, ``fr``,
``en``).  A concept is searched for, in the language of the document, with its label
(parenthesised asides dropped) and its synonyms, through :mod:`lawtool.gaps.matching`
(clitics, article, endings, spelling variants).

Status of a concept in a document:

``defined``       a defined term of the document starts with one of its phrases (the term
                  «العنف النفسي الرقمي» defines psychological violence; the term «مرتكب العنف
                  الرقمي» does not define digital violence);
``criminalised``  one of its phrases is in an article that carries a penalty (يعاقب, بالحبس,
                  السجن, غرامة, تضاعف العقوبة ...);
``provided``      one of its phrases is in another article;
``missing``       none of these.

When several apply, a concept of kind ``definition`` takes ``defined`` first, every other
concept ``criminalised`` first; ``matches`` keeps the evidence of each status.  Preambles and
headings are not provisions and are not searched.

Limits (false positives and negatives are expected, the evidence is there to check them):
a synonym is a word, not a meaning — «التهديد» in any penal article counts as criminalising
online threats, whether or not the threat is digital; a concept written in words the
checklist does not list is missed; a term defined by another law the document relies on is
not seen.
"""

from __future__ import annotations

from pathlib import Path

from ..arabic import normalise
from ..errors import InputError
from ..yaml_input import read_yaml_file
from .elements import Concept, load_rules, load_terms
from .evidence import element_cell, review_cell, word_cell
from .matching import Matcher, compile_phrase
from .sources import Source

STATUSES = ("defined", "criminalised", "provided", "missing")


def load_checklist(path: str | Path) -> list[Concept]:

    path = Path(path)
    data = read_yaml_file(
        path,
        what="a concept checklist (a YAML list of concepts)",
        missing_hint="give the concepts YAML with --concepts",
    )
    hint = "see shared/reference/digital-violence-concepts.yaml for the format"
    if not isinstance(data, list):
        raise InputError("not a checklist: expected a list of entries with an id", path=str(path), hint=hint)
    concepts = []
    for n, c in enumerate(data, 1):
        where = f"entry {n}"
        if not isinstance(c, dict) or not isinstance(c.get("id"), str) or not c["id"]:
            raise InputError("an entry without a text id", path=str(path), place=where, hint=hint)
        labels, synonyms = c.get("labels") or {}, c.get("synonyms") or {}
        if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
            raise InputError(
                f"labels of {c['id']!r} must map a language to a text", path=str(path), place=where, hint=hint
            )
        if not isinstance(synonyms, dict) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in synonyms.values() if v
        ):
            raise InputError(
                f"synonyms of {c['id']!r} must map a language to a list of texts",
                path=str(path),
                place=where,
                hint=hint,
            )
        concepts.append(Concept(c["id"], str(c.get("kind") or ""), labels, synonyms))
    return concepts


def concept_matcher(concepts: list[Concept], language: str) -> Matcher:
    matcher = Matcher()
    for concept in concepts:
        for phrase in concept.phrases(language):
            matcher.add(compile_phrase(phrase, concept.id))
    return matcher


def defined_concepts(source: Source, matcher: Matcher) -> dict[str, list[str]]:
    """concept id → eIds of the definitions whose term starts with one of its phrases."""
    out: dict[str, list[str]] = {}
    for d in source.definitions:
        for m in matcher.candidates(d.term):
            if not d.term[: m.start].strip():
                out.setdefault(m.phrase.key, []).append(d.eid or d.article or "")
    return out


def word_coverage(source: Source, concepts: list[Concept], matcher: Matcher) -> dict[str, dict[str, list[str]]]:
    """The checklist's words alone: concept id → status → eIds (the fallback for a concept
    without elements, always borderline)."""
    found: dict[str, dict[str, list[str]]] = {
        c.id: {"defined": [], "criminalised": [], "provided": []} for c in concepts
    }
    for cid, eids in defined_concepts(source, matcher).items():
        found[cid]["defined"] += eids
    for unit in source.units:
        if not unit.provision:
            continue
        status = "criminalised" if unit.penal else "provided"
        for block in unit.blocks:
            # candidates, not find: a short synonym inside a longer one still counts
            for m in matcher.candidates(block.text):
                found[m.phrase.key][status].append(block.eid)
    return found


def coverage(
    sources: list[Source],
    concepts: list[Concept],
    rules: dict | None = None,
    reviews: dict | None = None,
    terms: dict | None = None,
) -> list[dict]:
    """concept × document cells (see :mod:`lawtool.gaps.evidence`): kinds, articles, phrase,
    borderline, review, and the older status / evidence / matches beside them.  ``rules`` and
    ``terms``: the concepts' elements and defining terms (default: lawtool/gaps/data/concept-elements.yaml)."""

    rules = load_rules() if rules is None else rules
    terms = load_terms() if terms is None else terms
    matchers = {lang: concept_matcher(concepts, lang) for lang in {s.language for s in sources}}
    table: dict[str, dict[str, dict]] = {c.id: {} for c in concepts}
    for source in sources:
        words = None
        named = defined_concepts(source, matchers[source.language])
        for cid, wanted in terms.items():  # the terms that define a concept besides its names
            named.setdefault(cid, []).extend(
                d.eid or d.article or "" for d in source.definitions if normalise(d.term) in wanted
            )
        for concept in concepts:
            if rules.get(concept.id):
                cell = element_cell(source, concept, rules[concept.id], set(named.get(concept.id, [])))
            else:
                words = words or word_coverage(source, concepts, matchers[source.language])
                cell = word_cell(concept, words[concept.id])
            table[concept.id][source.name] = review_cell(cell, (reviews or {}).get((concept.id, source.name)))
    return [
        {
            "concept": c.id,
            "kind": c.kind,
            "label": (c.labels or {}).get("ar") or (c.labels or {}).get("en"),
            "documents": table[c.id],
        }
        for c in concepts
    ]
