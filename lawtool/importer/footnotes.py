"""Adala editorial footnotes -> structured amendment records.

Adala's consolidated texts carry notes such as
"تم تغيير وتتميم الفصل 404 ... بمقتضى المادة 2 من هذا القانون رقم 103.13."
This module reads, for each note, what was done (action), to what (targets) and by
which provision of which law (by_article, by_law, by_date).  A note naming several
amending laws gives one record per law.  Notes that are not amendment notes (a
Bulletin officiel reference, an editor's remark) give [].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from lawtool.importer.common import Footnote

from ..arabic import normalise
from .identify import MONTHS, gregorian_date


@dataclass(frozen=True)
class AmendmentNote:
    footnote: int
    action: str
    targets: tuple[str, ...]
    by_article: str | None
    by_law: str | None
    by_date: str | None
    raw: str


# a clause starts at each action verb
CLAUSE_START = re.compile(
    r"(?:(?:كما|ثم|و)\s*)?(?:تم|تمت|أضيف|أضيفت|اضيف|نسخ|نسخت|ألغي|ألغيت|حذف|حذفت|غير|غيرت|عوض|عوضت|حلت|تعوض)(?=\s|[\u0621-\u064A])"
)
AMENDMENT_OPENING = re.compile(
    r"^\s*(?!تم\s+استدراك)(?:تم|تمت|أضيف|أضيفت|اضيف|نسخ|نسخت|ألغي|ألغيت|حذف|حذفت|غير|غيرت|عوض|عوضت|حلت|تعوض|يغير|يتمم|ينسخ)"
)
# "by" anchors: بمقتضى / بموجب / وبالمادة ...
ANCHOR = re.compile(r"(?:و)?(?:بمقتضى|بموجب|بالمادة|بالفصل|بالمواد)")
BY_ARTICLE = re.compile(r"^\s*(?:ال)?(?:مادة|فصل|مواد|فصول)?\s*(?:ال)?(?:مادة|فصل|مواد|فصول)\s+([^\s،,؛.]+)")
LAW_REF = re.compile(
    r"(?:(?:ال)?قانون(?:\s+التنظيمي)?|ظهير\s*(?:ال)?شريف(?:\s+بمثابة\s+قانون)?|(?:ال)?مرسوم(?:\s+(?:ال)?ملكي)?(?:\s+بمثابة\s+قانون)?)"
    r"\s*(?:رقم\s*[،,.]?\s*)?(\d+(?:[.\-]\d+){1,2})"
)
THIS_LAW = re.compile(r"هذا\s+القانون(?!\s*رقم)")
ARTICLE_NUMBERS = re.compile(
    r"(?:الفصل|الفصول|المادة|المواد|الفصلين|المادتين|الفصلان|المادتان)\s+((?:من\s+)?\d+(?:\s?-\s?\d+)*(?:\s*(?:و|،|,|إلى|الى)\s*\d+(?:\s?-\s?\d+)*)*)"
)
DESCRIPTIVE = re.compile(r"الفقرة|الفقرات|البند|البنود|عنوان|الفرع|الباب|الكتاب|الجزء|القسم|عبارة|المقطع")
THIS_TARGET = re.compile(r"هذا\s+الفصل|هذه\s+المادة|هذا\s+الباب|هذا\s+الفرع|أعلاه|اعلاه|أعاله")

DATE = re.compile(r"(\d{1,2}|فاتح)\s+([\u0621-\u064A\u06A9\u06CC]+)\s+(\d{4})")  # ک ی: Persian kaf, yeh

ORDINALS = {
    "الأولى": "1",
    "الأول": "1",
    "الثانية": "2",
    "الثاني": "2",
    "الثالثة": "3",
    "الثالث": "3",
    "الرابعة": "4",
    "الرابع": "4",
    "الخامسة": "5",
    "الخامس": "5",
    "السادسة": "6",
    "السادس": "6",
    "السابعة": "7",
    "السابع": "7",
    "الثامنة": "8",
    "الثامن": "8",
    "التاسعة": "9",
    "التاسع": "9",
    "العاشرة": "10",
    "العاشر": "10",
}


def _action(head: str) -> str:
    has = lambda *words: any(w in head for w in words)  # noqa: E731
    if has("ترقيم"):
        return "renumbered"
    if has("عنوان") and has("تغيير", "غير"):
        return "title-changed"
    if has("نسخ", "نسخت") and has("تعوض", "تعويض", "عوض"):
        return "replaced"
    if has("نسخ", "حذف", "إلغاء", "ألغي", "ألغيت", "الغاء"):
        return "repealed"
    if has("أضيف", "إضافة", "اضيف", "أضيفت"):
        return "added"
    changed = has("تغيير", "تغير", "غير", "تعديل")
    completed = has("تتميم", "تتمم", "تمم")
    if has("تمتمت", "تممت"):
        return "completed"
    if changed and completed:
        return "amended-and-completed"
    if completed:
        return "completed"
    if changed:
        return "amended"
    if has("تعوض", "عوض", "حلت", "تعويض"):
        return "replaced"
    return "amended"


def _targets(head: str) -> tuple[str, ...]:
    if DESCRIPTIVE.search(head):
        desc = re.sub(r"^\s*(?:(?:كما|ثم)\s*)?(?:تم|تمت)?\s*\S*\s*(?:و\s*\S+\s*)?", "", head)
        desc = THIS_TARGET.sub(lambda m: m.group(0) if "هذ" in m.group(0) else "", desc)
        desc = desc.strip(" ،,؛.")
        return (desc,) if desc else ("this",)
    found: list[str] = []
    for m in ARTICLE_NUMBERS.finditer(head):
        found.extend(x.replace(" ", "") for x in re.findall(r"\d+(?:\s?-\s?\d+)*", m.group(1)))
    if found:
        return tuple(dict.fromkeys(found))
    if THIS_TARGET.search(head):
        return ("this",)
    return ()


def _iso_date(text: str) -> str | None:
    """The first Gregorian date of ``text`` as an ISO date (the month names and checks of the heading's
    dates: ``identify.gregorian_date``)."""
    for m in DATE.finditer(text.replace("\u0640", "")):
        month = normalise(m.group(2))
        if month in MONTHS:
            date = gregorian_date(None if m.group(1) == "فاتح" else m.group(1), month, m.group(3))
            if date:
                return date
    return None


def _by_article(anchor: str, after_anchor: str) -> str | None:
    if anchor.endswith(("بالمادة", "بالفصل", "بالمواد")):
        m = re.match(r"\s*([^\s،,؛.]+)", after_anchor)  # "وبالمادة الثانية"
    else:
        m = BY_ARTICLE.match(after_anchor)  # "بمقتضى المادة 2"
    if not m or m.group(1) in ("من", "رقم"):
        return None
    word = m.group(1)
    return ORDINALS.get(word, word)


def _clauses(text: str) -> list[str]:
    starts = [m.start() for m in CLAUSE_START.finditer(text)]
    # keep only clause starts at the beginning or after a separator ("، كما تم ...")
    starts = [
        s
        for s in starts
        if s == 0
        or re.search(r"(?:^|[،,؛.]\s*|\s(?:كما|ثم)\s*)$", text[:s] + " ")
        or text[s:].startswith(("كما", "ثم"))
    ]
    if not starts or starts[0] != 0:
        starts = [0] + starts
    bounds = starts + [len(text)]
    return [text[a:b] for a, b in pairwise(bounds) if text[a:b].strip()]


# "حلت المادة 649 من القانون رقم 22.01 ... محل الفصل ..." /
# "عوضت المادة 357 من القانون رقم 22.01 ... الفصل 341 ..."
REPLACEMENT = re.compile(r"^\s*(?:حلت|عوضت)\s+(?:ال)?(?:مادة|مواد|فصل|فصول)\s+(?:من\s+)?([\d\-]+)")


def _replacement(footnote: Footnote, text: str) -> list[AmendmentNote] | None:
    m = REPLACEMENT.match(text)
    if not m:
        return None
    records = []
    for law in LAW_REF.finditer(text):
        tail = text[law.end() :]
        target_text = tail.split("محل", 1)[1] if "محل" in tail else tail
        records.append(
            AmendmentNote(
                footnote=footnote.number,
                action="replaced",
                targets=_targets(target_text),
                by_article=m.group(1),
                by_law=law.group(1),
                by_date=_iso_date(tail),
                raw=text,
            )
        )
        break
    return records


def parse_amendment_notes(footnote: Footnote, *, this_law: str | None = None) -> list[AmendmentNote]:
    """Records for one footnote; ``this_law`` resolves "هذا القانون" without a number."""
    text = footnote.text.strip()
    if not AMENDMENT_OPENING.match(text):
        return []
    replaced = _replacement(footnote, text)
    if replaced is not None:
        return replaced
    records: list[AmendmentNote] = []
    action = "amended"
    targets: tuple[str, ...] = ()
    for clause in _clauses(text):
        anchors = list(ANCHOR.finditer(clause))
        head = clause[: anchors[0].start()] if anchors else clause
        if CLAUSE_START.match(head.strip()) or not records:
            # "كما وتم تغييره وتتميمه" names no target: it continues the previous one
            action, targets = _action(head), (_targets(head) or targets)
        for k, a in enumerate(anchors):
            end = anchors[k + 1].start() if k + 1 < len(anchors) else len(clause)
            span = clause[a.end() : end]
            # the amending law is the first law named after the anchor, not the
            # promulgating dahir ("الصادر بتنفيذه ظهير شريف رقم ...")
            law = LAW_REF.search(span)
            by_law = law.group(1) if law else None
            if by_law is None and THIS_LAW.search(span):
                by_law = this_law
            if by_law is None:
                continue
            if law and re.search(r"بتنفيذه\s*$", span[: law.start()]):
                continue
            date_span = span[law.end() :] if law else span
            records.append(
                AmendmentNote(
                    footnote=footnote.number,
                    action=action,
                    targets=targets,
                    by_article=_by_article(a.group(0), span),
                    by_law=by_law,
                    by_date=_iso_date(date_span),
                    raw=text,
                )
            )
    # one record per amending law
    seen: set[tuple[str | None, str]] = set()
    unique = []
    for r in records:
        key = (r.by_law, r.action + "|".join(r.targets))
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique
