"""The importer checks itself: what it built against what the source shows.

The article headings of the source are found here again, by a reading of the repaired lines that
shares nothing with ``layout.py`` but the eId number rules: a heading is a line that starts with
the text's article label and a number, alone or followed by a separator.  Every disagreement
with the built articles becomes a finding with the line; so do a text with no article, text
that went nowhere and uncertain repairs.  Numbering gaps and duplicates are validate's rules,
run on the built document.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from ..akn import LOST_LAYOUT
from ..arabic import strip_marks
from ..eids import number_from_num
from ..errors import LawtoolError
from ..findings import Finding
from .build import UNREADABLE
from .common import FN_BODY, FN_CONTINUATION, NAMES_A_TEXT, Footnote
from .furniture import FN_KEYWORDS
from .layout import CONTENTS_RUN, CONTENTS_SHARE, Layout, Node

_NUMBER = r"\d+(?:\s*[-.]\s*\d+)*(?:\s*(?:ال)?مكرر[ةه]?(?:\s+مرتين|\s+ثلاث\s+مرات)?)?"
_WORDS = r"(?:ال)?[\u0621-\u064a]+(?:\s+(?:و)?(?:ال)?[\u0621-\u064a]+){0,2}?"
_HEADING = re.compile(
    rf"^«?\s*(?P<label>المادة|الفصل)\s*[-.]?\s*(?P<num>{_NUMBER}|{_WORDS})"
    rf"(?P<letter>\s*\(\s*[أابجده]\s*\))?"
    r"(?:\s*\[\[fn:\d+\]\])*\s*(?P<after>$|[.:\-–]\s*(?P<rest>.*)$)"
)
_COLON = re.compile(r"^(?P<label>المادة|الفصل)\s*:\s*(?P<num>\d+(?:-\d+)*)\s*[\u0621-\u064a]")
_SINGLE = re.compile(r"^(?:ال)?(?:فصل|مادة)\s+(?:ال)?فريد[ةه]?\s*[.:\-–]?")
_RANGE = re.compile(
    r"^(?:الفصول|المواد)\s*(?:من\s*)?(\d+(?:-\d+)*)\s*(?:[-–—]|إلى|الى)\s*(\d+(?:-\d+)*)\s*(?:\[\[fn:\d+\]\]\s*)*$"
)
# «... حصيلة العمل.المادة 13»: a heading run into the end of the line before it
_RUN_IN = re.compile(rf"\S[.؛:]\s*(?P<heading>(?:المادة|الفصل)\s+(?:\d+(?:-\d+)*|{_WORDS}))\s*(?:\[\[fn:\d+\]\]\s*)*$")
_NOTE = re.compile(r"\s*\[\[fn:\d+\]\]")
_DIVISION = re.compile(r"^(?:الكتاب|الجزء|القسم|الباب|الفرع)\s")  # a division heading
# («من» and «في» as words: «المادة 11: منح الحماية المعززة» is a heading)
_CITATION_AFTER = re.compile(r"^(?:(?:من|في)(?![\u0621-\u064a])|أعلاه|اعلاه|أدناه|بعده|و\s|،|\d)")
# a full stop, then the next sentence on the same line («الفصل الرابع. ولا يزال ...»)
_SENTENCE_GOES_ON = re.compile(r"^\.\s*[\u0621-\u064a]")
_FOLLOWING = re.compile(r"\s(?:التالي|التالية|الآتي|الآتية|الاتي|الاتية)\s*[:：]\s*$")
_ENDED = re.compile(r"[.:؛;!?؟»)]\s*$")  # a line that ends its sentence (or a heading's title)
_ANNOUNCES = re.compile(
    r"(?:كما\s+يلي|(?:تنسخ|تغير|تتمم)[^.]*\sبما\s+يلي|على\s+النحو\s+(?:التالي|الآتي|الاتي)|كما\s+يأتي)"
)


# «مادة 1», «مادة :2 تشجيع الزيارات»: a bare label, the heading of the articles of some treaties
_BARE = re.compile(r"^مادة\s*[:.]?\s*(\d+)(?!\d)")


def _heads_bare(lines: list[str]) -> bool:
    """The text numbers its articles «مادة N»: at least three such lines, numbered 1 and 2 among them."""
    numbers = {int(m.group(1)) for line in lines if (m := _BARE.match(line.strip()))}
    return len(numbers) >= 3 and {1, 2} <= numbers


@dataclass(frozen=True)
class Heading:
    line: int
    label: str
    number: str


def source_headings(lines: list[str], numbers: list[int]) -> list[Heading]:
    """Every line that reads as an article heading of another kind than a citation."""
    found = []
    previous = ""
    bare = _heads_bare(lines)
    for i, (n, raw) in enumerate(zip(numbers, lines, strict=False)):
        line = _NOTE.sub("", raw).strip()
        if bare and _BARE.match(line):
            line = "ال" + line  # read «مادة 3» as the «المادة 3» it stands for
        before, previous = previous, line
        run_in = _RUN_IN.search(line)
        if run_in and _number_of(run_in.group("heading").split(None, 1)[1]) is not None:
            line = run_in.group("heading")  # (words that are no number: «المادة 48: الفصل في طلبات التسليم»)
        if _SINGLE.match(line):
            found.append(Heading(n, "single", "unique"))
            continue
        rng = _RANGE.match(line)
        if rng:
            found.append(Heading(n, "range", _range_number(line)))
            continue
        colon = _COLON.match(line)
        if colon:
            found.append(Heading(n, colon.group("label"), colon.group("num")))
            continue
        match = _HEADING.match(line)
        if (
            match
            and match.group("after") == "."
            and match.group("num")[:1].isdigit()
            and (
                (
                    before
                    and not _ENDED.search(before)
                    and not _DIVISION.match(before)
                    and not _next_after(found, match.group("num"))
                )
                or _CITING.search(before)
                or _next_heading_number(lines, i) == _base(match.group("num"))
            )
        ):
            continue  # a sentence ending on a citation: «... في / الفصل 9.», «... من / المادة .12» before «المادة 12»
        if match and not match.group("num")[:1].isdigit() and re.fullmatch(r"\d{1,2}", match.group("rest") or ""):
            pass  # «الفصل الثالث.4»: an ordinal heading and a footnote marker
        elif match and _SENTENCE_GOES_ON.match(match.group("after")) and not match.group("num")[:1].isdigit():
            continue  # «... تسارع في / الفصل الرابع. ويعزى ...»: a quarter ending a sentence, not a heading
        elif match and _SENTENCE_GOES_ON.match(match.group("after")) and before and not _ENDED.search(before):
            continue  # «... وفقا للفقرة 6 من / المادة 16. ويتعهد ...»: a citation wrapped onto the line
        elif not match or (
            match.group("rest")
            and _CITATION_AFTER.match(match.group("rest"))
            and not re.match(r"\s*:\s*(?:في\s|\d{1,2}$)", match.group("after"))
        ):
            continue
        number = _number_of(match.group("num") + (match.group("letter") or ""))
        if number is None:
            continue  # «الفصل المذكور» and other words that are no number
        found.append(Heading(n, match.group("label"), number))
    return found


# a heading alone on its line, as a table of contents lists it («المادة:3», «المادة الأولى:»)
_BARE_HEADING = re.compile(rf"^«?\s*(?:ال)?(?:مادة|فصل)\s*[-.:]?\s*(?P<num>\d+(?:-\d+)*|{_WORDS})\s*[.:]?\s*$")


def without_contents(headings: list[Heading], lines: list[str], numbers: list[int]) -> list[Heading]:
    """The headings less those of a table of contents: three lines in a row at least, each a heading
    alone, four in five of whose numbers are headed again further on (where their articles are)."""
    filled = [(n, line.strip()) for n, line in zip(numbers, lines, strict=False) if line.strip()]
    bare = [
        (k, n, _number_of(m.group("num"))) for k, (n, line) in enumerate(filled) if (m := _BARE_HEADING.match(line))
    ]
    contents: set[int] = set()
    run: list[tuple[int, int, str | None]] = []
    for item in [*bare, (-2, 0, None)]:
        if run and item[0] == run[-1][0] + 1:
            run.append(item)
            continue
        if len(run) >= CONTENTS_RUN:
            later = {h.number for h in headings if h.line > run[-1][1]}
            if sum(number in later for _, _, number in run) >= CONTENTS_SHARE * len(run):
                contents.update(n for _, n, _ in run)
        run = [item]
    return [h for h in headings if h.line not in contents]


def _range_number(line: str) -> str:
    try:
        return number_from_num(line)
    except LawtoolError:
        return line


_SIGNED = re.compile(r"^\s*و?\s*حرر\s+ب")


def own_headings(headings: list[Heading], lines: list[str], numbers: list[int]) -> list[Heading]:
    """The headings of the text's own articles, part by part: a signature («وحرر ب...») ends a
    part (a dahir, then the law it promulgates or the text annexed to it), and each part has its
    own label and numbering."""
    signatures = [n for n, line in zip(numbers, lines, strict=False) if _SIGNED.match(line)]
    bounds = [0] + signatures + [10**9]
    own: list[Heading] = []
    for start, end in pairwise(bounds):
        part = [h for h in headings if start <= h.line < end]
        own += _own_in_part(part, lines, numbers)
    return own


def _own_in_part(headings: list[Heading], lines: list[str], numbers: list[int]) -> list[Heading]:
    """One part's own headings: not chapter headings («الفصل الأول» above «المادة 1»), not the
    articles of another law that an amending article quotes."""
    labels = [h.label for h in headings if h.label in ("المادة", "الفصل")]
    chapters = _chapter_label(labels)
    # the text's own label is that of its first heading (quoted articles come later)
    article_label = "المادة" if chapters else (labels[0] if labels else None)
    announcing = sorted({n for n, line in zip(numbers, lines, strict=False) if _ANNOUNCES.search(line.strip())})
    # lines right after a line ending with a colon («... بالفصل 2-1 التالي:»)
    after_colon = {
        number
        for (_, before), (number, _) in pairwise(zip(numbers, lines, strict=False))
        if before.rstrip().endswith(":")
    }
    after_following = {
        number for (_, before), (number, _) in pairwise(zip(numbers, lines, strict=False)) if _FOLLOWING.search(before)
    }
    own: list[Heading] = []
    quoting = False
    last_announce = -1
    for h in headings:
        if h.label == chapters:
            continue
        if (
            h.line in after_following
            and "-" in h.number
            and own
            and not _next_of(own[-1].number, h.number, strict=True)
        ):
            continue  # «... بالمادة / 17 المكررة التالية:» then «المادة 17 المكررة - ...»: an inserted article
        # an announcing line since the last own heading opens a quotation
        while announcing and announcing[0] < h.line:
            last_announce = announcing.pop(0)
        if own and last_announce > own[-1].line:
            quoting = True
        if (_may_be_own(h, article_label) and _goes_on_own(own, h, quoting)) or (
            not quoting and h.line not in after_colon and _misprinted_label(own, h)
        ):
            own.append(h)
            quoting = False
    return own


def _may_be_own(h: Heading, article_label: str | None) -> bool:
    """A single article, a range of repealed articles, or a heading with the text's own label."""
    return h.label in ("single", "range") or h.label == article_label or article_label is None


def _misprinted_label(own: list[Heading], h: Heading) -> bool:
    """«المادة 9» between «الفصل 8» and «الفصل 10», «المادة 13 مكرر» after «الفصل 13»: the other
    label on the very next number of the text's own articles is a misprint of its own label."""
    if not own or h.label not in ("المادة", "الفصل") or h.label == own[-1].label:
        return False
    a, b = _base(own[-1].number), _base(h.number)
    if a is None or b is None:
        return False
    return b == a + 1 or (b == a and h.number != own[-1].number and h.number.startswith(own[-1].number))


def _goes_on_own(own: list[Heading], h: Heading, quoting: bool) -> bool:
    """Outside a quotation every such heading is the text's own; inside one, only the next number
    of the own articles, or article 1 of the text a single article approves."""
    if not quoting or not own:
        return True
    approved = own[-1].number == "unique" and h.number == "1"
    return approved or _next_of(own[-1].number, h.number) or _resumes_after_single(own, h)


def _resumes_after_single(own: list[Heading], h: Heading) -> bool:
    """After the single article of a law inside its dahir («الفصل الأول» … «فصل فريد» quoting an
    amended article), the dahir's next article («الفصل الثاني») goes on with the dahir's numbers."""
    numbered = [n for o in own if (n := _base(o.number)) is not None]
    b = _base(h.number)
    return own[-1].number == "unique" and bool(numbered) and b is not None and b == numbered[-1] + 1


def _chapter_label(labels: list[str]) -> str | None:
    if "المادة" not in labels or labels.count("الفصل") < 2:
        return None
    after = [labels[i + 1] == "المادة" for i, label in enumerate(labels[:-1]) if label == "الفصل"]
    return "الفصل" if after and sum(after) >= 0.8 * len(after) else None


# the end of a line going on with a citation: «... المنصوص عليها في», «... بموجب الفقرة 3 من»
_CITING = re.compile(
    r"(?:^|\s)(?:من|في|فى|بموجب|بمقتضى|عليها|عليه|إليها|إليه|اليها|اليه|لأحكام|لاحكام|وفق|وفقا|حسب)\s*$"
)


def _number_of(words: str) -> str | None:
    """The eId number of a heading's number as written, when it is one («12», «الثالثة»)."""
    try:
        number = number_from_num(words)
    except LawtoolError:
        return None
    return number if re.match(r"^(?:\d|unique)", number) else None


def _next_heading_number(lines: list[str], i: int) -> int | None:
    """The number of the next line after ``i`` that opens with an article label and a number."""
    for raw in lines[i + 1 : i + 80]:
        m = re.match(r"^«?\s*(?:ال)?(?:مادة|فصل)\s*[-.:]?\s*(\d+)", _NOTE.sub("", raw).strip())
        if m:
            return int(m.group(1))
    return None


def _next_after(found: list[Heading], num: str) -> bool:
    """The number of a heading is the one after the last heading found («الفصل 17.» after «الفصل 16»)."""
    last = _base(found[-1].number) if found else None
    return last is not None and _base(num) == last + 1


def _base(number: str) -> int | None:
    match = re.match(r"(\d+)", number)
    return int(match.group(1)) if match else None


def _next_of(previous: str, number: str, *, strict: bool = False) -> bool:
    a, b = _base(previous), _base(number)
    return a is not None and b is not None and a <= b <= a + (1 if strict else 3)  # a small gap is the text's own


# -- built articles ------------------------------------------------------------------------------------


def built_articles(layout: Layout) -> list[tuple[int, str]]:
    """(source line, eId number) of every article the layout made, quoted ones excepted."""
    out: list[tuple[int, str]] = []

    def visit(nodes: list[Node]) -> None:
        for node in nodes:
            if node.kind == "mod":
                continue
            if node.kind == "article":
                try:
                    out.append((node.line, number_from_num(re.sub(r"\[\[fn:\d+\]\]", "", node.num or ""))))
                except LawtoolError:
                    out.append((node.line, "?"))
            visit(node.children)

    visit(layout.promulgation)
    visit(layout.body)
    for annex in layout.attachments:
        out.extend(built_articles(annex))
    return sorted(out, key=lambda item: item[0])  # file order: a dahir's articles may follow the law


def check_layout(layout: Layout, lines: list[str], numbers: list[int], *, source: str) -> list[Finding]:
    """The article headings seen in the source against the articles built."""
    seen = own_headings(without_contents(source_headings(lines, numbers), lines, numbers), lines, numbers)
    built = built_articles(layout)
    if not built:
        if seen:
            return [
                Finding(
                    "no-article",
                    "error",
                    None,
                    f"the source shows {len(seen)} article headings (first at line {seen[0].line}) "
                    "but no article was built",
                    seen[0].line,
                    file=source,
                    message_ar="يتضمن المصدر عناوين مواد لم تُستخرج",
                    hint="report the text: its layout is one lawtool does not read yet",
                )
            ]
        return [
            Finding(
                "no-article",
                "warning",
                None,
                "the text has no article heading: its text is kept as unnumbered paragraphs of the body",
                file=source,
                message_ar="لا يتضمن النص عناوين مواد: حُفظ نصه فقرات غير مرقمة",
            )
        ]
    return _compare(seen, built, source)


def _compare(seen: list[Heading], built: list[tuple[int, str]], source: str) -> list[Finding]:
    a = [h.number for h in seen]
    b = [number for _, number in built]
    if a == b:
        return []
    findings = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            line = seen[i1].line
            what = (
                f"heading{'s' if i2 - i1 > 1 else ''} {', '.join(a[i1:i2][:5])}{' …' if i2 - i1 > 5 else ''} "
                f"in the source"
            )
        else:
            line = built[j1][0]
            what = "no heading in the source"
        made = (
            f"built article{'s' if j2 - j1 > 1 else ''} {', '.join(b[j1:j2][:5])}{' …' if j2 - j1 > 5 else ''}"
            if j2 > j1
            else "no article built"
        )
        findings.append(
            Finding(
                "article-count",
                "warning",
                None,
                f"{what}, {made}",
                line,
                file=source,
                message_ar="عدد المواد المستخرجة يخالف عناوين المصدر",
            )
        )
    summary = Finding(
        "article-count",
        "warning",
        None,
        f"the source shows {len(a)} article headings, the import built {len(b)} articles",
        file=source,
        message_ar=f"عناوين المواد في المصدر {len(a)} والمواد المستخرجة {len(b)}",
    )
    return [summary] + findings[:20]


def check_tables(document, lines: list[str], numbers: list[int], *, source: str) -> list[Finding]:
    """Each table whose rows and columns the source lost (``class="lt-layout-lost"``, made by
    layout.py and build.py): where it is (the element holding it; the source lines, found again as
    the run of its cells among the repaired lines) and that its cells are kept one a row, in the
    source's order."""
    findings: list[Finding] = []
    tables = [t for t in document.main.iter("{*}table") if t.get("class") == LOST_LAYOUT]
    if not tables:
        return findings
    texts = [" ".join(_NOTE.sub("", line).split()) for line in lines]
    after = 0  # the tables come in the source's order: each is looked for after the one before
    for table in tables:
        cells = [" ".join("".join(td.itertext()).split()) for td in table.iter("{*}td")]
        run = _run_at(texts, cells, after)
        first = run[0] if run else None
        if run:
            after = run[1] + 1
        where = "a table"
        if run:
            where = f"lines {numbers[run[0]]}–{numbers[run[1]]}" if run[1] > run[0] else f"from line {numbers[run[0]]}"
        holder = _holder(table)
        findings.append(
            Finding(
                "table-layout-lost",
                "warning",
                holder,
                f"{where}: {len(cells)} short lines read as the cells of a table whose rows and columns the "
                f"source text lost (from «{cells[0][:30]}»); kept one cell a row, in the source's order",
                numbers[first] if first is not None else None,
                file=source,
                message_ar="جدول فقد النص المصدر صفوفه وأعمدته: حُفظت خلاياه بترتيب المصدر، خلية في كل صف",
                hint="read the table in the official PDF",
            )
        )
    return findings


def _run_at(texts: list[str], cells: list[str], after: int = 0) -> tuple[int, int] | None:
    """The first and last indices of the lines of ``texts`` that hold ``cells`` (a cell may be two
    lines the layout joined): where its first two cells start two lines, up to the line its last
    cell ends with."""
    for i in range(after, len(texts)):
        if texts[i] == cells[0] and (len(cells) < 2 or texts[i + 1 : i + 2] and cells[1].startswith(texts[i + 1])):
            for j in range(i + len(cells) - 1, min(len(texts), i + 3 * len(cells))):
                if texts[j] and cells[-1].endswith(texts[j]):
                    return i, j
            return i, i
    return None


def _holder(el) -> str | None:
    """The eId of the nearest element around ``el`` that has one."""
    return next((a.get("eId") for a in el.iterancestors() if a.get("eId")), None)


def check_unreadable(document, lines: list[str], numbers: list[int], *, source: str) -> list[Finding]:
    """Each word the extraction left unreadable, marked in the text (build.py ``mark_unreadable``):
    where it is, and that it is kept as printed."""
    findings = []
    cursor = 0  # the words come in the source's order: each is looked for from the one before
    used: Counter[tuple[int, str]] = Counter()  # the occurrences of a word on a line already named
    for el in document.main.iter("{*}inline"):
        if el.get("name") != UNREADABLE:
            continue
        word = el.text or ""
        holder = _holder(el)
        whole = re.compile(
            f"(?<![\u0621-\u064a\u064b-\u065f\u0670\u0640]){re.escape(word)}(?![\u0621-\u064a\u064b-\u065f\u0670\u0640])"
        )
        line = None  # a note's word: its note (the holder) says where; notes are not among ``lines``
        if not any(a.tag.endswith("}note") for a in el.iterancestors()):
            at = next((k for k in range(cursor, len(lines)) if len(whole.findall(lines[k])) > used[k, word]), None)
            if at is not None:
                used[at, word] += 1
                cursor, line = at, numbers[at]
        findings.append(
            Finding(
                "unreadable-word",
                "warning",
                holder,
                f"«{word}»: a word no Arabic spells, as the extraction's damage left it (two text layers "
                "interleaved, a reversed ligature no rule reads); kept as printed and marked in the text",
                line,
                file=source,
                message_ar="كلمة تعذرت قراءتها في النص المصدر: حُفظت كما طُبعت ومُيّزت في النص",
                hint="read the word in the official PDF and record a correction",
            )
        )
    return findings


# What an editor's note speaks of besides the texts it names (NAMES_A_TEXT): an amendment, the
# journal («للجريدة الرسمية»), a text «aforementioned», a consolidated or original version, a
# provision no longer in force
_NOTE_WORDS = re.compile(
    r"الرسمية|السالف|السالق|بمقتضى|بمقتضط|بموجب|مقتضيات|نص موحد|النسخة|يراجع|تراجع|تغيير|تتميم|تعديل|نسخ|إلغاء|الغاء"
)


def check_notes(footnotes: list[Footnote], *, source: str) -> list[Finding]:
    """Each footnote that says nothing an editor's note says (no amendment, no journal, no text
    named): a line of the law read as a note would go there silently, since the article
    headings are counted in the body only."""
    findings = []
    for note in footnotes:
        text = strip_marks(note.text)
        first = FN_BODY.match(text)
        words = first.group(2) if first else text
        if FN_KEYWORDS.match(words) or FN_CONTINUATION.search(text) or NAMES_A_TEXT.search(text):
            continue
        if _NOTE_WORDS.search(text):
            continue
        shown = text if len(text) <= 60 else text[:60] + " …"
        findings.append(
            Finding(
                "note-uncertain",
                "warning",
                f"note_{note.number}",
                f"footnote {note.number} «{shown}» names no text, amendment or journal: it may be the "
                "law's own text read as a note",
                note.line,
                file=source,
                message_ar="حاشية لا تذكر نصا ولا تعديلا ولا جريدة رسمية: قد تكون من نص القانون نفسه",
                hint="read the source page: if the line is the law's, record a correction (--corrections)",
            )
        )
    return findings


def check_stray_heh(shows: bool, stray_repairs: int, context_repairs: int, *, source: str) -> list[Finding]:
    """One line for a text printed with an «ه» for a space (strayheh.py): what was read, and that a
    word a reading could not decide («فيه» or «في»?) may still carry it."""
    if not shows:
        return []
    return [
        Finding(
            "stray-heh-damage",
            "warning",
            None,
            f"the source prints an «ه» for a space: {stray_repairs} runs read, {context_repairs} words decided in "
            "context; a word real with or without its «ه» that neither could decide is left as printed",
            file=source,
            message_ar="المصدر يطبع «ه» مكان الفراغ: قُرئ أغلبه، وقد تبقى كلمات تحمل «ه» زائدة",
            hint="read the text against the official PDF",
        )
    ]


WORD = re.compile(r"[^\W_]+")  # letters and digits: a list's «-» and «أ)» count as its «أ»


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def check_text_kept(lines: list[str], output_words: int, *, source: str) -> list[Finding]:
    """Text that went nowhere: fewer words (``count_words``) in the document than in the repaired
    source."""
    source_words = sum(count_words(re.sub(r"\[\[fn:\d+\]\]", " ", line)) for line in lines)
    if source_words and output_words < 0.97 * source_words:
        return [
            Finding(
                "text-lost",
                "warning",
                None,
                f"the document holds {output_words} words of the source's {source_words}",
                file=source,
                message_ar="بعض نص المصدر لم يُحفظ في الوثيقة",
            )
        ]
    return []
