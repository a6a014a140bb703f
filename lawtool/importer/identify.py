"""Identify a Moroccan text from its own heading: its kind, number, date and FRBR work.

    «ظهير شريف رقم 1.73.652 بتاريخ 8 ذي الحجة 1393 (2 يناير 1974) ...»  → act 1974 1-73-652
    «ظهير شريف رقم 1.18.19 صادر في ... بتنفيذ القانون رقم 103.13 ...»   → act 2018 103-13 (the law)
    «مرسوم رقم 2.09.165 صادر في ...»                                       → decree
    «قرار لوزير ... رقم 3044.23 ...»                                       → order
    «ظهير شريف رقم ... بنشر الاتفاقية ...»                                 → treaty

The FRBR work of a law promulgated by a dahir is the law's (the dahir number is an alias of the
same work).  Where the heading gives no number, the source file's name stands in; where it gives
no Gregorian date, the identification says so (``guessed``) and the caller reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..arabic import normalise
from ..frbr import FrbrUri

MONTHS = {
    "يناير": 1,
    "فبراير": 2,
    "فبرابر": 2,
    "مارس": 3,
    "ابريل": 4,
    "ماي": 5,
    "مايو": 5,
    "يونيو": 6,
    "يونيه": 6,
    "يوليوز": 7,
    "يوليو": 7,
    "يوليه": 7,
    "غشت": 8,
    "اغسطس": 8,
    "شتنبر": 9,
    "سبتمبر": 9,
    "اكتوبر": 10,
    "نونبر": 11,
    "نوفمبر": 11,
    "دجنبر": 12,
    "ديسمبر": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
GREGORIAN = re.compile(rf"(?:فاتح|(\d{{1,2}}))\s*(?:من\s+)?({_MONTH})\s*[()]?\s*(\d{{4}})")
NUMBER = r"(\d{1,5}(?:\s*[.\-]\s*\d{1,4}){1,2})"

# kind, pattern on the normalised heading (normalise: hamza forms, ta marbuta → ه, yeh)
KINDS = [
    (
        "treaty",
        re.compile(r"(?:بنشر|بالمصادقه علي|بالموافقه علي)\s+(?:ال)?(?:اتفاقيه|اتفاق|بروتوكول|معاهده|ميثاق|تعديل)"),
    ),
    (
        "promulgated-law",
        re.compile(
            rf"(?<!ال)ظهير\s+شريف\s+رقم\s+{NUMBER}.{{0,160}}?(?:بتنفيذ|الامر بتنفيذ)\s+(?:ال)?قانون\s+(?:التنظيمي\s+)?(?:رقم\s+)?{NUMBER}",
            re.S,
        ),
    ),
    ("dahir", re.compile(rf"(?<!ال)ظهير\s+شريف\s+(?:بمثابه\s+قانون\s+)?(?:رقم\s+)?{NUMBER}")),
    ("law", re.compile(rf"(?:^|\n)\s*قانون\s+(?:تنظيمي\s+)?رقم\s+{NUMBER}")),
    ("decree", re.compile(rf"(?<!ال)مرسوم\s+(?:ملكي\s+)?(?:بمثابه\s+قانون\s+)?(?:رقم\s+)?{NUMBER}")),
    ("order", re.compile(rf"(?<![\u0621-\u064a])قرار\s+(?:مشترك\s+)?[^\n]{{0,160}}?رقم\s+{NUMBER}")),
    ("circular", re.compile(rf"(?:منشور|دوريه)\s+(?:[^\n]{{0,80}}?)رقم\s+{NUMBER}")),
]
SUBTYPE = {"decree": "decree", "order": "order", "circular": "circular", "treaty": "treaty"}
CONSOLIDATED = re.compile(rf"(?:صيغه|نسخه)\s+محينه\s+بتاريخ\s*(?:فاتح|(\d{{1,2}}))\s*({_MONTH})\s*(\d{{4}})")


@dataclass
class Identity:
    kind: str  # dahir, promulgated-law, law, decree, order, circular, treaty, text
    number: str | None  # as printed, with dots: "1.73.652", "103.13"
    date: str | None  # the work's Gregorian date, YYYY-MM-DD
    expression_date: str | None  # the consolidated version's date, else the work date
    aliases: list[str] = field(default_factory=list)  # other numbers of the same work (the dahir's)
    guessed: list[str] = field(default_factory=list)  # what the heading did not give

    def frbr_uri(self, fallback_number: str) -> FrbrUri:
        number = re.sub(r"[.\s]+", "-", self.number) if self.number else fallback_number
        date = self.date or "1900-01-01"
        return FrbrUri(
            country="ma",
            doctype="act",
            subtype=SUBTYPE.get(self.kind),
            date=date[:4],
            number=number.strip("-").lower(),
            language="ara",
            expression_date=self.expression_date or date,
        )


def identify(lines: list[str], source_name: str = "") -> Identity:
    """The identity of a text from its first lines (repaired)."""
    head = normalise("\n".join(lines[:40]))
    head = re.sub(r"[ \t]+", " ", head)
    kind, match = "text", None
    for name, pattern in KINDS:
        match = pattern.search(head)
        if match:
            kind = name
            break
    number = aliases = None
    if match is not None:
        groups = [g for g in match.groups() if g]
        number = _clean_number(groups[-1]) if groups else None
        aliases = [_clean_number(g) for g in groups[:-1]]
    date = _gregorian(head[match.start() :] if match else head)
    if date is None and number:
        date = _year_from_number(kind, number)
    consolidated = CONSOLIDATED.search(head)
    identity = Identity(
        kind=kind,
        number=number,
        date=date,
        expression_date=_date(*consolidated.groups()) if consolidated else date,
        aliases=aliases or [],
    )
    if number is None:
        identity.guessed.append("number")
    if identity.date is None:
        identity.guessed.append("date")
    elif date and len(date) == 4:
        identity.date = f"{date}-01-01"
        identity.expression_date = identity.expression_date if consolidated else identity.date
        identity.guessed.append("day")
    return identity


def fallback_number(source_name: str) -> str:
    """A work number from the source file's name when the heading has none."""
    stem = Path(source_name).stem.lower()
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "text"


def _clean_number(text: str) -> str:
    return re.sub(r"\s*[.\-]\s*", ".", text.strip())


def _gregorian(text: str) -> str | None:
    match = GREGORIAN.search(text[:300])
    return _date(*match.groups()) if match else None


def _date(day: str | None, month: str, year: str) -> str | None:
    if not 1000 <= int(year) <= 2100:
        return None
    day_n = int(day) if day else 1
    if not 1 <= day_n <= 31:
        return None
    return f"{int(year):04d}-{MONTHS[month]:02d}-{min(day_n, _days(int(year), MONTHS[month])):02d}"


def _days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _year_from_number(kind: str, number: str) -> str | None:
    """«1.73.652» → 1973, «2.09.165» → 2009, «103.13» → 2013: the year part of the number."""
    parts = number.split(".")
    year = parts[1] if kind in ("dahir", "promulgated-law", "decree", "treaty") and len(parts) == 3 else parts[-1]
    if not year.isdigit() or len(year) not in (2, 4):
        return None
    value = int(year) if len(year) == 4 else (1900 + int(year) if int(year) > 30 else 2000 + int(year))
    return str(value)
