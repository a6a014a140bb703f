"""Three columns for an amending text: the text in force | the proposed text | the changes.

An amending text (a bill, or an amending law such as Law 103.13) carries ``mod`` elements whose
``quotedStructure`` holds the new wording of the articles it replaces or inserts, and records in
its ``activeModifications`` where each goes: ``<textualMod type="substitution"><source
href="#art_37__para_1__mod_1"/><destination href="/akn/ma/act/1962/1-59-413/~art_447-1"/>``.
For each quoted article whose destination is an article of the law given, the row holds the
article in force (found by eId, else by number), the quoted one, and their word diff.

A mod that no ``textualMod`` describes is matched by the quoted articles' numbers (the row says
so); destinations in other works are listed apart, not compared.

The Moroccan drafting conventions are read from the mod's own words (``drafting_verb``): «تتمم»
supplements the article (the quoted text adds to it, dotted lines stand for the text in force,
and nothing in force is struck out); «تغير» / «تعوض» replace it; «تغير وتتمم» does both; «تنسخ»
repeals it; «يضاف» / «تضاف» insert.  A mod that quotes no whole article (a paragraph added to an
article, a heading changed, an article repealed) still gets its row: the article as it would read
when lawtool can tell, else the row says what it could not compare and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..akn import Document, local_name, text_of
from ..arabic import INSERTION, REPEAL, SUBSTITUTION, SUPPLEMENT, drafting_verbs
from ..eids import article_eid
from ..errors import LawtoolError
from . import compare_render, side_of
from .align import text_ops
from .present import inline_pieces as inline_pieces  # where publish/bills.py takes it
from .render import to_json
from .result import ADDED, DELETED, MODIFIED, NOT_COMPARED, TYPOGRAPHIC, UNCHANGED, Side
from .units import Unit, outline
from .words import has_changes, text_key

SCHEMA = "lawtool.compare/1"

# parts of an article: a quotation of these quotes no whole article
_PARTS = {"paragraph", "subparagraph", "point", "indent", "alinea", "list", "item"}

# the drafting conventions (``drafting_verb``; the verbs: ``arabic.drafting_verbs``)
BOTH = "both"


@dataclass
class Row:
    bill_article: str | None  # eId of the amending article in the bill
    bill_label: str
    mod: str  # eId of the mod element
    target: str  # eId of the article in the law: art_447-1
    mod_type: str | None  # substitution, insertion ... (None: no textualMod describes it)
    in_force: Unit | None
    proposed: Unit
    status: str
    ops: tuple = ()
    note: str | None = None
    note_ar: str | None = None  # the same note for readers
    convention: str | None = None  # the drafting verb read in the mod (``drafting_verb``)

    def to_dict(self) -> dict:
        return {
            "bill_article": self.bill_article,
            "mod": self.mod,
            "target": self.target,
            "type": self.mod_type,
            "convention": self.convention,
            "status": self.status,
            "in_force_eid": self.in_force.eid if self.in_force else None,
            "proposed_eid": self.proposed.eid,
            "in_force_label": self.in_force.label if self.in_force else None,
            "proposed_label": self.proposed.label,
            "in_force_text": self.in_force.text if self.in_force else None,
            "proposed_text": self.proposed.text,
            "ops": [op.to_dict() for op in self.ops] if has_changes(self.ops, typographic=True) else [],
            "note": self.note,
            "note_ar": self.note_ar,
        }


@dataclass
class Comparison:
    bill: Side
    law: Side
    rows: list[Row]
    elsewhere: list[dict] = field(default_factory=list)  # destinations in other works

    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in (UNCHANGED, TYPOGRAPHIC, MODIFIED, ADDED, DELETED, NOT_COMPARED)}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "bill": self.bill.frbr,
            "law": self.law.frbr,
            "summary": self.summary(),
            "rows": [r.to_dict() for r in self.rows],
            "elsewhere": self.elsewhere,
        }


def _destinations(bill: Document) -> dict[str, list[tuple[str, str]]]:
    """mod eId → [(type, destination href)] from the bill's activeModifications."""
    out: dict[str, list[tuple[str, str]]] = {}
    for mod in bill.xpath("./a:meta/a:analysis/a:activeModifications/a:textualMod", bill.main):
        sources = [s.get("href", "") for s in mod if local_name(s) == "source"]
        dests = [d.get("href", "") for d in mod if local_name(d) == "destination"]
        for src in sources:
            for dest in dests:
                out.setdefault(src.lstrip("#"), []).append((mod.get("type"), dest))
    return out


def _split_destination(href: str) -> tuple[str, str | None]:
    """«/akn/ma/act/1962/1-59-413/~art_447-1» → («/akn/ma/act/1962/1-59-413», «art_447-1»)."""
    work, _, portion = href.partition("~")
    work = work.rstrip("/")
    if "@" in work.rsplit("/", 1)[-1]:  # an expression: drop «/ara@date»
        work = work.rsplit("/", 1)[0]
    return work, portion or None


def _amending_article(el) -> tuple[str | None, str]:
    for a in el.iterancestors():
        if local_name(a) == "article" and not any(local_name(x) == "quotedStructure" for x in a.iterancestors()):
            num = a.find("{*}num")
            return a.get("eId"), ("".join(num.itertext()).strip() if num is not None else "")
    return None, ""


_DOTS = re.compile(r"^[\s.…·]*(?:\.{3,}|…)[\s.…·]*$")


def fill_dots(in_force: str, proposed: str) -> tuple[str, int]:
    """The proposed text with each dotted line («.....», «…») replaced by the lines of the text
    in force it stands for: those between the proposed lines around it that are in force
    unchanged (up to typography).  Returns the text and the number of lines kept that way."""
    old, new = in_force.split("\n"), proposed.split("\n")
    if not any(_DOTS.match(line) for line in new):
        return proposed, 0
    keys = [text_key(line) for line in old]
    anchors: dict[int, int] = {}  # proposed line → in-force line
    at = 0
    for k, line in enumerate(new):
        key = text_key(line)
        if key in keys[at:]:
            anchors[k] = at = keys.index(key, at)
            at += 1
    out, kept, last = [], 0, -1
    for k, line in enumerate(new):
        if k in anchors:
            last = anchors[k]
        if not _DOTS.match(line):
            out.append(line)
            continue
        following = [anchors[j] for j in range(k + 1, len(new)) if j in anchors]
        stop = following[0] if following else len(old)
        out += old[last + 1 : stop]
        kept += max(0, stop - last - 1)
        last = stop - 1
    return "\n".join(out), kept


def supplement_plan(old: list[str], new: list[str]) -> list[tuple[str, int]]:
    """How a supplement («تتمم») leaves an article, as keys of its lines (blocks): ("old", i) for a
    line in force kept, ("new", j) for a line of the quotation, in reading order.  A supplement
    strikes nothing out: every line in force stays at its place, except one the quotation
    completes (a proposed line that keeps most of its words, «... يراد بما يلي» written «... يراد
    في هذا القانون بما يلي»), which the proposed line takes the place of."""
    plan: list[tuple[str, int]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            plan += [("new", j) for j in range(j1, j2)]
        elif tag == "insert":
            plan += [("new", j) for j in range(j1, j2)]
        elif tag == "delete":
            plan += [("old", i) for i in range(i1, i2)]
        else:
            plan += _completions(old, new, range(i1, i2), range(j1, j2))
    return plan


def _completions(old: list[str], new: list[str], olds: range, news: range) -> list[tuple[str, int]]:
    """A changed stretch of a supplement: each proposed line that completes a line in force (most
    of the old line's words, in order) takes its place; the other lines in force stay, and the
    other proposed lines come where they are in the quotation."""
    pairs: dict[int, int] = {}  # old line → the proposed line completing it
    start = olds.start
    for j in news:
        for i in range(start, olds.stop):
            words = old[i].split()
            if words and SequenceMatcher(
                None, words, new[j].split(), autojunk=False
            ).find_longest_match().size >= 0.6 * len(words):
                pairs[i], start = j, i + 1
                break
    plan: list[tuple[str, int]] = []
    placed = news.start
    for i in olds:
        if i in pairs:
            plan += [("new", j) for j in range(placed, pairs[i] + 1)]
            placed = pairs[i] + 1
        else:
            plan.append(("old", i))
    plan += [("new", j) for j in range(placed, news.stop)]
    return plan


def supplement(in_force: str, proposed: str) -> tuple[str, int]:
    """The article as a supplement («تتمم») leaves it (``supplement_plan``): the text and the
    number of lines in force kept that the quotation leaves out."""
    old, new = in_force.split("\n"), proposed.split("\n")
    plan = supplement_plan([text_key(line) for line in old], [text_key(line) for line in new])
    text = "\n".join(old[k] if side == "old" else new[k] for side, k in plan)
    return text, sum(side == "old" for side, _ in plan)


def drafting_verb(mod) -> str | None:
    """The drafting convention of a mod, read in its own words (its quotations left out): «تتمم»
    supplement, «تغير» / «تعوض» substitution, «تغير وتتمم» both, «تنسخ» repeal («تنسخ وتعوض» is a
    substitution), «يضاف» / «تضاف» insertion; None when it uses none of them."""
    own = " ".join(
        mod.xpath(".//text()[not(ancestor::*[local-name()='quotedStructure' or local-name()='quotedText'])]")
    )
    found = drafting_verbs(own)
    if SUPPLEMENT in found:
        return BOTH if SUBSTITUTION in found else SUPPLEMENT
    for verb in (SUBSTITUTION, INSERTION, REPEAL):
        if verb in found:
            return verb
    return None


def _row_status(
    in_force: Unit | None, proposed: Unit, verb: str | None, kind: str | None
) -> tuple[str, tuple, str | None, str | None]:
    """Status, word operations and notes (English, Arabic) of a quoted article against the
    article in force.  A supplement of the article itself (not an article it inserts in the law:
    ``kind`` «insertion») keeps every line in force."""
    if in_force is None:
        return ADDED, text_ops("", proposed.text, False), None, None
    text, kept = fill_dots(in_force.text, proposed.text)
    notes = []
    if kept:
        notes.append(
            (
                f"the dotted lines stand for {kept} unchanged lines of the text in force (a supplement, «تتمم»)",
                f"تمثل النقط {kept} سطرا من النص الساري لم تتغير (تتميم)",
            )
        )
    if verb == SUPPLEMENT and kind != "insertion":
        text, more = supplement(in_force.text, text)
        if more:
            notes.append(
                (
                    f"«تتمم» supplements the article: {more} lines in force that the quotation leaves out are kept",
                    f"«تتمم» تتميم للمادة: أبقي {more} سطرا من النص الساري لم يرد في النص المقترح",
                )
            )
    note = "; ".join(n for n, _ in notes) or None
    note_ar = "؛ ".join(n for _, n in notes) or None
    if in_force.text == text:
        return UNCHANGED, (), note, note_ar
    same_key = in_force.key == text_key(text)
    return (TYPOGRAPHIC if same_key else MODIFIED), text_ops(in_force.text, text, same_key), note, note_ar


def compare(bill: Document, law: Document) -> Comparison:
    """The rows of the three-column comparison of ``bill`` against ``law`` (see the module
    docstring)."""
    law_work = law.frbr_work.work_uri() if law.frbr_work else None
    if law_work is None:
        raise LawtoolError(
            "the law has no FRBR work URI",
            path=law.path,
            hint="give an AKN document with <FRBRWork><FRBRthis value=...>",
        )
    articles = _LawArticles(law)
    destinations = _destinations(bill)
    rows: list[Row] = []
    elsewhere: list[dict] = []
    for mod in bill.walk("mod"):
        mod_eid = mod.get("eId") or ""
        dests = destinations.get(mod_eid)
        here = _targets_in_law(mod_eid, dests or [], law_work, elsewhere)
        if dests and not here:
            continue  # every destination of this mod is in another work
        rows += _mod_rows(bill, mod, mod_eid, here if dests else None, articles)
    return Comparison(side_of(bill), side_of(law), rows, elsewhere)


class _LawArticles:
    """The articles of the law in force, found by eId or, failing that, by number (the first
    article with that number)."""

    def __init__(self, law: Document):
        self.path = law.path
        units = outline(law).articles
        self.by_eid = {u.eid: u for u in units if u.eid}
        self.by_number: dict[str, Unit] = {}
        for u in units:
            if u.number and u.number not in self.by_number:
                self.by_number[u.number] = u

    def find(self, target: str, number: str | None) -> Unit | None:
        return self.by_eid.get(target) or (self.by_number.get(number) if number else None)


def _targets_in_law(mod_eid: str, dests: list[tuple[str, str]], law_work: str, elsewhere: list[dict]) -> dict:
    """Article eId → kind of change, for the destinations of a mod in the law; destinations in
    other works are added to ``elsewhere`` (once each)."""
    here = {}
    for kind, href in dests:
        work, portion = _split_destination(href)
        if work == law_work and portion:
            here[portion] = kind
        elif (kind, href) not in [(e["type"], e["destination"]) for e in elsewhere if e["mod"] == mod_eid]:
            elsewhere.append({"mod": mod_eid, "type": kind, "destination": href})
    return here


def _mod_rows(bill: Document, mod, mod_eid: str, here: dict | None, articles: _LawArticles) -> list[Row]:
    """One row per article quoted by the mod; ``here`` gives the articles its textual
    modifications name (``None``: no textualMod describes the mod, articles are matched by
    number).  A mod that quotes no whole article gets a row per article it names (``_part_rows``)."""
    bill_article, bill_label = _amending_article(mod)
    verb = drafting_verb(mod)
    rows = []
    quoted = [
        unit
        for qstr in mod.iter("{*}quotedStructure")
        if qstr.get("eId")
        for unit in outline(bill, qstr.get("eId")).articles
        if unit.kind not in _PARTS
    ]
    for unit in quoted:
        target = unit.rel_eid or article_eid(unit.number)
        if here is not None and target not in here:
            continue
        in_force = articles.find(target, unit.number)
        kind = here.get(target) if here is not None else None
        status, ops, note, note_ar = _row_status(in_force, unit, verb, kind)
        if here is None:
            note = "no textualMod describes this mod: matched by article number"
            note_ar = "لا يصف أي تعديل نصي هذا التعديل: طوبقت المادة برقمها"
        elif in_force is None and here.get(target) not in ("insertion",):
            note = f"{target} is not in {articles.path}"
            note_ar = f"المادة {unit.label or target} غير موجودة في النص الساري"
        rows.append(
            Row(bill_article, bill_label, mod_eid, target, kind, in_force, unit, status, ops, note, note_ar, verb)
        )
    if not quoted:
        return _part_rows(mod, mod_eid, here, articles, verb, bill_article, bill_label)
    if here is None:
        return rows
    # the targets no quoted article answers (an article the same mod repeals ...) get rows too
    rest = {target: kind for target, kind in here.items() if target not in {r.target for r in rows}}
    return rows + (_part_rows(mod, mod_eid, rest, articles, verb, bill_article, bill_label) if rest else [])


def _part_rows(mod, mod_eid, here, articles: _LawArticles, verb, bill_article, bill_label) -> list[Row]:
    """The rows of a mod that quotes no whole article: a repeal shows the article struck out; a
    supplement adds its quotation at the end of the article (the row says that lawtool does not
    read where the bill places it); anything else is shown beside the article, not compared, with
    the reason."""
    proposed = Unit(mod, "mod", 0, role="provision")
    quotation = "\n".join(text_of(q).strip() for q in mod.iter("{*}quotedStructure", "{*}quotedText"))
    if here is None:
        note = "no textualMod says which text or provision this mod changes: not compared (read the mod)"
        note_ar = "لا يبين أي تعديل نصي النص أو المقتضى الذي يغيره هذا التعديل: لم تتم المقارنة (اقرأ التعديل)"
        return [Row(bill_article, bill_label, mod_eid, "", None, None, proposed, NOT_COMPARED, (), note, note_ar, verb)]
    rows = []
    for target, kind in here.items():
        in_force = articles.find(target, None)
        status: str = NOT_COMPARED
        ops: tuple = ()
        if in_force is None:
            note = f"{target} is not an article of {articles.path}: not compared (read the mod)"
            note_ar = "لا يغير هذا التعديل مادة من النص الساري (عنوانا أو جزءا آخر): لم تتم المقارنة"
        elif kind == "repeal" or (verb == REPEAL and not quotation):
            status, ops = DELETED, text_ops(in_force.text, "", False)
            note, note_ar = "the article is repealed («تنسخ»)", "نسخ المادة («تنسخ»)"
        elif verb in (SUPPLEMENT, INSERTION) and quotation:
            text = f"{in_force.text}\n{quotation}"
            status, ops = MODIFIED, text_ops(in_force.text, text, False)
            note = "the quoted text is added at the end of the article: lawtool does not read where the bill places it"
            note_ar = "أضيف النص المقتبس في آخر المادة: لا يقرأ lawtool الموضع الذي يحدده النص المعدل"
        else:
            note = f"the mod changes part of {target} ({verb or 'no drafting verb read'}): not compared (read the mod)"
            note_ar = "يغير هذا التعديل جزءا من المادة لا يحدده lawtool: لم تتم المقارنة (اقرأ التعديل)"
        rows.append(
            Row(bill_article, bill_label, mod_eid, target, kind, in_force, proposed, status, ops, note, note_ar, verb)
        )
    return rows


def render_comparison(comparison: Comparison, fmt: str, *, typographic: bool = False, color: bool = False):
    if fmt == "json":
        return to_json(comparison.to_dict())
    return compare_render.render(comparison, fmt, typographic=typographic, color=color)
