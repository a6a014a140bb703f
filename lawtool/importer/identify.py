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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..arabic import normalise
from ..frbr import UNKNOWN_DATE, FrbrUri

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
# month names as the extraction damaged them, each seen in the corpus (a letter lost or misread, a
# stacked pair reversed): «3 يبراير 1975» is 3 February 1975 (419 times in the Adala texts)
MONTHS.update(
    {
        "يبراير": 2,
        "براير": 2,
        "فرباير": 2,
        "يوننيو": 6,
        "سيتمبر": 9,
        "ستنبر": 9,
        "شتنرب": 9,
        "اكتوير": 10,
        "اكتمبر": 10,
        "نونمبر": 11,
        "نوفمير": 11,
        "دجنرب": 12,
        "دجنر": 12,
        "جنبر": 12,
    }
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# a Gregorian date: «12 فبراير 1993», «فاتح يناير 1974», and as the extraction reverses it after the
# Hijri date, «8( 1390 أكتوبر )1970»; the day never taken from the Hijri year's last digits
GREGORIAN = re.compile(
    rf"(?:فاتح|(?<!\d)(\d{{1,2}}))\s*(?:[()]\s*1[34]\d\d\s*)?(?:من\s+)?({_MONTH})"
    rf"\s*(?:\[\[fn:\d+\]\])?\s*[()]?\s*(\d{{4}})"
)
NUMBER = r"(\d{1,5}(?:\s*[.\-]\s*\d{1,4}){1,2})"
FIRST_YEAR = 1912  # no text of Moroccan law in force is older (the Bulletin officiel began in 1912)
# the last year a text can have: fixed, so that a source gives the same URI whatever year it is imported
# (the corpus's newest texts are of 2026; raise it with the corpus)
LAST_YEAR = 2027
OWN_DATE_CHARS = 300  # a heading's own date follows its number within this many characters
OTHER_TEXT = re.compile(r"(?<![\u0621-\u064a])رقم(?![\u0621-\u064a])")  # «رقم» again: another text is named
OWN_NUMBER = re.compile(rf"(?<![\u0621-\u064a])رقم\s*{NUMBER}")
HIJRI_THEN_YEAR = re.compile(r"1[34]\d\d\s*\)?\s*\(?[^()]{0,30}\)\s*(\d{4})")  # «1414 ( 10 سبتمر )1993»

LAW = rf"قانون\s+(?:تنظيمي\s+)?رقم\s+{NUMBER}"  # a law's heading: «قانون رقم 005.71», «قانون تنظيمي رقم ...»

# kind, pattern on the normalised heading (normalise: hamza forms, ta marbuta → ه, yeh)
KINDS = [
    (
        "treaty",
        re.compile(r"(?:بنشر|بالمصادقه علي|بالموافقه علي)\s+(?:ال)?(?:اتفاقيه|اتفاق|بروتوكول|معاهده|ميثاق|تعديل)"),
    ),
    (
        "promulgated-law",
        re.compile(
            # the dahir's words up to the law it promulgates, never across another text's number: in a
            # consolidated version, «ظهير شريف رقم 1.58.250 بسن ... كما تم تعديله بـ: الظهير الشريف رقم
            # 1.23.19 ... بتنفيذ القانون رقم 08.23» is the dahir 1.58.250, not the law 08.23
            rf"(?<!ال)ظهير\s+شريف\s+رقم\s+{NUMBER}(?:(?!رقم).){{0,160}}?(?:بتنفيذ|الامر بتنفيذ)\s+(?:ال)?قانون\s+(?:التنظيمي\s+)?(?:رقم\s+)?{NUMBER}",
            re.S,
        ),
    ),
    ("dahir", re.compile(rf"(?<!ال)ظهير\s+شريف\s+(?:بمثابه\s+قانون\s+)?(?:رقم\s+)?{NUMBER}")),
    ("law", re.compile(rf"(?:^|\n)\s*{LAW}")),
    ("decree", re.compile(rf"(?<!ال)مرسوم\s+(?:ملكي\s+)?(?:بمثابه\s+قانون\s+)?(?:رقم\s+)?{NUMBER}")),
    # an order's words up to its number, never across another text named in its title («قرار لوزير
    # الصحة بتطبيق المرسوم رقم 2.24.729»: the decree's number)
    (
        "order",
        re.compile(
            rf"(?<![\u0621-\u064a])قرار\s+(?:مشترك\s+)?(?:(?!(?:ال)?(?:مرسوم|قانون|ظهير|منشور|قرار)\s)[^\n]){{0,160}}?"
            rf"رقم\s+{NUMBER}"
        ),
    ),
    ("circular", re.compile(rf"(?:منشور|دوريه)\s+(?:[^\n]{{0,80}}?)رقم\s+{NUMBER}")),
]
LAW_LINE = re.compile(rf"\s*{LAW}")
LAW_IN_HEAD = re.compile(rf"(?<![\u0621-\u064a]){LAW}")
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
        date = self.date or UNKNOWN_DATE
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
    if match is None and any(LAW_LINE.match(normalise(line)) for line in lines[:10]):
        # a law printed without its dahir: «قانون رقم 005.71 بتاريخ ...» opens one of its first lines (the
        # head, made one line by normalise, has lost the line starts the kind's pattern wants)
        kind, match = "law", LAW_IN_HEAD.search(head)
    number = aliases = None
    if match is not None:
        groups = [g for g in match.groups() if g]
        number = _clean_number(groups[-1]) if groups else None
        aliases = [_clean_number(g) for g in groups[:-1]]
    own_numbers = {n for n in [number, *(aliases or [])] if n}
    date = _own_date(_own_words(head, match, own_numbers), _registered(kind, own_numbers))
    if date is None and number:
        date = _year_from_number(kind, number, aliases or [])
    consolidated = CONSOLIDATED.search(head)
    identity = Identity(
        kind=kind,
        number=number,
        date=date,
        expression_date=gregorian_date(*consolidated.groups()) if consolidated else date,
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


def _own_words(head: str, match: re.Match | None, own_numbers: set[str]) -> list[str]:
    """Where the text's own date may be written, in order: its heading (the words the kind's pattern
    matched, where a promulgating dahir's date may stand before the law's number) and what follows
    it, then what follows each later mention of its own number (a title line names the text before
    its heading does; a consolidated version's list of amendments may give the text's own date:
    «في تغيير الظهير الشريف رقم 1.58.263 الصادر في … 13 شتنبر 1958»); each up to the next «رقم»
    that names another text (its date is that text's)."""
    if match is None:
        return [head[:OWN_DATE_CHARS]]
    if not own_numbers:  # a treaty, a text with no number: the first date after its heading
        return [head[match.start() : match.end() + OWN_DATE_CHARS]]
    words = [head[match.start() : match.end()] + " " + _before_other_text(head[match.end() :], own_numbers)]
    for named in OWN_NUMBER.finditer(head, match.end()):
        if _clean_number(named.group(1)) in own_numbers:
            words.append(_before_other_text(head[named.end() :], own_numbers))
    return words


def _before_other_text(after: str, own_numbers: set[str]) -> str:
    """``after`` (at most ``OWN_DATE_CHARS`` of it) up to the first «رقم» that names another text (the
    text's own heading, printed again after its title line, names its own number: «قرار لوزير العدل
    رقم 979.09 / صادر في …»)."""
    after = after[:OWN_DATE_CHARS]
    for other in OTHER_TEXT.finditer(after):
        named = re.match(r"\s*" + NUMBER, after[other.end() :])
        if named is None or _clean_number(named.group(1)) not in own_numbers:
            return after[: other.start()]
    return after


def _own_date(places: list[str], registered: int | None = None) -> str | None:
    """The first Gregorian date of ``places`` (``_own_words``).  A date whose month the extraction
    damaged («يبراير» for «فبراير») still gives its year, from the parenthesis after the Hijri date:
    «22 من ربيع الأول 1414 (10 يبراير 1993)».  A date after a later mention of the number, in a
    text numbered in the year ``registered`` («1.58.250»: 1958), must be of that year or the next:
    «الظهير الشريف رقم 1.60.132 في تتميم … الظهير الشريف رقم 1.58.250 الصادر في … 1960» is the
    amending dahir's date (a heading's own date may come years after its number: 2.01.107, 2006)."""

    def fits(year: int, k: int) -> bool:
        return k == 0 or registered is None or registered <= year <= registered + 1

    for k, place in enumerate(places):
        for match in GREGORIAN.finditer(place):
            date = gregorian_date(*match.groups())
            if date is None:
                break  # the first date there is unreadable: a later one is another text's (the Constitution's)
            if fits(int(date[:4]), k):
                return date
    for k, place in enumerate(places):
        year = HIJRI_THEN_YEAR.search(place)
        if year and plausible_year(int(year.group(1))) and fits(int(year.group(1)), k):
            return year.group(1)
    return None


def _registered(kind: str, own_numbers: set[str]) -> int | None:
    """The year in which a dahir or a decree was numbered: «1.58.250» → 1958 (None for other numbers)."""
    dated = [n for n in sorted(own_numbers) if re.fullmatch(r"[12]\.\d{2}\.\d+", n)]
    if kind not in ("dahir", "decree", "promulgated-law") or not dated:
        return None
    year = _year_from_number("dahir", dated[0])
    return int(year) if year else None


def gregorian_date(day: str | None, month: str, year: str) -> str | None:
    """«12», «فبراير» (a key of ``MONTHS``: normalised, or a damaged spelling), «1993» → 1993-02-12; None
    for a year no published text can have or a day over 31 (a day past the month's end, «31 يونيو», reads
    as its last: no ISO date is ever impossible)."""
    if not plausible_year(int(year)):
        return None
    day_n = int(day) if day else 1
    if not 1 <= day_n <= 31:
        return None
    return f"{int(year):04d}-{MONTHS[month]:02d}-{min(day_n, _days(int(year), MONTHS[month])):02d}"


def plausible_year(year: int) -> bool:
    """A year a published Moroccan text can have, from 1912 to ``LAST_YEAR`` (garbled digits give
    «1212», «8222», «2100»)."""
    return FIRST_YEAR <= year <= LAST_YEAR


def _days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _year_from_number(kind: str, number: str, aliases: Sequence[str] = ()) -> str | None:
    """«1.73.652» → 1973, «2.09.165» → 2009, «103.13» → 2013: the year part of the number (of a
    promulgated law, its promulgating dahir's: the law 24.89 was promulgated by the dahir 1.89.230)."""
    if kind == "promulgated-law" and aliases:
        kind, number = "dahir", aliases[-1]
    parts = number.split(".")
    year = parts[1] if kind in ("dahir", "promulgated-law", "decree", "treaty") and len(parts) == 3 else parts[-1]
    if not year.isdigit() or len(year) not in (2, 4):
        return None
    value = int(year) if len(year) == 4 else (1900 + int(year) if int(year) > 30 else 2000 + int(year))
    return str(value) if plausible_year(value) else None  # «12.1021»: garbled digits
