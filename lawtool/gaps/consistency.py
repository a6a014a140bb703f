"""Consistency of a bill with itself and with the texts it amends: findings a drafting aid should raise.

Rules (each finding a :class:`lawtool.findings.Finding` with both places in ``evidence`` and an
Arabic message):

``same-conduct-twice``      warning  one conduct (a paragraph of the bill and one of another text, or of
                                     an article the bill rewrites, holding the elements of the same
                                     offence concept, lawtool/gaps/data/concept-elements.yaml) punished
                                     with different penalties; when the bill says the more severe
                                     provision applies («دون الإخلال بالمقتضيات الجنائية الأشد»), the
                                     milder one is said to be nearly a dead letter
``aggravation-not-higher``  warning  an aggravation whose range is not above the base range it aggravates
``disproportion``           warning  for one concept, a conduct without persistence («أمعن», «بصفة
                                     متكررة») punished more than the persistent conduct
``definition-twice``        warning  one term defined twice in one text in different words (a bill's own
                                     definition and the one it inserts into another law)
``unused-definition``       warning  a defined term never used (lawtool.gaps.rules)
``undefined-term``          warning  a term of art used and not defined (lawtool.gaps.rules)
``missing-reference``       error    a reference to an article or provision that does not exist
                                     (lawtool.xref.check: missing-article, missing-provision)

A conduct's elements are read outside its concessive clauses («ولو كانت قد التقطته بنفسها»: a
circumstance that does not remove the offence, not an act the provision punishes), so art. 17, which
punishes publishing intimate content «even if she captured it herself», is not read as punishing the
capture.

Penalties are compared by their ranges (prison, fine) and by their ceilings (the longest maximum
with aggravations, lawtool.gaps.ceilings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..arabic import normalise
from ..findings import Finding
from ..xref.check import check_paths
from . import wording_ar as ar
from .ceilings import ceiling
from .elements import Paragraph, Rule, load_rules
from .evidence import candidates, paragraphs
from .penalties import Penalty, cited_articles, document_penalties, parse_fine, parse_prison
from .rules import undefined_terms, unused_definitions
from .sources import Source, Unit

CONCESSIVE = re.compile(r"،?\s*(?<![\w])ولو\s[^.؛]*")
PERSISTENT = re.compile(r"امعن|بصفه متكرره|بصفه مستمره|اعتاد|الاعتياد")
SEVERER_APPLIES = re.compile(r"دون الاخلال بالمقتضيات الجنائيه الاشد")


@dataclass
class Conduct:
    concept: str
    source: Source
    unit: Unit
    eid: str
    text: str  # the paragraph (or article) that holds the elements
    own: bool  # a provision of the bill itself (not an article it quotes)
    work: str  # the work the article belongs to
    prison: dict | None
    fine: dict | None
    ceiling: dict | None

    @property
    def label(self) -> str:
        return f"{'art.' if self.own else 'art.'} {self.unit.number}"

    def place(self) -> dict:
        return {
            "document": self.source.name,
            "work": self.work,
            "eid": self.eid,
            "article": self.unit.number,
            "penalty": ar.penalty(self.prison, self.fine),
            "ceiling_days": (self.ceiling or {}).get("days"),
        }


# -- penalties of a paragraph --------------------------------------------------------------------------------


def _penalty_of(text: str, article: Penalty | None) -> tuple[dict | None, dict | None]:
    """The paragraph's own range, else its article's («يعاقب بنفس العقوبة»)."""
    norm = normalise(text)
    prison, fine = parse_prison(norm), parse_fine(norm)
    if prison or fine:
        return (prison.to_dict() if prison else None), (fine.to_dict() if fine else None)
    if article is None:
        return None, None
    return (article.prison.to_dict() if article.prison else None), (article.fine.to_dict() if article.fine else None)


def penalties_of(sources: list[Source]) -> dict[tuple[str, str], Penalty]:
    """(document, article eId) → its penalty, aggravations from other articles attached."""
    out = {}
    for s in sources:
        if s.document is not None:
            for p in document_penalties(s.document):
                out[(s.name, p.eid)] = p
    return out


# -- conducts ------------------------------------------------------------------------------------------------


def _bills(sources: list[Source]) -> list[Source]:
    return [s for s in sources if s.document is not None and s.document.doctype == "bill"]


def _rewritten(sources: list[Source], pens: dict) -> set[tuple[str, str]]:
    """(work, article) of the articles a bill among the sources rewrites or inserts."""
    bills = {s.name: s.work for s in _bills(sources)}
    return {(p.work, p.article) for (doc, _), p in pens.items() if doc in bills and p.work != bills[doc]}


def cited_by_bills(sources: list[Source]) -> set[str]:
    """Article numbers the bills cite («الفصل 503-1-1», «الفصول من 607-3 إلى 607-11»: both ends)."""
    out = set()
    for s in _bills(sources):
        for number in cited_articles(normalise(" ".join(u.text for u in s.units))):
            out.update(number.split(".."))
    return out


def conducts(sources: list[Source], rules: dict[str, list[Rule]], offences: set[str]) -> list[Conduct]:
    """Every penal paragraph holding the elements of an offence concept (plain rules only)."""
    pens = penalties_of(sources)
    rewritten = _rewritten(sources, pens)
    cited = cited_by_bills(sources)
    lookup: dict[tuple[str, str], Penalty] = {(p.work, p.article): p for p in pens.values()}
    out = []
    for s in sources:
        bill = s.document is not None and s.document.doctype == "bill"
        pars = paragraphs(s)
        for concept in sorted(offences & set(rules)):
            seen = set()
            for rule in (r for r in rules[concept] if not r.borderline):
                for i in candidates(s, rule):
                    unit, eid, par, whole = pars[i]
                    text = whole.get() if rule.article else par
                    key = unit.eid if rule.article else eid
                    if (
                        key in seen
                        or not unit.penal
                        or not (bill or unit.number in cited)
                        or (unit.quoted and not bill)
                        or not _acts(text).match(rule)
                    ):
                        continue
                    seen.add(key)
                    c = _conduct(concept, s, unit, key, text.text, bill, pens, lookup, rewritten)
                    if c:
                        out.append(c)
    return out


def _acts(text: Paragraph) -> Paragraph:
    """The words of the acts a provision punishes: its text without its concessive clauses
    («ولو كانت قد التقطته بنفسها أو أرسلته إليه»), which name circumstances, not the act."""
    bare = CONCESSIVE.sub("", text.text)
    return text if bare == text.text else Paragraph(bare)


def _conduct(concept, s, unit, eid, text, bill, pens, lookup, rewritten) -> Conduct | None:
    article = pens.get((s.name, unit.eid))
    work = article.work if article else s.work
    if not bill and (work, unit.number) in rewritten:
        return None  # the bill's own version of this article is read instead
    prison, fine = _penalty_of(text, article)
    if not prison and not fine:
        return None
    top = ceiling(article, {a: p for (w, a), p in lookup.items() if w == work}) if article else None
    return Conduct(concept, s, unit, eid, text, bill and not unit.quoted, work, prison, fine, top)


# -- rules ---------------------------------------------------------------------------------------------------


def _differ(a: Conduct, b: Conduct) -> bool:
    return (a.prison, a.fine) != (b.prison, b.fine) or (a.ceiling or {}).get("days") != (b.ceiling or {}).get("days")


def _max(c: Conduct) -> int:
    """The longest principal term (life counts as longest)."""
    prison = c.prison or {}
    return 10**6 if prison.get("life") else prison.get("max_days") or 0


def same_conduct_twice(found: list[Conduct], labels: dict[str, str], severer: dict[str, str | None]) -> list[Finding]:
    pairs: dict[tuple[str, str], list] = {}
    for a in (c for c in found if c.own):
        for b in (c for c in found if not c.own and c.concept == a.concept):
            if _differ(a, b):
                concepts = pairs.setdefault((a.eid, b.unit.eid), [a, b, []])[2]
                if a.concept not in concepts:
                    concepts.append(a.concept)
    return [_twice(a, b, concepts, labels, severer) for a, b, concepts in pairs.values()]


def _twice(
    a: Conduct, b: Conduct, concepts: list[str], labels: dict[str, str], severer: dict[str, str | None]
) -> Finding:
    names = "، ".join(labels.get(c, c) for c in concepts)
    msg_ar = (
        f"الفعل نفسه ({names}) معاقب عليه في المادة {a.unit.number} ({ar.penalty(a.prison, a.fine)}) "
        f"وفي الفصل {b.unit.number} ({ar.penalty(b.prison, b.fine)})"
    )
    msg = (
        f"the same conduct ({', '.join(concepts)}) is punished by art. {a.unit.number} and by art. "
        f"{b.unit.number} ({_short(b.work)})"
    )
    if (a.prison, a.fine) != (b.prison, b.fine):
        msg_ar += " بعقوبتين مختلفتين"
        msg += " with different penalties"
    else:
        top_a, top_b = (a.ceiling or {}).get("prison"), (b.ceiling or {}).get("prison")
        msg_ar += (
            f" بالعقوبة الأصلية نفسها وبتشديد مختلف (أقصاه {ar.prison(top_a)} في المادة {a.unit.number} "
            f"و{ar.prison(top_b)} في الفصل {b.unit.number})"
        )
        msg += " with the same penalty but different aggravations"
    clause = severer.get(a.source.name)
    if clause and _max(a) < _max(b):
        msg_ar += (
            f"؛ ولما كانت المادة {clause} تقضي بتطبيق المقتضيات الجنائية الأشد، فإن المادة {a.unit.number} تكاد لا تطبق"
        )
        msg += f"; art. {clause} applies the more severe provision, so art. {a.unit.number} is nearly a dead letter"
    return Finding(
        "same-conduct-twice",
        "warning",
        a.eid,
        msg,
        frbr_uri=a.source.name,
        message_ar=msg_ar + ".",
        evidence=(a.place(), b.place()),
    )


def aggravations_not_higher(sources: list[Source]) -> list[Finding]:
    out = []
    for (doc, _), p in penalties_of(sources).items():
        for agg in p.aggravations:
            if _not_higher(p, agg):
                out.append(_not_higher_finding(doc, p, agg))
    return out


def _not_higher(p: Penalty, agg: dict) -> bool:
    base, raised = p.prison.to_dict() if p.prison else None, agg.get("prison")
    if not base or not raised or base.get("life") or raised.get("life"):
        return False
    fine_up = p.fine and agg.get("fine") and agg["fine"]["max_mad"] > p.fine.max_mad
    return raised["max_days"] <= base["max_days"] and raised["min_days"] <= base["min_days"] and not fine_up


def _not_higher_finding(doc: str, p: Penalty, agg: dict) -> Finding:
    src = agg.get("source") or p.article
    msg_ar = (
        f"الفصل {src} يرفع عقوبة الفصل {p.article} إلى {ar.penalty(agg.get('prison'), agg.get('fine'))}، "
        f"وهي لا تتجاوز عقوبته الأصلية ({ar.penalty(p.prison.to_dict() if p.prison else None, p.fine.to_dict() if p.fine else None)})."
    )
    msg = f"art. {src} 'raises' the penalty of art. {p.article} to a range that is not above its own"
    return Finding(
        "aggravation-not-higher",
        "warning",
        p.eid,
        msg,
        frbr_uri=doc,
        message_ar=msg_ar,
        evidence=(
            {"document": doc, "eid": p.eid, "article": p.article},
            {"document": doc, "article": src, "prison": agg.get("prison"), "fine": agg.get("fine")},
        ),
    )


def disproportions(found: list[Conduct], labels: dict[str, str]) -> list[Finding]:
    out, done = [], set()
    for a in found:
        for b in found:
            if a.concept != b.concept or (a.eid, b.eid) in done or a.eid == b.eid:
                continue
            single = not PERSISTENT.search(normalise(a.text))
            if (
                single
                and PERSISTENT.search(normalise(b.text))
                and (a.prison or {}).get("max_days", 0) > (b.prison or {}).get("max_days", 0)
                and (a.own or b.own)
            ):
                done.add((a.eid, b.eid))
                out.append(_disproportion(a, b, labels))
    return out


def _disproportion(a: Conduct, b: Conduct, labels: dict[str, str]) -> Finding:
    msg_ar = (
        f"المادة {a.unit.number} تعاقب على فعل واحد ({labels.get(a.concept, a.concept)}) بعقوبة "
        f"{ar.penalty(a.prison, a.fine)}، أشد من عقوبة الفعل المتكرر في الفصل {b.unit.number} "
        f"({ar.penalty(b.prison, b.fine)})."
    )
    msg = (
        f"art. {a.unit.number} punishes a single act more than art. {b.unit.number} punishes the persistent "
        f"conduct ({a.concept})"
    )
    return Finding(
        "disproportion",
        "warning",
        a.eid,
        msg,
        frbr_uri=a.source.name,
        message_ar=msg_ar,
        evidence=(a.place(), b.place()),
    )


def definitions_twice(sources: list[Source]) -> list[Finding]:
    out = []
    for s in sources:
        by_key: dict[str, list] = {}
        for d in s.definitions:
            by_key.setdefault(d.key, []).append(d)
        for defs in by_key.values():
            texts = {normalise(d.text).strip(" .؛") for d in defs}
            if len(defs) > 1 and len(texts) > 1:
                out.append(_twice_defined(s, defs[0], defs[1]))
    return out


def _twice_defined(s: Source, a, b) -> Finding:
    msg_ar = f"المصطلح «{a.term}» معرف مرتين بصيغتين مختلفتين ({a.eid} و{b.eid})."
    msg = f"«{a.term}» is defined twice in different words"
    return Finding(
        "definition-twice",
        "warning",
        a.eid,
        msg,
        frbr_uri=s.name,
        message_ar=msg_ar,
        evidence=(
            {"document": s.name, "eid": a.eid, "definition": a.text},
            {"document": s.name, "eid": b.eid, "definition": b.text},
        ),
    )


def _short(uri: str) -> str:
    return uri.split("/akn/ma/")[-1]


# -- the whole check -----------------------------------------------------------------------------------------


def severer_clauses(sources: list[Source]) -> dict[str, str | None]:
    """document → number of its own article saying the more severe provision applies (bill art. 4)."""
    out: dict[str, str | None] = {}
    for s in sources:
        for unit in s.units:
            if unit.provision and not unit.quoted and SEVERER_APPLIES.search(normalise(unit.text)) and not unit.penal:
                out.setdefault(s.name, unit.number)
    return out


def missing_references(sources: list[Source]) -> list[Finding]:

    names = {str(s.path): s.name for s in sources}
    out = []
    for f in check_paths([s.path for s in sources if s.document is not None]):
        if f.rule in ("missing-article", "missing-provision"):
            target = (f.target or "").split("#")[-1].split("/")[-1].replace("art_", "")
            doc = names.get(str(f.file), f.file)
            out.append(
                Finding(
                    "missing-reference",
                    "error",
                    f.eid,
                    f.message,
                    frbr_uri=doc,
                    message_ar=f"إحالة إلى مقتضى غير موجود: {target}.",
                    evidence=({"document": doc, "eid": f.eid, "href": f.target},),
                )
            )
    return out


def check(sources: list[Source], concepts: list) -> list[Finding]:
    """Every consistency finding of the sources (a bill and the texts it amends)."""

    rules = load_rules()
    labels = {c.id: (c.labels or {}).get("ar") or c.id for c in concepts}
    offences = {c.id for c in concepts if c.kind == "offence"}
    found = conducts(sources, rules, offences)
    out = same_conduct_twice(found, labels, severer_clauses(sources))
    out += aggravations_not_higher(sources)
    out += disproportions(found, labels)
    out += definitions_twice(sources)
    for s in sources:
        out += unused_definitions(s) + undefined_terms(s, concepts)
    out += missing_references(sources)
    order = {s.name: i for i, s in enumerate(sources)}
    return sorted(out, key=lambda f: (order.get(f.frbr_uri or "", 99), f.rule, f.eid or "", f.message))
