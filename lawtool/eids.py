"""eIds: one deterministic, idempotent generator, and the Arabic numbering rules.

Rules (worked examples are in tests/test_eids.py):

- An element's eId is ``<parent eId>__<abbreviation>_<number>``; the abbreviations are the
  Akoma Ntoso naming convention's (article ``art``, chapter ``chp``, paragraph ``para``, ...).
- Articles are numbered uniquely through a Moroccan law or code, so an article's eId has no
  prefix: ``art_447-1``.  A permalink then survives moving the article to another chapter.
  Inside a quoted structure (another text's article quoted by an amending article) the prefix
  is the quoted structure's eId: ``art_2__para_1__mod_1__qstr_1__art_404``.
- The number comes from ``<num>``: the label word (المادة, الفصل, Article) and final
  punctuation go, Arabic-Indic digits become ASCII, ordinal words become integers
  (الأولى → 1, الخامس والعشرون → 25), and:
    * a multi-part number is written base first: «1-447» and «447-1» both give ``447-1``
      (the largest part is the base article; the smaller ones are inserted numbers);
    * «مكرر», «المكرر», «مكررة» → ``-bis``; «مكرر مرتين» → ``-ter``; «مكرر ثلاث مرات» →
      ``-quater``; the Latin words (bis, ter, quater ...) and the ordinals «ثانيا/ثالثا/رابعا»
      written after a number mean the same (ثانيا → bis, ثالثا → ter, رابعا → quater):
      «الفصل 607 المكرر مرتين» → ``art_607-ter``, «المادة 12 مكررة» → ``art_12-bis``;
    * a range of repealed articles «الفصول 23 – 19» / «الفصول من 494 إلى 496» → ``19-to-23``;
    * list items numbered «أ» «ب» «ج» ... (abjad order) take the Latin letter of their rank:
      ``point_a``, ``point_b``; items numbered 1, 2 ... keep the number.
- Elements without a number are counted among their siblings of the same kind (``para_2``).
- A number used twice among siblings gets ``_2``, ``_3`` ... on the second and later ones.
- ``assign_eids`` rewrites every eId and returns the map old → new of those that changed;
  running it on its own output changes nothing.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

from lxml import etree

from .arabic import ascii_digits, normalise, strip_invisibles
from .errors import EidError, LawtoolError

ABBREVIATIONS = {
    "alinea": "al",
    "amendmentBody": "body",
    "article": "art",
    "attachment": "att",
    "blockList": "list",
    "chapter": "chp",
    "citation": "cit",
    "citations": "cits",
    "clause": "cl",
    "component": "cmp",
    "components": "cmpnts",
    "componentRef": "cref",
    "debateSection": "dbsect",
    "division": "dvs",
    "documentRef": "dref",
    "eventRef": "eref",
    "intro": "intro",
    "judgmentBody": "body",
    "list": "list",
    "listIntroduction": "intro",
    "listWrapUp": "wrapup",
    "mainBody": "body",
    "paragraph": "para",
    "quotedStructure": "qstr",
    "quotedText": "qtext",
    "recital": "rec",
    "recitals": "recs",
    "section": "sec",
    "subchapter": "subchp",
    "subclause": "subcl",
    "subdivision": "subdvs",
    "subparagraph": "subpara",
    "subsection": "subsec",
    "temporalGroup": "tmpg",
    "wrapUp": "wrapup",
}

# Elements that carry an eId in lawtool's documents.  Inline elements (ref, term, def) and
# the text blocks (p, content) do not get generated eIds.
HIERARCHY = {
    "book",
    "part",
    "title",
    "subtitle",
    "chapter",
    "subchapter",
    "section",
    "subsection",
    "division",
    "subdivision",
    "article",
    "paragraph",
    "subparagraph",
    "point",
    "list",
    "blockList",
    "item",
    "alinea",
    "indent",
    "clause",
    "subclause",
    "hcontainer",
    "level",
    "rule",
    "subrule",
    "tome",
    "transitional",
    "proviso",
    "sublist",
    "listIntroduction",
    "listWrapUp",
    "intro",
    "wrapUp",
    "quotedStructure",
    "mod",
    "recital",
    "recitals",
    "citation",
    "citations",
    "preface",
    "preamble",
    "formula",
    "conclusions",
    "attachment",
    "component",
    "authorialNote",
    "note",
    "blockContainer",
}
UNNUMBERED_PREFIXLESS = {"preface", "preamble", "conclusions"}  # one of each per document
# Containers whose articles are numbered apart from the document's own: a promulgating dahir's
# articles (``promulgation__art_1``), an annexed text's (``att_1__art_1``), a quoted text's.
OWN_NUMBERING = {"quotedStructure", "attachment"}
PROMULGATION = "promulgation"
ONCE_PER_PARENT = {"intro", "wrapUp", "listIntroduction", "listWrapUp"}  # «art_1__para_1__intro»

ORDINALS = {
    "اول": 1,
    "اولي": 1,
    "واحد": 1,
    "واحده": 1,
    "ثاني": 2,
    "ثانيه": 2,
    "ثالث": 3,
    "ثالثه": 3,
    "رابع": 4,
    "رابعه": 4,
    "خامس": 5,
    "خامسه": 5,
    "سادس": 6,
    "سادسه": 6,
    "سابع": 7,
    "سابعه": 7,
    "ثامن": 8,
    "ثامنه": 8,
    "تاسع": 9,
    "تاسعه": 9,
    "عاشر": 10,
    "عاشره": 10,
    "حادي": 1,
    "حاديه": 1,
}
TENS = {
    "عشر": 10,
    "عشره": 10,
    "عشرون": 20,
    "عشرين": 20,
    "ثلاثون": 30,
    "ثلاثين": 30,
    "اربعون": 40,
    "اربعين": 40,
    "خمسون": 50,
    "خمسين": 50,
    "ستون": 60,
    "ستين": 60,
    "سبعون": 70,
    "سبعين": 70,
    "ثمانون": 80,
    "ثمانين": 80,
    "تسعون": 90,
    "تسعين": 90,
    "مائه": 100,
    "مئه": 100,
}
LATIN_SUFFIXES = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"]
TIMES = {"مرتين": 2, "مرتان": 2, "ثلاث": 3, "اربع": 4, "خمس": 5}
ADVERBIAL_ORDINALS = {"ثانيا": 1, "ثالثا": 2, "رابعا": 3, "خامسا": 4, "سادسا": 5}  # → bis, ter, ...
ABJAD = "ابجدهوزحطيكلمنسعفصقرشتثخذضظغ"
LABELS = re.compile(
    r"^(?:ال)?(?:ماده|مواد|فصل|فصول|باب|كتاب|جزء|قسم|فرع|بند|فقره|art(?:icle)?|chapitre|section|titre|livre)\b\.?",
    re.IGNORECASE,
)


def _ordinal_value(words: list[str]) -> int | None:
    """«الخامس والعشرون» → 25, «الحادي عشر» → 11, «الأولى» → 1 (words already normalised)."""
    total, seen = 0, False
    for word in words:
        bare = word[1:] if word.startswith("و") and word[1:].startswith("ال") else word
        bare = bare[2:] if bare.startswith("ال") else bare
        if bare in ORDINALS:
            total += ORDINALS[bare]
            seen = True
        elif bare in TENS:
            total += TENS[bare]
            seen = True
        else:
            return None
    return total if seen else None


@lru_cache(maxsize=16384)
def number_from_num(text: str) -> str:
    """The eId number of a ``<num>`` text: see the module docstring for the rules (a pure function
    of the text, cached: citations and headings repeat the same few numbers).

    >>> number_from_num("الفصل 1-447")
    '447-1'
    """
    plain = _PLAIN_NUM.fullmatch(text)
    if plain:  # «الفصل 12», «المادة 3.»: most numbers, read without the general rules below
        return str(int(plain.group(1)))
    bare, plural = _without_label(text)
    bare, suffix = _without_suffix(bare)
    if re.fullmatch(r"(?:ال)?تمهيديه?", bare):
        return "preliminary"  # «الكتاب التمهيدي», «باب تمهيدي»
    if re.fullmatch(r"(?:ال)?فريده?", bare):
        return "unique"  # «فصل فريد», «المادة الفريدة»: the one article of a text
    # «الفصل الأول (أ)»: a lettered article, numbered after its base («1-a»)
    letter = re.fullmatch(r"(.+?)\s*\(\s*([" + ABJAD[:10] + r"])\s*\)?", bare)
    if letter:
        return f"{number_from_num(letter.group(1))}-{'abcdefghij'[ABJAD.index(letter.group(2))]}"
    if "–" in bare and not (plural and re.search(r"\d\s*–\s*\d", bare)):
        bare = bare.replace("–", "-")
    # a range of (repealed) articles: «الفصول 23 – 19», «الفصول من 494 إلى 496» → 19-to-23
    # (a plain hyphen is never a range: «359 -1» is article 359-1)
    rng = re.fullmatch(r"(?:من\s*)?(\d+(?:-\d+)*)\s*(?:–|\s(?:الي|إلى)\s)\s*(\d+(?:-\d+)*)", bare)
    if rng and plural and not suffix:
        a, b = sorted((rng.group(1), rng.group(2)), key=lambda n: [int(p) for p in n.split("-")])
        return f"{a}-to-{b}"
    number = _base_number(bare, text)
    if suffix:
        number += "-" + LATIN_SUFFIXES[suffix - 1]
    return number


# a label and ASCII digits only, as most <num> texts are: the general rules give the digits
_PLAIN_NUM = re.compile(r"\s*(?:ال)?(?:فصل|مادة|ماده)\s+([0-9]+)\s*[.:]?\s*", re.ASCII)


def _without_label(text: str) -> tuple[str, bool]:
    """The number of a ``<num>`` text normalised, its label («الفصل», «المادة» ...) and punctuation
    around it removed; and whether the label is a plural («الفصول ...», the only one that can
    name a range)."""
    text = normalise(ascii_digits(strip_invisibles(text)))
    text = text.replace("ـ", "-")
    # en/em dashes mark ranges («الفصول 23 – 19»); keep them apart from hyphens until then
    text = re.sub(r"\s*[–—]\s*", " – ", text)
    plural = bool(re.match(r"^(?:ال)?(?:فصول|مواد)\b", text))
    text = LABELS.sub("", text).strip()
    return re.sub(r"^[\s:.\-]+|[\s:.\-)(]+$", "", text), plural


def _without_suffix(text: str) -> tuple[str, int]:
    """``text`` without its insertion suffix, and the suffix's rank (0 for none, 1 for bis, 2 for
    ter ...): «مكرر» and its forms with an optional «مرتين» / «ثلاث مرات», an adverbial ordinal
    after digits («ثانيا»), or a Latin suffix («bis»)."""
    suffix = 0
    match = re.search(r"\s*(?:ال)?مكرره?(?:\s+(مرتين|مرتان|(?:ثلاث|اربع|خمس)\s+مرات))?\s*$", text)
    if match:
        times = match.group(1)
        suffix = 1 if not times else TIMES[times.split()[0]]
        text = text[: match.start()]
    else:
        match = re.search(r"\s+(ثانيا|ثالثا|رابعا|خامسا|سادسا)\s*$", text)
        if match and re.search(r"\d", text[: match.start()]):
            suffix = ADVERBIAL_ORDINALS[match.group(1)]
            text = text[: match.start()]
    match = re.search(r"[\s\-]*\b(" + "|".join(LATIN_SUFFIXES) + r")\s*$", text, re.IGNORECASE)
    if match and not suffix:
        suffix = LATIN_SUFFIXES.index(match.group(1).lower()) + 1
        text = text[: match.start()]
    return text.strip(" .:-"), suffix


def _base_number(text: str, original: str) -> str:
    """The number without suffix: digits («1-447» → 447-1), Latin or Arabic letters, an Arabic
    ordinal, or failing those a slug of the text."""
    if re.fullmatch(r"\d+(?:\s*[-.]\s*\d+)*", text):
        parts = [p for p in re.split(r"\s*[-.]\s*", text) if p]
        # Base first: the base article is the largest part («1-447» → 447-1, «1-1-503» → 503-1-1).
        if len(parts) > 1 and int(parts[-1]) > int(parts[0]):
            parts.reverse()
        return "-".join(str(int(p)) for p in parts)
    if re.fullmatch(r"[a-zA-Z]{1,3}", text):
        return text.lower()
    if len(text) == 1 and text in ABJAD:
        return "abcdefghijklmnopqrstuvwxyzαβ"[ABJAD.index(text)]
    value = _ordinal_value(text.split())
    if value is not None:
        return str(value)
    slug = re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")
    if not slug:
        raise EidError(
            f"cannot make an eId number from {original!r}",
            hint="write the number in digits or as an Arabic ordinal (الأولى, الثاني ...)",
        )
    return slug


# -- order -------------------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def article_eid(number: str) -> str:
    """The eId of article ``number`` at the top of a document: ``art_447-1``, ``art_unique``."""
    return f"{ABBREVIATIONS['article']}_{number}"


def numbered(articles) -> list[tuple[etree._Element, str]]:
    """(article, its number) for each of ``articles`` whose ``num`` reads as a number (the others,
    with no ``num`` or one that is not a number, are left out: the eId convention check names them)."""
    out = []
    for article in articles:
        num = next(article.iterchildren("{*}num"), None)
        text = "".join(num.itertext()).strip() if num is not None else ""
        if not text:
            continue
        try:
            out.append((article, number_from_num(text)))
        except LawtoolError:
            continue
    return out


def article_order(number: str) -> tuple:
    """The one order of article numbers (eId numbers, as ``number_from_num`` makes them; ``art_``
    prefix allowed): an inserted article follows its base, the Latin suffixes first in their own
    order, then the numbered insertions:

        607 < 607-bis < 607-ter < 607-quater < 607-1 < 607-1-1 < 607-1-bis < 607-2 < 608

    Numbers before words; a part that is neither compares as text after both.  Each part is
    (kind, value) with kind 0 = Latin suffix, 1 = number, 2 = text."""
    if number.startswith("art_"):
        number = number[4:]
    key: list = []
    for part in number.split("-"):
        if part.isdigit() and len(part) <= 18:
            key.append((1, int(part), ""))
        elif part in LATIN_SUFFIXES:
            key.append((0, LATIN_SUFFIXES.index(part), ""))
        else:
            key.append((2, 0, part))
    return tuple(key)


# -- generator -------------------------------------------------------------------------------------


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _num_text(el: etree._Element) -> str | None:
    for child in el:
        if _local(child) == "num":
            text = "".join(child.itertext()).strip()
            return text or None
    return None


def _abbreviation(el: etree._Element, plain: frozenset[str] = frozenset()) -> str:
    """The eId's name for an element: «art», «chp» …; an hcontainer's @name («crossHeading_1»),
    unless its name is in ``plain``, where the document writes «hcontainer_1»."""
    local = _local(el)
    if local == "hcontainer" and el.get("name") and el.get("name") not in plain:
        return re.sub(r"[^A-Za-z0-9]+", "", el.get("name")) or "hcontainer"
    return ABBREVIATIONS.get(local, local)


def element_eid(
    el: etree._Element,
    parent_eid: str,
    sibling_count: int,
    used: set[str],
    plain: frozenset[str] = frozenset(),
    foreign: frozenset[str] = frozenset(),
) -> str:
    """The eId of ``el`` given its parent's eId (or the nearest prefix) and its rank among siblings
    (the rank too for a number written in ``foreign``, numbers the generator cannot read that the
    document had already: «ΜΕΡΟΣ Α»)."""
    local = _local(el)
    if local in UNNUMBERED_PREFIXLESS:
        return f"{parent_eid}__{local}" if parent_eid else local  # an attachment's own preface
    if local == "hcontainer" and el.get("name") == PROMULGATION:
        return PROMULGATION
    if local in ONCE_PER_PARENT:
        return f"{parent_eid}__{_abbreviation(el, plain)}" if parent_eid else _abbreviation(el, plain)
    num = _num_text(el)
    try:
        number = number_from_num(num) if num else str(sibling_count)
    except EidError:
        if num not in foreign:
            raise
        number = str(sibling_count)
    base = f"{parent_eid}__" if parent_eid else ""
    eid = f"{base}{_abbreviation(el, plain)}_{number}"
    candidate, n = eid, 1
    while candidate in used:
        n += 1
        candidate = f"{eid}_{n}"
    return candidate


def assign_eids(
    root: etree._Element,
    *,
    keep_wid: bool = False,
    unprefixed: frozenset[str] = frozenset({"article"}),
    plain: frozenset[str] = frozenset(),
    foreign: frozenset[str] = frozenset(),
    only_missing: bool = False,
) -> dict[str, str]:
    """Give every hierarchical element under ``root`` its eId; return {old: new} for those that
    changed.  With ``keep_wid`` an element whose eId changes records its old one as ``wId``
    (unless it already has one).  Elements of the kinds ``unprefixed`` do not carry their
    container's prefix («art_1», not «chp_1__art_1»); hcontainers named as in ``plain`` are
    «hcontainer_N».  With ``only_missing``, the eIds already there stay (and prefix those inside)
    and only the elements without one get one, never an eId the document has."""
    renames: dict[str, str] = {}
    used: set[str] = set()
    if only_missing:
        used = {el.get("eId") for el in root.iter(tag=etree.Element) if el.get("eId")}

    def visit(el: etree._Element, prefix: str, article_prefix: str) -> None:
        counts: dict[str, int] = {}
        for child in el:
            local = _local(child)
            if not local:
                continue
            if local in HIERARCHY and local not in ("authorialNote", "note"):
                counts[local] = counts.get(local, 0) + 1
                parent = article_prefix if local in unprefixed else prefix
                old = child.get("eId")
                if only_missing and old:
                    new = old
                else:
                    new = element_eid(child, parent, counts[local], used, plain, foreign)
                used.add(new)
                if old != new:
                    if old:
                        renames[old] = new
                        if keep_wid and not child.get("wId"):
                            child.set("wId", old)
                    child.set("eId", new)
                own = local in OWN_NUMBERING or (local == "hcontainer" and child.get("name") == PROMULGATION)
                inner_article_prefix = new if own else article_prefix
                visit(child, new, inner_article_prefix)
            elif local in ("meta",):
                continue
            else:
                visit(child, prefix, article_prefix)

    visit(root, "", "")
    return renames


def renumber(root: etree._Element, before: etree._Element | None = None) -> dict[str, str]:
    """Regenerate eIds after an edit, keeping the old ones as ``wId``; returns the rename map.
    The document's own convention is kept where it leaves a kind of element unprefixed, as
    articles are (``unprefixed_kinds``), or calls hcontainers «hcontainer_N» (``plain_hcontainers``).
    With ``before`` (the document before the edit), an eId that lawtool's generator would have
    changed in ``before`` too is the document's own and stays, and an element that had none
    there gets none (a document made elsewhere keeps the eIds it was given)."""
    style = before if before is not None else root  # the document's own style, as it was
    unprefixed, plain = frozenset({"article"}) | unprefixed_kinds(style), plain_hcontainers(style)
    foreign = unreadable_numbers(before) if before is not None else frozenset()
    own: dict[str, str] = {}
    unnamed: set[str] = set()
    if before is not None:
        dry = copy.deepcopy(before)
        lacking = [el for el in dry.iter(tag=etree.Element) if _local(el) in HIERARCHY and not el.get("eId")]
        own = assign_eids(dry, unprefixed=unprefixed, plain=plain, foreign=foreign)
        unnamed = {el.get("eId") for el in lacking}
    lacking_now = [el for el in root.iter(tag=etree.Element) if _local(el) in HIERARCHY and not el.get("eId")]
    renames = assign_eids(root, keep_wid=True, unprefixed=unprefixed, plain=plain, foreign=foreign)
    for el in lacking_now:
        if el.get("eId") in unnamed:
            del el.attrib["eId"]
    back = {new: old for old, new in renames.items() if own.get(old) == new}
    if back:
        taken = {el.get("eId") for el in root.iter(tag=etree.Element) if el.get("eId")}
        for el in root.iter(tag=etree.Element):
            old = back.get(el.get("eId", ""))
            if old is None or old in taken:
                continue  # (an element the edit numbered anew holds it now: lawtool's eId stays)
            taken.add(old)
            el.set("eId", old)
            if el.get("wId") == old:
                del el.attrib["wId"]
            renames.pop(old)
    return renames


def unreadable_numbers(root: etree._Element) -> frozenset[str]:
    """The numbers of a document's hierarchical elements that the generator cannot read («ΜΕΡΟΣ
    Α», «Άρθρο πρώτο»): a document made elsewhere may write them, and its elements are then
    numbered by rank."""
    out = set()
    for el in root.iter(tag=etree.Element):
        if _local(el) in HIERARCHY and (num := _num_text(el)):
            try:
                number_from_num(num)
            except EidError:
                out.add(num)
    return frozenset(out)


def fill_missing_eids(root: etree._Element) -> int:
    """Give each hierarchical element without an eId one, in the document's own style
    (``renumber``), prefixed by its container's actual eId and made unique against every eId of the
    document («_2» when taken); the eIds already there stay.  Returns how many were given."""

    def lacking() -> int:
        return sum(
            1
            for el in root.iter(tag=etree.Element)
            if _local(el) in HIERARCHY and _local(el) not in ("authorialNote", "note") and not el.get("eId")
        )

    before = lacking()
    assign_eids(
        root,
        unprefixed=frozenset({"article"}) | unprefixed_kinds(root),
        plain=plain_hcontainers(root),
        foreign=unreadable_numbers(root),
        only_missing=True,
    )
    return before - lacking()


def plain_hcontainers(root: etree._Element) -> frozenset[str]:
    """The @names of the hcontainers that this document's eIds call «hcontainer_N», never by their
    name (lawtool writes «crossHeading_1» for an hcontainer named crossHeading)."""
    plain: dict[str, list[bool]] = {}
    for el in root.iter(tag=etree.Element):
        name, eid = el.get("name"), el.get("eId")
        if _local(el) == "hcontainer" and name and eid and name != PROMULGATION:
            last = eid.rsplit("__", 1)[-1]
            plain.setdefault(name, []).append(last.startswith("hcontainer"))
    return frozenset(name for name, flags in plain.items() if all(flags))


def unprefixed_kinds(root: etree._Element) -> frozenset[str]:
    """The kinds of hierarchical element whose eIds, in this document, never carry the prefix of
    the container they sit in, as articles never do: documents made elsewhere write a chapter's
    sections «sec_1», where lawtool writes «chp_1__sec_1»."""
    prefixed: dict[str, list[bool]] = {}
    for el in root.iter(tag=etree.Element):
        local, eid = _local(el), el.get("eId")
        if local not in HIERARCHY or local == "article" or not eid:
            continue
        container = next((a for a in el.iterancestors() if _local(a) in HIERARCHY | OWN_NUMBERING), None)
        if container is None or _local(container) in OWN_NUMBERING or not container.get("eId"):
            continue
        prefixed.setdefault(local, []).append(eid.startswith(container.get("eId", "") + "__"))
    return frozenset(kind for kind, flags in prefixed.items() if not any(flags))
