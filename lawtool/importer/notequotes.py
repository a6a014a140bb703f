"""Editors' notes that quote articles of another text, and the page layout that scatters them.

Adala's notes often send the reader to a decree and then quote it: «-2 أنظر المادتين 9 و11 من
المرسوم رقم 2.10.311 ...» followed by «المادة 9» / «"يجب تبديل ..."» and «المادة 11» / «"..."».
Those headings are the decree's, not the law's.  In the extracted text the quotation often runs
past its page: its end comes back at the foot of the next page, after that page's own body text,
sometimes over two or three pages.  The furniture pass reads a footnote until a blank line or a
page number, so those lines fell into the body and their headings became the law's articles.

This pass gives them back to the note.  Evidence that lines at a page's foot belong to a note that
is still open (it announced articles not yet seen, or its quotation is not closed):

* a heading of an announced article followed by a line that opens a quotation («"», «»»); or
* the width of the lines: notes are printed in a smaller type, so their full lines hold about a
  third more characters than the body's.  The two widths are measured on the text itself (the body
  lines and the notes already read); without a clear gap between them this evidence is not used.

Lines are taken a blank-separated block at a time, from the foot of the page upwards, and only
while every line of the block fits; a block of the body's own width stops the search.  A line of
a taken block that starts the next note («-3 أنظر ...») opens that note.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from ..arabic import strip_marks
from ..eids import number_from_num
from ..errors import LawtoolError
from .common import EDITOR_VERB, FN_BODY, FN_CONTINUATION, RawNote, Repair

if TYPE_CHECKING:
    from .furniture import _Furniture

# the note's opening words, then the articles it names: «أنظر المادتين 9و 11من المرسوم ...»
_SEE = re.compile(r"^\s*(?:أنظر|انظر|راجع)\s+(?:كذلك\s+|أيضا\s+)?(?P<rest>.*)$")
_NAMED = re.compile(r"^(?:ال)?(?:مادة|مادتين|مواد|فصل|فصلين|فصول)\s+(?P<which>.*)$")
_NAMED_ANY = re.compile(r"(?:ال)?(?:مادة|مادتين|مواد|فصل|فصلين|فصول)\s+(?P<which>[^.؛]{1,80})")
_RANGE = re.compile(r"^من\s*(\d+)\s*(?:إلى|الى)\s*(\d+)")
_OF = re.compile(r"(?:\s|(?<=\d))من(?:\s|$)")
_NUMBER_OR_WORD = re.compile(r"\d+(?:[.\-]\d+)*|[\u0621-\u064a]+")
# the raw text still has the reversed lam-alef of the PDF: «األولى» for «الأولى»
_REVERSED_ARTICLE = re.compile(r"^(و?)األ")


def _ordinal(word: str) -> str | None:
    """The number an ordinal word spells («الثالثة», «والثانية», the raw «األولى») by the eId rules
    (eids.py), or None for any other word."""
    word = _REVERSED_ARTICLE.sub(r"\1الأ", word)
    for candidate in (word, word[1:]) if word.startswith("و") else (word,):  # «و»: and
        try:
            number = number_from_num(f"المادة {candidate}")
        except LawtoolError:
            continue
        if number.isdigit():
            return number
    return None


# a quoted article's heading: «المادة 9», «المادة :3», «المادة الثانية:», «المادة» (number lost)
_HEADING = re.compile(r"^\s*(?:المادة|الفصل)\s*[:.]?\s*(?P<num>\d+(?:[.\-]\d+)*|[\u0621-\u064a]+)?\s*[:.]?\s*$")
# «المادة 7», «المادة :7سريان ...», «الفصل الأول.», «الفصل االول»: a heading, not a line of a note
ARTICLE_HEADING = re.compile(
    r"^\s*(?:المادة|الفصل)\s*(?::\s*\d+(?:[-.]\d+)*|[.]?\s*(?:\d+(?:[-.]\d+)*|ا?ال[\u0621-\u064a]+)\s*(?:$|[:.\-–]))"
)
_OPENS_QUOTE = re.compile(r'^\s*["«“”]')
_CLOSES = re.compile(r'["»”“]\s*[.؛;]?\s*$')

QUOTE_LOOKAHEAD = 4  # lines of a note's own reference before the heading it quotes
PAGES_AFTER = 3  # how far a quotation is followed
WIDTH_GAP = 1.15  # notes' full lines must be this much wider than the body's to tell them apart
MIN_NOTE_LINES = 6  # lines of notes needed to measure their width
WIDE_SHARE = 0.6  # share of a block's lines (but short ones) that must be of a note's width


def announced(text: str) -> list[str] | None:
    """The article numbers a «see» note names, in its order; [] when it names a text but no article
    («أنظر المرسوم رقم ...»); None when it is not a «see» note."""
    see = _SEE.match(text)
    if not see:
        return None
    named = _NAMED.match(see.group("rest"))
    return _numbers(named.group("which")) if named else []


def _numbers(which: str) -> list[str]:
    """The article numbers of «9و 11من المرسوم ...», «األولى والثانية من ...», «من 10 إلى 33»."""
    span = _RANGE.match(which)
    if span:
        first, last = int(span.group(1)), int(span.group(2))
        return [str(k) for k in range(first, last + 1)] if 0 < last - first < 200 else []
    cut = _OF.search(which)
    if not cut:
        return []
    numbers = []
    for token in _NUMBER_OR_WORD.findall(which[: cut.start()]):
        number = token if token[0].isdigit() else _ordinal(token)
        if number:
            numbers.append(number)
    return numbers


def quotes(note_lines: list[str], lines: list[str], j: int) -> bool:
    """May the note being read hold the article heading at raw line ``j``: it is a «see» note that
    names that article, it names that article of another text («تمت الإشارة في المادتين الثانية والثالثة من المرسوم ...»),
    its words so far end on «:» («... كانت تنص على ما يلي:»), or a quotation opens under the
    heading?"""
    first = FN_BODY.match(note_lines[0])
    names = announced(first.group(2) if first else note_lines[0])
    _, number = _heading_number(lines[j])
    if names and number in names:
        return True  # a «see» note's named article
    if note_lines[-1].rstrip().endswith(":"):
        return True
    if any(ARTICLE_HEADING.match(line) for line in note_lines[1:]):
        return True  # a note that took in a quoted heading keeps the next ones of its quotation
    text = " ".join(note_lines)
    if number and any(number in _numbers(m.group("which")) for m in _NAMED_ANY.finditer(text)):
        return True
    following = _next_lines(lines, j, 1)
    return bool(following and _OPENS_QUOTE.match(following[0]))


def _next_lines(lines: list[str], j: int, count: int) -> list[str]:
    """The next ``count`` non-blank raw lines after line ``j`` (fewer at the end of the text)."""
    found: list[str] = []
    for k in range(j + 1, min(len(lines), j + 3 * count + 2)):
        if lines[k].strip():
            found.append(lines[k])
            if len(found) == count:
                break
    return found


def opens_quotation(lines: list[str], j: int, words: str) -> bool:
    """Does the note whose words (after its number) start at raw line ``j`` quote an article at
    once: a «see» note, its reference (a few lines at most), then the heading of an article it
    names and a line opening a quotation?  That is enough to know a note, even when its marker
    was lost in the body."""
    names = announced(words)
    if names is None:
        return False
    following = _next_lines(lines, j, QUOTE_LOOKAHEAD + 1)
    for k, line in enumerate(following[:-1]):
        is_heading, number = _heading_number(line)
        if is_heading:
            return (not names or number in names) and bool(_OPENS_QUOTE.match(following[k + 1]))
    return False


def _heading_number(line: str) -> tuple[bool, str | None]:
    """(is a quoted-article heading?, its number if it has one)."""
    m = _HEADING.match(line)
    if not m:
        return False, None
    num = m.group("num")
    if num is None:
        return True, None
    if num[0].isdigit():
        return True, num
    number = _ordinal(num)
    return (True, number) if number else (False, None)


def _quantile(values: list[int], q: float) -> float:
    ordered = sorted(values)
    return float(ordered[int(q * (len(ordered) - 1))])


def _widths(furn: _Furniture) -> tuple[float, float] | None:
    """(the length of the body's full lines, the length above which a line is a note's: halfway
    between the full lines of the body and those of the notes already read, their upper quartiles),
    when the two are told apart."""
    body = [len(t.strip()) for _, t in furn.body if t.strip()]
    notes = [len(x.strip()) for note in furn.footnotes for x in note.lines if x.strip()]
    if len(body) < 20 or len(notes) < MIN_NOTE_LINES:
        return None
    body_width, note_width = _quantile(body, 0.75), _quantile(notes, 0.75)
    if note_width < WIDTH_GAP * body_width:
        return None
    return body_width, (body_width + note_width) / 2


class _Quotations:
    def __init__(self, lines: list[str], furn: _Furniture):
        self.lines = lines
        self.furn = furn
        widths = _widths(furn)
        self.body_width: float = widths[0] if widths else 0.0
        self.threshold: float | None = widths[1] if widths else None
        self.numbers = {note.number for note in furn.footnotes}

    def page_of(self, raw: int) -> int:
        return bisect_left(self.furn.page_ends, raw)

    def wide(self, text: str) -> bool:
        return self.threshold is not None and len(text.strip()) > self.threshold

    def run(self) -> None:
        k = 0
        while k < len(self.furn.footnotes):
            self.follow(k)
            k += 1

    # -- one note -----------------------------------------------------------------------------------

    def follow(self, k: int) -> None:
        note = self.furn.footnotes[k]
        first = FN_BODY.match(note.lines[0])
        names = announced(first.group(2) if first else note.lines[0])
        if names is None:
            return
        remaining: list[str] | None = list(names) if names else None
        quoted = False
        for line in note.lines[1:]:
            quoted = self._seen(line, remaining) or quoted
        if not self._open(note, remaining, quoted):
            return
        page = self.page_of(note.end)
        for step in range(PAGES_AFTER + 1):
            region = self._region(note, page + step, own=step == 0)
            taken = self._take(region, remaining, own=step == 0)
            if not taken and step > 0:
                return
            if self._move(k, note, taken) is not note:
                return  # the next note opened in these lines: it is followed on its own
            for _, text in taken:
                quoted = self._seen(text, remaining) or quoted
            if not self._open(note, remaining, quoted):
                return

    def _seen(self, line: str, remaining: list[str] | None) -> bool:
        is_heading, number = _heading_number(line)
        if is_heading and remaining and number in remaining:
            remaining.remove(number)
        return is_heading

    def _open(self, note: RawNote, remaining: list[str] | None, quoted: bool) -> bool:
        """Is the note still to go on: articles it names are not quoted yet, or its quotation is
        not closed."""
        if remaining:
            return True
        return quoted and not _CLOSES.search(note.lines[-1])

    def _region(self, note: RawNote, page: int, own: bool) -> list[int]:
        """Positions in the body of the lines of ``page`` that may hold the note's continuation:
        after the note on its own page; on a later page, before the page's first note."""
        starts = [n.start for n in self.furn.footnotes if self.page_of(n.start) == page and n.start > note.end]
        stop = min(starts, default=len(self.lines))
        return [
            i
            for i, (raw, _) in enumerate(self.furn.body)
            if self.page_of(raw) == page and raw < stop and (not own or raw > note.end)
        ]

    def _blocks(self, region: list[int]) -> list[list[int]]:
        """The region cut at blank lines."""
        blocks: list[list[int]] = []
        for i in region:
            raw = self.furn.body[i][0]
            if blocks:
                before = self.furn.body[blocks[-1][-1]][0]
                if all(self.lines[r].strip() for r in range(before + 1, raw)) and i == blocks[-1][-1] + 1:
                    blocks[-1].append(i)
                    continue
            blocks.append([i])
        return blocks

    def _take(self, region: list[int], remaining: list[str] | None, own: bool) -> list[tuple[int, str]]:
        """The body lines of the region that go to the note: on the note's own page, the blocks
        right after it; on a later page, the blocks at the page's foot.  A block whose quotation
        starts under a heading after lines of the body gives the lines from that heading on, and
        ends the search."""
        blocks = self._blocks(region)
        if not own:
            blocks.reverse()
        taken: list[int] = []
        for block in blocks:
            start = self._fits(block, remaining)
            if start is None:
                break
            taken.extend(block[start:])
            if start:
                break
        return [self.furn.body[i] for i in sorted(taken)]

    def _fits(self, block: list[int], remaining: list[str] | None) -> int | None:
        """Where in the block the note's lines start (0: the whole block), or None."""
        texts = [self.furn.body[i][1] for i in block]
        # a heading the note announced (or any, if it named none), its quotation opening below it
        for k, text in enumerate(texts[:-1]):
            is_heading, number = _heading_number(text)
            if (
                is_heading
                and (remaining is None or number is None or number in remaining)
                and _OPENS_QUOTE.match(texts[k + 1])
            ):
                before = texts[:k]
                # above it: the end of the quotation before, or the rest of the note's reference
                return 0 if all(self.wide(t) or _CLOSES.search(t) or FN_CONTINUATION.search(t) for t in before) else k
        return 0 if self._fits_by_width(texts, remaining) else None

    def _fits_by_width(self, texts: list[str], remaining: list[str] | None) -> bool:
        """Most lines are of a note's width (lines shorter than half the body's, the ends of
        paragraphs, say nothing), and every heading is one of the articles still to come."""
        if self.threshold is None or not remaining:
            return False
        wide = narrow = 0
        for text in texts:
            is_heading, number = _heading_number(text)
            if is_heading:
                if number is not None and number not in remaining:
                    return False
                continue
            if text[:1].isspace():
                continue  # a line after a lost bullet glyph, often items glued into one: its length says nothing
            if self.wide(text):
                wide += 1
            elif len(text.strip()) >= self.body_width / 2:
                narrow += 1
        return wide >= 2 and wide >= WIDE_SHARE * (wide + narrow)

    # -- moving lines -------------------------------------------------------------------------------

    def _move(self, k: int, note: RawNote, taken: list[tuple[int, str]]) -> RawNote:
        """Take the lines out of the body into the note (a line that starts the next note opens it);
        the note now being read is returned."""
        if not taken:
            return note
        moved = set(raw for raw, _ in taken)
        self.furn.body[:] = [entry for entry in self.furn.body if entry[0] not in moved]
        current, position = note, k
        for raw, text in taken:
            start = FN_BODY.match(text)
            number = int(start.group(1)) if start else 0
            if (
                start
                and number > current.number
                and number not in self.numbers
                and EDITOR_VERB.match(strip_marks(start.group(2)))
            ):
                current = RawNote(number, raw, [text])
                position += 1
                self.furn.footnotes.insert(position, current)
                self.numbers.add(number)
            else:
                current.add(raw, text)
            self.furn.repairs.append(Repair("footnote-body", raw + 1, text.strip(), ""))
        return current


def reclaim_quotations(lines: list[str], furn: _Furniture) -> None:
    """Give back to the notes that quote another text's articles the lines of their quotation that
    the page layout left in the body."""
    _Quotations(lines, furn).run()
