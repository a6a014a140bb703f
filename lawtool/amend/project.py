"""The law as the bill would make it: a *projection*.

The bill's ``mod`` elements hold the new wording of the articles it replaces or inserts in a
law in force (the Penal Code, Law 103.13 ...), and its ``activeModifications`` say where each
goes; ``lawtool.diff.compare`` pairs them with the law's articles.  ``project`` applies them to
a copy of the law:

- a replaced article becomes the quoted one; a dotted line of the quoted text («.......», a
  supplement, «تتمم») stands for the paragraphs in force between the quoted paragraphs around it,
  which are kept;
- an inserted article goes after the article the bill quotes before it (else after the article
  whose number precedes its own);
- a supplement («تتمم») keeps every paragraph in force that its quotation leaves out, dotted line
  or not (``lawtool.diff.compare.supplement_plan``);
- a change that quotes no whole article (a repeal, a paragraph added, a heading changed) is not
  projected: ``Projection.skipped`` says which and why, and the CLI prints it;
- eIds are made again (the old ones kept as wId), references inside the new text that pointed
  into the bill point to the bill's expression.

The result is a new expression of the law, **labelled as a projection everywhere it can be**:
dated by the bill's version (default), its preface opens with a notice («إسقاط ...»), its
``lawtool:projection`` record names the bill and the expression in force, and its lifecycle has an
event (type ``amendment``, the only fitting type of AKN) whose source is the bill.  It is not law: nothing in ``law/`` is
ever written from it (the default output is ``projections/``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..akn import LAWTOOL_NS, Document, akn, local_name, text_of
from ..diff.compare import _DOTS, SUPPLEMENT, _destinations, _split_destination, compare, supplement_plan
from ..diff.words import text_key
from ..eids import number_from_num, renumber
from ..errors import LawtoolError
from ..frbr import FrbrUri
from ..validate import save_valid
from .apply import _identity, _lawtool_proprietary, _meta, _meta_child, after_refs, write_notice

NOTICE_AR = (
    "إسقاط: هذا النص هو {law} كما سيصبح لو اعتمدت الأحكام المعدلة الواردة في {bill} (صيغة {date})، "
    "أعدته أداة lawtool للمقارنة؛ ليس نصا قانونيا ساريا ولا نصا رسميا، وصيغة المقترح صيغة عمل."
)
NOTICE_EN = (
    "Projection: {law} as {bill} ({date} version) would leave it, made by lawtool for comparison; "
    "not law in force nor an official text; the bill's wording is a working text."
)


@dataclass
class Projection:
    document: Document
    base: str  # the expression in force
    bill: str  # the bill's expression
    targets: list[str]  # eIds of the law's articles replaced or inserted
    kept: dict[str, int] = field(default_factory=dict)  # article → paragraphs kept (dotted lines, supplements)
    skipped: list[str] = field(default_factory=list)  # the bill's changes not projected, one line each, why

    def save(self, target: str | Path, law_dir: str | Path = "law") -> None:
        """Write the projection to ``target``, only if it validates and never under ``law_dir``
        (a projection is not law)."""
        if Path(target).resolve().is_relative_to(Path(law_dir).resolve()):
            raise LawtoolError(
                "a projection is not law: it is not written under law/",
                path=str(target),
                hint="write it elsewhere (default: projections/)",
            )
        save_valid(self.document, target, what="the projection", hint="check the bill's mods")


def _is_dots(el) -> bool:
    text = text_of(el).strip()
    return bool(text) and bool(_DOTS.match(text))


def _blocks(article) -> list:
    return [c for c in article if isinstance(c.tag, str) and local_name(c) not in ("num", "heading", "subheading")]


def _fill_dots(new, old) -> int:
    """Replace each dotted block of ``new`` by the blocks of ``old`` it stands for (those between
    the blocks of ``new`` around it that are in force); returns how many blocks were kept."""
    blocks = _blocks(new)
    if not any(_is_dots(b) for b in blocks):
        return 0
    old_blocks = _blocks(old)
    keys = [text_key(text_of(b)) for b in old_blocks]
    anchors: dict[int, int] = {}
    at = 0
    for k, block in enumerate(blocks):
        key = text_key(text_of(block))
        if not _is_dots(block) and key in keys[at:]:
            anchors[k] = at = keys.index(key, at)
            at += 1
    kept, last = 0, -1
    for k, block in enumerate(blocks):
        if k in anchors:
            last = anchors[k]
            continue
        if not _is_dots(block):
            continue
        following = [anchors[j] for j in range(k + 1, len(blocks)) if j in anchors]
        stop = following[0] if following else len(old_blocks)
        for source in old_blocks[last + 1 : stop]:
            block.addprevious(copy.deepcopy(source))
            kept += 1
        block.getparent().remove(block)
        last = stop - 1
    return kept


def _keep_in_force(new, old) -> int:
    """A supplement («تتمم») strikes nothing out (``supplement_plan``): every block of ``old`` that
    ``new`` leaves out is put back at its place; returns how many."""
    blocks, old_blocks = _blocks(new), _blocks(old)
    plan = supplement_plan([text_key(text_of(b)) for b in old_blocks], [text_key(text_of(b)) for b in blocks])
    for block in blocks:
        new.remove(block)
    for side, k in plan:
        new.append(copy.deepcopy(old_blocks[k]) if side == "old" else blocks[k])
    return sum(side == "old" for side, _ in plan)


def _clean(el, bill_uri: str) -> None:
    """No eId/wId (they are made again), references into the bill made absolute."""
    for node in el.iter(tag=etree.Element):
        for attr in ("eId", "wId", "GUID"):
            node.attrib.pop(attr, None)
        href = node.get("href")
        if href and href.startswith("#"):
            node.set("href", f"{bill_uri}/~{href[1:]}")


def _number(article) -> str | None:
    num = article.find(akn("num"))
    try:
        return number_from_num(text_of(num)) if num is not None else None
    except LawtoolError:
        return None


def _insertion_anchor(doc: Document, previous: str | None, number: str | None):
    index = doc.eid_index()
    if previous and previous in index:
        return index[previous]
    if not number:
        return None
    numbered = [(a, n) for a in doc.articles() if (n := _number(a))]
    before = [a for a, n in numbered if _sort_key(n) < _sort_key(number)]
    return before[-1] if before else None


def _sort_key(number: str) -> tuple:
    out = []
    for part in number.split("-"):
        out.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(out)


def _mark(doc: Document, base: FrbrUri, bill: Document, date: str) -> None:
    meta = _meta(doc)
    law_title = doc.title or str(base.work_uri())
    bill_title = bill.title or str(bill.frbr_expression)
    notice = " ".join(
        (
            NOTICE_AR.format(law=law_title, bill=bill_title, date=bill.expression_date),
            NOTICE_EN.format(law=law_title, bill=bill_title, date=bill.expression_date),
        )
    )
    proprietary = _lawtool_proprietary(meta)
    for old in proprietary.findall(f"{{{LAWTOOL_NS}}}import") + proprietary.findall(f"{{{LAWTOOL_NS}}}amended"):
        proprietary.remove(old)
    record = etree.SubElement(
        proprietary,
        f"{{{LAWTOOL_NS}}}projection",
        nsmap={"lawtool": LAWTOOL_NS},
        base=base.expression_uri(),
        bill=str(bill.frbr_expression),
        date=date,
    )
    etree.SubElement(record, f"{{{LAWTOOL_NS}}}notice").text = notice
    references = _meta_child(meta, "references", source="#lawtool")
    position = after_refs(references)
    references.insert(
        position,
        etree.Element(akn("passiveRef"), eId="projection_bill", href=str(bill.frbr_expression), showAs=bill_title),
    )
    lifecycle = _meta_child(meta, "lifecycle", source="#lawtool")
    etree.SubElement(
        lifecycle, akn("eventRef"), eId="evt_projection", date=date, type="amendment", source="#projection_bill"
    )
    preface = doc.main.find(akn("preface"))
    if preface is None:
        preface = etree.Element(akn("preface"))
        anchor = doc.main.find(akn("coverPage"))
        (anchor if anchor is not None else meta).addnext(preface)
    write_notice(preface, notice, css="lawtool-notice lawtool-projection")


def project(bill: Document, law: Document, *, date: str | None = None) -> Projection:
    """The projection of ``law`` by the ``mod``s of ``bill`` (see the module docstring)."""
    base = law.frbr_expression
    if base is None or bill.frbr_expression is None:
        raise LawtoolError(
            "the bill and the law need FRBR expression URIs",
            path=law.path,
            hint="give Akoma Ntoso documents with <FRBRExpression>",
        )
    comparison = compare(bill, law)
    rows = comparison.rows
    if not rows:
        raise LawtoolError(
            f"the bill amends no article of {law.path} (no mod whose destination is in {base.work_uri()})",
            path=bill.path,
            hint="give the law the bill amends (compare shows the pairs: lawtool compare BILL --with LAW)",
        )
    date = date or bill.expression_date
    if not date:
        raise LawtoolError(
            "the projection has no date: the bill's expression has none", path=bill.path, hint="give --date YYYY-MM-DD"
        )
    if base.expression_date and date <= base.expression_date:
        raise LawtoolError(
            f"the projection's date {date} is not after the law in force ({base.expression_date})",
            hint="give --date after the expression in force",
        )
    doc = Document(copy.deepcopy(law.tree), law.path)
    bill_uri = str(bill.frbr_expression)
    kept: dict[str, int] = {}
    previous = None
    skipped: list[str] = []
    for row in rows:
        if row.proposed.kind == "mod":  # no whole article quoted: a repeal, a paragraph, a heading
            where = f"{row.bill_label or row.bill_article or row.mod} → {row.target or '?'}"
            skipped.append(f"{where}: not projected ({row.note})")
            continue
        quoted = bill.by_eid(row.proposed.eid or "")
        if quoted is None:
            raise LawtoolError(f"the quoted article {row.proposed.eid} is not in the bill", path=bill.path)
        new = copy.deepcopy(quoted)
        new.tail = None
        _clean(new, bill_uri)
        index = doc.eid_index()
        old = index.get(row.in_force.eid or "") if row.in_force is not None else None
        if old is not None:
            kept[row.target] = _fill_dots(new, old)
            if row.convention == SUPPLEMENT and row.mod_type != "insertion":
                kept[row.target] += _keep_in_force(new, old)
            new.set("eId", old.get("eId"))
            new.tail = old.tail
            old.getparent().replace(old, new)
        else:
            anchor = _insertion_anchor(doc, previous, _number(new))
            if anchor is None:
                raise LawtoolError(
                    f"no place for the new article {row.target} in {law.path}",
                    path=bill.path,
                    place=row.mod,
                    hint="the bill inserts an article the law has no neighbour for",
                )
            new.tail = anchor.tail
            anchor.addnext(new)
        previous = row.target
    if len(skipped) == len(rows):
        raise LawtoolError(
            f"no change of the bill to {law.path} can be projected: {skipped[0]}",
            path=bill.path,
            hint="compare shows each change and why (lawtool compare BILL --with LAW)",
        )
    renumber(doc.root)
    new_uri = base.with_expression(base.language, date)
    _identity(doc, base, new_uri)
    _mark(doc, base, bill, date)
    targets = [r.target for r in rows if r.proposed.kind != "mod"]
    return Projection(doc, base.expression_uri(), bill_uri, targets, kept, skipped)


def default_path(projection: Projection, root: str = "projections") -> str:
    """projections/<country>/<type>/<year>/<number>/<lang>@<date>.xml"""
    expression = projection.document.frbr_expression
    if expression is None:  # project() gives every projection its expression URI
        raise LawtoolError("the projection has no FRBR expression URI")
    return f"{root}/{expression.relative_path()}"


def amended_works(bill: Document) -> list[str]:
    """The work URIs the bill's activeModifications send text to (other than the bill itself)."""
    own = bill.frbr_work.work_uri() if bill.frbr_work else None
    works = []
    for pairs in _destinations(bill).values():
        for _, href in pairs:
            work, _ = _split_destination(href)
            if work.startswith("/akn/") and work != own and work not in works:
                works.append(work)
    return works


def projections_of(bill: Document, law_root) -> list[tuple[Document, Projection]]:
    """(law in force, projection) for each law under ``law_root`` (the repository's ``law/``) that
    the bill amends: the latest expression of each work found there.  What the site publishes,
    with ``lawtool.diff.diff_documents(law, projection.document)``."""
    out = []
    for work in amended_works(bill):
        folder = Path(law_root) / work[len("/akn/") :]
        expressions = sorted(folder.glob(f"{bill.language or 'ara'}@*.xml")) if folder.is_dir() else []
        if not expressions:
            continue
        law = Document.load(expressions[-1])
        out.append((law, project(bill, law)))
    return out
