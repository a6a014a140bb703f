"""Page furniture and footnotes in the raw lines: page numbers («-3-», «- 163 -», bare «12» lines),
footnote reference markers (lone digit lines, turned into ``[[fn:N]]`` at the end of the body line
before them) and footnote bodies (collected apart, with their continuation on the next page)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..arabic import strip_marks
from .common import EDITOR_VERB, FN_BODY, FN_CONTINUATION, JOURNAL_PAGE, LETTER, NAMES_A_TEXT, RawNote, Repair
from .notequotes import ARTICLE_HEADING, opens_quotation, quotes, reclaim_quotations

PAGE_DASH = re.compile(r"^\s*-\s*(\d{1,4})\s*-\s*$")
BARE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")
# First words of Adala's editorial notes ("تم تغيير ...", "الجريدة الرسمية ...").
GLUED_FN = re.compile(r"\s[-–]\s*(\d{1,4})\s*(?=[^\d\s.,،\-–])(.*)$")
FN_KEYWORDS = re.compile(
    r"^\s*(تم|ت م(?= )|تمت|تمم|تممت|أضيف|أضيفت|اضيف|نسخ(?!\s+من)|نسخت|ألغي|ألغيت|الغي|الغيت|غير|غيرت|عوض|عوضت|حذف|حذفت|"
    r"الجريدة|انظر|أنظر|صدر|صدرت|راجع|قارن|حلت|وقع|تنص|وردت|ورد|نفس|يقابله|يقابلها|يقصد|الصواب)"
    r"(?![\u0621-\u064a])"  # a whole word: «نسخة» (a copy) is no «نسخ» (repealed)
)
# The official journal's running head, printed at the top of every page of a finance law's issue:
# «الجريدة الرسمية», «عدد 28 - 7154 ...» (its date in reversed letters), «عدد 2986مكرر»
RUNNING_HEAD = re.compile(r"^\s*(?:الجريدة\s+الرسمية|عدد\s*\d{0,5}\s*(?:[-–]\s*\d{3,5}.{0,60}|م[كک]رر))\s*$")
RUNNING_MIN = 5  # printed this many times in a text: a page's head, not a line of the law
LOOKAHEAD = 120
LIST_LOOKBACK = 60  # body lines searched for the item before a numbered line (its article's)
QUOTING_SKIP = 10  # how many notes a quoting note may follow the last note read (their markers lost)
# A numbered item of the body: «-2 ...», or a bare «-1» whose words follow on the next line
# («.1 ...» and «1) ...» are other lists: a note «- 3» may follow item «.2» of one)
LIST_ITEM = re.compile(r"^\s*[-–]\s*(\d{1,3})(?![\d.,،\-–])")


@dataclass
class _Furniture:
    body: list[tuple[int, str]]  # (raw index, text) of body lines, markers appended
    footnotes: list[RawNote]
    repairs: list[Repair]
    page_ends: list[int]  # raw index of each page's last line (its number, or a body line ending on it)


def _head_key(line: str) -> str:
    """A running head as compared with its other printings: spaces and the Persian «ک» folded."""
    return " ".join(line.split()).replace("ک", "ك")


def _is_blank(s: str) -> bool:
    return not s.strip()


def _fn_body_at(lines: list[str], j: int, number: int) -> bool:
    """Line j starts footnote body `number` (judged without page-position state)."""
    m = FN_BODY.match(lines[j])
    if not m or int(m.group(1)) != number:
        return False
    prev_blank = j == 0 or _is_blank(lines[j - 1])
    return prev_blank or bool(FN_KEYWORDS.match(strip_marks(m.group(2))))


def _marker_wins_tie(lines: list[str], j: int, v: int) -> bool:
    """A bare number v that could be page v or footnote marker v.

    If it is the marker, the body of footnote v follows before another bare "v"
    line (which would then be the page number)."""
    for k in range(j + 1, min(len(lines), j + LOOKAHEAD)):
        m = BARE_NUMBER.match(lines[k])
        if m and int(m.group(1)) == v:
            return False
        if _fn_body_at(lines, k, v):
            return True
    return False


def _page_confirmed(lines: list[str], j: int, v: int) -> bool:
    """A bare page number is confirmed by the next page numbers further on."""
    for k in range(j + 1, min(len(lines), j + 4 * LOOKAHEAD)):
        m = BARE_NUMBER.match(lines[k]) or PAGE_DASH.match(lines[k])
        if m and v < int(m.group(1)) <= v + 3:
            return True
    return j > len(lines) - 2 * LOOKAHEAD  # the last page has no successor


# a page number printed at the end of the page's last body line: «... وسالمتهم.- 203 -»
PAGE_TAIL = re.compile(r"(?<=\S)\s*-\s*(\d{1,4})\s*-\s*$")


def _split_furniture(lines: list[str], first: int) -> _Furniture:
    furniture = _FurnitureSplitter(lines).run(first)
    reclaim_quotations(lines, furniture)
    return furniture


class _FurnitureSplitter:
    """One pass over the raw lines: each non-blank line is, in this order of tests, the journal's
    running head (``RUNNING_HEAD``, printed ``RUNNING_MIN`` times), a dashed page number, a bare number (footnote marker or page number), the start of a footnote body, the
    continuation of the footnote being read, or a body line."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.first = 0
        self.body: list[tuple[int, str]] = []
        self.footnotes: list[RawNote] = []
        self.page_ends: list[int] = []
        self.repairs: list[Repair] = []
        self.last_page = 0
        self.last_marker = 0
        self.last_body = 0
        self.markers_seen: set[int] = set()
        self.open_fn: RawNote | None = None  # the footnote being read
        self.page_body_start = 0  # index in ``body`` of the first body line of the current page
        self.pending_markers: list[tuple[int, int]] = []  # markers seen before any body line
        heads = Counter(_head_key(x) for x in lines if ("الرسمية" in x or "عدد" in x) and RUNNING_HEAD.match(x))
        self.running_heads = {x for x, n in heads.items() if n >= RUNNING_MIN}

    def run(self, first: int) -> _Furniture:
        self.first = first
        steps = (self._running_head, self._dashed_page, self._bare_number, self._footnote_start, self._footnote_goes_on)
        for j in range(first, len(self.lines)):
            line = self.lines[j]
            if _is_blank(line):
                self.open_fn = None
            elif not any(step(j, line) for step in steps):
                self._body_line(j, line)
        return _Furniture(self.body, self.footnotes, self.repairs, self.page_ends)

    # -- pages --------------------------------------------------------------------------------------

    def _take_continuation(self, at_page_end: bool = False) -> None:
        """A footnote cut by a page break goes on at the top of the next page's footnote block, just
        above the next footnote: «... من القانون الجنائي،» / (next page) «الصادر بتنفيذه ظهير شريف ...
        الجريدة الرسمية عدد 4682 ... ص 852» / « - 143 تم ...».  Those lines are not body text: they go
        back to the footnote they continue, when it ended without a final full stop on the page
        before.  A page with no footnote of its own ends with them, just above its number
        (``at_page_end``: the footnote must then come from the page before)."""
        body, page_start, footnotes = self.body, self.page_body_start, self.footnotes
        if not footnotes or not footnotes[-1].lines:
            return
        note = footnotes[-1]
        if len(self.page_ends) >= 2 and note.end <= self.page_ends[-2]:
            return  # the note ended two pages up or more: these lines are not its continuation
        if at_page_end and (
            page_start >= len(body) or note.start > body[page_start][0] or not re.search(JOURNAL_PAGE, body[-1][1])
        ):
            return  # at a page end, only a citation ending with its page («ص .4018») is taken
        last = note.lines[-1].strip()
        if re.search(r"[.؛!?]\s*$", last):
            return
        take = 0
        while take < 4 and len(body) - take - 1 >= page_start and FN_CONTINUATION.search(body[len(body) - take - 1][1]):
            take += 1
        if not take:
            return
        moved = body[len(body) - take :]
        del body[len(body) - take :]
        for idx, text in moved:
            note.add(idx, text)
            self.repairs.append(Repair("footnote-body", idx + 1, text.strip(), ""))

    def _new_page(self, number: int, j: int, printed: str) -> None:
        """Page ``number`` ends the page before: what continues a footnote goes back to it."""
        self._take_continuation(at_page_end=True)
        self.last_page = number
        self.page_body_start = len(self.body)
        self.page_ends.append(j)
        self.repairs.append(Repair("page-number", j + 1, printed, ""))

    def _running_head(self, j: int, line: str) -> bool:
        """The journal's running head at the top of a page: dropped, as a page number is."""
        if not self.running_heads or _head_key(line) not in self.running_heads:
            return False
        self.repairs.append(Repair("running-head", j + 1, line.strip(), ""))
        return True

    def _dashed_page(self, j: int, line: str) -> bool:
        m = PAGE_DASH.match(line)
        if not m:
            return False
        self._new_page(int(m.group(1)), j, line.strip())
        self.open_fn = None
        return True

    def _bare_number(self, j: int, line: str) -> bool:
        """A number alone on its line: the next footnote marker or the next page number."""
        m = BARE_NUMBER.match(line)
        if not m:
            return False
        v = int(m.group(1))
        as_marker, as_page = self._bare_number_reading(j, v)
        if as_marker:
            self.last_marker = v
            self.markers_seen.add(v)
            self._attach_marker(v, j)
            return True
        if as_page:
            self._new_page(v, j, line.strip())
            self.open_fn = None
            return True
        return False

    def _bare_number_reading(self, j: int, v: int) -> tuple[bool, bool]:
        """(a marker?, a page number?): a marker is confirmed by its footnote body further on; a lost
        (glued) marker must not stop the sequence."""
        lines, last_marker, last_page = self.lines, self.last_marker, self.last_page
        as_marker = (v == last_marker + 1 and last_marker > 0) or (
            last_marker < v <= last_marker + 3 and _marker_wins_tie(lines, j, v)
        )
        as_page = last_page < v <= last_page + 3 and _page_confirmed(lines, j, v)
        if as_marker and as_page:
            # exact successor beats a skip; else look ahead for the footnote body
            if v != last_page + 1 or _marker_wins_tie(lines, j, v):
                return True, False
            return False, True
        return as_marker, as_page

    # -- footnotes ----------------------------------------------------------------------------------

    def _attach_marker(self, v: int, j: int) -> None:
        token = f"[[fn:{v}]]"
        if self.body:
            idx, text = self.body[-1]
            self.body[-1] = (idx, text.rstrip() + " " + token)
        else:
            self.pending_markers.append((v, j))
        self.repairs.append(Repair("footnote-marker", j + 1, self.lines[j].strip(), token))

    def _find_glued_marker(self, n: int, reach: int = 8) -> bool:
        """A marker printed at the end of a recent body line (``reach`` lines up): "المذكورة.2"."""
        # after a letter other than the conjunction و ("و3" enumerates), or after a mark
        glued = re.compile(f"(?:(?<=[\u0621-\u0647\u0649-\u064a])|(?<=[{LETTER}][.،؛:])){n}\\s*$")
        body = self.body
        for k in range(len(body) - 1, max(-1, len(body) - reach), -1):
            idx, text = body[k]
            g = glued.search(text)
            if g:
                token = f"[[fn:{n}]]"
                body[k] = (idx, text[: g.start()] + " " + token)
                self.repairs.append(Repair("footnote-marker", idx + 1, str(n), token))
                self.markers_seen.add(n)
                self.last_marker = max(self.last_marker, n)
                return True
        return False

    def _after_page_number(self, j: int) -> bool:
        """Is the last non-blank line before j a dashed page number?"""
        for k in range(j - 1, self.first - 1, -1):
            if not _is_blank(self.lines[k]):
                return bool(PAGE_DASH.match(self.lines[k]))
        return False

    def _footnote_start(self, j: int, line: str) -> bool:
        """«- 12 تم تغيير …»: the body of the next footnote, when a marker refers to it and it
        starts a footnote block (or goes on one)."""
        m = FN_BODY.match(line)
        if not m or int(m.group(1)) <= self.last_body:
            return False
        n = int(m.group(1))
        # a note that quotes another text's article below it is known by that alone (its marker is
        # often glued into a body line where it cannot be told from a number)
        quoting = n <= self.last_body + QUOTING_SKIP and opens_quotation(self.lines, j, m.group(2))
        if not (quoting or n <= max(self.last_marker, self.last_body + 3)):
            return False
        prev_blank = _is_blank(self.lines[j - 1] if j > self.first else "")
        words = strip_marks(m.group(2))
        keyword = bool(FN_KEYWORDS.match(words))
        starts_block = (prev_blank and not self._after_page_number(j)) or keyword
        if not quoting and self._list_goes_on(j, n, words, keyword):
            return False
        referenced = n in self.markers_seen or n < self.last_marker  # a later marker was seen
        if not referenced:
            # a note that cites a text with its journal, in a block of its own: its marker may be
            # glued anywhere on its page («... بزجر الجنايات على صحة الامة:3»)
            cites = prev_blank and self._cites_journal(j)
            referenced = self._find_glued_marker(n, len(self.body) - self.page_body_start if cites else 8)
        # the next note of the sequence, in the words of a note, in the last lines of its page: its
        # marker was printed where the body no longer shows it (a heading's, several lines up)
        last_of_page = keyword and n == self.last_body + 1 and self._ends_page(j)
        # «- 14 ...» on the line after note 13's: the next note of the block, whatever its words
        next_in_block = (
            self.open_fn is not None
            and n == self.last_body + 1
            and bool(keyword or self._cites_journal(j) or self._opens_as_editor(self.open_fn))
        )
        if not (
            (referenced and (self.open_fn is not None or starts_block))
            or (keyword and prev_blank)
            or last_of_page
            or quoting
            or next_in_block
        ):
            return False
        self._take_continuation()
        self.last_body = n
        self._open_footnote(n, j, line)
        self.repairs.append(Repair("footnote-body", j + 1, line.strip(), ""))
        return True

    def _list_goes_on(self, j: int, n: int, words: str, keyword: bool) -> bool:
        """«-n» at line ``j`` is an item of the body's own numbered list, not a note, unless it opens
        with an editor's verb («-3 تم تغيير ...», «-1 الجريدة الرسمية ...»; but «-2 غير أنه ...»,
        «-3 يقصد ...» are a list's) or cites a text with its official journal («-3 ظهير شريف رقم ...
        الجريدة الرسمية عدد ...»): when it comes right under its article's heading; right under a
        line announcing a list («... الوثائق التالية:») without a note's words; when it is a label or
        an item ending on «:» or «؛» that names no text; or when the list is at item n-1 (also a bare
        «-1») further up in the same article."""
        if EDITOR_VERB.match(words) or self._cites_journal(j):
            return False  # «-1 الجريدة الرسمية ...» under a heading ending its page is a note
        before = self.lines[j - 1] if j > self.first else ""
        if self.body and self.body[-1][0] == j - 1:  # no blank line, page number or note between
            if ARTICLE_HEADING.match(before):
                return True
            if not keyword and before.rstrip().endswith(":"):
                return True
        if words.rstrip().endswith((":", "؛", ";")) and not NAMES_A_TEXT.search(words):
            return True  # a list's label or item («- 3 السكنى:»): a note that ends so names a text
        for _, text in reversed(self.body[-LIST_LOOKBACK:]):
            if ARTICLE_HEADING.match(text):
                break  # the list is the article's: not further up than its heading
            item = LIST_ITEM.match(text)
            if item and int(item.group(1)) == n - 1:
                return True
        return False

    @staticmethod
    def _opens_as_editor(note: RawNote) -> bool:
        """The note opens with an editor's verb («-106 تم نسخ ...»)."""
        first = FN_BODY.match(note.lines[0])
        return bool(EDITOR_VERB.match(strip_marks(first.group(2) if first else note.lines[0])))

    def _cites_journal(self, j: int) -> bool:
        """Lines ``j`` to ``j+2`` cite the official journal («الجريدة الرسمية عدد ...», «ص .3203»)."""
        return any(FN_CONTINUATION.search(self.lines[k]) for k in range(j, min(len(self.lines), j + 3)))

    def _ends_page(self, j: int) -> bool:
        """Line ``j`` is among the last two lines of its page: a dashed page number follows, blank
        lines and one more line at most between."""
        seen = 0
        for k in range(j + 1, min(len(self.lines), j + 6)):
            if PAGE_DASH.match(self.lines[k]):
                return True
            if not _is_blank(self.lines[k]):
                seen += 1
                if seen > 1:
                    return False
        return False

    def _open_footnote(self, n: int, j: int, text: str) -> None:
        self.open_fn = RawNote(n, j, [text])
        self.footnotes.append(self.open_fn)

    def _footnote_goes_on(self, j: int, line: str) -> bool:
        """A line of the footnote being read; the next footnote may start inside it: "... الذكر. -43تم تغيير".
        An article heading ends a note that does not quote: it is the body's again (a list item
        read as a note must not swallow the articles after it)."""
        if self.open_fn is None:
            return False
        if ARTICLE_HEADING.match(line) and not quotes(self.open_fn.lines, self.lines, j):
            self.open_fn = None
            return False
        g = GLUED_FN.search(line)
        if (
            g
            and line[: g.start()].strip()
            and int(g.group(1)) == self.last_body + 1
            and FN_KEYWORDS.match(strip_marks(g.group(2)))
        ):
            self.open_fn.add(j, line[: g.start()])
            self.last_body += 1
            self._open_footnote(self.last_body, j, line[g.start() :])
        else:
            self.open_fn.add(j, line)
        self.repairs.append(Repair("footnote-body", j + 1, line.strip(), ""))
        return True

    # -- body ---------------------------------------------------------------------------------------

    def _body_line(self, j: int, line: str) -> None:
        text = line
        g = GLUED_FN.search(line)
        n = int(g.group(1)) if g else 0
        if (
            g
            and line[: g.start()].strip()
            and n == self.last_body + 1
            and n in self.markers_seen
            and FN_KEYWORDS.match(g.group(2))
        ):
            # a footnote body run into the last body line: "... التوقيع؛ -94تم تغيير"
            self.last_body += 1
            self._open_footnote(self.last_body, j, line[g.start() :])
            self.repairs.append(Repair("footnote-body", j + 1, line[g.start() :].strip(), ""))
            text = line[: g.start()]
        if self.pending_markers:
            text = text.rstrip() + "".join(f" [[fn:{v}]]" for v, _ in self.pending_markers)
            self.pending_markers.clear()
        tail = PAGE_TAIL.search(text)
        if tail and int(tail.group(1)) == self.last_page + 1:
            # a page number printed at the end of the page's last line
            self.repairs.append(Repair("page-number", j + 1, tail.group(0).strip(), ""))
            self.body.append((j, text[: tail.start()]))
            self._take_continuation(at_page_end=True)
            self.last_page = int(tail.group(1))
            self.page_body_start = len(self.body)
            self.page_ends.append(j)
            return
        self.body.append((j, text))
