"""Amendment footnotes → lifecycle events and passive modifications.

Adala's consolidated texts say in footnotes which law changed which article («تم تغيير وتتميم
الفصل 404 ... بمقتضى المادة 2 من القانون رقم 103.13 ...»).  Each amending law becomes a
``passiveRef`` in ``references``, an ``eventRef`` of type ``amendment`` in ``lifecycle`` (when
its date is known: from the note itself, or from another note naming the same law) and one
``textualMod`` per changed article in ``analysis/passiveModifications``.
"""

from __future__ import annotations

import re

from lxml import etree

from ..akn import Document, akn, local_name
from ..eids import article_eid, number_from_num
from ..works import KNOWN_WORKS, work_named_in
from .footnotes import _iso_date

ACTION_TYPES = {
    "repealed": "repeal",
    "added": "insertion",
    "completed": "insertion",
    "amended": "substitution",
    "amended-and-completed": "substitution",
    "title-changed": "substitution",
    "renumbered": "renumbering",
}


def law_work_uri(number: str, date: str) -> str:
    """«103.13», 2018-02-22 → /akn/ma/act/2018/103-13 ; a dahir «1.99.18» → /akn/ma/act/1999/1-99-18."""
    slug = re.sub(r"[^0-9a-zA-Z]+", "-", number).strip("-")
    for work in KNOWN_WORKS:  # a work lawtool keeps has one URI, whatever date a note gives
        if work.uri.endswith(f"/{slug}"):
            return work.uri
    return f"/akn/ma/act/{date[:4]}/{slug}"


def _note_refs(document: Document) -> dict[str, etree._Element]:
    """The first ``noteRef`` of each footnote marker (one walk of the document)."""
    found: dict[str, etree._Element] = {}
    for ref in document.root.iter(akn("noteRef")):
        found.setdefault(ref.get("marker"), ref)
    return found


def _holder_eid(ref: etree._Element | None) -> str | None:
    """The eId of the article (or other element) where a footnote is referenced."""
    if ref is None:
        return None
    for anc in ref.iterancestors():
        if local_name(anc) in ("article", "chapter", "section", "part", "book", "title") and anc.get("eId"):
            return anc.get("eId")
    return None


def _in_quotation(ref: etree._Element | None) -> bool:
    return ref is not None and any(local_name(a) == "quotedStructure" for a in ref.iterancestors())


def _target_eids(eids: set[str], note, holder: str | None) -> list[str]:
    found = []
    for target in note.targets:
        if target == "this":
            if holder:
                found.append(holder)
            continue
        try:
            number = number_from_num(target)
        except Exception:
            continue
        eid = article_eid(number)
        if eid in eids:
            found.append(eid)
    if not found and holder:
        found.append(holder)
    return list(dict.fromkeys(found))


def active_modifications(document: Document) -> int:
    """Record what the document's own amending articles (``mod`` with quoted articles) change in
    other works, as ``activeModifications``: source = the mod, destination = the article of the
    amended work (named in the announcing sentence).  Returns how many were recorded."""
    rows = []
    for mod in document.walk("mod"):
        if any(local_name(a) == "quotedStructure" for a in mod.iterancestors()):
            continue
        announce = mod.text or ""
        work = work_named_in(announce)
        if work is None:
            continue
        # «... وتتمم المجموعة المذكورة بالفصل 447-4»: the articles named after «ب(ال)فصل» are added
        added: set[str] = set()
        for match in re.finditer(
            r"ب(?:ال)?(?:فصول|فصلين|فصل|مواد|مادتين|مادة)\s+((?:[\d\-]+\s*(?:و|،|,)?\s*)+)", announce
        ):
            added.update(number_from_num(n) for n in re.findall(r"\d+(?:-\d+)*", match.group(1)))
        for quoted in mod.iter(akn("article")):
            num = quoted.find(akn("num"))
            if num is None:
                continue
            number = number_from_num("".join(num.itertext()))
            rows.append(
                (mod.get("eId"), f"{work.uri}/~art_{number}", "insertion" if number in added else "substitution")
            )
    if not rows:
        return 0
    meta = document.main.find(akn("meta"))
    analysis = meta.find(akn("analysis"))
    if analysis is None:
        analysis = etree.Element(akn("analysis"), source="#lawtool")
        meta.find(akn("lifecycle")).addnext(analysis)
    active = etree.Element(akn("activeModifications"))
    analysis.insert(0, active)
    for n, (source, destination, kind) in enumerate(rows, start=1):
        mod = etree.SubElement(active, akn("textualMod"), type=kind, eId=f"amod_{n}")
        etree.SubElement(mod, akn("source"), href=f"#{source}")
        etree.SubElement(mod, akn("destination"), href=destination)
    return len(rows)


# A law of the list: «القانون رقم 43.22», or a dahir or decree that is itself the law
# («ظهير شريف بمثابة قانون رقم 1.77.58», «مرسوم ملكي رقم 181.66 ... بمثابة قانون»).
LAW_IN_LIST = re.compile(
    r"(?:القانون|قانون)\s+رقم\s+(\d+[.\-]\d+)|(?:ظهير\s+شريف\s+بمثابة\s+قانون|مرسوم\s+ملكي)\s+رقم\s+(\d+\.\d+(?:\.\d+)?)"
)


LIST_ITEM = re.compile(r"^\s*(?:-\s?\d{1,2}|\d{1,2}\s?[.-])\s")


def amending_law_dates(front_matter: str) -> dict[str, str]:
    """Law number → date of its promulgating dahir, from a consolidated text's list of amending
    laws («كما تم تعديله بـ: -1 القانون رقم 43.22 ... الصادر بتنفيذه الظهير الشريف رقم 1.24.32
    صادر في 18 من محرم 1446 (24 يوليو 2024) ...»).  Each numbered item names its law first (it
    may name others after it: «... بتغيير القانون رقم 22.01 والقانون رقم 43.05 ...»); the date is
    the first Gregorian date after «بتنفيذه» in the item, else the first after the number.  These
    dates are more reliable than the footnotes', which may quote the amended code's date first."""
    items: list[str] = []
    for line in front_matter.replace("\u0640", "").split("\n"):
        if LIST_ITEM.match(line) or not items:
            items.append(line)
        else:
            items[-1] += " " + line
    dates: dict[str, str] = {}
    for item in items:
        match = LAW_IN_LIST.search(item)
        if not match:
            continue
        rest = item[match.end() :]
        promulgated = rest.find("بتنفيذه")
        date = _iso_date(rest[promulgated:] if promulgated >= 0 else rest)
        number = match.group(1) or match.group(2)
        if date and number not in dates:
            dates[number] = date
    return dates


def _provision(by_article: str | None) -> str | None:
    if not by_article:
        return None
    try:
        return number_from_num(by_article)
    except Exception:
        return None


def amendment_events(
    document: Document, notes: list, *, own_work: str, known_dates: dict[str, str] | None = None
) -> None:
    if not notes:
        return
    meta = document.main.find(akn("meta"))
    lifecycle = meta.find(akn("lifecycle"))
    references = meta.find(akn("references"))
    dates: dict[str, str] = {k.replace("-", "."): v for k, v in (known_dates or {}).items()}
    for note in notes:
        if note.by_law and note.by_date:
            dates.setdefault(note.by_law.replace("-", "."), note.by_date)
    refs: dict[str, str] = {}
    events: dict[str, str] = {}
    mods: list[etree._Element] = []
    eids = set(document.eid_index())  # the body does not change below: one index, one walk
    note_refs = _note_refs(document)
    for note in notes:
        if not note.by_law or note.by_law.replace("-", ".") not in dates:
            continue
        date = dates[note.by_law.replace("-", ".")]
        href = law_work_uri(note.by_law, date)
        ref_el = note_refs.get(str(note.footnote))
        if href == own_work or _in_quotation(ref_el):
            # a note on a quoted article tells the history of the quoted law, not of this one
            continue
        if href not in refs:
            refs[href] = f"passiveRef_{len(refs) + 1}"
            ref = etree.Element(akn("passiveRef"), eId=refs[href], href=href, showAs=f"القانون رقم {note.by_law}")
            # keep the references grouped: original and passiveRefs first, then the TLC entries
            position = (
                max((i for i, c in enumerate(references) if local_name(c) in ("original", "passiveRef")), default=-1)
                + 1
            )
            references.insert(position, ref)
            event_id = f"evt_{len(events) + 1}"
            events[href] = event_id
            etree.SubElement(
                lifecycle, akn("eventRef"), eId=event_id, date=date, type="amendment", source=f"#{refs[href]}"
            )
        holder = _holder_eid(ref_el)
        for eid in _target_eids(eids, note, holder):
            mod = etree.Element(
                akn("textualMod"), type=ACTION_TYPES.get(note.action, "substitution"), eId=f"pmod_{len(mods) + 1}"
            )
            # the amending provision itself when the note names it («بمقتضى المادة 2 من القانون ...»)
            by = _provision(note.by_article)
            etree.SubElement(mod, akn("source"), href=f"{href}/~art_{by}" if by else f"#{refs[href]}")
            etree.SubElement(mod, akn("destination"), href=f"#{eid}")
            mods.append(mod)
    # events in date order
    ordered = sorted(lifecycle, key=lambda e: e.get("date"))
    for e in ordered:
        lifecycle.append(e)
    if mods:
        analysis = etree.Element(akn("analysis"), source="#lawtool")
        passive = etree.SubElement(analysis, akn("passiveModifications"))
        for m in mods:
            passive.append(m)
        lifecycle.addnext(analysis)
