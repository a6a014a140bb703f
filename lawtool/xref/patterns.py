"""Detection: where a text cites an article, a list or range of articles, or a law by number.

One compiled regular expression finds the anchors (الفصل/الفصول/الفصلين/المادة/المواد, الفقرة/البند
before an article, القانون/الظهير/المرسوم/القرار رقم, «article(s)», «loi n°» ...); a small parser
then reads what follows each anchor with anchored ``re.match`` calls: the numbers, the list and
range separators, «مكرر», a sub-provision, «أعلاه/أدناه», and the phrase naming the cited work.
Nothing here decides *which* work a citation points to: that needs the context (the citing
document, a quoted law, what was cited just before) and is :mod:`lawtool.xref.resolve`'s job.
A :class:`Mention` only records what the words say.

Matching runs on a *view* of the text, never on the stored text: hamza/alef forms, alef maqsura
and ta marbuta folded, Arabic-Indic digits made ASCII, tatweel, diacritics and invisible marks
removed, and the reversed lam-alef of Adala's extractions put back at word starts («األولى» →
«الأولى»).  Offsets are mapped back to the original text.

Damage the parser reads through (see shared/sources/adala/PROVENANCE.md): numbers glued to the
next word («404و», «503-1من», «50منه»), punctuation moved before a number («الفصل ،402»,
«480و.480-1», «رقم .103.13»), an inserted number broken across lines («-1\\n88» = 88-1), the
Arabic order of parts («1-447» = 447-1, «2-5-82» = 82-5-2), lists written backwards
(«الفصول 291 -290 - 289»), «أعاله» for «أعلاه».
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..eids import number_from_num
from ..errors import EidError
from .names import foreign_at, table

# -- the matching view ------------------------------------------------------------------------------

_FOLD = [(c, "ا") for c in "أإآٱ"] + [("ى", "ي"), ("ة", "ه"), ("\u00a0", " "), ("\u202f", " "), ("\u2009", " ")]
_FOLD += [(c, str(i)) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")] + [(c, str(i)) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")]
_DROP = re.compile(
    "[\u0640\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]+"
)


class View:
    """A folded copy of a text for matching, and the map back to the original's offsets."""

    __slots__ = ("text", "_starts", "_origins")

    def __init__(self, original: str):
        starts, origins = [0], [0]
        if _DROP.search(original):
            pieces, pos, out = [], 0, 0
            for match in _DROP.finditer(original):
                pieces.append(original[pos : match.start()])
                out += match.start() - pos
                pos = match.end()
                starts.append(out)
                origins.append(pos)
            pieces.append(original[pos:])
            original = "".join(pieces)
        text = original
        for a, b in _FOLD:  # str.replace per letter: much faster than str.translate here
            if a in text:
                text = text.replace(a, b)
        if "اال" in text:  # «األولى» → «الأولى» (the swap keeps the length)
            text = text.replace("اال", "الا")
        self.text = text
        self._starts, self._origins = starts, origins

    def original(self, offset: int) -> int:
        """The offset in the original text of view offset ``offset``."""
        if len(self._starts) == 1:
            return offset
        k = bisect_right(self._starts, offset) - 1
        return self._origins[k] + offset - self._starts[k]

    def original_end(self, offset: int) -> int:
        """Like :meth:`original` for the end of a span (dropped marks before it stay outside)."""
        if offset == 0:
            return 0
        k = bisect_right(self._starts, offset - 1) - 1
        return self._origins[k] + offset - self._starts[k]

    @property
    def shifted(self) -> bool:
        """Whether marks were dropped (else view offsets are the original's)."""
        return len(self._starts) > 1


# -- what a mention records ------------------------------------------------------------------------


@dataclass
class Number:
    """One article number as written: ``value`` is the eId number («1-447» → ``"447-1"``)."""

    value: str
    start: int
    end: int


@dataclass
class Item:
    """One element of an article list: an article, or a range ``first``..``last``."""

    first: Number
    last: Number | None = None
    following: bool = False  # «وما يليه»: and the articles after it
    sub: list[tuple[str, str]] = field(default_factory=list)  # «الفصل 181 فقرة 2 و3»


@dataclass
class WorkPhrase:
    """What the words say about the cited work.

    kind: ``this`` (هذا القانون), ``same`` (القانون المذكور, نفس القانون), ``it`` (منه),
    ``number`` (a law by number), ``name`` (a known work by name: ``penal-code``,
    ``criminal-procedure``), ``other`` (a law named without number: الدستور, مدونة الأسرة, a dahir
    by its date)."""

    kind: str
    start: int
    end: int
    number: str | None = None  # "22.01", as written with dots
    law_kind: str | None = None  # law, organic-law, dahir, decree, order, constitution, code
    name: str | None = None
    text: str = ""
    year: int | None = None  # «قانون المسطرة الجنائية المؤرخ في ... (10 فبراير 1959)»: the year it was made


@dataclass
class Mention:
    """A citation as written.  ``kind``: ``article`` (articles of a work), ``law`` (a law by number,
    no article) or ``work`` (a law named without number: kept only as context for «منه»)."""

    kind: str
    start: int
    end: int
    items: list[Item] = field(default_factory=list)
    sub: list[tuple[str, str]] = field(default_factory=list)  # «الفقرة الثانية من الفصل 404»
    work: WorkPhrase | None = None
    position: str | None = None  # above (أعلاه), below (أدناه, بعده)
    lookback: str | None = None  # same (المذكور, نفس الفصل), previous (السابق), next (الموالي)
    via_b: bool = False  # «بالفصل»: the article is added to a work named before
    plural: bool = False
    absorbed: list[int] = field(default_factory=list)  # starts of promulgating dahirs it names
    alias: str | None = None  # the number of that dahir («... الصادر بتنفيذه الظهير الشريف رقم 1.02.255»)
    language: str = "ar"

    @property
    def numbered(self) -> bool:
        return bool(self.items)


# -- the grammar (on the view) ------------------------------------------------------------------------

_NB = r"(?<![^\W\d_])"  # not preceded by a letter (digits may be glued before)
_NA = r"(?![^\W\d_])"  # not followed by a letter
_S = r"[^\S\n]*"  # spaces on the same line
_S1 = r"[^\S\n]+"
_W = r"\s+"  # between the words of a phrase (a line break is allowed)
_PRO = r"(?:[وف]?(?:[بك]?ال|لل))"  # ال with و ف ب ك, or لل

_ORDINAL = (
    r"(?:ال)?(?:اول|اولي|ثاني|ثانيه|ثالث|ثالثه|رابع|رابعه|خامس|خامسه|سادس|سادسه|سابع|سابعه|"
    r"ثامن|ثامنه|تاسع|تاسعه|عاشر|عاشره|حادي|حاديه|فريده|فريد)"
    + _NA
    + r"(?:"
    + _S1
    + r"(?:و?ال)?(?:عشر|عشره|عشرون|عشرين|ثلاثون|ثلاثين|ثالثون|ثالثين|اربعون|اربعين|خمسون|خمسين)"
    + _NA
    + r")?"
)
_QUAL = (
    r"(?:"
    + _S
    + r"(?:ال)?مكرر(?:ه)?"
    + _NA
    + r"(?:"
    + _S1
    + r"(?:مرتين|مرتان|(?:ثلاث|ثالث|اربع|خمس)"
    + _S1
    + r"مرات))?|"
    + _S
    + r"(?i:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)\b)"
)
# an article number: digits, inserted parts after hyphens, or the «-1\n88» of a broken line
_DIGITS = r"(?:[-ـ]" + _S + r"\d+" + _S + r"\n\s*)?\d+(?:" + _S + r"[-ـ–]" + _S + r"\d+)*(?![\d]|[.,]\d)"
_NUMBER = re.compile(r"(" + _DIGITS + r")(" + _QUAL + r")?")
# after a displaced full stop («الفصل .609- 206 - الأدوات») the number ends a sentence: no spaced parts
_NUMBER_TIGHT = re.compile(r"(\d+(?:[-ـ]\d+)*(?![\d]|[.,]\d))(" + _QUAL + r")?")
_QUAL_RE = re.compile(_QUAL)
_ORD_RE = re.compile(_ORDINAL)
_LAST = re.compile(r"(?:ال)?اخيره?" + _NA)
_LETTER = re.compile(r"\(" + _S + r"([ابجدهوزحطيكلمنسعفصقرشتثخذضظغ])" + _S + r"\)")
_LAW_WORD = r"(?:قانون|ظهير|مرسوم|قرار|دستور|مدونه|مجموعه|مجله|اع[لا][ال]ن|عهد|ا?تفاقيه|معاهده|بروتوكول)"

_LABEL = re.compile(
    _NB
    + r"(?P<ar>"
    + _PRO
    + r"(?P<stem>فصول|فصليين|فصلين|فصلان|فصل|مواد|مادتين|مادتان|ماده))"
    + _NA
    + r"|"
    + _NB
    + r"(?P<sub>"
    + _PRO
    + r"(?P<substem>فقرات|فقرتين|فقرتان|فقره|بنود|بندين|بندان|بند|مقاطع|مقطعين|مقطع))"
    + _NA
    + r"|"
    + _NB
    + r"(?P<same>نفس\s*(?:ال)?(?:فصل|ماده))"
    + _NA
    + r"|"
    + _NB
    + r"(?P<law>[وف]?(?:[بك]?(?:ال)?|لل)"
    + _LAW_WORD
    + r")"
    + _NA
    + r"|(?i:\b(?P<fr>(?:l['’])?articles?(?!\w)|art\.|(?:loi|dahir|d[ée]cret|ses|son|leurs?|constitution)(?!\w)))"
)

# a cheap first pass: the stems of the anchors (rarer letters than the ال every Arabic word has);
# each hit is then matched with _LABEL at the start of its word
# (grouped by first letter: فصل فصول فقرة, مادة مواد مقطع مقاطع مرسوم مدونة مجموعة مجلة معاهدة, بند بنود
# بروتوكول, قانون قرار, ظهير, دستور, عهد, اتفاقية, إعلان, نفس — one letter test picks the branch)
_STEM = re.compile(
    r"ف(?:ص[لو]|قر)|م(?:اد|وا|قط|قاط|رسوم|دونه|جموعه|جله|عاهده)|ب(?:ند|نو|روتوكول)|ق(?:انون|رار)|ظهير|دستور|عهد"
    r"|تفاقيه|اع(?:لان|الن)|نفس(?:\s|ال)"
)
# (the look-ahead on the first letters lets the engine skip ahead: without it, the case-insensitive
# pattern is tried at every position of an Arabic text)
_STEM_FR = re.compile(
    r"(?=(?i:[acdls]))(?i:\b(?:articles?\b|art\.|loi\b|dahir\b|d[ée]cret\b|ses\b|son\b|leurs?\b|constitution\b))"
)
_LATIN = re.compile(r"[A-Za-z]")
_WORD_START = re.compile(r"[^\W\d_]{1,5}$")

_LINE_END = re.compile(r"[^\S\n]*(?:\n|$)")
_SUB_OF = re.compile(r"\s*[،,]?\s*من" + _W)
_SEP = re.compile(r"\s*(?:[،,]" + _S + r"(?:و|او)?|و|او)" + _S + r"[.،,:(]?" + _S)
_RANGE = re.compile(
    r"\s*(?:الي(?:"
    + _W
    + r"غايه)?|حتي|علي"
    + _W
    + r"غايه)"
    + _NA
    + r"\s*[.،,:]?\s*(?:"
    + _PRO
    + r"(?:فصل|ماده)"
    + _NA
    + r"\s*)?"
)
_FROM = re.compile(r"\s*[.،,:]?" + _S + r"من(?:" + _S1 + r"|" + _S + r"\n\s*)")
_FOLLOWING = re.compile(r"\s*و" + _S + r"ما" + _S + r"(?:يليه|يليها|يله|يليهما|بعده|بعدها)" + _NA)
_GAP = re.compile(_S + r"(?:رقم" + _S + r")?[.،,:(]?" + _S)
_GAP_LINE = re.compile(_S + r"\n\s*(?:رقم" + _S + r")?[.،,:(]?" + _S)
_SUB_AFTER = re.compile(
    _S + r"\(?" + _S + r"(?:ال)?(?P<k>فقره|فقرات|فقرتين|بند|بنود|بندين|مقطع|مقاطع)" + _NA + _S + r"(?:رقم" + _S + r")?"
)
_POSITION = re.compile(
    r"\s*[،,]?" + _S + r"(?:(?P<above>اعلاه|اعاله|اعالهن|قبله|قبلها|اعلاهما)|(?P<below>ادناه|بعده|بعدها))" + _NA
)
_CLOSE = re.compile(_S + r"\)")
_LOOKBACK = re.compile(
    r"\s*(?:(?P<same>(?:ال)?(?:مذكور|مذكوره|مذكورين|مذكورتين|مذكورتان|سالف|سالفه|سالفي|سالفين|انف|انفه|مشار"
    + _W
    + r"(?:اليه|اليها|اليهما|اليهم))(?:"
    + _W
    + r"(?:ذكر|الذكر|بيانه))?|نفسه|نفسها|ذاته|ذاتها)|(?P<previous>(?:ال)?(?:سابق|سابقه|"
    r"سابقين|سابقتين|متقدم|متقدمه))|(?P<next>(?:ال)?(?:موالي|مواليه|تالي|تاليه|لاحق|لاحقه)))" + _NA
)

# the cited work, read after «من» (or straight after the number for a law by number)
_OF = re.compile(r"\s*[،,]?\s*(?:(?P<min>من|في)" + _W + r"(?:(?:فصول|مواد)" + _W + r")?)?")
_IT = re.compile(r"\s*(?:منه|منها|منهما)" + _NA)
_DIVISION = re.compile(
    r"(?:ال)?(?:باب|قسم|جزء|كتاب|فرع|شطر)" + _NA + r"\s*(?:" + _ORDINAL + r"|\d+)\s*"
    r"(?:مكرر" + _NA + r"\s*)?من" + _W
)
_LAW_NOUN = (
    r"(?:ال)?(?:قانون(?:"
    + _W
    + r"(?:ال)?تنظيمي)?|ظهير(?:"
    + _W
    + r"(?:ال)?شريف)?(?:"
    + _W
    + r"بمثابه"
    + _W
    + r"قانون)?|مرسوم(?:"
    + _W
    + r"(?:ال)?ملكي)?(?:"
    + _W
    + r"بمثابه"
    + _W
    + r"قانون|"
    + _W
    + r"بقانون)?|قرار(?!"
    + _W
    + r"(?:ال)?(?:مجلس|محكمه|غرفه|هيئه)"
    + _NA
    + r")(?:"
    + _W
    + r"(?!رقم)[^\s\d،,.؛:]+){0,6}?)"
)
_LAWNUM = r"(\d+(?:" + _S + r"[./-]" + _S + r"\d+){1,2})"
_BACK_WORDS = (
    r"(?:"
    + _W
    + r"(?:ال)?(?:مذكور|سالف|انف|مشار"
    + _W
    + r"اليه)(?:"
    + _W
    + r"(?:ذكر|الذكر))?"
    + r"(?:"
    + _W
    + r"(?:اعلاه|اعاله))?)?"
)
_NUMBERED = re.compile(r"(?P<noun>" + _LAW_NOUN + r")" + _BACK_WORDS + r"\s*رقم\s*[.،,]?\s*" + _LAWNUM + r"(?![\d])")
_AFTER_SAME = re.compile(r"\s*[،,]?\s*(?:ال)?(?:سالف|سالفي|انف|مذكور|مشار)" + _NA)
_NUMBERED_BARE = re.compile(
    r"(?P<noun>(?:ال)?(?:قرار|قانون|مرسوم|ظهير(?:"
    + _W
    + r"(?:ال)?شريف)?))"
    + _S
    + r"[.،,]?"
    + _S
    + r"(\d+\.\d+(?:\.\d+)?)(?![\d])"
)
_THIS = re.compile(
    r"(?:(?:هذا|هذه)"
    + _W
    + r"(?:ال)?(?:قانون(?:"
    + _W
    + r"(?:ال)?تنظيمي)?|مدونه|ظهير(?:"
    + _W
    + r"(?:ال)?شريف)?|مرسوم|مجموعه|نظام|قرار)|ظهيرنا(?:"
    + _W
    + r"(?:ال)?شريف)?"
    + _W
    + r"هذا|"
    r"(?:ال)?(?:قانون|ظهير|مرسوم)" + _W + r"هذا)" + _NA
)
_THIS_NUMBER = re.compile(r"\s*(?:(?:ال)?تنظيمي" + _W + r")?رقم\s*[.،,]?\s*" + _LAWNUM + r"(?![\d])")
_SAME = re.compile(
    r"(?:نفس"
    + _W
    + r"(?:ال)?(?:قانون|ظهير|مرسوم|مدونه|مجموعه|قرار)|(?:ال)?(?:قانون|ظهير(?:"
    + _W
    + r"(?:ال)?شريف)?(?:"
    + _W
    + r"بمثابه"
    + _W
    + r"قانون)?|مرسوم(?:"
    + _W
    + r"بقانون)?|مدونه|مجموعه|قرار)"
    + _W
    + r"(?:نفسه|نفسها|ذاته|ذاتها|(?:ال)?مذكور(?:ه)?|(?:ال)?سالف(?:ه)?|(?:ال)?انف(?:ه)?|(?:ال)?مشار"
    + _W
    + r"اليه(?:ا)?))"
    + _NA
    + r"(?:"
    + _W
    + r"(?:الذكر|ذكره|اعلاه|اعاله)"
    + _NA
    + r")*"
)
_DATED = re.compile(r"\s*[،,]?\s*(?:(?:ال)?(?:مؤرخ|صادر)" + _W + r"في|بتاريخ)" + _NA)
_CHAPTER_OF = re.compile(r"\s*من" + _W + r"(?:ال)?(?:باب|قسم|جزء|كتاب|شطر)" + _NA)
_SAME_NUMBER = re.compile(
    r"(?:\s*(?:ال)?(?:معتبر|صادر)?" + _S + r"بمثابه" + _W + r"(?:ال)?قانون)?\s*رقم\s*[.،,]?\s*" + _LAWNUM + r"(?![\d])"
)
_SAME_BARE = re.compile(_S + r"[.،,]" + _S + r"(\d+\.\d+(?:\.\d+)?)(?![\d])")
_PENAL_CODE = re.compile(
    r"(?:مجموعه?"
    + _W
    + r")?(?:ال)?قانون"
    + _W
    + r"(?:ال)?جنائي"
    + _NA
    + r"(?!"
    + _W
    + r"(?:لل|ال)?(?:اعمال|خاص|عسكري))"
)
_CRIMINAL_PROCEDURE = re.compile(
    r"(?:(?:ال)?قانون" + _W + r"(?:(?:ال)?متعلق" + _W + r"ب)?)?(?:ال)?مسطره" + _W + r"(?:ال)?جنائيه" + _NA
)
_CPP_ABBREVIATION = re.compile(r"ق" + _S + r"\.?" + _S + r"م" + _S + r"\.?" + _S + r"ج(?![^\W\d_])")
_CODE_WORDS = (
    r"(?:" + _S1 + r"(?!(?:الصادر|المنفذ|المتعلق|الذي|التي|المؤرخ|المغير|المتمم|المشار|المذكور|السالف|"
    r"الفصل|الماده|المعمول|الجاري|الداخلي|الاساسي)(?![^\W\d_]))(?:ال|لل)[^\W\d_]+){1,3}"
)
_NAMED_CODE = re.compile(
    r"(?:(?:ال)?مدونه|قانون)" + _CODE_WORDS + r"(?!\s*[،,]?\s*(?:ال)?(?:مذكور|سالف|انف|مشار|نفس|ملحق))"
)
# a code named right after a law it is the title of («القانون رقم 15.95 المتعلق بمدونة التجارة»), or as a
# branch of law («مسائل من القانون الجنائي»): not a citation of its own
_NAMES_CITED_LAW = re.compile(
    r"(?:(?:ال)?متعلق(?:ه)?\s*|بمثابه\s+|بشان\s+|(?:ال)?قاضي\s+|(?:مسائل|ماده|مواد|ميدان|مجال)\s+(?:من|في)\s+)"
    r"(?:[وف]?ب)?$"
)
_NAMED_NUMBER = re.compile(
    r"(?:" + _W + r"[^\W\d_]+){0,3}?(?:" + _S + r"\d{4})?" + _S + r"رقم" + _S + r"[.،,]?" + _S + _LAWNUM + r"(?![\d])"
)
# treaties: named ones (a citation wherever they stand), and the bare word after an article («المادة 4 من العهد»)
_TREATY_NAMED = re.compile(
    r"(?:ال)?(?:اع[لا][ال]ن"
    + _W
    + r"(?:ال)?عالمي"
    + _W
    + r"لحقوق"
    + _W
    + r"(?:ال)?انسان|عهد"
    + _W
    + r"(?:ال)?دولي"
    + _W
    + r"(?:ال)?خاص"
    + _W
    + r"ب(?:ال)?حقوق(?:"
    + _W
    + r"(?:و?ال)[^\W\d_]+){1,3}|بروتوكول"
    + _W
    + r"(?:ال)?اختياري(?:"
    + _W
    + r"[^\W\d_]+){0,2}?"
    + _W
    + r"(?:لل|ب(?:ال)?)عهد|(?:ا?تفاقيه|معاهده)"
    + _W
    + r"(?:جنيف|(?:ال)?مبرمه"
    + _W
    + r"بين|"
    r"(?:ال)?مؤسسه" + _W + r"ل[^\W\d_]+|(?:ال)?تعاون" + _W + r"(?:ال)?[^\W\d_]+))" + _NA
)
_TREATY_BARE = re.compile(r"(?:ال)?(?:عهد|ا?تفاقيه|معاهده|بروتوكول|اع[لا][ال]ن)" + _NA)
_AS_NAMED = re.compile(r"(?:[^.؛:\n]|\n(?!\s*\n)){0,160}?بمثابه" + _W)
_BRANCH_OF_LAW = re.compile(r"(?:مسائل|ماده|مواد|ميدان|مجال)" + _S1 + r"(?:من|في)" + _S1 + r"[^.؛:\n]*$")
_DATED_TEXT = re.compile(
    r"(?:ال)?(?:ظهير(?:"
    + _W
    + r"(?:ال)?شريف)?|قرار(?:"
    + _W
    + r"(?:ال)?وزيري)?|مرسوم(?:"
    + _W
    + r"(?:ال)?ملكي)?)(?=\s*[،,]?\s*(?:(?:ال)?(?:مؤرخ|مورخ|صادر)"
    + _W
    + r"(?:في|فى|بتاريخ)|بتاريخ)"
    + _W
    + r"\d)"
)
_OTHER_WORK = re.compile(
    r"(?:(?P<constitution>(?:ال)?دستور)|(?P<code>(?:ال)?مدونه" + _W + r"(?:ال)?[^\W\d_]+)|"
    r"(?P<noun>(?:ال)?(?:قانون|ظهير(?:" + _W + r"(?:ال)?شريف)?|مرسوم|قرار|اتفاقيه|ميثاق)))" + _NA
)
_TAIL = re.compile(
    r"(?:[^.؛:!؟\n]|\n(?!\s*\n)|(?<=\d)\.(?=\d)){0,240}?(?:(?:ال)?مصادق"
    + _W
    + r"علي(?:ه|ها)"
    + _W
    + r"ب|بالمصادقه"
    + _W
    + r"علي"
    + _W
    + r"|(?:ال)?صادر(?:"
    + _W
    + r"الامر)?"
    + _W
    + r"بتنفيذ(?:ه|ها)"
    + r"\s*|(?:ال)?منفذ"
    + _W
    + r"ب(?:مقتضي"
    + _W
    + r")?)(?:ال)?(?P<dahir>ظهير)(?:"
    + _W
    + r"(?:ال)?شريف)?(?:"
    + _W
    + r"بمثابه"
    + _W
    + r"قانون)?\s*رقم\s*[.،,]?\s*\d"
)
_OTHER_LAW_BETWEEN = re.compile(r"(?:قانون|مجموعه|مدونه|ظهير|مرسوم|دستور)")
_ALIAS_NUMBER = re.compile(_LAWNUM + r"(?![\d])")
_SENTENCE_END = re.compile(r"[.؛!؟?](?=\s|$)|:\s*\n")

# French
_FR_NUM = r"(?:\d+(?:-\d+)*(?:\s*(?:bis|ter|quater|quinquies|sexies)\b)?|premier|1er)"
_FR_LIST = re.compile(r"(?i)\s*(" + _FR_NUM + r")((?:\s*(?:,|et|ou|à|au)\s*" + _FR_NUM + r")*)")
_FR_SEP = re.compile(r"(?i)\s*(,|et|ou|à|au)\s*")
_FR_NUM_RE = re.compile(r"(?i)" + _FR_NUM)
_FR_WORK = re.compile(
    r"(?i)\s*,?\s*(?:(?:du|de\s+la|des|de)\s+|de\s+l['’]\s*)(?:"
    r"(?P<this>présente?\s+(?:loi|code|dahir|décret)|présent\s+(?:code|dahir|décret))|"
    r"(?P<same>même\s+(?:loi|code|dahir|décret)|ladite\s+loi|ledit\s+(?:code|dahir|décret))|"
    r"(?P<pc>code\s+pénal)|(?P<cpp>code\s+de\s+procédure\s+pénale)|"
    r"(?P<law>(?:loi|dahir|décret)(?:\s+organique)?(?:\s+portant\s+loi)?\s+n[°o]\.?\s*(\d+(?:[-.]\d+){1,2}))|"
    r"(?P<constitution>constitution)|(?P<other>code\s+[^\W\d_]+))"
)
_FR_LAW = re.compile(
    r"(?i)(?P<noun>loi|dahir|décret)(?:\s+organique)?(?:\s+portant\s+loi)?\s+n[°o]\.?\s*(\d+(?:[-.]\d+){1,2})"
)
_FR_POSSESSIVE = re.compile(r"(?i)(?:ses|son|leurs?)\s+(?=articles?\b)")


def _end(pattern: re.Pattern[str], t: str, pos: int) -> int:
    """Where ``pattern``, one that matches the empty string too (a gap), ends from ``pos``."""
    m = pattern.match(t, pos)
    return m.end() if m else pos


# -- numbers ---------------------------------------------------------------------------------------------

_NON_DIGITS = re.compile(r"[^\d]+")
_SPACED = re.compile(r"\d\s+[-ـ]|[-ـ]\s+\d")


def _split_parts(raw: str) -> list[str]:
    return [p for p in _NON_DIGITS.split(raw) if p]


def article_numbers(raw: str, qualifier: str = "") -> list[str]:
    """The eId numbers a written number stands for: one inserted number («1-447», «447-1»,
    «-1\\n88») or, when its parts are all article-sized, a list written with hyphens
    («291 -290 - 289» → 289, 290, 291) that :func:`parse_list` turns into a range."""
    if not qualifier and raw.isdigit():
        return [str(int(raw))]
    parts = _split_parts(raw)
    if len(parts) > 1 and raw.lstrip().startswith(("-", "ـ")) and "\n" in raw:
        parts = parts[1:] + parts[:1]  # «-1\n88»: the inserted part came first
    ints = [int(p) for p in parts]
    if len(ints) > 1 and _hyphenated_list(raw, ints):
        return [str(i) for i in sorted(set(ints))]
    if not qualifier:
        if len(ints) > 1 and ints[-1] > ints[0]:  # base first, as lawtool.eids does
            ints.reverse()
        return ["-".join(str(i) for i in ints)]
    text = "-".join(parts)
    try:
        return [number_from_num(text + " " + qualifier.strip())]
    except EidError:
        return ["-".join(parts)]


def _hyphenated_list(raw: str, ints: list[int]) -> bool:
    """Whether hyphenated parts are several articles («291 -290 - 289»), not one inserted number:
    every part article-sized, a part repeated, or «23 – 19», «19 - 23» (two article-sized numbers
    around a dash or a spaced hyphen)."""
    base = max(ints)
    rest = list(ints)
    rest.remove(base)
    low = min(ints)
    spaced = "–" in raw or _SPACED.search(raw)
    return min(rest) > 40 or base in rest or bool(len(ints) == 2 and spaced and low > 10 and base < 3 * low)


_SINGLE = re.compile(r"(?:ال)?فريد(?:ه)?")
_THALATH = re.compile(r"ثالث(ين|ون)")


def ordinal_number(words: str) -> str | None:
    if _SINGLE.fullmatch(words.strip()):
        return "1"  # «المادة الفريدة», «الفصل الفريد»: the single article
    words = _THALATH.sub(r"ثلاث\1", words)  # «الثالثين»: a reversed lam-alef
    try:
        value = number_from_num("الماده " + words)
    except EidError:
        return None
    return value if value.isdigit() else None


# -- the parser ------------------------------------------------------------------------------------------


_DOTS = re.compile(r"\s*[./-]\s*")
_BULLET = re.compile(r"[-–.•]")
_LAW_WORD_RE = re.compile(_LAW_WORD)


def _dotted(raw: str) -> str:
    return _DOTS.sub(".", raw)


class _Parser:
    def __init__(self, view: str):
        self.t = view
        self._tail: tuple[int, re.Match | None] = (-1, None)  # the last _TAIL match: (where, match)

    # numbers and lists
    def number(self, pos: int):
        """([Number], end, spread) for one written number at ``pos`` (an ordinal too), or None.
        ``spread`` is true for hyphenated article-sized parts («23 – 19»), a range."""
        t = self.t
        c = t[pos : pos + 1]
        if not c:
            return None
        m = None
        if c.isdigit() or c in "-ـ":
            m = (_NUMBER_TIGHT if "." in t[max(0, pos - 2) : pos] else _NUMBER).match(t, pos)
        elif not c.isalpha():
            return None
        if m:
            raw, qual = m.group(1), m.group(2) or ""
            # a number alone on its line is a footnote marker or a page number, not an article
            line_start = t.rfind("\n", 0, m.start()) + 1
            if not t[line_start:pos].strip() and _LINE_END.match(t, m.end()):
                return None
            values = article_numbers(raw, qual)
            if len(values) > 1:
                return [Number(v, m.start(), m.end()) for v in values], m.end(), True
            return [Number(values[0], m.start(), m.end())], m.end(), False
        m = _ORD_RE.match(t, pos) if c.isalpha() else None
        if m:
            value = ordinal_number(m.group(0))
            if value:
                end = m.end()
                q = _QUAL_RE.match(t, end)
                if q:
                    value = number_from_num(value + " " + q.group(0).strip())
                    end = q.end()
                return [Number(value, m.start(), end)], end, False
        return None

    def items(self, pos: int):
        """The list of numbers and ranges at ``pos``: (items, end), ([], pos) when there is none."""
        t = self.t
        out: list[Item] = []
        cur = pos
        probed = None
        while True:
            if probed is not None:
                got, probed = probed, None
            else:
                f = _FROM.match(t, cur) if t.startswith("من", cur) or t[cur : cur + 1] in " .،,:" else None
                got = self.number(f.end()) if f else None
                if not got:
                    got = self.number(cur)
            if not got:
                break
            numbers, cur, spread = got
            if spread:  # «23 – 19», «291 -290 - 289»: a range written with hyphens
                item = Item(numbers[0], numbers[-1])
            else:
                item = Item(numbers[0])
                r = _RANGE.match(t, cur)
                got2 = self.number(r.end()) if r else None
                if got2:
                    item.last = got2[0][-1]
                    cur = got2[1]
                else:
                    fo = _FOLLOWING.match(t, cur)
                    if fo:
                        cur = fo.end()
                        r2 = _RANGE.match(t, cur)
                        got2 = self.number(r2.end()) if r2 else None
                        if got2:
                            item.last = got2[0][-1]
                            cur = got2[1]
                        else:
                            item.following = True
                sub = self.sub_after(cur)
                if sub:
                    item.sub, cur = sub
            out.append(item)
            s = _SEP.match(t, cur)
            if not s:
                break
            # the list goes on only if a number (or «من N») follows the separator; «والفصل 182»
            # starts a new mention
            nxt = s.end()
            f2 = _FROM.match(t, nxt) if t.startswith("من", nxt) else None
            probed = self.number(f2.end()) if f2 else None
            if not probed:
                probed = self.number(nxt)
            if not probed:
                break
            cur = nxt
        return out, cur

    def sub_after(self, pos: int):
        """«فقرة 2 و3» or «(الفقرة الثالثة)» after an article number."""
        m = _SUB_AFTER.match(self.t, pos)
        if not m:
            return None
        kind = "point" if m.group("k").startswith("بن") else "paragraph"
        values, cur = self.sub_values(m.end())
        if not values:
            return None
        c = _CLOSE.match(self.t, cur)
        if c:
            cur = c.end()
        return [(kind, v) for v in values], cur

    def sub_value(self, pos: int):
        t = self.t
        m = _NUMBER.match(t, pos)
        if m and not m.group(2):
            return str(int(_split_parts(m.group(1))[0])), m.end()
        m = _ORD_RE.match(t, pos)
        if m and ordinal_number(m.group(0)):
            return ordinal_number(m.group(0)), m.end()
        m = _LAST.match(t, pos)
        if m:
            return "last", m.end()
        m = _LETTER.match(t, pos)
        if m:
            return number_from_num(m.group(1)), m.end()
        return None

    def sub_values(self, pos: int):
        values, cur = [], pos
        while True:
            got = self.sub_value(cur)
            if not got:
                break
            values.append(got[0])
            cur = got[1]
            s = _SEP.match(self.t, cur)
            if not s or not self.sub_value(s.end()):
                break
            cur = s.end()
        return values, cur

    # the cited work
    def work(self, pos: int):
        """The work phrase at ``pos`` (after the articles): (WorkPhrase, end) or (None, pos)."""
        t = self.t
        m = _IT.match(t, pos)
        if m:
            return WorkPhrase("it", pos, m.end()), m.end()
        o = _OF.match(t, pos)  # matches the empty string too
        cur = o.end() if o else pos
        has_of = bool(o and o.group("min"))
        while has_of:  # «من الباب الأول من القانون رقم ...»: divisions on the way to the law
            d = _DIVISION.match(t, cur)
            if not d:
                break
            cur = d.end()
        phrase = self.work_body(cur, has_of)
        if phrase is None:
            return None, pos
        return phrase, phrase.end

    def work_body(self, cur: int, has_of: bool, standalone: bool = False) -> WorkPhrase | None:
        t = self.t
        m = _NUMBERED.match(t, cur)
        if m:
            same = "same" if _AFTER_SAME.match(t, m.end()) else None
            return _by_number(t, cur, m.end(), _dotted(m.group(2)), _law_kind(m.group("noun")), same)
        if not has_of:
            return None
        m = _NUMBERED_BARE.match(t, cur)
        if m:
            same = "same" if _AFTER_SAME.match(t, m.end()) else None
            return _by_number(t, cur, m.end(), m.group(2), _law_kind(m.group("noun")), same)
        m = _THIS.match(t, cur)
        if m:
            return _this_phrase(t, cur, m)
        m = _SAME.match(t, cur)
        if m:
            return _same_phrase(t, cur, m)
        m = _PENAL_CODE.match(t, cur)
        if m:
            return _dated(t, WorkPhrase("name", cur, m.end(), name="penal-code", law_kind="code", text=m.group(0)))
        m = _CRIMINAL_PROCEDURE.match(t, cur)
        if m:
            return _dated(
                t, WorkPhrase("name", cur, m.end(), name="criminal-procedure", law_kind="code", text=m.group(0))
            )
        special = _special_work(t, cur)
        if special is not None:
            return special
        m = _TREATY_NAMED.match(t, cur) or (None if standalone else _TREATY_BARE.match(t, cur))
        if m:
            return WorkPhrase("other", cur, m.end(), law_kind="treaty", name=m.group(0), text=m.group(0))
        m = _OTHER_WORK.match(t, cur)
        if m:
            kind = "constitution" if m.group("constitution") else "code" if m.group("code") else _law_kind(m.group(0))
            return WorkPhrase("other", cur, m.end(), law_kind=kind, name=m.group(0), text=m.group(0))
        return None

    def absorbed(self, pos: int) -> list[int]:
        """View offsets of the dahir named as promulgating or approving the law whose
        designation ends at ``pos`` («... الصادر بتنفيذه الظهير الشريف رقم 1.02.255»)."""
        m = self._promulgating(pos)
        return [m.start("dahir")] if m else []

    def _promulgating(self, pos: int) -> re.Match | None:
        """_TAIL at ``pos``, matched once for :meth:`absorbed` and :meth:`alias` (a costly pattern)."""
        if self._tail[0] != pos:
            self._tail = (pos, _TAIL.match(self.t, pos))
        return self._tail[1]

    def alias(self, pos: int) -> str | None:
        """The number of the dahir :meth:`absorbed` finds after ``pos``."""
        m = self._promulgating(pos)
        if (
            not m
            or _OTHER_LAW_BETWEEN.search(self.t, pos, m.start("dahir"))
            or "بتنفيذ" not in self.t[pos : m.start("dahir")]
        ):
            return None  # «... بتغيير مجموعة القانون الجنائي المصادق عليه بالظهير رقم ...»: another text's dahir
        n = _ALIAS_NUMBER.match(self.t, m.end() - 1)
        return _dotted(n.group(1)) if n else None

    # one article citation
    def article(self, anchor: re.Match) -> Mention | None:
        t = self.t
        label, stem = anchor.group("ar"), anchor.group("stem")
        mention = Mention(
            "article",
            anchor.start(),
            anchor.end(),
            plural=stem in ("فصول", "مواد", "فصلين", "فصليين", "فصلان", "مادتين", "مادتان"),
            via_b=label.startswith(("ب", "وب", "فب")),
        )
        cur = anchor.end()
        gap = _end(_GAP, t, cur)
        items, end = self.items(gap)
        if not items:
            # a line break between the label and its number («الفصل\n 16من»), not a list bullet
            g = _GAP_LINE.match(t, cur)
            if g:
                line_start = t.rfind("\n", 0, g.end()) + 1
                if not _BULLET.search(t, line_start, g.end()):
                    items, end = self.items(g.end())
        if not items:
            lb = _LOOKBACK.match(t, cur)
            if not lb:
                return None
            mention.lookback = "same" if lb.group("same") else "previous" if lb.group("previous") else "next"
            end = lb.end()
        if len(items) == 1 and stem == "فصل" and not t[gap : gap + 1].isdigit() and _CHAPTER_OF.match(t, end):
            return None  # «الفصل الأول من الباب الخامس»: a chapter of a title, not an article
        mention.items = items
        p = _POSITION.match(t, end)
        if p:
            mention.position = "above" if p.group("above") else "below"
            end = p.end()
        c = _CLOSE.match(t, end)
        if c and "(" in t[mention.start : end]:
            end = c.end()
        phrase, wend = self.work(end)
        if phrase is not None:
            mention.work = phrase
            end = wend
            if phrase.kind in ("number", "name"):
                mention.absorbed = self.absorbed(end)
                mention.alias = self.alias(end)
            if phrase.kind != "it":
                p = _POSITION.match(t, end)
                if p:
                    end = p.end()
        mention.end = end
        return mention

    def subprovision(self, anchor: re.Match) -> Mention | None:
        """«الفقرة الثانية من الفصل 404», «البندين 1 و2 من المادة 23»: the sub-provision, then
        the article citation it belongs to (a sub-provision alone is not a citation)."""
        t = self.t
        kind = "point" if anchor.group("substem").startswith("بن") else "paragraph"
        values, cur = self.sub_values(_end(_GAP, t, anchor.end()))
        if not values:
            values, cur = self.sub_values(_end(_GAP_LINE, t, anchor.end()))
        if not values:
            return None
        m = _SUB_OF.match(t, cur)
        if not m:
            return None
        art = _LABEL.match(t, m.end())
        if not art or not (art.group("ar") or art.group("same")):
            return None
        inner = self.article(art) if art.group("ar") else _same_article(self, art)
        if inner is None or not (inner.items or inner.lookback):
            return None
        inner.start = anchor.start()
        inner.sub = [(kind, v) for v in values]
        return inner

    def law(self, anchor: re.Match) -> Mention | None:
        """A law by number («القانون رقم 103.13»), or a law named without number (context only)."""
        t = self.t
        pos = _law_word_start(anchor)
        m = _NUMBERED.match(t, pos)
        if not m:
            return self._law_by_name(pos)
        numbered = WorkPhrase(
            "number",
            pos,
            m.end(),
            number=_dotted(m.group(2)),
            law_kind=_law_kind(m.group("noun")),
            name="same" if _AFTER_SAME.match(t, m.end()) else None,
            text=t[pos : m.end()],
        )
        mention = Mention("law", pos, m.end(), work=numbered)
        mention.absorbed = self.absorbed(m.end())
        mention.alias = self.alias(m.end())
        return mention

    def _law_by_name(self, pos: int) -> Mention | None:
        """A law named without number: a citation of its own (:func:`_cited_by_name`), or a work
        named only as context for «منه»."""
        t = self.t
        phrase = self.work_body(pos, True, standalone=True)
        if _NAMES_CITED_LAW.search(t, max(0, pos - 40), pos) and (phrase is None or phrase.kind != "number"):
            return None  # «... رقم 1.84.177 المعتبر بمثابة قانون يتعلق ب...»: the title of the law just cited
        if phrase is None:
            return None
        # «مسائل من القانون الجنائي وقانون المسطرة الجنائية»: branches of law, not citations
        if _cited_by_name(phrase) and not _BRANCH_OF_LAW.search(t, max(0, pos - 80), pos):
            mention = Mention("law", pos, phrase.end, work=phrase)
            mention.absorbed = self.absorbed(phrase.end)
            return mention
        if phrase.kind in ("name", "other", "same"):
            return Mention("work", pos, phrase.end, work=phrase)
        return None

    # French
    def french(self, anchor: re.Match) -> Mention | None:
        """French: «loi n° 12.34», «la Constitution», «article(s) 5, 6 et 8 à 10 du code pénal», «ses articles»."""
        t = self.t
        word = anchor.group("fr").lower()
        if word in ("loi", "dahir", "décret", "decret"):
            m = _FR_LAW.match(t, anchor.start())
            if not m:
                return None
            phrase = _french_law(m, m.start(), m.end())
            phrase.text = m.group(0)
            return Mention("law", m.start(), m.end(), work=phrase, language="fr")
        if word == "constitution":
            name = t[anchor.start() : anchor.end()]
            phrase = WorkPhrase("other", anchor.start(), anchor.end(), law_kind="constitution", name=name)
            return Mention("work", anchor.start(), anchor.end(), language="fr", work=phrase)
        possessive = word in ("ses", "son", "leur", "leurs")
        cur = anchor.end()
        if possessive:
            a = _FR_ARTICLES.match(t, cur)
            if not a:
                return None
            cur = a.end()
        m = _FR_LIST.match(t, cur)
        if not m:
            return None
        mention = Mention("article", anchor.start(), m.end(), language="fr", plural=t[cur - 1 : cur].lower() == "s")
        mention.items = _french_items(t, m)
        end = m.end()
        w = _FR_WORK.match(t, end)
        if w:
            mention.work = _french_work(w)
            end = w.end()
        elif possessive:
            mention.work = WorkPhrase("it", anchor.start(), anchor.start())
        mention.end = end
        return mention


_FR_ARTICLES = re.compile(r"(?i)\s+articles?\b")
_FR_TOKEN = re.compile(r"(?i)" + _FR_NUM + r"|,|\bet\b|\bou\b|\bà\b|\bau\b")


def _french_items(t: str, m: re.Match) -> list[Item]:
    """The articles of a French list («5, 6 et 8 à 10»): numbers, and ranges joined by «à»/«au»."""
    items: list[Item] = []
    pending_range = False
    for tok in _FR_TOKEN.finditer(t[m.start(1) : m.end()]):
        word = tok.group(0).lower()
        if word in (",", "et", "ou"):
            pending_range = False
            continue
        if word in ("à", "au"):
            pending_range = True
            continue
        start = m.start(1) + tok.start()
        value = "1" if word in ("premier", "1er") else number_from_num(tok.group(0))
        number = Number(value, start, start + len(tok.group(0)))
        if pending_range and items:
            items[-1].last = number
            pending_range = False
        else:
            items.append(Item(number))
    return items


def _french_law(m: re.Match, start: int, end: int) -> WorkPhrase:
    """A French law, dahir or decree by its number (an _FR_LAW match)."""
    noun = m.group("noun").lower()
    return WorkPhrase(
        "number",
        start,
        end,
        number=m.group(2).replace("-", "."),
        law_kind="law" if noun == "loi" else "dahir" if noun == "dahir" else "decree",
    )


def _french_work(w: re.Match) -> WorkPhrase:
    """The work after a French article list (an _FR_WORK match)."""
    if w.group("this"):
        return WorkPhrase("this", w.start(), w.end(), text=w.group(0))
    if w.group("same"):
        return WorkPhrase("same", w.start(), w.end(), text=w.group(0))
    if w.group("pc"):
        return WorkPhrase("name", w.start(), w.end(), name="penal-code", law_kind="code")
    if w.group("cpp"):
        return WorkPhrase("name", w.start(), w.end(), name="criminal-procedure", law_kind="code")
    if w.group("law") and (lm := _FR_LAW.search(w.group(0))):
        return _french_law(lm, w.start(), w.end())
    kind = "constitution" if w.group("constitution") else "code"
    return WorkPhrase("other", w.start(), w.end(), law_kind=kind, name=w.group(0).strip(" ,"))


_YEAR_AFTER = re.compile(r"(?:[^.؛:\n]|\n(?!\s*\n)){0,90}?\(?\s*\d{0,2}\s*[^\W\d_]*\s*(?<!\d)((?:1[89]|20)\d\d)(?!\d)")


def _law_word_start(anchor: re.Match) -> int:
    """Where the law word of a «law» anchor starts, with its article «ال» (without «و», «ب» ...)."""
    word = anchor.group("law")
    core = _LAW_WORD_RE.search(word)
    core_start = core.start() if core else 0  # the group holds one of the words
    pos = anchor.start() + core_start
    if word[max(0, core_start - 2) : core_start] == "ال":
        pos -= 2
    return pos


def _cited_by_name(phrase: WorkPhrase) -> bool:
    """Whether a law named without number is a citation: a code by its name (not «الدستور»: «بناء على
    الدستور ولا سيما الفصل 42 منه» cites the articles), a foreign law, a text by its date, a treaty."""
    if phrase.kind == "name":
        return phrase.name != "الدستور"
    if phrase.kind == "foreign":
        return True
    return phrase.kind == "other" and ((phrase.name or "").endswith("(dated)") or phrase.law_kind == "treaty")


def _by_number(t: str, start: int, end: int, number: str, law_kind: str | None, name: str | None) -> WorkPhrase:
    """A work cited by its number, over ``t[start:end]``."""
    return WorkPhrase("number", start, end, number=number, law_kind=law_kind, name=name, text=t[start:end])


def _this_phrase(t: str, cur: int, m: re.Match) -> WorkPhrase:
    """«هذا القانون», or «هذا القانون رقم 12.34» (the document by its number)."""
    n = _THIS_NUMBER.match(t, m.end())
    if n:
        return _by_number(t, cur, n.end(), _dotted(n.group(1)), _law_kind(m.group(0)), "this")
    return WorkPhrase("this", cur, m.end(), law_kind=_law_kind(m.group(0)), text=m.group(0))


def _same_phrase(t: str, cur: int, m: re.Match) -> WorkPhrase:
    """«القانون المذكور», «نفس القانون»: the last work cited, unless a number or a date follows."""
    n = _SAME_NUMBER.match(t, m.end())
    if n:
        return _by_number(t, cur, n.end(), _dotted(n.group(1)), _law_kind(m.group(0)), "same")
    n = _SAME_BARE.match(t, m.end())
    if n and "قرار" in m.group(0):
        return _by_number(t, cur, n.end(), n.group(1), "order", "same")
    if _DATED.match(t, m.end()):
        # «الظهير المشار إليه أعلاه المؤرخ في 20 شعبان 1373»: a text named by its date
        return WorkPhrase("other", cur, m.end(), law_kind=_law_kind(m.group(0)), name=m.group(0), text=m.group(0))
    return WorkPhrase("same", cur, m.end(), law_kind=_law_kind(m.group(0)), text=m.group(0))


def _dated(t: str, phrase: WorkPhrase) -> WorkPhrase:
    """A code's name followed by its date («المؤرخ في فاتح شعبان 1378 (10 فبراير 1959)»): the Gregorian year."""
    dated = _DATED.match(t, phrase.end)
    if dated:
        m = _YEAR_AFTER.match(t, dated.end())
        if m:
            phrase.year = int(m.group(1))
    return phrase


def _special_work(t: str, cur: int) -> WorkPhrase | None:
    """A foreign law, a code of the names table, «ق م ج», another code by its name, a text by its date."""
    end = foreign_at(t, cur)
    if end is not None:
        return WorkPhrase("foreign", cur, end, law_kind="foreign", name=t[cur:end], text=t[cur:end])
    found = table().match_name(t, cur)
    if found is not None:
        return _dated(t, WorkPhrase("name", cur, found[1], name=found[0], law_kind="code", text=t[cur : found[1]]))
    m = _CPP_ABBREVIATION.match(t, cur)
    if m:
        return WorkPhrase("name", cur, m.end(), name="criminal-procedure-adala", law_kind="code", text=m.group(0))
    m = _NAMED_CODE.match(t, cur)
    if m:
        n = _NAMED_NUMBER.match(t, m.end())
        if n:  # «قانون المالية لسنة 1995 رقم 42.94»: a law by its number
            return WorkPhrase("number", cur, n.end(), number=_dotted(n.group(1)), law_kind="law", text=t[cur : n.end()])
        return WorkPhrase("other", cur, m.end(), law_kind="code", name=m.group(0), text=m.group(0))
    m = _DATED_TEXT.match(t, cur)
    if m:
        # «الظهير الشريف الصادر في ... بمثابة مدونة التجارة البحرية»: the code the dated text is
        k = _AS_NAMED.match(t, m.end())
        if k:
            code = _NAMED_CODE.match(t, k.end())
            named = table().match_name(t, k.end()) or ((code.group(0), None) if code else None)
            if named is not None and named[1] is not None:
                return WorkPhrase("name", cur, named[1], name=named[0], law_kind="code", text=t[cur : named[1]])
            if named is not None and code is not None:
                end = code.end()
                return WorkPhrase("other", cur, end, law_kind="code", name=named[0], text=t[cur:end])
        return WorkPhrase(
            "other", cur, m.end(), law_kind=_law_kind(m.group(0)), name=m.group(0) + " (dated)", text=m.group(0)
        )
    return None


def _law_kind(noun: str) -> str:
    if "مرسوم" in noun:
        return "decree"
    if "قرار" in noun:
        return "order"
    if "ظهير" in noun:
        return "dahir" if "بمثابه" not in noun else "dahir-law"
    if "تنظيمي" in noun:
        return "organic-law"
    if "مدونه" in noun or "مجموعه" in noun:
        return "code"
    return "law"


# -- the pass -----------------------------------------------------------------------------------------------


def scan(text: str) -> tuple[View, list[Mention]]:
    """Every mention in ``text``, in order, with offsets in ``text``.

    One regex pass over the view finds the anchors; each anchor is parsed where it stands.
    A mention's span swallows the anchors inside it (the law that names an article's work is
    not a second mention); a dahir named as the promulgating act of a law just designated is
    dropped."""
    view = View(text)
    t = view.text
    parser = _Parser(t)
    mentions: list[Mention] = []
    absorbed: set[int] = set()
    consumed = -1
    last_word = -1
    for stem in _stems(t):
        p = stem.start()
        if p < consumed:
            continue
        w = _WORD_START.search(t, max(0, p - 5), p) if p and (t[p - 1].isalpha()) else None
        ws = w.start() if w else p
        if ws == last_word:
            continue
        last_word = ws
        anchor = _LABEL.match(t, ws)
        if anchor is None or anchor.start() < consumed:
            continue
        mention = _parse_anchor(parser, anchor)
        if mention is None:
            continue
        if anchor.group("law") and mention.kind == "law" and t.find("ظهير", mention.start, mention.end) in absorbed:
            consumed = mention.end  # the promulgating dahir of a law just cited: not a citation of its own
            continue
        absorbed.update(mention.absorbed)
        consumed = mention.end
        mentions.append(mention)
    return view, [_to_original(view, m) for m in mentions]


def _stems(t: str):
    """The anchors' stems in a view, in order: the Arabic ones, and the French ones if there are any."""
    stems = _STEM.finditer(t)
    french = list(_STEM_FR.finditer(t)) if _LATIN.search(t) else []
    return heapq.merge(stems, french, key=lambda m: m.start()) if french else stems


def _parse_anchor(parser: _Parser, anchor: re.Match) -> Mention | None:
    """The mention an anchor starts, read by the parser of its kind of word (:data:`_PARSERS`)."""
    for group, parse in _PARSERS:
        if anchor.group(group):
            return parse(parser, anchor)
    return None


def _same_article(parser: _Parser, anchor: re.Match) -> Mention:
    end = anchor.end()
    mention = Mention("article", anchor.start(), end, lookback="same")
    phrase, wend = parser.work(end)
    if phrase is not None and phrase.kind != "it":
        mention.work = phrase
        mention.end = wend
    return mention


# the kinds of anchor word (_LABEL's groups), each with its parser
_PARSERS = (
    ("ar", _Parser.article),  # الفصل, المواد ...
    ("sub", _Parser.subprovision),  # الفقرة, البند ... of an article
    ("same", _same_article),  # نفس الفصل
    ("law", _Parser.law),  # القانون رقم ..., a law by name
    ("fr", _Parser.french),  # article(s), loi n° ...
)


def _to_original(view: View, m: Mention) -> Mention:
    if not view.shifted:
        return m
    o, oe = view.original, view.original_end
    m.start, m.end = o(m.start), oe(m.end)
    for item in m.items:
        for n in (item.first, item.last):
            if n is not None:
                n.start, n.end = o(n.start), oe(n.end)
    if m.work is not None:
        m.work.start, m.work.end = o(m.work.start), oe(m.work.end)
    return m


def sentence_ends(view_text: str) -> list[int]:
    """View offsets where a sentence ends (for «the work named earlier in the sentence»)."""
    return [m.start() for m in _SENTENCE_END.finditer(view_text)]
