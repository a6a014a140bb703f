"""Arabic text for matching: normalisation and tokens.

Normalisation is for comparing and searching only; stored text keeps every letter as
published.  ``normalise`` folds:

- hamza/alef forms  أ إ آ ٱ → ا ; alef maqsura ى → ي ; ta marbuta ة → ه
- the Persian kaf and yeh some PDFs print for Arabic ones («أکتوبر»): ک → ك ; ی → ي
- diacritics (tashkil, superscript alef, Quranic marks) and tatweel ـ → removed
- Arabic-Indic ٠-٩ and Eastern ۰-۹ digits → 0-9
- bidi controls and zero-width characters → removed
- presentation forms (ﻻ, ﺍ, ...) → their base letters
- any run of white space → one space, trimmed

It is idempotent: ``normalise(normalise(s)) == normalise(s)``.
"""

from __future__ import annotations

import re
import unicodedata

ALEF_FORMS = "أإآٱ"
# (first, last) code points: the regular expressions and normalise's table are both made from these
_DIACRITIC_RANGES = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))
_INVISIBLE_RANGES = (
    (0x061C, 0x061C),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2069),
    (0xFEFF, 0xFEFF),
    (0xAD, 0xAD),
)


def _char_class(ranges) -> str:
    return "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]"


DIACRITICS = re.compile(_char_class(_DIACRITIC_RANGES))
TATWEEL = "\u0640"
BIDI_AND_ZERO_WIDTH = re.compile(_char_class(_INVISIBLE_RANGES))
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
SPACES = re.compile(r"\s+")

_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_LETTERS: dict[int, str | None] = {ord(c): "ا" for c in ALEF_FORMS}
_LETTERS.update({ord("ى"): "ي", ord("ة"): "ه", ord(TATWEEL): None, ord("ک"): "ك", ord("ی"): "ي"})
_FOLD = {**_DIGITS, **_LETTERS}


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Eastern Arabic-Indic digits to ASCII; nothing else changes."""
    return text.translate(_DIGITS)


_MARKS = {c: None for c in [0x0640, *range(0x064B, 0x0660), 0x0670]}


def strip_marks(text: str) -> str:
    """The text without harakat, superscript alef and tatweel; every letter kept as it is (not a
    normalisation: the importer's repairs read the letters printed)."""
    return text.translate(_MARKS)


def strip_invisibles(text: str) -> str:
    """Remove bidi controls and zero-width characters (they hide inside copied numbers)."""
    return BIDI_AND_ZERO_WIDTH.sub("", text)


# one table for the folds and the removals of ``normalise`` (one pass over the text)
_NORMALISE = {**_FOLD, **dict.fromkeys(c for a, b in _DIACRITIC_RANGES + _INVISIBLE_RANGES for c in range(a, b + 1))}


def normalise(text: str) -> str:
    if PRESENTATION_FORMS.search(text):
        text = PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return " ".join(text.translate(_NORMALISE).split())


# -- tokens -----------------------------------------------------------------------------------------

# A word: a run of letters/digits, keeping internal dots and hyphens of numbers ("1.59.413", "447-1").
WORD = re.compile(r"\d+(?:[.\-/]\d+)*|[^\W\d_]+(?:[\u064b-\u065f\u0670\u0640][^\W\d_]*)*", re.UNICODE)
TOKEN = re.compile(
    r"\s+|\d+(?:[.\-/]\d+)*|[^\W\d_]+(?:[\u064b-\u065f\u0670\u0640]+[^\W\d_]*)*[\u064b-\u065f\u0670\u0640]*|.",
    re.UNICODE | re.DOTALL,
)


def words(text: str) -> list[str]:
    """The words of a text (letters or numbers), punctuation and spaces left out."""
    return WORD.findall(text)


def tokens(text: str) -> list[str]:
    """Every piece of the text in order (words, numbers, spaces, single punctuation marks):
    ``"".join(tokens(s)) == s``."""
    return TOKEN.findall(text)


PROCLITICS = ("و", "ف", "ب", "ك", "ل")


def stems(word: str) -> list[str]:
    """Candidate bare forms of a normalised word, longest first: the word itself, then without
    the conjunction (و ف), the preposition (ب ك ل) and the article (ال).
    «وبالعنف» → [وبالعنف, بالعنف, العنف, عنف]; «للمرأة» → [للمرأة, المرأة, مرأة]."""
    out = [word]
    rest = word
    if rest[:1] in "وف" and len(rest) > 3:
        rest = rest[1:]
        out.append(rest)
    if rest[:2] == "لل" and len(rest) > 4:  # ل + ال, the alef dropped in writing
        rest = "ال" + rest[2:]
        out.append(rest)
    elif rest[:1] in "بكل" and len(rest) > 3:
        rest = rest[1:]
        out.append(rest)
    if rest[:2] == "ال" and len(rest) > 4:
        out.append(rest[2:])
    return list(dict.fromkeys(out))


# -- the verbs of Moroccan amending texts ------------------------------------------------------------
# on normalised words: «تتمم» supplement, «تغير» / «تعوض» substitution, «تنسخ» repeal, «يضاف» insertion
SUPPLEMENT, SUBSTITUTION, REPEAL, INSERTION = "supplement", "substitution", "repeal", "insertion"
_DRAFTING_VERBS = {
    SUPPLEMENT: re.compile(r"^[وف]?(?:[تي]تمم|تتميم)$"),
    SUBSTITUTION: re.compile(r"^[وف]?(?:[تي](?:غير|عوض|ستبدل)|تغيير|تعويض|استبدال)$"),
    REPEAL: re.compile(r"^[وف]?(?:[تي](?:نسخ|لغي|حذف)|نسخ|الغاء|حذف)$"),
    INSERTION: re.compile(r"^[وف]?(?:[تي](?:ضاف|درج)|اضافه|ادراج)$"),
}


def drafting_verbs(text: str) -> set[str]:
    """The kinds of change a text's words name (``SUPPLEMENT``, ``SUBSTITUTION``, ``REPEAL``,
    ``INSERTION``), whatever the punctuation around them."""
    found = set(re.findall(r"[\u0621-\u064a]+", normalise(text)))
    return {kind for kind, pattern in _DRAFTING_VERBS.items() if any(pattern.match(w) for w in found)}
