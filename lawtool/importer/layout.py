"""Layout: repaired lines of an official Moroccan text → a tree of plain nodes.

The official layout:

- division headings: الكتاب (book), الجزء (part), القسم (title), الباب (chapter), الفرع (section),
  each with an ordinal or a number, the title after a colon or on the next line.  Texts nest them
  in different orders (older dahirs put القسم under الباب), so the rank of each kind is the order
  in which the text first uses it;
- article headings: «المادة الأولى», «المادة 2», «الفصل 447-1», «الفصل 35-1. - text ...»,
  and ranges of repealed articles «الفصول 19 – 23» followed by «نسخت»;
- paragraphs: PDF lines are wrapped, so a paragraph runs until a line that ends a sentence
  (. : ؛ ! ?);
- items: «- 1 ...», «1. ...», «1- ...», «أ) ...», «- ...» start a point inside the paragraph that
  introduced them (a paragraph ending with «:»);
- amending articles: after a paragraph announcing «على النحو التالي» / «كما يلي», the quoted
  articles of the amended text (another label, or a number out of the sequence, or a «...»
  block) become a ``mod`` whose quoted structure holds them.

Nothing here changes a letter of the text: the nodes carry the lines as repaired.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from ..arabic import drafting_verbs, normalise
from ..eids import number_from_num
from ..errors import LawtoolError
from .common import JOURNAL_PAGE

DIVISIONS = {
    "الكتاب": "book",
    "الجزء": "part",
    "القسم": "title",
    "الباب": "chapter",
    "الفرع": "section",
    "الفقرة الفرعية": "subsection",
}
ORDINAL_WORD = r"(?:ال)?(?:[أا]ول[ىي]?|واحد[ةه]?|تمهيدي[ةه]?|ثان[يى][ةه]?|ثالث[ةه]?|رابع[ةه]?|خامس[ةه]?|سادس[ةه]?|سابع[ةه]?|ثامن[ةه]?|تاسع[ةه]?|عاشر[ةه]?|حاد[يى][ةه]?|عشر[ةه]?|عشرون|عشرين|ثلاثون|ثلاثين|[أا]ربعون|[أا]ربعين|خمسون|خمسين|ستون|ستين|سبعون|سبعين|ثمانون|ثمانين|تسعون|تسعين|مائ[ةه]|مئ[ةه]|فريد[ةه])"
ORDINAL = rf"{ORDINAL_WORD}(?:\s+(?:و)?{ORDINAL_WORD}){{0,3}}"
BIS = r"(?:\s*(?:ال)?مكرر[ةه]?(?:\s+(?:مرتين|ثلاث\s+مرات))?)"
LETTER = r"(?:\s*\(\s*[أابجدهوزحطي]\s*\))"  # «الفصل الأول (أ)»: a lettered article
NUMBER = rf"(?:\d+(?:\s*[-.]\s*\d+)*{BIS}?{LETTER}?|{ORDINAL}{BIS}?{LETTER}?)"

DIVISION_RE = re.compile(
    rf"^(?P<label>{'|'.join(DIVISIONS)})\s*:?\s*(?P<num>{NUMBER})\s*(?:(?:\s*[:：.\-–]\s*|\s+)(?!من\s|في\s+الفقر|أعلاه|اعلاه|أدناه|بعده|المشار|السالف|المذكور)(?P<title>.*?))?\s*(?P<notes>(?:\[\[fn:\d+\]\]\s*)*)$"
)
# «فصل فريد», «مادة فريدة», «الفصل الفريد»: the one article of a text
UNIQUE = r"(?:ال)?فريد[ةه]?"
ARTICLE_RE = re.compile(
    rf"^(?P<quote>«\s*)?(?P<label>المادة|الفصل|مادة|فصل|Article|Art\.)\s*-?\s*\.?\s*(?P<num>{NUMBER}|{UNIQUE})"
    rf"\.?(?P<notes>(?:\s*\[\[fn:\d+\]\])*)\s*(?:(?:\.\s*[-–]|[-–:](?!\d))\s*(?P<rest>.*)|\.|\.\s*\d{{1,2}}|:\s*\d{{1,2}})?$"
)
# «فصل فريد. يلغى ويعوض كما يلي ...»: the single article, a full stop, its text
SINGLE_WITH_TEXT_RE = re.compile(
    rf"^(?P<quote>)(?P<label>المادة|الفصل|مادة|فصل)\s+(?P<num>{UNIQUE})(?P<notes>(?:\s*\[\[fn:\d+\]\])*)\s*\.\s*(?P<rest>[\u0621-\u064a].*)$"
)
# «الفصل 35-1. - العقوبات ...» as the PDF extraction leaves it: «الفصل - 35-1.العقوبات ...»
ARTICLE_DAMAGED_RE = re.compile(
    r"^(?P<quote>)(?P<label>المادة|الفصل)\s*-\s*\.?\s*(?P<num>\d+(?:-\d+)*)(?P<notes>(?:\s*\[\[fn:\d+\]\])*)\s*\.?\s*(?P<rest>\S.*)$"
)
# «المادة :8جرائم الحرب»: the colon before the number, the title glued to it (treaty texts)
ARTICLE_COLON_RE = re.compile(
    r"^(?P<quote>)(?P<label>المادة|الفصل|مادة)\s*:\s*(?P<num>\d+(?:-\d+)*)(?P<notes>(?:\s*\[\[fn:\d+\]\])*)\s*(?P<rest>[^\d\s.،,].*)?$"
)
RANGE_RE = re.compile(
    r"^(?P<label>الفصول|المواد)\s*(?:من\s*)?(?P<a>\d+(?:-\d+)*)\s*(?:[-–—]|إلى|الى)\s*(?P<b>\d+(?:-\d+)*)\s*(?P<notes>(?:\[\[fn:\d+\]\]\s*)*)$"
)
# a list item: «1-», «- 1», «أ)», «هـ)» (the letter ه is printed with a tatweel as a label), a bullet
ITEM_RE = re.compile(
    r"^(?:[-–]\s*(?P<n1>\d+)\s*[-.)]?|\.?(?P<n2>\d+)\s*(?:[-)]|\.(?!\d))|(?P<n3>[أابجدهوزحطيكلمنسعفصقرشتثخذضظغ])\u0640?\s*[)\-]|[-–•·*](?=\s))\s*(?P<rest>\S.*)$"
)
ANNOUNCES_QUOTE = re.compile(
    r"(على\s+النحو\s+(?:التالي|الآتي|الاتي)|كما\s+يلي|بما\s+يلي|تحرر\s+كما\s+يلي|ما\s+يلي"
    r"|\S\s+(?:التالي|التالية|الآتي|الآتية|الاتي|الاتية)\s*[:：])\s*(\[\[fn:\d+\]\]\s*)*$"
)
SENTENCE_END = re.compile(r"[.:؛;!?؟»\"”]\s*(?:\[\[fn:\d+\]\]\s*)*$")
FN = re.compile(r"\s*\[\[fn:(\d+)\]\]")
CHAPTER_DIVISION_RE = re.compile(DIVISION_RE.pattern.replace("|".join(DIVISIONS), "الفصل", 1))
RANGE_LINE = re.compile(r"^\(\s*(?:الفصول|الفصلان|الفصلين|المواد|المادتان|فصل|مادة)[^\n]{0,40}$")


@dataclass
class Node:
    kind: str  # book, part, title, chapter, section, article, paragraph, point, mod, quote, table, cell
    num: str | None = None  # the number as written, label included («المادة 2»)
    heading: str | None = None
    subheading: str | None = None  # an editorial line under a heading: «(الفصول 1 – 12)»
    text: str | None = None  # paragraph / point text (lines joined)
    children: list[Node] = field(default_factory=list)
    line: int = 0  # source line (1-based) where the node starts
    quoted_text: str | None = None  # for a mod that replaces a heading or words rather than a structure
    repealed: bool = False
    guillemets: bool = False  # a quoted article written «...» in the source
    intro: list[str] = field(default_factory=list)  # a division's text before its first article


@dataclass
class Layout:
    title_lines: list[str]
    preamble: list[str]  # the promulgating dahir, or a bill's preamble, paragraphs
    preamble_heading: str | None
    body: list[Node]
    notes: list[str]  # observations for the import report
    promulgation: list[Node] = field(default_factory=list)  # the promulgating dahir's own articles
    promulgation_end: list[str] = field(default_factory=list)  # its signature, after those articles
    conclusions: list[str] = field(default_factory=list)  # the signature of a text that is the law itself
    chapter_label: str | None = None  # «الفصل» used as a chapter heading above «المادة» articles
    text: list[str] = field(default_factory=list)  # the paragraphs of a text without any article heading
    attachments: list[Layout] = field(default_factory=list)  # annexed texts («ملحق»), after the signature


def _division_ranks(items: list[tuple[int, str]], chapter_label: str | None) -> dict[str, int]:
    """The rank of each division label, from the text's own nesting: a heading followed at once
    by the first heading of another label («الكتاب الأول» / «القسم الأول») holds it.  Labels
    without such evidence rank in the order the text first uses them (older dahirs put القسم
    under الباب; the CPP opens with «الكتاب التمهيدي» / «الباب الأول» before its first القسم)."""
    first_use: list[str] = []
    holds: set[tuple[str, str]] = set()
    previous = None
    for _, line in items:
        match = DIVISION_RE.match(line) or (CHAPTER_DIVISION_RE.match(line) if chapter_label else None)
        if match:
            label = match.group("label")
            if label not in first_use:
                first_use.append(label)
            if previous and previous != label and _is_first(match.group("num")):
                holds.add((previous, label))
            previous = label
        elif _article_match(line):
            previous = None
    ranks: dict[str, int] = {}
    remaining = list(first_use)
    while remaining:
        free = [lab for lab in remaining if not any((p, lab) in holds for p in remaining if p != lab)]
        label = (free or remaining)[0]  # a cycle of evidence: the first used wins
        ranks[label] = len(ranks)
        remaining.remove(label)
    return ranks


def _is_first(num: str) -> bool:
    try:
        return number_from_num(num) in ("1", "preliminary")
    except LawtoolError:
        return False


def _rank_key(node: Node) -> str:
    """Divisions rank by their label word in the order the text first uses them."""
    return node.num.split()[0] if node.num else node.kind


def _join(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(line.strip() for line in lines)).strip()


def parse_layout(lines: list[str], line_numbers: list[int] | None = None, *, wrapped: bool | None = None) -> Layout:
    """Turn repaired lines into the document tree.

    ``wrapped``: the lines are a PDF's, wrapped at the page width, so a paragraph runs over several
    lines; it ends with a line that ends a sentence or with a line clearly shorter than the page
    width.  Without it (a clean text written one paragraph per line) every line is a paragraph."""
    numbers = line_numbers or list(range(1, len(lines) + 1))
    items = _split_run_in_headings([(n, line.strip()) for n, line in zip(numbers, lines, strict=False) if line.strip()])
    token = _BARE_LABEL.set(uses_bare_label([line for _, line in items]))
    contents = _CONTENTS.set(contents_lines(items))
    try:
        return _parse_items(items, wrapped)
    finally:
        _CONTENTS.reset(contents)
        _BARE_LABEL.reset(token)


def _parse_items(items: list[tuple[int, str]], wrapped: bool | None) -> Layout:
    items = _headings_with_a_full_stop(items)
    ends = _paragraph_end_rule(items, wrapped)
    chapter_label = chapter_heading_label([line for _, line in items])
    span = _dahir_articles(items, chapter_label)
    if span is None:
        if not any(_is_structure_start(line) for _, line in items):
            return _unstructured(items, ends)
        return _law(items, ends, chapter_label, wrapped)
    first, signature, after = span
    embedded = _embedded_law(items, first, signature)
    if embedded is not None:
        return _dahir_around_law(items, first, embedded, signature, ends, wrapped)
    if not any(_is_structure_start(line) for _, line in items[after:]):
        return _dahir_that_is_the_law(items, span, ends, chapter_label, wrapped)
    return _promulgating_dahir(items, span, ends, chapter_label, wrapped)


def _dahir_that_is_the_law(items, span: tuple[int, int, int], ends, chapter_label, wrapped) -> Layout:
    """A dahir (or decree) that is itself the law: its articles are the body, its signature the
    conclusions."""
    first, signature, _ = span
    head = [line for _, line in items[:first]]
    return _head_and_body(head, items[first:signature], items[signature:], ends, chapter_label, wrapped)


def _promulgating_dahir(items, span: tuple[int, int, int], ends, chapter_label, wrapped) -> Layout:
    """A promulgating dahir with articles of its own (the Penal Code's has nine), then the law."""
    first, signature, after = span
    dahir = _BodyParser(items[first:signature], ends, _own_chapter_label(items[first:signature], chapter_label))
    promulgation = dahir.parse()
    promulgation_end = _paragraphs([line for _, line in items[signature:after]], ends)
    rest = parse_layout([line for _, line in items[after:]], [n for n, _ in items[after:]], wrapped=wrapped)
    head_titles, head_preamble, head_heading = _split_head([line for _, line in items[:first]], ends)
    title_lines = head_titles + [t for t in rest.title_lines if t not in head_titles]
    return Layout(
        title_lines,
        head_preamble + rest.preamble,
        head_heading or rest.preamble_heading,
        rest.body,
        dahir.notes + rest.notes,
        promulgation=promulgation,
        promulgation_end=promulgation_end,
        conclusions=rest.conclusions,
        chapter_label=rest.chapter_label,
        attachments=rest.attachments,
    )


LAW_TITLE_START = re.compile(r"^(?:ال)?(?:قانون رقم|مجموعة|ظهير شريف بمثابة قانون)")


def _law(items: list[tuple[int, str]], ends, chapter_label: str | None, wrapped) -> Layout:
    """A text whose body starts at its first structure heading (after a promulgating dahir without
    articles of its own, if any)."""
    body_start = _body_start(items, chapter_label)
    # The law's own title often stands between the dahir's signature and the first heading.
    head = [line for _, line in items[:body_start]]
    while (
        body_start < len(items)
        and LAW_TITLE_START.match(items[body_start][1])
        and not _is_structure_start(items[body_start][1])
    ):
        head.insert(_title_insert_point(head), items[body_start][1])
        body_start += 1
    # The law's own preamble («ديباجة») after the dahir belongs to the preamble too.
    if body_start < len(items) and _is_preamble_heading(items[body_start][1]):
        end = _preamble_end(items, body_start, chapter_label)
        head += [line for _, line in items[body_start:end]]
        body_start = end
    body_items, signed = _split_signature(items[body_start:], chapter_label)
    return _head_and_body(head, body_items, signed, ends, chapter_label, wrapped)


def _head_and_body(head: list[str], body_items, signed, ends, chapter_label: str | None, wrapped) -> Layout:
    """The layout of a text from its head lines (title, preamble), the items of its body and those
    from its signature on (conclusions, then annexes)."""
    title_lines, preamble, preamble_heading = _split_head(head, ends)
    parser = _BodyParser(body_items, ends, _own_chapter_label(body_items, chapter_label))
    body = parser.parse()
    conclusions, annexes = _split_annexes(signed)
    return Layout(
        title_lines,
        preamble,
        preamble_heading,
        body,
        parser.notes,
        conclusions=_paragraphs(conclusions, ends),
        chapter_label=chapter_label,
        attachments=[_annex(a, wrapped) for a in annexes],
    )


ANNEX = re.compile(r"^(?:ال)?(?:ملحق|محلق)(?:\s+(?:رقم|عدد)\s*\d+|\s*\d+)?(?:\s*[:：.\-–]|\s+\S|$)")


def _whole_signature_end(texts: list[str]) -> int:
    """The end of the signature block that ``texts`` opens, across a few lines that interrupt it (a
    page's footnotes, a stray page number) before the countersignature goes on."""
    end = _signature_end(texts, 0, last=True)
    while True:
        more = next((k for k in range(end, min(end + 6, len(texts))) if _countersigned(texts[k])), None)
        if more is None:
            return end
        end = _signature_end(texts, more, last=True)


def _countersigned(line: str) -> bool:
    return line.startswith("وقعه بالعطف") or bool(SIGNED.search(line) or SIGNER.match(line))


ANNEX_WORDS = 30  # text after a signature block that is no signature: more than a line or two
# the publisher's notes printed after the signature («- 58 إن تاريخ إجراء ...», «تم تغيير المادة ...»): no annex
ENDNOTE = re.compile(r"^(?:-\s*\d{1,3}\s|\d{1,3}\s*-\s|تم\s|تجدر\s)")


def _split_annexes(end: list[tuple[int, str]]) -> tuple[list[str], list[list[tuple[int, str]]]]:
    """After a text's signature: the signature block (conclusions), then its annexes, each from
    its «ملحق» heading to the next; structured text right after the signature with no «ملحق»
    heading (a circular approved by an order) is an annex too."""
    if not end:
        return [], []
    texts = [line for _, line in end]
    stop = _whole_signature_end(texts) if SIGNATURE.match(texts[0]) else 0
    starts = [i for i in range(stop, len(texts)) if ANNEX.match(texts[i]) and len(texts[i]) < 250]
    # structured text right after the signature, before any «ملحق» (a regulation the decree approves,
    # then its annexes), or text of some length after a whole signature block (a table, a list, a
    # schedule of fees printed without «ملحق»): an annex too
    rest = texts[stop : starts[0] if starts else len(texts)]
    if any(_is_structure_start(line) for line in rest) or (
        stop and len(" ".join(rest).split()) >= ANNEX_WORDS and not any(ENDNOTE.match(line) for line in rest[:6])
    ):
        starts = [stop] + starts
    if not starts:
        return texts, []
    bounds = starts + [len(texts)]
    return texts[: starts[0]], [end[a:b] for a, b in pairwise(bounds)]


def _annex(items: list[tuple[int, str]], wrapped) -> Layout:
    return parse_layout([line for _, line in items], [n for n, _ in items], wrapped=wrapped)


ENACTING = re.compile(r"(?:بما|ما)\s+(?:يلي|يأتي|ياتي)\s*[:：.]?\s*$")


LAW_TITLE = re.compile(r"^(?:ال)?(?:قانون|ظهير\s+شريف\s+بمثابة\s+قانون)\s+(?:رقم|تنظيمي)")


def _embedded_law(items: list[tuple[int, str]], first: int, signature: int) -> tuple[int, int] | None:
    """A law printed inside its promulgating dahir, between the dahir's first article («ينفذ
    القانون رقم ... الآتي نصه:») and its next one («ينشر ظهيرنا الشريف هذا ...»): the law's
    first and end lines, else None."""
    texts = [line for _, line in items]
    start = next(
        (
            i
            for i in range(first + 1, signature)
            if LAW_TITLE.match(texts[i])
            and re.search(r"نصه|بعده|يلي|الآتي|الاتي", " ".join(texts[max(first, i - 3) : i]))
        ),
        None,
    )
    if start is None or not _opens_a_law(texts[start + 1 : signature]):
        return None
    dahir = [m for line in texts[first:start] if (m := _article_match(line))]
    if not dahir:
        return None
    try:
        following = int(number_from_num(dahir[-1].group("num"))) + 1
    except (ValueError, LawtoolError):
        return None
    end = signature
    for i in range(signature - 1, start, -1):
        match = _article_match(texts[i])
        if match and match.group("label") == dahir[-1].group("label"):
            try:
                if number_from_num(match.group("num")) == str(following):
                    end = i
                    break
            except LawtoolError:
                continue
    return start, end


def _opens_a_law(lines: list[str]) -> bool:
    """The first heading after a law's title is its first division or its first article: «القانون رقم
    17.99 المتعلق بمدونة التأمينات؛» wrapped to a line start inside an article followed by «الفصل 11»
    is a citation."""
    for line in lines:
        if (match := _article_match(line)) is not None:
            return _is_first(match.group("num")) or bool(re.fullmatch(UNIQUE, match.group("num")))
        if DIVISION_RE.match(line):
            return True
    return False


def _dahir_around_law(items, first: int, law: tuple[int, int], signature: int, ends, wrapped) -> Layout:
    """The dahir's articles before and after the law they promulgate; the law is the body."""
    start, end = law
    head = _split_head([line for _, line in items[:first]], ends)
    before = _BodyParser(items[first:start], ends)
    after = _BodyParser(items[end:signature], ends)
    promulgation = before.parse() + after.parse()
    inner = parse_layout([line for _, line in items[start:end]], [n for n, _ in items[start:end]], wrapped=wrapped)
    title_lines = head[0] + [t for t in inner.title_lines if t not in head[0]]
    return Layout(
        title_lines,
        head[1] + inner.preamble,
        head[2] or inner.preamble_heading,
        inner.body,
        before.notes + inner.notes + after.notes,
        promulgation=promulgation,
        conclusions=_paragraphs([line for _, line in items[signature:]], ends),
        chapter_label=inner.chapter_label,
        attachments=inner.attachments,
    )


def _unstructured(items: list[tuple[int, str]], ends) -> Layout:
    """A text without any article heading (a dahir of one paragraph, a circular, a notice):
    its title and preamble up to the enacting words («أصدرنا أمرنا الشريف بما يلي:»), its text
    as unnumbered paragraphs of the body, its signature as conclusions."""
    texts = [line for _, line in items]
    enacting = next((i for i, line in enumerate(texts) if ENACTING.search(line)), None)
    start = enacting + 1 if enacting is not None else min(1, len(texts))
    signature = next((i for i in range(start, len(texts)) if SIGNATURE.match(texts[i])), len(texts))
    title_lines, preamble, heading = _split_head(texts[:start], ends)
    return Layout(
        title_lines,
        preamble,
        heading,
        [],
        ["the text has no article heading"],
        conclusions=_paragraphs(texts[signature:], ends),
        text=_paragraphs(texts[start:signature], ends),
    )


RUN_IN = re.compile(
    rf"^(?P<text>.*\S[.؛:])\s*(?P<heading>(?:المادة|الفصل)\s+(?:\d+(?:-\d+)*|{ORDINAL})(?:\s*\[\[fn:\d+\]\])*)\s*$"
)


def _split_run_in_headings(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """«... حصيلة العمل.المادة 13», «... عند الاقتضاء.الفصل الثاني»: an article heading run into the
    end of the previous line."""
    out = []
    for n, line in items:
        match = RUN_IN.match(line)
        if match:
            out.append((n, match.group("text")))
            out.append((n, match.group("heading")))
        else:
            out.append((n, line))
    return out


# «الفصل 1.» alone on its line (printed «الفصل .1» by the extraction of a right-to-left page)
DOTTED_HEADING = re.compile(
    r"^(?P<heading>(?:المادة|الفصل|مادة)\s*(?P<num>\d+(?:\s*-\s*\d+)*))(?P<notes>(?:\s*\[\[fn:\d+\]\])*)\s*\."
    r"(?P<after>(?:\s*\[\[fn:\d+\]\])*)\s*$"
)


def _headings_with_a_full_stop(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """«الفصل 1.» alone on its line is a heading when the line before it ends a sentence or a
    parenthesis, is a division heading or there is none, or when its number follows the last
    heading's; never after a line ending on «من», «في», «بموجب» ..., nor when the next heading of the
    text bears the same number: then it ends a sentence on a citation («... بموجب الفقرة 3 من /
    المادة .12» before «المادة :12 الشروط ...») and is left as it is.  The heading's full stop is
    dropped, so that every reading of the line sees a heading."""
    out = []
    before = ""  # the line before, as printed
    last: int | None = None  # the number of the last article heading
    for k, (n, printed) in enumerate(items):
        line = printed
        dotted = DOTTED_HEADING.match(line)
        if dotted:
            number = _base_number(dotted.group("num"))
            opens = (
                not before
                or SENTENCE_END.search(before)
                or before.endswith(")")
                or DIVISION_RE.match(before)
                or (last is not None and number == last + 1)
            )
            if opens and not CITING_TAIL.search(before) and not _cited_before_its_heading(items, k, number):
                line = dotted.group("heading") + dotted.group("notes") + dotted.group("after")
        if (heading := _article_match(line)) is not None:
            try:
                last = _base_number(number_from_num(heading.group("num")))
            except LawtoolError:
                last = None
        out.append((n, line))
        before = printed
    return out


# «عنوان» (a heading), the object of an amending text's verb: «يغير عنوان الفرع السابع»
HEADING_WORD = re.compile(r"(?<![\u0621-\u064a])[وف]?عنوان(?![\u0621-\u064a])")


# a line that goes on with a citation on the next («... المنصوص عليها في», «... بموجب الفقرة 3 من»)
CITING_TAIL = re.compile(
    r"(?:^|\s)(?:من|في|فى|بموجب|بمقتضى|عليها|عليه|إليها|إليه|اليها|اليه|لأحكام|لاحكام|بأحكام|باحكام|وفق|وفقا|حسب)"
    r"(?:\s*\[\[fn:\d+\]\])*\s*$"
)


def _cited_before_its_heading(items: list[tuple[int, str]], k: int, number: int | None) -> bool:
    """The next article heading after line ``k`` (dotted or not) bears ``number``: line ``k`` cites it."""
    for _, line in items[k + 1 : k + 80]:
        dotted = DOTTED_HEADING.match(line)
        heading = _article_match(line)
        if dotted or heading:
            num = dotted.group("num") if dotted else heading.group("num")  # type: ignore[union-attr]
            try:
                return _base_number(number_from_num(num)) == number
            except LawtoolError:
                return False
    return False


# «الفصل الأول :في الغرض من هذا الظهير», «الفصل 37: في الدفع ...», «الفصل الرابع:3» (a footnote marker): a heading with
# its title or note after a colon, never a citation
TITLE_AFTER_COLON = re.compile(rf"^(?:المادة|الفصل|مادة)\s*(?:{ORDINAL}|\d+(?:-\d+)*)\s*:\s*(?:في\s|\d{{1,2}}$)")
NOT_HEADING_REST = re.compile(r"^(?:\d|أعلاه|اعلاه|أدناه|بعده|من\s|في\s|و\s|،)")


# «مادة 1» without the article is an article heading only in a text that numbers its articles so (some
# treaties: ``uses_bare_label``); elsewhere a bare «مادة» or «فصل» is a word of a sentence or of a table
# («فصل 1»: a quarter of a bank's report), and a heading only in «فصل فريد».  Set by ``parse_layout``
# for the text it reads.
_BARE_LABEL: ContextVar[bool] = ContextVar("bare_label", default=False)
BARE_HEADING = re.compile(r"^مادة\s*[:.]?\s*(\d+)(?!\d)")


def uses_bare_label(lines: list[str]) -> bool:
    """The text heads its articles «مادة 1», «مادة :2 ...»: three such lines at least, 1 and 2 among them."""
    numbers = {int(m.group(1)) for line in lines if (m := BARE_HEADING.match(line))}
    return len(numbers) >= 3 and {1, 2} <= numbers


# The lines of a table of contents (``contents_lines``) of the text being read: no article headings.
_CONTENTS: ContextVar[frozenset[int]] = ContextVar("contents", default=frozenset())
CONTENTS_RUN = 3  # bare headings in a row, their numbers found again further on
CONTENTS_SHARE = 0.8  # (most of them: a heading damaged further on is not read there)


def contents_lines(items: list[tuple[int, str]]) -> frozenset[int]:
    """The source lines of a table of contents: a run of at least three article headings alone on
    their lines («المادة:3», «المادة:4», …), one after the other with nothing between them, whose
    numbers the text heads again further on (four in five at least), each with its article.  (Three bare headings in a row
    whose numbers do not come back are articles whose text was repealed: «الفصل 16», «الفصل 17».)"""
    heads: list[tuple[int, str | None]] = []  # (index, number) of each bare heading
    numbered: list[tuple[int, str]] = []  # every heading's number, in order
    for k, (_, line) in enumerate(items):
        match = _article_match(line)
        if match is None:
            continue
        try:
            number = number_from_num(match.group("num"))
        except LawtoolError:
            number = None
        if number is not None:
            numbered.append((k, number))
        if not (match.group("rest") or "").strip():
            heads.append((k, number))
    found: set[int] = set()
    run: list[tuple[int, str | None]] = []
    for head in [*heads, (-2, None)]:
        if run and head[0] == run[-1][0] + 1:
            run.append(head)
            continue
        if len(run) >= CONTENTS_RUN:
            later = {number for k, number in numbered if k > run[-1][0]}
            if sum(number in later for _, number in run) >= CONTENTS_SHARE * len(run):
                found.update(items[k][0] for k, _ in run)
        run = [head]
    return frozenset(found)


def _article_match(line: str) -> re.Match | None:
    """An article heading, alone on its line or followed by the article's first words; a citation
    at the start of a wrapped line («المادة 713 - 1 أعلاه، ...») is not one."""
    return _article_match_in(line, _BARE_LABEL.get())


@lru_cache(maxsize=8192)  # the parser asks again for the same lines; a match is read, never changed
def _article_match_in(line: str, bare: bool) -> re.Match | None:
    match = (
        ARTICLE_RE.match(line)
        or ARTICLE_DAMAGED_RE.match(line)
        or ARTICLE_COLON_RE.match(line)
        or SINGLE_WITH_TEXT_RE.match(line)
    )
    if (
        match
        and match.group("label") in ("مادة", "فصل")
        and not re.fullmatch(UNIQUE, match.group("num"))
        and not (bare and match.group("label") == "مادة")
    ):
        return None  # «فصل» without the article only in «فصل فريد»
    if (
        match
        and not match.group("rest")
        and FN.sub("", line).rstrip().endswith(".")
        and match.group("num")[:1].isdigit()
    ):
        return None  # «... المنصوص عليها في / الفصل 9.», «... المادة 47. [[fn:14]]»: a sentence ending on a citation
    if (
        match
        and match.group("rest")
        and not match.group("quote")
        and NOT_HEADING_REST.match(match.group("rest"))
        and not TITLE_AFTER_COLON.match(line)
    ):
        return None
    return match


def _is_structure_start(line: str) -> bool:
    return _structure_start_in(line, _BARE_LABEL.get())


@lru_cache(maxsize=8192)
def _structure_start_in(line: str, bare: bool) -> bool:
    return bool(DIVISION_RE.match(line) or _article_match_in(line, bare) or RANGE_RE.match(line))


CHAPTER_HEADING = re.compile(rf"^الفصل\s+(?P<num>{ORDINAL}|\d+)\s*(?:$|[:：.\-–]\s*\S|\s+\S)")


def chapter_heading_label(lines: list[str]) -> str | None:
    """«الفصل» is a chapter heading, not an article, in a text whose articles are «المادة»
    when a «الفصل» heading is followed by an «المادة» heading before any other «الفصل» one
    («الفصل الأول: تعاريف» / «المادة 1»).  Quoted articles of another law («الفصل 404»
    quoted by an amending article) come in runs of «الفصل» headings and do not count."""
    matches = [m for line in lines if (m := _article_match(line))]
    sequence = [m.group("label") for m in matches]
    chapters = [m.group("num") for m in matches if m.group("label") == "الفصل"]
    # chapters are few, and numbered 1, 2, 3 ... (never 447-1)
    if "المادة" not in sequence or len(chapters) < 2 or any(re.search(r"\d\s*[-.]\s*\d", n) for n in chapters):
        return None
    followed = [sequence[i + 1] == "المادة" for i, label in enumerate(sequence[:-1]) if label == "الفصل"]
    if followed and sum(followed) >= 0.8 * len(followed) and sequence.count("المادة") >= len(followed):
        return "الفصل"
    return None


def _own_chapter_label(items: list[tuple[int, str]], chapter_label: str | None) -> str | None:
    """The text's chapter label where this part shows it too: «الفصل» may be a chapter in an annexed
    treaty («الفصل الأول» / «المادة 1») and an article in the decree that approves it."""
    return chapter_label if chapter_label and chapter_heading_label([line for _, line in items]) else None


SIGNATURE = re.compile(r"^(?:و\s*حرر|وحرر|حرر)\s+ب")


def _dahir_articles(items: list[tuple[int, str]], chapter_label: str | None) -> tuple[int, int, int] | None:
    """A dahir whose own articles stand between its opening and its signature («وحرر ب...»):
    (first article, first signature line, first line after the signature block), else None."""
    texts = [line for _, line in items]
    first_structure = next((i for i, line in enumerate(texts) if _is_structure_start(line)), None)
    if first_structure is None:
        return None
    dahir = next((i for i, line in enumerate(texts[:first_structure]) if _is_dahir_start(line)), None)
    if dahir is None:
        return None
    signature = next((i for i in range(first_structure, len(texts)) if SIGNATURE.match(texts[i])), None)
    if signature is None:
        return None
    # a signature inside a quoted text is not the dahir's: the article must be the dahir's first
    if not any(_article_match(line) for line in texts[first_structure:signature]):
        return None
    return first_structure, signature, _signature_end(texts, signature)


# a line of the countersignature: a minister's title («وزير العدل، الإمضاء: عبد اللطيف وهبي.», «الوزير
# المنتدب لدى الوزير الأول»), a short line that goes on to the next («والإسكان وسياسة المدينة،»), a
# treaty's signatory («عن الدانمارك: ...») and the date beside it («2 شتنبر 1955»)
SIGNER = re.compile(r"^(?:و?(?:ال)?(?:وزير|وزيرة|كاتب|كاتبة|المندوب|الناطق|المكلف)|عن\s)")
SIGNED = re.compile(r"(?:الإمضاء|الامضاء|المضاء)\s*[:：]")  # («المضاء»: its hamza and alef lost)
SIGNING_DATE = re.compile(r"^(?:\d{1,2}|فاتح)\s*[\u0621-\u064a]+\s*\.?\s*\d{4}\s*\.?$")


def _signer_line(line: str) -> bool:
    line = FN.sub("", line).strip()
    return len(line) < 90 and bool(
        SIGNER.match(line)
        or SIGNED.search(line)
        or SIGNING_DATE.match(line)
        or (len(line) < 50 and line.endswith(("،", ",")))
    )


def _sentence_goes_on(texts: list[str], signature: int, end: int) -> bool:
    """Line ``end`` goes on with the «وحرر ...» sentence opened at ``signature`` (wrapped over three
    lines at most: «وحرر بالهاي ... يودع في محفوظات الحكومة / الهولندية وتسليم منه ...»)."""
    return (
        end - signature <= 3
        and not ANNEX.match(texts[end])
        and not any(SENTENCE_END.search(t) or SIGNED.search(t) for t in texts[signature:end])
    )


def _signature_end(texts: list[str], signature: int, *, last: bool = False) -> int:
    """The first line after a signature block: «وحرر ب...», the countersignature, the asterisks;
    ``last``: the text's closing signature, where nothing but annexes follows (a minister's title
    over two lines, a treaty's signatories and dates, the «وحرر» sentence going on are read as
    signature too; a promulgating dahir's signature stops before the title of its law)."""
    end = signature + 1
    while (
        end < len(texts)
        and not _is_structure_start(texts[end])
        and not (last and ANNEX.match(texts[end]))
        and (
            texts[end].startswith(("وقعه بالعطف", "رئيس الحكومة", "الوزير الأول", "الوزير الاول", "الإمضاء", "الامضاء"))
            or (last and _signer_line(texts[end]))
            or (last and re.fullmatch(r"[\s\d.*•·\-–_]+", texts[end]))  # a page number, a stray stop
            or (last and SIGNED.search(texts[end - 1]) and len(texts[end].split()) <= 2)  # «الامضاء: المعطى / بو عبيد.»
            or re.fullmatch(r"[*\s]+", texts[end])
            or (
                end == signature + 1
                and not _is_structure_start(texts[end])
                and len(texts[end]) < 60
                and re.search(r"\d{4}", texts[end])
            )
            or (last and _sentence_goes_on(texts, signature, end))
        )
    ):
        end += 1
    return end


def _split_signature(items: list[tuple[int, str]], chapter_label: str | None) -> tuple[list, list]:
    """The body's lines, and from the closing signature of the text on («وحرر بالرباط في ...»
    after its last article): the signature block and what is annexed after it."""
    texts = [line for _, line in items]
    seen_article = False
    for i, text in enumerate(texts):
        if _is_structure_start(text):
            seen_article = True
        elif seen_article and SIGNATURE.match(text) and not _inside_quote(texts[:i]):
            return items[:i], items[i:]
    return items, []


def _inside_quote(texts: list[str]) -> bool:
    opened = sum(t.count("«") for t in texts[-40:])
    closed = sum(t.count("»") for t in texts[-40:])
    return opened > closed


def _is_dahir_start(line: str) -> bool:
    return bool(re.match(r"^ظ\S*ه\S*[يی]\S*ر\s+ش\S*ر\S*[يی]\S*ف", line))  # «ی»: the Persian yeh too


def _body_start(items: list[tuple[int, str]], chapter_label: str | None = None) -> int:
    """Index of the first line of the body.  A dahir of promulgation may have articles of its
    own (the Penal Code's has nine): they stay in the preamble, which ends with the dahir's
    signature («وحرر ب...», «وقعه بالعطف», «الإمضاء»)."""
    texts = [line for _, line in items]
    first_structure = next((i for i, line in enumerate(texts) if _is_structure_start(line)), len(texts))
    dahir = next((i for i, line in enumerate(texts[: first_structure + 1]) if _is_dahir_start(line)), None)
    if dahir is None:
        return first_structure
    end = next((i for i in range(dahir, len(texts)) if texts[i].startswith("وحرر ب")), None)
    if end is None:
        return first_structure
    return _signature_end(texts, end)


def _is_preamble_heading(line: str) -> bool:
    """«ديباجة», the heading of a law's own preamble (a footnote marker may follow it)."""
    return normalise(FN.sub("", line).strip()) in ("ديباجه", "الديباجه")


def _preamble_end(items: list[tuple[int, str]], start: int, chapter_label: str | None) -> int:
    """Where a law's «ديباجة» ends: at the run of division headings (and their title lines) just
    before its first article.  Division names quoted in its prose («الكتاب الأول: التحري عن
    الجرائم؛ الكتاب الثاني ...») stay in it."""
    texts = [line for _, line in items]
    first = next(
        (
            i
            for i in range(start + 1, len(texts))
            if (m := _article_match(texts[i])) and m.group("label") != chapter_label
        ),
        len(texts),
    )
    end = first
    while end - 1 > start and (
        DIVISION_RE.match(texts[end - 1])
        or (
            end - 2 > start
            and DIVISION_RE.match(texts[end - 2])
            and len(texts[end - 1]) < 120
            and not SENTENCE_END.search(texts[end - 1])
        )
    ):
        end -= 1
    return end if end < first else first


def _title_insert_point(head: list[str]) -> int:
    """Titles go before the dahir (the preamble) in the document's front matter."""
    starts = [i for i, line in enumerate(head) if _is_dahir_start(line) or _is_preamble_heading(line)]
    return starts[-1] if starts else len(head)


def _paragraph_end_rule(items: list[tuple[int, str]], wrapped: bool | None):
    """A function telling whether a line ends its paragraph."""
    lengths = sorted(len(line) for _, line in items) or [80]
    width = lengths[int(len(lengths) * 0.9)]
    if wrapped is None:
        wrapped = width <= 130
    if not wrapped:
        return lambda line: True
    short = 0.6 * width

    def ends(line: str) -> bool:
        return bool(SENTENCE_END.search(line)) or len(FN.sub("", line)) < short

    return ends


def _split_head(texts: list[str], ends) -> tuple[list[str], list[str], str | None]:
    """Before the body: the title lines, then the preamble (a dahir of promulgation, or a
    bill's «ديباجة»)."""
    # the preamble starts at the last dahir heading (a cover page may name the dahir first)
    starts = [i for i, line in enumerate(texts) if _is_dahir_start(line)] or [
        i for i, line in enumerate(texts) if _is_preamble_heading(line)
    ]
    if starts:
        title, rest = texts[: starts[-1]], texts[starts[-1] :]
    else:
        title, rest = texts, []
    heading = None
    if rest and _is_preamble_heading(rest[0]):
        heading, rest = rest[0], rest[1:]
    return title, _paragraphs(rest, ends), heading


# The official journal's rubrics and running head above a text («نصوص عامة»): no title
JOURNAL_RUBRIC = re.compile(
    r"^\s*(?:الجريدة\s+الرسمية|نصوص\s+(?:عامة|خاصة)|إعلانات\s+و(?:بلاغات|بالغات)|القسم\s+الرسمي)\s*$"
)
# a line that opens a heading: the kind of a text («مرسوم رقم ...», «ظهير شريف ...»)
NEW_HEADING = re.compile(r"^\s*(?:ظهير|مرسوم|قانون|القانون|قرار|منشور|دورية|مقرر|اتفاقية|الاتفاقية)(?:\s|$)")
TITLE_WORDS = 45  # a title is read over its wrapped lines up to this many words
# what follows a title and is none of it: Adala's «صيغة محينة بتاريخ ...» (in its several spellings),
# a note that the text was repealed («(نسخ)», «تم نسخ ...»), the dahir's opening «الحمد لله»
AFTER_TITLE = re.compile(
    r"^\s*[(\[]?\s*(?:صيغ[ةه]\s+(?:مح[يى]ن[ةه]?|معينة)|نسخة\s+محينة|\(?\s*نسخ(?:ت)?\b|تم\s+نسخ|الحمد\s+لله)"
)
# a footnote's body («1 الجريدة الرسمية عدد 4172 ...»), the journal's issue («عدد 2829»): no title
NOT_TITLE = re.compile(r"^\s*(?:\d+\s*[-–]?\s*الجريدة\s+الرسمية|عدد(?:\s|$))")
# an editor's note above a title, to the journal page it ends with («تم نسخ المرسوم رقم ... ص 33»)
EDITOR_NOTE = re.compile(r"^\s*(?:تم|تمت)\s+(?:نسخ|تغيير|تتميم)")
NOTE_LINES = 10  # lines of such a note at most
PAGE_ALONE = re.compile(r"^\s*\.?\d+\s*\.?\s*$")  # «.4737»: the page, under a line ending «ص»
TITLE_END = re.compile(r"[.:؛;!?؟]\s*$")  # a title's own end (a closing «»» is none)
# Adala's note printed on the title's own last line («... المتعلق بالأرشيف صيغة محينة بتاريخ ...»)
CONSOLIDATED_TAIL = re.compile(r"\s*[-(]?\s*(?:يراجع\s+)?صيغ[ةه]?\s+(?:مح[يى]ن[ةه]?|معينة)(?:\s.*)?$")
TITLE_WORD = re.compile(r"[\u0621-\u064aA-Za-z]{3}")  # a title has a word of three letters («مو» is a scrap)


def title_span(title_lines: list[str]) -> tuple[int, int]:
    """Which of the title lines make the document's title, as (first, end): the first line with a
    word of three letters that is no journal rubric («الجريدة الرسمية», «نصوص عامة»), issue
    («عدد 2829»), footnote («1 الجريدة الرسمية ...») nor note after a title («صيغة محينة ...»), and the
    lines it wraps onto («مرسوم» / «بتحديد البيانات التي ...» / «يقل وزنها ...»), up to a line that
    ends a sentence or carries a footnote marker, a line that opens a new heading (``_opens_a_heading``),
    one with no letter (a number alone), a note after the title, the title printed again, or
    ``TITLE_WORDS`` words.  (0, 0) when no line will do."""
    first = None
    in_note = 0  # lines left of an editor's note above the title («تم نسخ المرسوم ... ص 33»)
    for i, line in enumerate(title_lines):
        if in_note:
            in_note = 0 if re.search(JOURNAL_PAGE, line) or PAGE_ALONE.match(line) else in_note - 1
            continue
        if EDITOR_NOTE.match(line):
            in_note = 0 if re.search(JOURNAL_PAGE, line) else NOTE_LINES
            continue
        if (
            TITLE_WORD.search(line)
            and not JOURNAL_RUBRIC.match(line)
            and not NOT_TITLE.search(line)
            and not AFTER_TITLE.match(line)
        ):
            first = i
            break
    if first is None:
        return 0, 0
    end, words = first + 1, len(FN.sub("", title_lines[first]).split())
    while end < len(title_lines):
        before, line = title_lines[end - 1], title_lines[end]
        if TITLE_END.search(FN.sub("", before)) or FN.search(before):
            break  # «... المتعلق بالأرشيف[[fn:1]]»: the note marker ends the title
        words += len(line.split())
        if (
            _opens_a_heading(line, title_lines[first])
            or AFTER_TITLE.match(line)
            or NOT_TITLE.search(line)
            or line.strip() == title_lines[first].strip()  # the title printed again
            or not AR_OR_LATIN.search(line)
            or words > TITLE_WORDS
        ):
            break
        end += 1
    return first, end


def _opens_a_heading(line: str, title: str) -> bool:
    """Does ``line`` open a new heading under ``title``: a dahir; a kind with its number and no
    article («قانون رقم 22.82 ...», «مرسوم رقم 2.04.468 ...»); a heading of the title's own kind; any
    heading under a title that names no kind?  «القانون رقم 45.00 ...» under «مرسوم بتطبيق أحكام»
    goes on with the title."""
    m, t = NEW_HEADING.match(line), NEW_HEADING.match(title)
    if m is None:
        return False
    kind = m.group(0).strip()
    numbered = not kind.startswith("ال") and line[m.end() :].lstrip().startswith("رقم")
    same = t is not None and t.group(0).strip().removeprefix("ال") == kind.removeprefix("ال")
    return _is_dahir_start(line) or numbered or t is None or same


def document_title(title_lines: list[str], preamble: Sequence[str] = ()) -> str | None:
    """The document's title read from its title lines (``title_span``), its footnote markers out;
    failing that, the dahir's heading that opens the preamble («ظهير شريف رقم 1.22.75 صادر في ...
    بتنفيذ قانون المالية ...»), up to its first sentence's end, a footnote marker or «الحمد لله», and
    ``TITLE_WORDS`` words; or None."""
    first, end = title_span(title_lines)
    if end > first:
        title = CONSOLIDATED_TAIL.sub("", FN.sub(" ", _join(title_lines[first:end])))
        return " ".join(title.split()) or None
    if preamble and _is_dahir_start(preamble[0]):
        heading = re.split(r"(?<=[.:؛])\s|\[\[fn:\d+\]\]|الحمد\s+لله", preamble[0], maxsplit=1)[0]
        return " ".join([w for w in heading.split() if re.search(r"\w", w)][:TITLE_WORDS]) or None  # not a lone «ّ»
    return None


AR_OR_LATIN = re.compile(r"[\u0621-\u064aA-Za-z]")


def _paragraphs(lines: list[str], ends) -> list[str]:
    out, current = [], []
    for line in lines:
        current.append(line)
        if ends(line) or ITEM_RE.match(line):
            out.append(_join(current))
            current = []
    if current:
        out.append(_join(current))
    return out


def _cannot_continue_title(line: str) -> bool:
    """A heading, a list item, a range line, a long line or a sentence is no part of a title."""
    return bool(
        _is_structure_start(line)
        or ITEM_RE.match(line)
        or RANGE_LINE.match(line)
        or len(line) > 130
        or SENTENCE_END.search(line)
    )


REPEALED_ARTICLE = re.compile(r"^\s*نسخ(?:ت)?\s*\.?\s*$")  # an article whose whole text is «نسخ»


HEADING_WORDS = 20  # an unlabelled heading is a short line: a longer one is text


def _heading_goes_on(heading: str, line: str) -> bool:
    """Whether ``line`` continues an unlabelled heading (one broken over two lines by the print):
    the heading does not end a sentence and the two stay short."""
    return not heading.rstrip().endswith((".", ":", "؛")) and len(f"{heading} {line}".split()) <= HEADING_WORDS


class _BodyParser:
    def __init__(self, items: list[tuple[int, str]], ends, chapter_label: str | None = None):
        self.items = items
        self.ends = ends
        self.pos = 0
        self.notes: list[str] = []
        self.rank: dict[str, int] = _division_ranks(items, chapter_label)
        self.chapter_label = chapter_label
        labels = [
            m.group("label") for _, line in items if (m := _article_match(line)) and m.group("label") != chapter_label
        ]
        # The document's own article label is the one its first article heading uses.
        self.own_label = labels[0] if labels else "المادة"
        self.last_own: str | None = None
        self.last_numbered: str | None = None  # the last own article with a number (not «فصل فريد»)

    # -- driver ---------------------------------------------------------------------------------
    def parse(self) -> list[Node]:
        root = Node("root")
        stack: list[Node] = [root]
        while self.pos < len(self.items):
            number, line = self.items[self.pos]
            division = DIVISION_RE.match(line) or self._chapter_match(line)
            if division:
                node = self._division(division, number)
                kind_rank = self.rank.setdefault(_rank_key(node), len(self.rank))  # (a label only quoted)
                while len(stack) > 1 and (
                    stack[-1].kind == "hcontainer" or self.rank[_rank_key(stack[-1])] >= kind_rank
                ):
                    stack.pop()
                stack[-1].children.append(node)
                stack.append(node)
                continue
            if range_match := RANGE_RE.match(line):
                stack[-1].children.append(self._range(number, line, range_match))
                continue
            match = _article_match(line) if number not in _CONTENTS.get() else None
            if match:
                stack[-1].children.append(self._article(match, number))
                continue
            # Text outside any article (a table of contents among it): an unlabelled heading such as «مبادئ عامة», which opens a
            # division of its own until the next labelled one; the lines after it, and a line too
            # long for a heading (a royal speech, a table before the articles), are that division's
            # text, never its heading.
            self.pos += 1
            top = stack[-1]
            if top.kind == "hcontainer" and not top.children:
                if top.heading and not top.intro and _heading_goes_on(top.heading, line):
                    top.heading = f"{top.heading} {line}"
                else:
                    top.intro.append(line)
            else:
                if top.kind == "hcontainer":
                    stack.pop()
                # (a line of a table of contents is no heading either)
                short = len(line.split()) <= HEADING_WORDS and number not in _CONTENTS.get()
                node = Node("hcontainer", heading=line if short else None, line=number, intro=[] if short else [line])
                stack[-1].children.append(node)
                stack.append(node)
            if self.pos < len(self.items) and RANGE_LINE.match(self.items[self.pos][1]):
                node = stack[-1]
                node.subheading = self.items[self.pos][1]
                self.pos += 1
            what = "text" if stack[-1].intro else "unlabelled heading"
            self.notes.append(f"line {number}: {what} outside any article: {line[:60]}")
        return root.children

    def _chapter_match(self, line: str) -> re.Match | None:
        """«الفصل الأول: تعاريف» in a text whose articles are «المادة»."""
        return CHAPTER_DIVISION_RE.match(line) if self.chapter_label else None

    def _division(self, match: re.Match, number: int) -> Node:
        kind = DIVISIONS.get(match.group("label"), "chapter")
        num = f"{match.group('label')} {match.group('num').strip()}"
        notes = match.group("notes") or ""
        self.pos += 1
        title = self._division_title((match.group("title") or "").strip() or None)
        subheading = None  # an editorial range line «(الفصول 1 – 12)»
        if self.pos < len(self.items) and RANGE_LINE.match(self.items[self.pos][1]):
            subheading = self.items[self.pos][1]
            self.pos += 1
        return Node(
            kind,
            num=num + (" " + notes.strip() if notes.strip() else ""),
            heading=title,
            subheading=subheading,
            line=number,
        )

    def _division_title(self, title: str | None) -> str | None:
        """The division's title: on the next line when the heading line has none; it may run over
        up to three more lines, up to the next heading or range line."""
        if not title and self.pos < len(self.items):
            nxt = self.items[self.pos][1]
            if not _is_structure_start(nxt) and not ITEM_RE.match(nxt) and not RANGE_LINE.match(nxt):
                title = nxt
                self.pos += 1
        if not title:
            return title
        for k in range(1, 4):
            ahead = [line for _, line in self.items[self.pos : self.pos + k + 1]]
            if len(ahead) < k + 1:
                break
            *continued, after = ahead
            if any(_cannot_continue_title(line) for line in continued):
                break
            if RANGE_LINE.match(after) or _is_structure_start(after):
                self.pos += k
                return " ".join([title, *continued])
        return title

    def _range(self, number: int, line: str, match: re.Match[str]) -> Node:
        self.pos += 1
        self.last_own = match.group("b")
        node = Node("article", num=line, line=number, repealed=True)
        text = []
        while self.pos < len(self.items) and not _is_structure_start(self.items[self.pos][1]):
            text.append(self.items[self.pos][1])
            self.pos += 1
        if text:
            node.children.append(Node("paragraph", text=_join(text), line=number + 1))
        return node

    def _article(self, match: re.Match, number: int, *, quoted: bool = False) -> Node:
        label, num = match.group("label"), match.group("num").strip()
        notes = (match.group("notes") or "").strip()
        node = Node("article", num=f"{label} {num}" + (f" {notes}" if notes else ""), line=number)
        if not quoted:
            self.last_own = num
            if not re.fullmatch(UNIQUE, num):
                self.last_numbered = num
        self.pos += 1
        first = (match.group("rest") or "").strip()
        if not first and self._is_article_title():
            # a subtitle printed under the article heading («اللجنة الوطنية» in Law 103.13)
            node.heading = self.items[self.pos][1]
            self.pos += 1
        lines = self._article_lines(node, [(number, first)] if first else [], quoted=quoted)
        if quoted and match.group("quote"):
            # «الفصل 447-1. - ...»: the guillemets frame the quote; they are not text of the article
            node.guillemets = True
            if lines and lines[-1][1].endswith("»"):
                lines[-1] = (lines[-1][0], lines[-1][1][:-1].rstrip())
        node.children.extend(self._blocks(lines))
        if not quoted and REPEALED_ARTICLE.search(" ".join(line for _, line in lines)):
            node.repealed = True
        return node

    def _article_lines(self, node: Node, lines: list[tuple[int, str]], *, quoted: bool) -> list[tuple[int, str]]:
        """The article's lines up to the heading that ends it.  In the document's own article, a
        heading after a paragraph announcing a quotation starts the quoted text (a ``mod`` child);
        what came before it goes into the node's blocks first, and only the lines after are returned."""
        while self.pos < len(self.items):
            n, line = self.items[self.pos]
            division = DIVISION_RE.match(line) or RANGE_RE.match(line) or self._chapter_match(line)
            heading = _article_match(line)
            if division or heading:
                opens_quote = (
                    _announces_quote(lines) or _quoted_after_colon(heading, lines) or self._after_single(node, lines)
                )
                if quoted or self._ends_article(division, heading) or not opens_quote:
                    break
                # («يغير ... عنوان الفرع السابع:» quotes a heading: an amending text's words)
                announcing = " ".join(t for _, t in lines[-3:])
                mod = self._mod(own_divisions=not (drafting_verbs(announcing) or HEADING_WORD.search(announcing)))
                if mod is None:  # the text's own division headings, then its next article: no quotation
                    break
                node.children.extend(self._blocks(lines))
                lines = []
                node.children.append(mod)
                continue
            lines.append((n, line))
            self.pos += 1
        return lines

    def _ends_article(self, division: re.Match | None, heading: re.Match | None) -> bool:
        """The document's next own article, or the start of the text a single article approves
        («الجزء الأول» or «المادة 1» after «مادة فريدة»)."""
        if heading and (self._is_own_article(heading) or self._starts_approved_text(heading)):
            return True
        return bool(division and self._starts_approved_text(division))

    def _is_article_title(self) -> bool:
        """Is the line after an article heading a subtitle of it?  A short line of words only (no
        digit, no punctuation at all), followed by more text of the article."""
        if self.pos + 1 >= len(self.items):
            return False
        line, after = self.items[self.pos][1], self.items[self.pos + 1][1]
        return (
            len(line.split()) <= 5
            and not re.search(r"[\d.,:؛،«»()\[\]\-]", line)
            and not _is_structure_start(line)
            and not ITEM_RE.match(line)
            and not _is_structure_start(after)
            and not ITEM_RE.match(after)
        )

    def _is_own_article(self, match: re.Match) -> bool:
        """Is this heading the next article of the document itself, rather than a quoted one?"""
        if match.group("quote"):
            return False
        if match.group("label") != self.own_label:
            return False
        try:
            new = number_from_num(match.group("num"))
            old = number_from_num(self.last_own) if self.last_own else "0"
            if old == "unique":
                # after a single article, only the enclosing dahir's next article («الفصل الثاني»)
                if self.last_numbered is None:
                    return False
                return _base_number(new) == (_base_number(number_from_num(self.last_numbered)) or 0) + 1
        except Exception:
            return True
        return new != old and _follows(old, new)

    def _after_single(self, node: Node, lines: list[tuple[int, str]]) -> bool:
        """Inside a single article («فصل فريد») with text of its own, a heading that is not the
        dahir's next article is the article of another text that it quotes («فصل فريد - ينسخ ويعوض
        بالأحكام الآتية الفصل 20»).  A «فصل فريد: أحكام عامة» with a title only is a lone chapter."""
        single = self.last_own is not None and bool(re.fullmatch(UNIQUE, self.last_own))
        return single and any(n > node.line for n, _ in lines)

    def _starts_approved_text(self, match: re.Match) -> bool:
        """After a single article («مادة فريدة: يوافق على البروتوكول ...»), an article 1 starts
        the text it approves, printed after it: that text's own articles, not a quotation."""
        if self.last_own is None or not re.fullmatch(UNIQUE, self.last_own):
            return False
        try:
            return number_from_num(match.group("num")) == "1"
        except LawtoolError:
            return False

    def _mod(self, *, own_divisions: bool = False) -> Node | None:
        """The quoted articles that follow an announcing paragraph, until the next own article.
        With ``own_divisions`` (the announcing words amend nothing): None when what follows is only
        division headings and then the text's own next article («... طبقا للأحكام الآتية:» / «الباب
        الأول» / «القسم الأول» / «المادة 2»): they are the text's own divisions, left to be read as such."""
        start = self.pos
        mod = Node("mod", line=self.items[self.pos][0])
        chapters: list[tuple[int, str, list[str]]] = []  # quoted division headings and their lines
        while self.pos < len(self.items):
            n, line = self.items[self.pos]
            am = _article_match(line)
            if am and self._is_own_article(am):
                if (
                    own_divisions
                    and chapters
                    and not mod.children
                    and not mod.quoted_text
                    and not any(c[2] for c in chapters)
                ):
                    self.pos = start
                    return None
                break
            if DIVISION_RE.match(line) and not mod.children:
                # A quoted heading (a section title changed by the amending article), or the first of
                # the chapters of a quoted schedule («الباب الأول: ...», its lines, «الباب الثاني» ...)
                chapters.append((n, line, []))
                self.pos += 1
                continue
            if DIVISION_RE.match(line):
                break
            if am:
                self._quoted_headings(mod, chapters)  # a heading quoted before the articles
                chapters = []
                quoted = self._article(am, n, quoted=True)
                mod.children.append(quoted)
                continue
            # Text between quoted articles: keep it as a paragraph of the last quoted article.
            if mod.children:
                mod.children[-1].children.append(Node("paragraph", text=line, line=n))
            elif chapters:
                chapters[-1][2].append(line)
            else:
                mod.quoted_text = (mod.quoted_text + " " + line) if mod.quoted_text else line
            self.pos += 1
        if len(chapters) >= 2 and not mod.children:
            # a schedule in chapters: each a quoted division with its text
            mod.children = [self._quoted_division(n, heading, lines) for n, heading, lines in chapters]
        else:
            self._quoted_headings(mod, chapters)
        return mod

    def _quoted_headings(self, mod: Node, chapters: list[tuple[int, str, list[str]]]) -> None:
        """Quoted headings (and any line after them) kept as the mod's quoted text."""
        words = [part for _, heading, lines in chapters for part in (heading, *lines)]
        if words:
            mod.quoted_text = " ".join([mod.quoted_text, *words] if mod.quoted_text else words)

    def _quoted_division(self, n: int, heading: str, lines: list[str]) -> Node:
        """One chapter of a quoted schedule: its number and title, its lines as paragraphs."""
        match = DIVISION_RE.match(heading)
        assert match is not None  # (only division headings open a chapter)
        kind = DIVISIONS.get(match.group("label"), "chapter")
        title = (match.group("title") or "").strip() or None
        notes = (match.group("notes") or "").strip()
        num = f"{match.group('label')} {match.group('num').strip()}" + (f" {notes}" if notes else "")
        return Node(kind, num=num, heading=title, line=n, intro=_paragraphs(lines, self.ends) if lines else [])

    # -- blocks inside an article -------------------------------------------------------------------
    def _blocks(self, lines: list[tuple[int, str]]) -> list[Node]:
        """Paragraphs and their points from wrapped lines."""
        blocks: list[Node] = []
        current: list[str] = []
        start = 0
        current_kind = "paragraph"
        current_num = None

        def flush():
            nonlocal current, current_num, current_kind
            if not current:
                return
            text = _join(current)
            if current_kind == "point":
                parent = (
                    blocks[-1]
                    if blocks and blocks[-1].kind == "paragraph" and blocks[-1].children is not None
                    else None
                )
                point = Node("point", num=current_num, text=text, line=start)
                if parent is not None and (
                    parent.children or FN.sub("", parent.text or "").rstrip().endswith((":", "："))
                ):
                    parent.children.append(point)
                else:
                    holder = Node("paragraph", text=None, line=start)
                    holder.children.append(point)
                    blocks.append(holder)
            else:
                blocks.append(Node("paragraph", text=text, line=start))
            current, current_num, current_kind = [], None, "paragraph"

        for n, line in lines:
            item = ITEM_RE.match(line)
            if item:
                flush()
                current_kind = "point"
                current_num = item.group("n1") or item.group("n2") or item.group("n3")
                current = [item.group("rest")]
                start = n
                if self.ends(line):
                    flush()
                continue
            if not current:
                start = n
            current.append(line)
            if self.ends(line):
                flush()
        flush()
        return lost_tables(blocks)


# A table whose rows and columns the extraction lost: the source gives its cells one a line, short
# lines without a sentence's ending («التسمية», «المقر», «طنجة», «وجدة» ...), each read as a
# paragraph.  A run of them is kept as one table, its cells in the source's order, one a row; the
# self-check says where (``table-layout-lost``), for nothing tells which cell sat in which column.
TABLE_MIN_CELLS = 6
TABLE_CELL_CHARS = 45
TABLE_CELL_WORDS = 6
CELL_END = re.compile(r"[.:؛;!?؟،,]\s*$")
CELL_CONTENT = re.compile(r"[^\W_]")  # a letter or a digit: not a bullet («•», «‑») alone
# the signatures of a decision or a treaty: «الإمضاءات», «الإمضاء: ...», «عن حكومة ...», «وقعه بالعطف»
SIGNATURE_CELL = re.compile(r"^(?:ال)?(?:إمضاء|امضاء|إمضاءات|امضاءات)|^عن\s+(?:ال)?حكومة|^وقعه\s+بالعطف|^حرر\s+ب")
SIGNATURES_ABOVE = re.compile(r"(?:ال)?(?:إمضاءات|امضاءات|إمضاء|امضاء)\s*:?\s*$")
FUNCTION_WORDS = frozenset(
    {"على", "من", "في", "إلى", "الى", "عن", "و", "بين", "أو", "او", "ثم", "التي", "الذي"}
    | {"de", "des", "du", "la", "le", "les", "et", "of", "the", "and", "to"}  # a certification printed a word a line
)
LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
ARABIC = re.compile(r"[\u0621-\u064a]")
LIST_MARK = re.compile(r"^(?:\s|[•·▪◦‣\uf0a7\uf0b7\uf0d8]|[\-–−](?!\s*\d))")  # not «-3,5»
SINGLE_WORD_SHARE = 0.8  # cells that are one word (no number) in a sentence printed a word a line


def is_cell_text(text: str) -> bool:
    """A short line with a letter or a digit and without a sentence's ending: a table cell, when
    enough of them follow each other (``is_table``)."""
    if LIST_MARK.match(text):
        return False  # a bullet, or the space a lost bullet left: an item of a list
    text = FN.sub("", text).strip()
    return (
        0 < len(text) <= TABLE_CELL_CHARS
        and len(text.split()) <= TABLE_CELL_WORDS
        and not CELL_END.search(text)
        and bool(CELL_CONTENT.search(text))
    )


def is_table(cells: list[str], before: str | None) -> bool:
    """Do these cells (``is_cell_text``, one after the other; ``before``: the text just above them)
    make a table?  Enough of them; not a signature block («الإمضاءات» and the names under it, «عن
    حكومة ...»); not a sentence printed one word a line, often reversed («من», «انطلاقا», ...:
    single words, most of them, or a lone particle such as «على», «عن», «و»)."""
    if len(cells) < TABLE_MIN_CELLS:
        return False
    if any(SIGNATURE_CELL.match(FN.sub("", c).strip()) for c in [before or "", *cells]):
        return False
    if before and SIGNATURES_ABOVE.search(FN.sub("", before)):
        return False  # «... بالرباط في ... الإمضاءات» (the word joined to the line above it)
    if any(FN.sub("", c).strip() in FUNCTION_WORDS for c in cells):
        return False  # «على», «عن», «و» alone on a line: a sentence or a title broken a word a line
    single_words = sum(1 for c in cells if len(c.split()) == 1 and not any(ch.isdigit() for ch in c))
    if single_words >= SINGLE_WORD_SHARE * len(cells):
        return False
    # a narrow column of English or French prose (a treaty's certified copy): Latin lines of words
    latin = [c for c in cells if LATIN.search(c) and not ARABIC.search(c)]
    wordy = sum(1 for c in latin if len(c.split()) >= 3)
    return not (len(latin) >= 0.8 * len(cells) and wordy >= 0.6 * len(latin))


def _is_cell(node: Node) -> bool:
    return node.kind == "paragraph" and not node.children and bool(node.text) and is_cell_text(node.text or "")


def lost_tables(blocks: list[Node], heading: str | None = None) -> list[Node]:
    """Each run of cells that makes a table (``is_table``) becomes one ``table`` node holding them
    (``heading``: the text above the first block, a signature block's «الإمضاءات»)."""
    out: list[Node] = []
    run: list[Node] = []

    def close() -> None:
        before = (out[-1].text if out[-1].kind == "paragraph" else None) if out else heading
        if is_table([c.text or "" for c in run], before):
            out.append(Node("table", children=[Node("cell", text=c.text, line=c.line) for c in run], line=run[0].line))
        else:
            out.extend(run)
        run.clear()

    for block in blocks:
        if _is_cell(block):
            run.append(block)
        else:
            close()
            out.append(block)
    close()
    return out


def _announces_quote(lines: list[tuple[int, str]]) -> bool:
    """Does the text so far end by announcing quoted text («... على النحو التالي:»)?"""
    if not lines:
        return False
    # (called when the next line is a heading that is not the text's own next article)
    tail = " ".join(line for _, line in lines[-4:])
    last = lines[-1][1]
    return bool(ANNOUNCES_QUOTE.search(last) or re.search(r"على\s+النحو\s+(?:التالي|الآتي)|كما\s+يلي", tail))


def _quoted_after_colon(heading: re.Match | None, lines: list[tuple[int, str]]) -> bool:
    """«المادة الأولى - ...» in guillemets right after a line ending with a colon: the article of
    another text that this one quotes, even when the announcing words stand lines above."""
    return bool(heading and heading.group("quote") and lines and FN.sub("", lines[-1][1]).rstrip().endswith(":"))


def _base_number(n: str) -> int | None:
    m = re.match(r"(\d+)", n)
    return int(m.group(1)) if m else None


def _follows(old: str, new: str) -> bool:
    """Could article ``new`` come right after article ``old`` in the document's own numbering?"""
    a, b = _base_number(old), _base_number(new)
    if a is None or b is None:
        return True
    return b in (a, a + 1)
