"""Penalties written in Arabic as Moroccan laws write them: «من ستة أشهر إلى سنتين»، «من سنة إلى
خمس سنوات»، «السجن المؤبد»، «من 2.000 إلى 20.000 درهم».

Durations follow the counted noun's rules: one («سنة»، «شهر واحد»), two (the dual, genitive after
«من»/«إلى»: «سنتين»، «شهرين»), three to ten (the number opposite in gender to the noun, which is
plural: «ثلاث سنوات»، «ستة أشهر»، «عشرة أيام»), eleven and more (the noun singular, accusative
after a compound: «عشرين سنة»، «خمسة عشر يوما»).  Amounts use a dot between thousands.
"""

from __future__ import annotations

# noun: (singular, dual genitive, plural, accusative singular, feminine noun?)
NOUNS = {
    "year": ("سنة", "سنتين", "سنوات", "سنة", True),
    "month": ("شهر", "شهرين", "أشهر", "شهرا", False),
    "day": ("يوم", "يومين", "أيام", "يوما", False),
}
FEM_FORM = {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع", 10: "عشر"}
MASC_FORM = {3: "ثلاثة", 4: "أربعة", 5: "خمسة", 6: "ستة", 7: "سبعة", 8: "ثمانية", 9: "تسعة", 10: "عشرة"}
TENS = {20: "عشرين", 30: "ثلاثين", 40: "أربعين", 50: "خمسين", 60: "ستين", 70: "سبعين", 80: "ثمانين", 90: "تسعين"}
TEENS_MASC = {
    11: "أحد عشر",
    12: "اثني عشر",
    13: "ثلاثة عشر",
    14: "أربعة عشر",
    15: "خمسة عشر",
    16: "ستة عشر",
    17: "سبعة عشر",
    18: "ثمانية عشر",
    19: "تسعة عشر",
}
TEENS_FEM = {
    11: "إحدى عشرة",
    12: "اثنتي عشرة",
    13: "ثلاث عشرة",
    14: "أربع عشرة",
    15: "خمس عشرة",
    16: "ست عشرة",
    17: "سبع عشرة",
    18: "ثماني عشرة",
    19: "تسع عشرة",
}
ONES_MASC = {1: "واحد", 2: "اثنين", **MASC_FORM}
ONES_FEM = {1: "إحدى", 2: "اثنتين", **FEM_FORM}


def split_days(days: int) -> tuple[int, str]:
    """(count, unit) with a year = 365 days and a month = 30."""
    if days and days % 365 == 0:
        return days // 365, "year"
    if days and days % 30 == 0:
        return days // 30, "month"
    return days, "day"


def _number_over_ten(n: int, feminine: bool) -> str:
    if n < 20:
        return (TEENS_FEM if feminine else TEENS_MASC)[n]
    ones, tens = n % 10, TENS.get(n - n % 10)
    if tens is None:
        return str(n)
    if not ones:
        return tens
    return f"{(ONES_FEM if feminine else ONES_MASC)[ones]} و{tens}"


def duration(days: int) -> str:
    """A term in the genitive (after «من»، «إلى»): «سنة»، «سنتين»، «خمس سنوات»، «عشرين سنة»."""
    n, unit = split_days(days)
    singular, dual, plural, accusative, feminine = NOUNS[unit]
    if n == 1:
        return singular if unit == "year" else f"{singular} واحد"
    if n == 2:
        return dual
    if n <= 10:
        return f"{(FEM_FORM if feminine else MASC_FORM)[n]} {plural}"
    return f"{_number_over_ten(n, feminine)} {accusative}"


def amount(mad: int) -> str:
    """20000 → «20.000»."""
    return f"{mad:,}".replace(",", ".")


def prison(p: dict | None) -> str:
    """«الحبس من ستة أشهر إلى سنتين»، «السجن من عشر إلى عشرين سنة»، «السجن المؤبد»."""
    if not p:
        return ""
    if p.get("life"):
        return "السجن المؤبد"
    word = "السجن" if p.get("type") == "sijn" else "الحبس"
    low, high = p.get("min_days"), p.get("max_days")
    if low is None or high is None:
        return word
    if low == high:
        return f"{word} {duration(low)}"
    lo_n, lo_unit = split_days(low)
    hi_n, hi_unit = split_days(high)
    if lo_unit == hi_unit == "year" and lo_n > 2 and hi_n > 2:
        # «من خمس إلى عشر سنوات»، «من عشر إلى عشرين سنة»: the unit once, after the second number
        first = duration(low).rsplit(" ", 1)[0]
        return f"{word} من {first} إلى {duration(high)}"
    return f"{word} من {duration(low)} إلى {duration(high)}"


def fine(f: dict | None) -> str:
    """«غرامة من 2.000 إلى 20.000 درهم»."""
    if not f or f.get("min_mad") is None or f.get("max_mad") is None:
        return ""
    if f["min_mad"] == f["max_mad"]:
        return f"غرامة قدرها {amount(f['max_mad'])} درهم"
    return f"غرامة من {amount(f['min_mad'])} إلى {amount(f['max_mad'])} درهم"


def penalty(prison_range: dict | None, fine_range: dict | None, alternative: bool = False) -> str:
    """«الحبس من سنة إلى ثلاث سنوات وغرامة من 5.000 إلى 50.000 درهم أو إحدى هاتين العقوبتين»."""
    parts = [x for x in (prison(prison_range), fine(fine_range)) if x]
    text = " و".join(parts)
    return text + (" أو إحدى هاتين العقوبتين" if alternative and len(parts) == 2 else "")


def articles(n: int) -> str:
    """«فصل واحد»، «فصلين»، «5 فصول»، «19 فصلا» (counted article of a code)."""
    if n == 1:
        return "فصل واحد"
    if n == 2:
        return "فصلين"
    return f"{n} فصول" if n <= 10 else f"{n} فصلا"


def article_ref(ref: str) -> str:
    """An article number or a range as the laws write it: «425..429-1» (the reports' data) → «425 إلى 429-1»."""
    first, sep, last = ref.partition("..")
    return f"{first} إلى {last}" if sep else ref


def article_refs(refs, sep: str = "، ") -> str:
    """Article numbers and ranges, joined: ['425..429-1', '447-1'] → «425 إلى 429-1، 447-1»."""
    return sep.join(article_ref(r) for r in refs or [])
