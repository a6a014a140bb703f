"""Penalties: the prison and fine ranges of penal provisions, read from the Arabic text.

What is read, sentence by sentence, in each article (the article's own text; an article quoted
by an amending law is read as an article of the law it amends):

- the prison range: «بالحبس من ستة أشهر إلى سنة», «من شهر واحد إلى ثلاثة أشهر», «بالسجن من
  خمس إلى عشر سنوات», «من سنة إلى خمس» (the unit of one bound implied by the other),
  «السجن المؤبد» (life); numbers in words (ثلاث, خمس, عشر, عشرين ...) or digits; the duals
  «شهرين», «سنتين»; durations in days, a month = 30 and a year = 365.  ``type`` is ``habs``
  (الحبس, correctional imprisonment) or ``sijn`` (السجن, criminal imprisonment);
- the fine range in dirhams: «وغرامة من 2.000 إلى 20.000 درهم», «من ألف ومائتين إلى عشرين ألف
  درهم», «من خمسة آلاف إلى خمسين ألف درهم»;
- «أو بإحدى هاتين العقوبتين» (``alternative``: prison or fine or both);
- aggravations: «تضاعف العقوبة إذا ...» (both bounds doubled), «تكون العقوبة ... إذا ...»,
  «ترفع الغرامة إلى الضعف في حالة العود», with the circumstances labelled (``CONDITIONS``);
- articles that raise the penalty of other articles: «يعاقب ب... إذا ارتكبت الأفعال المنصوص
  عليها في الفصلين 447-1 و447-2 ...» (447-3), «إذا ارتكب التحرش الجنسي من طرف ...»
  (503-1-2, linked by the offence's name), «تضاعف العقوبة المنصوص عليها في الفصول 425 ...»
  (429-1), «تضاعف العقوبات المنصوص عليها في المواد من 8 إلى 12 مكررة ...»: their range is
  attached, as an aggravation, to each article they name that is in the same document;
- cases: «في الحالة المنصوص عليها في الفقرة الأولى من الفصل 402، السجن من عشر إلى عشرين
  سنة» (404, 436-1);
- a second offence with its own range in the same article (bill articles 8 مكررة, 18) becomes a
  case whose condition is its sentence.

Known limits: a penalty written by reference only («بالعقوبات المنصوص عليها في الفصلين 323-1
و323-2») gives ``same_as``, not a range; fines expressed as a multiple of another fine
(«خمس مرات الغرامة») are not read; the damaged lam-alef of the Adala PDFs («ثالث» for «ثلاث»)
is read as the number it stands for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..akn import Document, local_name, text_of
from ..arabic import normalise
from ..eids import ORDINALS, number_from_num
from ..errors import LawtoolError

MONTH, YEAR = 30, 365

ONES = {
    "واحد": 1,
    "واحده": 1,
    "اثنين": 2,
    "اثنان": 2,
    "اثنتين": 2,
    "ثلاث": 3,
    "ثلاثه": 3,
    "ثالث": 3,
    "ثالثه": 3,
    "اربع": 4,
    "اربعه": 4,
    "خمس": 5,
    "خمسه": 5,
    "ست": 6,
    "سته": 6,
    "سبع": 7,
    "سبعه": 7,
    "ثمان": 8,
    "ثماني": 8,
    "ثمانيه": 8,
    "تسع": 9,
    "تسعه": 9,
    "عشر": 10,
    "عشره": 10,
}
TENS = {
    "عشرين": 20,
    "عشرون": 20,
    "ثلاثين": 30,
    "ثلاثون": 30,
    "ثالثين": 30,
    "ثالثون": 30,
    "اربعين": 40,
    "اربعون": 40,
    "خمسين": 50,
    "خمسون": 50,
    "ستين": 60,
    "ستون": 60,
    "سبعين": 70,
    "سبعون": 70,
    "ثمانين": 80,
    "ثمانون": 80,
    "تسعين": 90,
    "تسعون": 90,
}
HUNDREDS = {
    "مائه": 100,
    "مئه": 100,
    "مائتين": 200,
    "مائتي": 200,
    "مئتين": 200,
    "مائتان": 200,
    "ثلاثمائه": 300,
    "اربعمائه": 400,
    "خمسمائه": 500,
    "ستمائه": 600,
    "سبعمائه": 700,
    "ثمانمائه": 800,
    "تسعمائه": 900,
}
THOUSANDS = {
    "الف": 1000,
    "الفا": 1000,
    "الاف": 1000,
    "االف": 1000,
    "الفين": 2000,
    "الفان": 2000,
    "الفي": 2000,
    "مليون": 1_000_000,
    "ملايين": 1_000_000,
}
UNITS = {
    "يوم": 1,
    "ايام": 1,
    "يوما": 1,
    "يومين": (1, 2),
    "شهر": MONTH,
    "اشهر": MONTH,
    "شهور": MONTH,
    "شهرا": MONTH,
    "شهرين": (MONTH, 2),
    "سنه": YEAR,
    "سنوات": YEAR,
    "سنين": YEAR,
    "سنتين": (YEAR, 2),
    "سنتان": (YEAR, 2),
    "عام": YEAR,
    "اعوام": YEAR,
    "عاما": YEAR,
}

# Circumstances (normalised text) → label.  Order matters only for the documentation.
CONDITIONS: list[tuple[str, str]] = [
    ("former_fiance", r"الخطيب السابق|خطيبا سابقا"),
    ("former_spouse", r"طليق"),
    ("spouse", r"(?<![\w])(?:ال|ل|ب)?زوج(?:ا|ين|ه|ها)?(?![\w])"),
    ("fiance", r"(?<![\w])(?:ال)?خاطب(?:ا)?(?![\w])"),
    ("ascendant", r"الاصول|اصول الضحيه"),
    ("descendant", r"الفروع|فروعها"),
    ("sibling", r"الاخوه|اخوتها"),
    ("kafil", r"(?<![\w])(?:ال)?كافل(?:ا|ها|ه)?(?![\w])"),
    ("authority", r"(?:ولايه|واليه) او سلطه"),
    ("carer", r"مكلف(?:ا)? برعايت"),
    ("forbidden_relative", r"المحارم"),
    ("minor", r"قاصر"),
    ("disability", r"وضعيه اعاقه"),
    ("mental_weakness", r"بضعف قواها العقليه"),
    ("pregnant", r"(?<![\w])حامل(?:ا)?(?![\w])"),
    ("woman_because_of_sex", r"امراه بسبب جنسها"),
    ("recidivism", r"حاله العود"),
    ("colleague", r"زميا?ل"),
    ("public_order_agent", r"المكلفين بحفظ النظام"),
    ("presence_of_children", r"بحضور احد الابناء"),
    ("other_violence", r"لعنف اخر"),
    ("relationship", r"علاقه عاطفيه"),
    ("suicide", r"انتحار الضحيه"),
    ("service_provider_employee", r"مستخدم لدي مزود"),
    ("school_or_work", r"الوسط المدرسي"),
    ("interruption_of_studies", r"انقطاع الضحيه"),
]
_CONDITIONS = [(label, re.compile(p)) for label, p in CONDITIONS]

# Additional penalties and measures named in an article (normalised text) → label.
ADDITIONAL: list[tuple[str, re.Pattern]] = [
    (label, re.compile(p))
    for label, p in [
        ("confiscation", r"(?<![\w])(?:ب|و)?(?:ال)?مصادره"),
        ("deprivation_of_rights", r"الحرمان من (?:ممارسه )?(?:حق|الحقوق|واحد|احد)|الفصل 40(?![\d-])"),
        ("residence_ban", r"المنع من الاقامه|بالمنع من الاقامه"),
        ("publication_of_judgment", r"نشر (?:المقرر|الحكم|القرار)|تعليق (?:المقرر|الحكم)"),
        ("contact_ban", r"منع المحكوم عليه من الاتصال|الفصل 88-1"),
        ("destruction", r"(?<![\w])(?:ب|و)?(?:ال)?اتلاف"),
        ("dissolution", r"(?<![\w])(?:ب)?حل(?:ه)? (?:الشخص|الهيئه|المؤسسه)|بحله"),
        ("closure", r"(?<![\w])(?:ب|و)?(?:ال)?اغلاق"),
        ("account_suspension", r"تعليقه او اغلاقه|استعمال حساب"),
    ]
]

PENAL_MARK = re.compile(r"يعاقب|بالحبس|الحبس من|بالسجن|السجن من|غرامه|تضاعف العقوب|ترفع العقوب|العقوبه السالبه")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_ART_NUM = r"\d+(?:\s*-\s*\d+)*(?:\s+مكرر[هة]?)?"


@dataclass
class Range:
    min_days: int | None = None
    max_days: int | None = None
    type: str = "habs"
    life: bool = False

    def to_dict(self) -> dict:
        if self.life:
            return {"life": True, "type": self.type}
        return {"min_days": self.min_days, "max_days": self.max_days, "type": self.type}

    def times(self, factor: int) -> Range:
        if self.life:
            return self
        return Range(_mul(self.min_days, factor), _mul(self.max_days, factor), self.type)


@dataclass
class Fine:
    min_mad: int | None
    max_mad: int | None

    def to_dict(self) -> dict:
        return {"min_mad": self.min_mad, "max_mad": self.max_mad}

    def times(self, factor: int) -> Fine:
        return Fine(_mul(self.min_mad, factor), _mul(self.max_mad, factor))


def _mul(value, factor):
    return None if value is None else value * factor


@dataclass
class Penalty:
    """The penalty of one article."""

    work: str
    document: str
    eid: str
    article: str
    kind: str = "offence"  # offence | aggravation | reference
    prison: Range | None = None
    fine: Fine | None = None
    alternative: bool = False
    factor: int | None = None  # aggravation articles that multiply («تضاعف»)
    applies_to: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    aggravations: list[dict] = field(default_factory=list)
    cases: list[dict] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # offence names «جريمة X» (normalised)
    cites: list[str] = field(default_factory=list)  # Penal Code articles cited in the text
    additional: list[str] = field(default_factory=list)  # additional penalties named (ADDITIONAL)
    part: str = "special"  # general: a book on penalties in general, not an offence
    text: str = ""

    def to_dict(self) -> dict:
        return {
            "work": self.work,
            "document": self.document,
            "eid": self.eid,
            "article": self.article,
            "kind": self.kind,
            "prison": self.prison.to_dict() if self.prison else None,
            "fine": self.fine.to_dict() if self.fine else None,
            "alternative": self.alternative,
            "factor": self.factor,
            "applies_to": self.applies_to,
            "conditions": self.conditions,
            "aggravations": self.aggravations,
            "cases": self.cases,
            "same_as": self.same_as,
            "cites": self.cites,
            "additional": self.additional,
            "part": self.part,
        }


# -- numbers -----------------------------------------------------------------------------------------------


def parse_number(tokens: list[str]) -> int | None:
    """Digits («2.000», «20000») or Arabic cardinal words («ألف ومائتين», «خمسة آلاف»)."""
    if len(tokens) == 1 and tokens[0][0].isdigit():
        return int(re.sub(r"[.,\s]", "", tokens[0]))
    total, current, seen = 0, 0, False
    for tok in tokens:
        word = (
            tok[1:]
            if tok.startswith("و")
            and (tok[1:] in ONES or tok[1:] in TENS or tok[1:] in HUNDREDS or tok[1:] in THOUSANDS)
            else tok
        )
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word in HUNDREDS:
            current += HUNDREDS[word]
        elif word in THOUSANDS:
            value = THOUSANDS[word]
            if value in (1000, 1_000_000) and word not in ("الفين", "الفان", "الفي"):
                current = (current or 1) * value
            else:
                current += value
            total += current
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_number_word(tok: str) -> bool:
    w = tok[1:] if tok.startswith("و") and len(tok) > 2 else tok
    return tok[0].isdigit() or w in ONES or w in TENS or w in HUNDREDS or w in THOUSANDS or tok in ONES


def _bound(tokens: list[str]) -> tuple[int | None, int | None]:
    """(count, unit in days) of one bound: «ستة أشهر» → (6, 30); «سنة» → (1, 365); «خمس» → (5, None);
    «شهر واحد» → (1, 30); «سنتين» → (2, 365)."""
    count, unit, nums = None, None, []
    for tok in tokens:
        if tok in UNITS:
            value = UNITS[tok]
            if isinstance(value, tuple):
                unit, count = value[0], value[1]
            else:
                unit = value
        elif _is_number_word(tok):
            nums.append(tok)
    if nums:
        count = parse_number(nums)
    elif unit is not None and count is None:
        count = 1
    return count, unit


PRISON_KINDS = {"حبس": "habs", "سجن": "sijn"}


def parse_prison(text: str) -> Range | None:
    """The first prison range of a normalised sentence."""
    toks = _TOKEN.findall(text)
    for i, tok in enumerate(toks):
        kind = PRISON_KINDS.get(re.sub(r"^(?:و?ب?ال|و?ب)", "", tok))
        if kind is not None and (found := _prison_range(toks, i + 1, kind)):
            return found
    return None


UPTO = ("الي", "حتي")


def _not_upto(tok: str) -> bool:
    return tok not in UPTO


def _is_duration_word(tok: str) -> bool:
    return tok in UNITS or _is_number_word(tok)


def _take(toks: list[str], k: int, wanted: Callable[[str], bool], limit: int) -> tuple[list[str], int]:
    """The tokens from ``toks[k]`` on while ``wanted`` (at most ``limit``), and the index after them."""
    words: list[str] = []
    while k < len(toks) and wanted(toks[k]) and len(words) < limit:
        words.append(toks[k])
        k += 1
    return words, k


def _prison_range(toks: list[str], j: int, kind: str) -> Range | None:
    """The range read from ``toks[j]`` on, after «الحبس»/«السجن»: «المؤبد», or «من ... إلى ...»."""
    if j < len(toks) and toks[j] in ("النافذ", "المؤقت"):
        j += 1
    if j < len(toks) and toks[j] == "المؤبد":
        return Range(type=kind, life=True)
    if j >= len(toks) or toks[j] != "من":
        return None
    left, k = _take(toks, j + 1, _not_upto, 4)
    if k >= len(toks) or toks[k] not in UPTO:
        return None
    right, _ = _take(toks, k + 1, _is_duration_word, 4)
    (a, ua), (b, ub) = _bound(left), _bound(right)
    if a is None or b is None:
        return None
    unit_a, unit_b = ua or ub, ub or ua  # «من سنة إلى خمس سنوات»: one unit for both bounds
    if unit_a is None or unit_b is None:
        return None
    return Range(a * unit_a, b * unit_b, kind)


def parse_fine(text: str) -> Fine | None:
    toks = _TOKEN.findall(text)
    for i, tok in enumerate(toks):
        if re.sub(r"^(?:و?ب?ال|و?ب|و)", "", tok) != "غرامه":
            continue
        j = i + 1
        if j < len(toks) and toks[j] in ("ماليه", "نافذه"):
            j += 1
        if j >= len(toks) or toks[j] != "من":
            continue
        k = j + 1
        left: list[str] = []
        while k < len(toks) and toks[k] not in ("الي", "حتي") and len(left) < 6:
            left.append(toks[k])
            k += 1
        k += 1
        right: list[str] = []
        while k < len(toks) and toks[k] not in ("درهم", "درهما") and len(right) < 6:
            right.append(toks[k])
            k += 1
        if k >= len(toks):
            continue
        a, b = parse_number(left), parse_number(right)
        if a is not None and b is not None:
            return Fine(a, b)
    return None


def conditions_of(text: str) -> list[str]:
    return [label for label, pattern in _CONDITIONS if pattern.search(text)]


# -- article references ------------------------------------------------------------------------------------


def _article_number(raw: str) -> str:
    try:
        return number_from_num(raw)
    except LawtoolError:
        return re.sub(r"\s+", "", raw)


def cited_articles(text: str, label: str = "(?:الفصل|الفصلين|الفصول|الماده|المادتين|المواد)") -> list[str]:
    """Article numbers cited after «الفصل/الفصلين/الفصول» (or «المادة/المواد»): «الفصلين 447-1
    و447-2» → ['447-1', '447-2']; ranges «من 8 الى 12 مكرره» are returned as 'from..to'."""
    out: list[str] = []
    for m in re.finditer(
        label + r"\s+((?:من\s+)?" + _ART_NUM + r"(?:\s*(?:،|,|و|الي|إلى|او)\s*(?:من\s+)?" + _ART_NUM + r")*)", text
    ):
        chunk = m.group(1)
        for rng in re.finditer(r"من\s+(" + _ART_NUM + r")\s+الي\s+(" + _ART_NUM + r")", chunk):
            out.append(f"{_article_number(rng.group(1))}..{_article_number(rng.group(2))}")
        chunk = re.sub(r"من\s+(" + _ART_NUM + r")\s+الي\s+(" + _ART_NUM + r")", " ", chunk)
        for num in re.findall(_ART_NUM, chunk):
            out.append(_article_number(num))
    return list(dict.fromkeys(out))


def _paragraph_of(text: str) -> int | None:
    m = re.search(r"الفقره\s+([^\s،,.:]+)", text)
    if not m:
        return None
    word = m.group(1)
    word = word[2:] if word.startswith("ال") else word
    return ORDINALS.get(word)


# -- one article -------------------------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    """Split on full stops (not inside numbers such as 2.000) and on semicolons."""
    parts = re.split(r"(?<!\d)\.(?!\d)|[؛;]|،?\s+(?=وتضاعف|وترفع)", text)
    return [p.strip() for p in parts if p.strip()]


def _own_paragraphs(article) -> list[str]:
    """The article's text, one string per block (intro, point, paragraph), quoted articles left out."""
    out = []
    for p in article.iter("{*}p"):
        owner = next((a for a in p.iterancestors() if local_name(a) == "article"), None)
        if owner is article and not any(
            local_name(a) in ("quotedStructure", "quotedText") for a in _between(p, article)
        ):
            out.append(own_text(p))
    return out


def own_text(el) -> str:
    """Text of an element without quoted structures, quoted text and notes."""
    parts: list[str] = []

    def visit(node) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if local_name(child) not in ("quotedStructure", "quotedText", "authorialNote", "embeddedStructure"):
                visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(el)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _between(el, top):
    for a in el.iterancestors():
        if a is top:
            return
        yield a


AGGRAVATE = re.compile(r"^(?:و)?(?:تضاعف|ترفع|يرفع|تكون العقوبه|فهي)")
ACTS_OF = re.compile(r"اذا\s+ارتكب(?:ت)?\s+(?:الافعال|الفعل|الجرائم|الجريمه)\s+المنصوص\s+عليها?\s+في")
NAMED_ACT = re.compile(r"اذا\s+ارتكب(?:ت)?\s+(?!الافعال|الفعل|الجرائم|الجريمه|االختطاف)(?P<name>[^\s]+\s+[^\s]+)")
CRIME_NAME = re.compile(r"(?:جريمه|لجريمه)\s+(?P<name>[^\s،,]+\s+[^\s،,]+)")
CASE_REF = re.compile(r"(?:الحاله|الحالات)\s+المنصوص\s+عليها\s+في")
DOUBLED = re.compile(r"تضاعف|ضعف العقوب|الي الضعف")
INTRO = re.compile(r"ترفع العقوبه السالبه للحريه الي\s*:?$")
SAME_PENALTY = re.compile(r"(?:بالعقوبات|بالعقوبه)\s+(?:المنصوص عليها|المقرره)\s+في")
EITHER = re.compile(r"باحدي\s+هاتين\s+العقوبتين")


@dataclass
class _Sentence:
    """One normalised sentence of an article with what it states, read once."""

    text: str
    prison: Range | None = None
    fine: Fine | None = None
    factor: int | None = None
    conditions: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, text: str) -> _Sentence:
        factor = 2 if DOUBLED.search(text) else None
        return cls(text, parse_prison(text), parse_fine(text), factor, conditions_of(text))

    @property
    def has_range(self) -> bool:
        return bool(self.prison or self.fine)

    def with_ranges(self, entry: dict[str, Any]) -> dict[str, Any]:
        """``entry`` with the sentence's prison and fine ranges, those it has."""
        if self.prison:
            entry["prison"] = self.prison.to_dict()
        if self.fine:
            entry["fine"] = self.fine.to_dict()
        return entry


def _plain_articles(text: str) -> list[str]:
    """The articles cited in ``text``, ranges («من 8 الى 12») left out."""
    return [r for r in cited_articles(text) if ".." not in r]


class _ArticleReader:
    """Reads an article sentence by sentence into a Penalty: each sentence goes to the first step
    that takes it (a case, an introduction to a list, an aggravation, conditions of an aggravation
    article, a penalty by reference, the main penalty, a second offence)."""

    def __init__(self, pen: Penalty, article: str) -> None:
        self.pen = pen
        self.article = article
        self.last_case_articles: list[str] = []
        self.intro_conditions: list[str] = []
        self.main_found = False
        self.steps = (
            self._case,
            self._list_introduction,
            self._aggravation,
            self._aggravation_conditions,
            self._reference_or_nothing,
            self._main_penalty,
            self._second_offence,
        )

    def read(self, sentence: _Sentence) -> None:
        for step in self.steps:
            if step(sentence):
                return

    def _case(self, s: _Sentence) -> bool:
        """«في الحالة المنصوص عليها في الفقرة الأولى من الفصل 402، السجن ...»."""
        if not CASE_REF.search(s.text):
            return False
        refs = _plain_articles(s.text) or self.last_case_articles
        self.last_case_articles = refs
        case = s.with_ranges({"refers_to": refs, "paragraph": _paragraph_of(s.text)})
        if s.factor:
            case["factor"] = s.factor
        if s.has_range or s.factor:
            self.pen.cases.append(case)
        return True

    def _list_introduction(self, s: _Sentence) -> bool:
        """«ترفع العقوبة السالبة للحرية إلى:» or «... كما يلي:» before a list of cases."""
        if not (INTRO.search(s.text) or s.text.endswith("كما يلي:") or s.text.endswith("كما يلي")):
            return False
        self.intro_conditions = s.conditions
        if "اذا" in s.text:
            self.pen.kind = "aggravation"
        return True

    def _aggravation(self, s: _Sentence) -> bool:
        """«تضاعف العقوبة إذا ...», «تكون العقوبة ... إذا ...»; or, naming other articles, the whole
        article is an aggravation of them («تضاعف العقوبة المنصوص عليها في الفصول 425 ...»)."""
        if not (AGGRAVATE.search(s.text) or (s.factor and not s.prison and not self.main_found)):
            return False
        targets = cited_articles(s.text)
        if targets and not self.main_found and re.search(r"المنصوص عليها في", s.text):
            self.pen.kind = "aggravation"
            self.pen.applies_to = targets
            self.pen.factor = s.factor
            self.pen.conditions = s.conditions
            return True
        entry: dict[str, Any] = {"source": self.article, "condition": s.conditions, "text": s.text}
        if s.factor:
            entry["factor"] = s.factor
        self.pen.aggravations.append(s.with_ranges(entry))
        return True

    def _aggravation_conditions(self, s: _Sentence) -> bool:
        """More circumstances of an aggravation article that doubles the penalty."""
        pen = self.pen
        if s.has_range or pen.kind != "aggravation" or not pen.factor or not s.conditions:
            return False
        pen.conditions = list(dict.fromkeys(pen.conditions + s.conditions))
        return True

    def _reference_or_nothing(self, s: _Sentence) -> bool:
        """A sentence without a range: a penalty by reference («بالعقوبات المنصوص عليها في الفصلين
        323-1 و323-2») when no main penalty was read yet; otherwise nothing to read."""
        if s.has_range:
            return False
        same = SAME_PENALTY.search(s.text)
        if same and not self.main_found:
            # the articles named right after «بالعقوبات المنصوص عليها في», up to the comma: not
            # «دون الإخلال بأحكام الفصلين 444-1 و444-2» before it nor «المادة 12 أعلاه» after it
            named = "الفصل " + re.split(r"[،,]", s.text[same.end() :])[0]
            self.pen.same_as = _plain_articles(named) or _plain_articles(s.text)
            if self.pen.same_as:
                self.pen.kind = "reference"
                self.main_found = True
        return True

    def _main_penalty(self, s: _Sentence) -> bool:
        """The article's first range; «إذا ارتكبت الأفعال المنصوص عليها في ...» or «إذا ارتكب
        التحرش الجنسي ...» make it an aggravation of the articles (or the offence) named."""
        if self.main_found:
            return False
        pen = self.pen
        pen.prison, pen.fine, pen.alternative = s.prison, s.fine, bool(EITHER.search(s.text))
        self.main_found = True
        if acts_of := ACTS_OF.search(s.text):
            pen.kind = "aggravation"
            tail = s.text[acts_of.end() :]
            pen.applies_to = cited_articles("الفصول " + tail.split("في حاله")[0]) or cited_articles(tail)
            pen.conditions = s.conditions
        elif named_act := NAMED_ACT.search(s.text):
            pen.kind = "aggravation"
            pen.applies_to = ["name:" + named_act.group("name")]
            pen.conditions = s.conditions
        return True

    def _second_offence(self, s: _Sentence) -> bool:
        """A second offence with its own range in the same article."""
        case = s.with_ranges({"condition": s.text, "refers_to": [], "paragraph": None})
        case["alternative"] = bool(EITHER.search(s.text))
        self.pen.cases.append(case)
        return True

    def finish(self) -> None:
        """An introduction followed by cases makes the article an aggravation of the cases' articles."""
        pen = self.pen
        if not (self.intro_conditions and pen.cases):
            return
        if pen.kind == "aggravation" or not pen.prison:
            pen.kind = "aggravation"
            pen.conditions = self.intro_conditions
            pen.applies_to = list(dict.fromkeys(r for c in pen.cases for r in c.get("refers_to", [])))


def _fill_doubled(pen: Penalty) -> None:
    """The ranges of «تضاعف العقوبة» aggravations, from the article's main penalty; «ترفع الغرامة»
    raises the fine only."""
    for agg in pen.aggravations:
        factor = agg.get("factor")
        if factor and "prison" not in agg and pen.prison:
            agg["prison"] = pen.prison.times(factor).to_dict()
        if factor and "fine" not in agg and pen.fine:
            agg["fine"] = pen.fine.times(factor).to_dict()
        if re.search(r"ترفع الغرامه", agg["text"]):
            agg.pop("prison", None)
        agg.setdefault("prison", None)
        agg.setdefault("fine", None)


def parse_article(paragraphs: list[str], *, work: str, document: str, eid: str, article: str) -> Penalty | None:
    """The penalty of one article from its paragraphs (raw text); None when it carries none."""
    pen = Penalty(work, document, eid, article)
    norm_pars = [normalise(p) for p in paragraphs]
    full = " ".join(norm_pars)
    pen.text = " ".join(paragraphs)
    pen.names = [m.group("name") for m in CRIME_NAME.finditer(full)]
    pen.cites = cited_articles(full, "(?:الفصل|الفصلين|الفصول)")
    if not PENAL_MARK.search(full):
        return None
    reader = _ArticleReader(pen, article)
    for par in norm_pars:
        for sent in _sentences(par):
            reader.read(_Sentence.read(sent))
    reader.finish()
    _fill_doubled(pen)
    if not (pen.prison or pen.fine or pen.aggravations or pen.cases or pen.applies_to or pen.same_as):
        return None
    pen.additional = [label for label, pattern in ADDITIONAL if pattern.search(full)]
    return pen


# -- documents ---------------------------------------------------------------------------------------------


def _mod_targets(document: Document) -> dict[str, str]:
    """mod eId → the work its textual modifications change (from activeModifications)."""
    out: dict[str, str] = {}
    for tm in document.xpath("./a:meta/a:analysis/a:activeModifications/a:textualMod", document.main):
        src = tm.xpath("./a:source/@href", namespaces={"a": document.root.nsmap.get(None)})
        dst = tm.xpath("./a:destination/@href", namespaces={"a": document.root.nsmap.get(None)})
        if src and dst and src[0].startswith("#"):
            out[src[0][1:]] = dst[0].split("/~")[0]
    return out


def _work_of(article, document: Document, targets: dict[str, str], own_work: str) -> str:
    for a in article.iterancestors():
        if local_name(a) == "mod" and a.get("eId") in targets:
            return targets[a.get("eId")]
    if any(local_name(a) == "quotedStructure" for a in article.iterancestors()):
        return "?"
    return own_work


def document_penalties(document: Document, *, articles: set[str] | None = None) -> list[Penalty]:
    """The penalties of every article of a document (quoted articles as articles of the law
    they amend), with cross-article aggravations attached; ``articles`` keeps only those numbers."""
    work = document.frbr_work.work_uri() if document.frbr_work else document.path
    expression = str(document.frbr_expression) if document.frbr_expression else document.path
    targets = _mod_targets(document)
    found: list[Penalty] = []
    order: dict[str, list[str]] = {}
    for art in document.articles(include_quoted=True):
        num = art.find("{*}num")
        number = _article_number(text_of(num)) if num is not None else (art.get("eId") or "").split("_")[-1]
        art_work = _work_of(art, document, targets, work)
        order.setdefault(art_work, []).append(number)
        pen = parse_article(
            _own_paragraphs(art), work=art_work, document=expression, eid=art.get("eId") or "", article=number
        )
        if pen is not None:
            pen.part = _part(art)
            found.append(pen)
    _attach(found, order)
    if articles:
        found = [p for p in found if p.article in articles]
    return found


def _part(article) -> str:
    """general when the article is in a book whose heading does not name offences («في العقوبات
    والتدابير الوقائية», «في تطبيق العقوبات»: the Penal Code's books 1 and 2), else special."""
    for a in article.iterancestors():
        if local_name(a) == "book":
            heading = a.find("{*}heading")
            return "special" if heading is not None and "الجرائم" in text_of(heading) else "general"
    return "special"


def _expand(targets: list[str], numbers: list[str]) -> list[str]:
    out = []
    for t in targets:
        if ".." in t:
            a, b = t.split("..")
            if a in numbers and b in numbers:
                i, j = numbers.index(a), numbers.index(b)
                out.extend(numbers[i : j + 1])
        else:
            out.append(t)
    return out


def _attach(found: list[Penalty], order: dict[str, list[str]]) -> None:
    by_work: dict[str, dict[str, Penalty]] = {}
    for p in found:
        by_work.setdefault(p.work, {})[p.article] = p
    for p in found:
        if p.kind != "aggravation" or not p.applies_to:
            continue
        numbers = order.get(p.work, [])
        resolved = []
        for t in p.applies_to:
            if t.startswith("name:"):
                name = t[5:]
                resolved += [
                    q.article
                    for q in by_work.get(p.work, {}).values()
                    if q is not p and q.kind == "offence" and name in q.names
                ]
            else:
                resolved += _expand([t], numbers)
        p.applies_to = list(dict.fromkeys(resolved))
        for target in p.applies_to:
            q = by_work.get(p.work, {}).get(target)
            if q is None or q is p:
                continue
            entry: dict[str, Any] = {"source": p.article, "condition": p.conditions}
            if p.factor:
                entry["factor"] = p.factor
                entry["prison"] = q.prison.times(p.factor).to_dict() if q.prison else None
                entry["fine"] = q.fine.times(p.factor).to_dict() if q.fine else None
            else:
                entry["prison"] = p.prison.to_dict() if p.prison else None
                entry["fine"] = p.fine.to_dict() if p.fine else None
            q.aggravations.append(entry)


# -- comparison --------------------------------------------------------------------------------------------


def _max_days(p: dict | None) -> int | None:
    if not p:
        return None
    return 10**6 if p.get("life") else p.get("max_days")


def compare(in_force: list[Penalty], bills: list[Penalty]) -> dict:
    """For each bill version: the articles of the law in force its amendments re-enact (same work,
    same number), with both penalties; the articles it inserts; its own new offences."""
    force: dict[tuple[str, str], Penalty] = {}
    for p in in_force:
        force.setdefault((p.work, p.article), p)
    rows, new = [], []
    for b in bills:
        if b.kind == "reference":
            continue
        key = (b.work, b.article)
        if key in force and force[key].document != b.document:
            f = force[key]
            rows.append(
                {
                    "bill": b.document,
                    "bill_eid": b.eid,
                    "article": b.article,
                    "work": b.work,
                    "in_force": _brief(f),
                    "proposed": _brief(b),
                    "change": _change(f, b),
                }
            )
        elif b.work != _bill_work(b):
            new.append(
                {
                    "bill": b.document,
                    "bill_eid": b.eid,
                    "article": b.article,
                    "work": b.work,
                    "status": "inserted",
                    "proposed": _brief(b),
                    "related": [],
                }
            )
        else:
            new.append(
                {
                    "bill": b.document,
                    "bill_eid": b.eid,
                    "article": b.article,
                    "work": b.work,
                    "status": "new offence" if b.kind == "offence" else f"new {b.kind}",
                    "proposed": _brief(b),
                    "related": b.cites,
                }
            )
    return {"comparison": rows, "new": new}


def _bill_work(p: Penalty) -> str:
    return p.document.rsplit("/", 1)[0]


def _brief(p: Penalty) -> dict:
    return {
        "eid": p.eid,
        "kind": p.kind,
        "prison": p.prison.to_dict() if p.prison else None,
        "fine": p.fine.to_dict() if p.fine else None,
        "alternative": p.alternative,
        "aggravations": p.aggravations,
        "cases": p.cases,
        "applies_to": p.applies_to,
    }


def _change(f: Penalty, b: Penalty) -> dict:
    out = {}
    for name, a, c in (
        ("prison_min_days", f.prison and f.prison.min_days, b.prison and b.prison.min_days),
        ("prison_max_days", f.prison and f.prison.max_days, b.prison and b.prison.max_days),
        ("fine_min_mad", f.fine and f.fine.min_mad, b.fine and b.fine.min_mad),
        ("fine_max_mad", f.fine and f.fine.max_mad, b.fine and b.fine.max_mad),
    ):
        if a != c:
            out[name] = {"from": a, "to": c}
    return out
