"""What the repair passes share: the records they make (a repair, a footnote, the result of a
text) and the Arabic letters and proclitics they read."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# -- public data types ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Repair:
    kind: str
    line: int
    before: str
    after: str
    certain: bool = True


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    line: int


@dataclass
class RawNote:
    """A footnote body as the furniture pass reads it: its number, the raw indices of its first and
    last lines, its raw lines."""

    number: int
    start: int
    lines: list[str]
    end: int = -1

    def __post_init__(self) -> None:
        if self.end < 0:
            self.end = self.start

    def add(self, j: int, text: str) -> None:
        self.lines.append(text)
        self.end = max(self.end, j)


def listed(uncertain: list[Repair], line: int, before: str) -> bool:
    """Is ``before`` already listed as uncertain on (1-based) ``line``?"""
    return any(r.line == line and r.before == before for r in uncertain)


def unlist(uncertain: list[Repair], line: int, before: str) -> None:
    """A word a later rule read: no longer listed as uncertain on ``line``."""
    uncertain[:] = [r for r in uncertain if not (r.line == line and r.before == before)]


@dataclass
class RepairResult:
    lines: list[str]
    line_numbers: list[int]
    footnotes: list[Footnote] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    uncertain: list[Repair] = field(default_factory=list)
    context: object = None  # the ContextReport of the context check (context.py), once it ran
    ligature_damage: bool | None = None  # did the text show the reversed-ligature damage (None: not known)

    def counts(self) -> dict[str, int]:
        c = Counter(r.kind for r in self.repairs)
        return dict(sorted(c.items()))


# -- page layout ---------------------------------------------------------------------------------

# What the continuation of a footnote looks like: the official-journal reference of an amending law.
# «ص .4018» may follow a scrambled date bracket directly: «)2008ص .4018»
JOURNAL_PAGE = r"(?:^|[\s\d()])ص\s*[.،]?\s*\d+\s*[.؛،]?\s*$"
FN_CONTINUATION = re.compile(r"الجريدة\s+الرسمية|بتنفيذه|^\s*\d{3,5}\s*بتاريخ|" + JOURNAL_PAGE)

# A footnote's body: «- 12 تم تغيير ...» (not «-1,5», a number).
FN_BODY = re.compile(r"^\s*[-–]\s*(\d{1,4})\s*(?=[^\d\s.,،\-–])(.*)$")
# The words only an editor's note opens with (FN_KEYWORDS less those a law's own items open with:
# «غير أنه», «يقصد ب», «تنص», «نفس» ...)
EDITOR_VERB = re.compile(
    r"^\s*(?:تم|ت م(?= )|تمت|تمم|تممت|أضيف|أضيفت|اضيف|نسخ(?!\s+من)|نسخت|ألغي|ألغيت|الغي|الغيت|"
    r"غير(?!\s+[أا]ن|\s+ال[\u0621-\u064a]+\s*:)|غيرت|"  # «غير أنه», «-2 غير العقار:» are a list's
    r"عوض|عوضت|حذف|حذفت|حلت|الجريدة|انظر|أنظر|راجع|قارن)(?![\u0621-\u064a])"
)

# Words by which a note names a text (another, or this one's article): a list's label or item
# without them («- 3 السكنى:», «-2 التعريف بالعينة ...؛») is the body's own
NAMES_A_TEXT = re.compile(r"رقم|مرسوم|قانون|ظهير|مدونة|دستور|اتفاقية|قرار|المادة|الفصل|الجريدة|خطأ")

# -- characters ----------------------------------------------------------------------------------

ALEFS = "اأإآ"
HAMZA_ALEFS = "أإآ"
LETTER = "\u0621-\u063a\u0641-\u064a"
MARKS = "\u064b-\u065f\u0670\u0640"  # harakat, superscript alef, tatweel
MARK_CHARS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}  # the same, as a set
AR_WORD = re.compile(f"[{LETTER}][{LETTER}{MARKS}]*")
# tatweel between two letters (or vowel marks) of one word
INWORD_TATWEEL = re.compile(f"(?<=[{LETTER}\u064b-\u065f\u0670])\u0640+(?=[{LETTER}\u064b-\u065f\u0670])")
AR_LETTER = re.compile(f"[{LETTER}]")
# «ة» or «ى» with a letter after it: no Arabic word is so spelled (two words glued, a final ligature
# reversed: wordends.py); «ىء» is the old spelling of a final hamza on a yeh («يبتدىء»)
END_LETTER_INSIDE = re.compile(f"(?:ة|ى(?!ء))(?=[{LETTER}])")

# Proclitic clusters that may stand before the article "ال" (li + al is written "لل").
ARTICLE_PREFIXES = {"", "و", "ف", "ب", "ك", "وب", "فب", "وك", "فك"}
# Proclitics a bare negation "لا" / "ألا" / "إلا" can carry.
NEGATION_PREFIXES = {"", "و", "ف", "ب", "ك", "أ", "إ", "وإ", "فإ", "وأ"}
