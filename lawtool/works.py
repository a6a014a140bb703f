"""The works lawtool knows by name: how a Moroccan text names them, and their FRBR work URIs.

Used to tell which law an amending article changes («... من مجموعة القانون الجنائي»), and by the
cross-reference detector to resolve a cited law.  Names are matched on normalised text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .arabic import normalise


@dataclass(frozen=True)
class Work:
    uri: str
    label: str
    names: tuple[str, ...]  # how texts name it (any of these, normalised, in the text)
    since: str | None = None  # when it was made (its dahir); a text older than that cannot cite it


PENAL_CODE = Work(
    "/akn/ma/act/1962/1-59-413",
    "مجموعة القانون الجنائي",
    ("مجموعة القانون الجنائي", "القانون الجنائي", "1.59.413", "code penal", "code pénal"),
)
CRIMINAL_PROCEDURE = Work(
    "/akn/ma/act/2002/22-01",
    "قانون المسطرة الجنائية",
    ("المسطرة الجنائية", "22.01", "procedure penale", "procédure pénale"),
    since="2002-10-03",
)
LAW_103_13 = Work(
    "/akn/ma/act/2018/103-13",
    "القانون رقم 103.13 المتعلق بمحاربة العنف ضد النساء",
    ("103.13", "103-13", "محاربة العنف ضد النساء"),
)
KNOWN_WORKS = (PENAL_CODE, CRIMINAL_PROCEDURE, LAW_103_13)

# The other laws of shared/sources/adala/laws/, known by number only (their raw texts are read by the
# cross-reference stage, which needs each one's own URI for its internal citations).  They are not
# in KNOWN_WORKS: ``work_named_in`` keeps matching the three works above only.
SOURCE_WORKS = (
    Work("/akn/ma/act/2006/16-03", "القانون رقم 16.03 المتعلق بخطة العدالة", ("16.03",), since="2006-02-14"),
    Work(
        "/akn/ma/act/2014/104-12", "القانون رقم 104.12 المتعلق بحرية الأسعار والمنافسة", ("104.12",), since="2014-06-30"
    ),
    Work(
        "/akn/ma/act/1974/1-73-282",
        "الظهير الشريف بمثابة قانون رقم 1.73.282 يتعلق بزجر الإدمان على المخدرات السامة",
        ("1.73.282",),
        since="1974-05-21",
    ),
    Work(
        "/akn/ma/act/2015/80-14",
        "القانون رقم 80.14 المتعلق بالمؤسسات السياحية وأشكال الإيواء السياحي الأخرى",
        ("80.14",),
        since="2015-08-04",
    ),
    Work("/akn/ma/act/1986/2-79", "القانون رقم 2.79 المتعلق بوحدات القياس", ("2.79",), since="1986-12-31"),
    Work("/akn/ma/act/1971/009-71", "قانون رقم 009.71 يتعلق بالمدخرات الاحتياطية", ("009.71",), since="1971-10-12"),
    Work("/akn/ma/act/2006/81-03", "القانون رقم 81.03 بتنظيم مهنة المفوضين القضائيين", ("81.03",), since="2006-02-14"),
    Work("/akn/ma/act/2014/108-13", "القانون رقم 108.13 المتعلق بالقضاء العسكري", ("108.13",), since="2014-12-10"),
    Work(
        "/akn/ma/act/2008/28-08",
        "القانون رقم 28.08 المتعلق بتعديل القانون المنظم لمهنة المحاماة",
        ("28.08",),
        since="2008-10-20",
    ),
    Work(
        "/akn/ma/act/1992/25-90",
        "القانون رقم 25.90 المتعلق بالتجزئات العقارية والمجموعات السكنية وتقسيم العقارات",
        ("25.90",),
        since="1992-06-17",
    ),
    Work(
        "/akn/ma/act/2011/30-05",
        "القانون رقم 30.05 المتعلق بنقل البضائع الخطرة عبر الطرق",
        ("30.05",),
        since="2011-06-02",
    ),
    Work(
        "/akn/ma/act/2001/2-01-95",
        "المرسوم رقم 2.01.95 بتطبيق أحكام القانون رقم 34.97",
        ("2.01.95",),
        since="2001-06-22",
    ),
)
ALL_WORKS = KNOWN_WORKS + SOURCE_WORKS


_PARTS = re.compile(r"[.\-]")


@lru_cache(maxsize=8192)
def _number_parts(text: str) -> tuple[int, ...] | None:
    parts = _PARTS.split(text.strip())
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


@lru_cache(maxsize=4096)
def work_by_number(number: str) -> Work | None:
    """The work a law number designates («22.01», «1.59.413», «103-13»; «009.71» = «9.71»)."""
    wanted = _number_parts(number)
    if wanted is None:
        return None
    for work in ALL_WORKS:
        if any(_number_parts(name) == wanted for name in work.names):
            return work
    return None


def work_by_uri(uri: str) -> Work | None:
    for work in ALL_WORKS:
        if work.uri == uri:
            return work
    return None


def work_named_in(text: str) -> Work | None:
    """The known work a passage names, the one named last when several are (an amending
    sentence names the amended law last: «... من القانون رقم 22.01 المتعلق بالمسطرة الجنائية»)."""
    folded = normalise(text).lower()
    best, best_pos = None, -1
    for work in KNOWN_WORKS:
        for name in work.names:
            pos = folded.rfind(normalise(name).lower())
            if pos > best_pos:
                best, best_pos = work, pos
    return best
