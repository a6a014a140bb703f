"""A text's own identity: the numbers its title and promulgation heading give it.

A Moroccan text opens with its title and its formal heading: «ظهير شريف رقم 1.07.134 صادر في ...
بتنفيذ القانون رقم 07.03 المتعلق ...», «مرسوم رقم 2.72.167 بتاريخ ...», «القانون رقم 17.05».
Those numbers are the text itself (the dahir that promulgates a law is the law), never a citation
of another text.  Another text named in a title («مرسوم بتطبيق القانون رقم 40.04») is a citation.

The head ends where the text proper starts (the preamble «الحمد لله», «بناء على», «إن رئيس
الحكومة», the first article, Adala's list of amending texts «كما تم تعديله»).  In it, a number is
the text's own when its noun opens a line (the heading «مرسوم رقم ...»), or when «بتنفيذ» introduces it
in the head of a dahir (the law the dahir promulgates), or when it repeats an own number.
"""

from __future__ import annotations

import re

from .names import fold_number
from .patterns import scan

HEAD_LIMIT = 6000
_HEAD_END = re.compile(
    r"^[\s\-–\d«\"(]*(?:الحمد|بناء\s+على|بناءا\s+على|باسم|(?:إن|ان)\s+(?:الوزير|وزير|رئيس|المدير)|يعلم\s+من|الطابع|المادة|الفصل|الباب|أصدرنا|اصدرنا|نص\s+الظهير|الديباجة|تصدير|ديباجة|الجزء|القسم|القانون\s+المتعلق\s+بمدونة)",
    re.MULTILINE,
)
_LINE_OPEN = re.compile(r"(?:^|\n)[\s\-–\d«\"(.:]*$")
_AMENDED_BY = re.compile(r"كما\s+(?:تم|وقع)\s+(?:تعديله|تغييره|تتميمه|نسخه)(?:.|\n(?!\s*\n))*", re.MULTILINE)
_PROMULGATES = re.compile(r"(?:بتنفيذ[\s\u0640]*(?:نص[\s]*)?|promulgation\s+de\s+(?:la\s+)?)$", re.IGNORECASE)


def head_of(text: str) -> str:
    """The title and heading of a text: its first lines, up to where the text proper starts."""
    head = text[:HEAD_LIMIT]
    for m in _HEAD_END.finditer(head):
        if m.start() > 0:
            return head[: m.start()]
    return head


_PROMULGATING = re.compile(
    r"(?:[^.؛\n]|\n(?!\s*\n)){0,200}?بتنفيذ\s*(?:نص\s*)?(?:ال)?(?:قانون|ظهير)[^\d]{0,40}?رقم\s*[.،,]?\s*"
    r"(\d+(?:\s*[./-]\s*\d+){1,2})"
)


def _promulgates_own(head: str, m, folded: set, out: list) -> bool:
    """Whether a second heading number is the text's too: a dahir whose heading promulgates the law
    already found («القانون رقم 17.05» then «ظهير شريف رقم 1.05.185 ... بتنفيذ القانون رقم 17.05»)."""
    if m.work.law_kind not in ("dahir", "dahir-law"):
        return False
    p = _PROMULGATING.match(head, m.end)
    return p is not None and fold_number(p.group(1)) in folded


def own_numbers(text: str) -> list[str]:
    """The law numbers a text's head gives the text itself, in order («1.07.134», «07.03»)."""
    head = head_of(text)
    _, mentions = scan(head)
    dahir = bool(_DAHIR_HEAD.match(head))
    listed = [(m.start(), m.end()) for m in _AMENDED_BY.finditer(head)]  # Adala's list of amending texts
    out: list[str] = []
    folded: set[tuple] = set()
    for m in _numbered_laws(mentions, listed):
        number = m.work.number
        key = fold_number(number)
        before = head[max(0, m.start - 40) : m.start]
        promulgated = dahir and bool(_PROMULGATES.search(before))
        if key in folded or _heads_line(head, m, before, listed, out, folded) or promulgated:
            if key not in folded:
                out.append(number)
                folded.add(key)
            dahir = dahir or m.work.law_kind in ("dahir", "dahir-law")
        elif m.language == "fr" and m.work.law_kind == "dahir" and not out:
            dahir = True
    return out


_DAHIR_HEAD = re.compile(r"[\s\-–\d«\"(]*(?:ظهير|الظهير)")


def _numbered_laws(mentions, listed: list[tuple[int, int]]):
    """The laws cited by number in a head, outside Adala's list of amending texts."""
    for m in mentions:
        if m.kind != "law" or m.work is None or m.work.kind != "number" or not m.work.number:
            continue
        if any(a <= m.start < b for a, b in listed):
            continue
        yield m


def _heads_line(head: str, m, before: str, listed, out: list, folded: set) -> bool:
    """Whether a law number is a heading's: its noun opens a line, it is not an item of the list of
    amending texts («المرسوم رقم ...»), and it does not wrap a title line onto another text's number."""
    if not _LINE_OPEN.search(before):
        return False
    if listed and m.start >= listed[0][0] and head[m.start : m.start + 2] == "ال":
        return False
    return not (out and fold_number(m.work.number) not in folded and not _promulgates_own(head, m, folded, out))
