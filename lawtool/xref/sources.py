"""The texts citations are read from, with the context each citation needs.

Two kinds of input:

- an Akoma Ntoso document: every ``p`` (and ``li``) is a *block*, read with the text of its inline
  elements but without the quoted structures inside it (each quoted paragraph is a block of its
  own, whose internal citations belong to the quoted law) and without the contents of ``num``
  and ``heading``.  Adala's editorial footnotes (``meta/notes/note``) are blocks too, read in the
  context of the place that refers to them (``noteRef``).  Text already inside a ``ref`` is read
  (so a marked document gives the same citations) and remembered as *marked*.
- a raw text (Adala's extractions): one block per article, cut at heading lines («الفصل 12»,
  «المادة الأولى», a heading run into the previous line); after an amending sentence («تغير وتتمم
  على النحو التالي أحكام الفصول ... من مجموعة القانون الجنائي ...:») the articles that follow are
  the amended law's, until the document's own next article heading.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from lxml import etree

from ..akn import Document, local_name, text_of
from ..eids import article_eid
from ..works import work_by_number
from .identity import own_numbers as heading_numbers
from .names import fold_number
from .names import table as names_table
from .patterns import Mention, scan
from .resolve import CODE_NAMES, LABELLED, ArticleIndex, Citation, Resolver, Scope, WorkArticles, document_articles

SKIP_CONTENT = {
    "quotedStructure",
    "embeddedStructure",
    "subFlow",
    "authorialNote",
    "num",
    "heading",
    "subheading",
    "noteRef",
    "eol",
    "eop",
    "img",
    "marker",
    "popup",
    "documentRef",
    "componentRef",
}
MARKED = {"ref", "mref", "rref", "a"}
BLOCKS = {"p", "li"}


# -- Akoma Ntoso ----------------------------------------------------------------------------------------


@dataclass
class Block:
    """One paragraph of text: its element, its text, where each piece of the text lives (for
    marking) and what of it is already inside a reference."""

    element: etree._Element
    text: str
    segments: list[tuple[etree._Element, str, int, int]] = field(default_factory=list)  # node, text|tail
    marked: list[tuple[int, int]] = field(default_factory=list)
    eid: str | None = None


def block_of(element: etree._Element) -> Block:
    parts: list[str] = []
    block = Block(element, "")
    pos = 0

    def add(node, attr, value, inside_ref):
        nonlocal pos
        if value:
            block.segments.append((node, attr, pos, pos + len(value)))
            if inside_ref:
                block.marked.append((pos, pos + len(value)))
            parts.append(value)
            pos += len(value)

    def visit(node, inside_ref):
        add(node, "text", node.text, inside_ref)
        for child in node:
            name = local_name(child)
            if name and name not in SKIP_CONTENT and not (name in BLOCKS and child is not element):
                visit(child, inside_ref or name in MARKED)
            add(child, "tail", child.tail, inside_ref)

    visit(element, False)
    block.text = "".join(parts)
    holder = element
    while holder is not None and not holder.get("eId"):
        holder = holder.getparent()
    block.eid = holder.get("eId") if holder is not None else None
    return block


def _in_meta(el) -> bool:
    return any(local_name(a) == "meta" for a in el.iterancestors())


def _nearest(el, name):
    for a in el.iterancestors():
        if local_name(a) == name:
            return a
    return None


def _inline(el) -> bool:
    """Whether a p/li sits inside another block's text (not behind a quotation or a note)."""
    for a in el.iterancestors():
        name = local_name(a)
        if name in SKIP_CONTENT:
            return False
        if name in BLOCKS:
            return True
    return False


def eid_at(block: Block, offset: int) -> str | None:
    """The eId of the innermost element with one around ``offset`` of a block's text."""
    for node, attr, start, end in block.segments:
        if start <= offset < end:
            holder = node if attr == "text" else node.getparent()
            while holder is not None and not holder.get("eId"):
                holder = holder.getparent()
            return holder.get("eId") if holder is not None else block.eid
    return block.eid


def _article_number(article) -> str | None:
    if article is None:
        return None
    num = article.find("{*}num")
    if num is not None:
        label = text_of(num)
        _, mentions = scan(label if LABELLED.match(label) else "الفصل " + label)
        for m in mentions:
            if m.kind == "article" and m.items:
                return m.items[0].first.value
    eid = article.get("eId") or ""
    return eid.rsplit("art_", 1)[-1] if "art_" in eid else None


class DocumentReader:
    """Reads an AKN document's blocks in order and resolves their citations."""

    def __init__(self, document: Document, corpus: ArticleIndex | None = None):
        self.document = document
        self.corpus = corpus
        work = document.frbr_work
        self.uri = work.work_uri() if work else None
        self.date = document.expression_date or document.work_date
        self.articles = document_articles(document, self.uri or "")
        heading = " ".join(text_of(p) for p in document.xpath("./a:preface//a:p | ./a:preamble//a:p", document.main))
        self.resolver = Resolver(
            Scope(
                self.uri,
                internal=True,
                articles=self.articles,
                numbers=_own_keys(self.uri, heading_numbers(heading) if heading else []),
            ),
            self.date,
            corpus,
        )
        self.resolver.made = document.work_date
        self._quoted: dict = {}
        self._mods = self._active_modifications()

    def _active_modifications(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for mod in self.document.xpath("./a:meta/a:analysis/a:activeModifications/a:textualMod", self.document.main):
            source, dest = mod.find("{*}source"), mod.find("{*}destination")
            if source is None or dest is None:
                continue
            href = dest.get("href") or ""
            if href.startswith("/akn/"):
                out.setdefault((source.get("href") or "").lstrip("#"), href.split("/~", 1)[0])
        return out

    def quoted_scope(self, qstr) -> Scope:
        """The law a quoted structure quotes: from the active modifications, else from the
        sentence that announces it."""
        key = qstr  # the element itself: the dict keeps its proxy alive (an id() could be reused)
        if key in self._quoted:
            return self._quoted[key]
        scope = None
        mod = _nearest(qstr, "mod")
        uri = None
        if mod is not None and mod.get("eId") in self._mods:
            uri = self._mods[mod.get("eId")]
        holder = mod if mod is not None else qstr.getparent()
        if uri is None and holder is not None:
            block = block_of(holder)
            _, mentions = scan(block.text)
            resolver = Resolver(Scope(self.uri, internal=True, articles=self.articles), self.date, self.corpus)
            for citation in reversed(resolver.resolve(block.text, mentions, resolver.own)):
                if not citation.internal:
                    uri = citation.work
                    if uri is None:
                        scope = Scope(None, law=citation.cited_law)
                    break
        if scope is None:
            if uri is not None and uri == self.uri:
                scope = Scope(self.uri, internal=True, articles=self.articles)
            elif uri is not None:
                info = self.corpus.get(uri, self.date) if self.corpus is not None else None
                scope = Scope(uri, articles=info)
            else:
                scope = Scope(None, law={"kind": "law"})
        self._quoted[key] = scope
        return scope

    def scope_of(self, el) -> Scope:
        qstr = _nearest(el, "quotedStructure")
        if qstr is None:
            return self.resolver.own
        return self.quoted_scope(qstr)

    def blocks(self):
        """(block, scope, current article number, group) for every block, body first, then notes."""
        refs: dict[str, etree._Element] = {}
        numbers: dict = {}  # article element → its number, read once
        for el in self.document.main.iter():
            if not isinstance(el.tag, str):
                continue
            name = local_name(el)
            if name == "noteRef" and el.get("href", "").startswith("#"):
                refs.setdefault(el.get("href")[1:], el)
            if name not in BLOCKS or _in_meta(el) or _inline(el):
                continue
            article = _nearest(el, "article")
            if article not in numbers:
                numbers[article] = _article_number(article)
            yield block_of(el), self.scope_of(el), numbers[article], article
        for note in self.document.xpath("./a:meta/a:notes/a:note", self.document.main):
            ref = refs.get(note.get("eId") or "")
            context = ref if ref is not None else note
            article = _nearest(context, "article") if ref is not None else None
            scope = self.scope_of(context) if ref is not None else self.resolver.own
            for el in note.iter():
                if isinstance(el.tag, str) and local_name(el) in BLOCKS and not _inline(el):
                    yield block_of(el), scope, _article_number(article), note

    def read(self):
        """(block, citations) for every block with at least one citation, in reading order."""
        group = object()
        for block, scope, current, holder in self.blocks():
            if holder is not group:
                group = holder
                self.resolver.begin_article()
            if not block.text.strip():
                continue
            _, mentions = scan(block.text)
            if not mentions:
                continue
            citations = self.resolver.resolve(block.text, mentions, scope, current=current, eid=block.eid)
            for c in citations:
                c.eid = eid_at(block, c.start)
            if citations:
                yield block, citations


def extract_document(document: Document, corpus: ArticleIndex | None = None) -> list[Citation]:
    out = []
    for block, citations in DocumentReader(document, corpus).read():
        for c in citations:
            c.marked = any(a < c.end and c.start < b for a, b in block.marked)
            out.append(c)
    return out


# -- raw text ---------------------------------------------------------------------------------------------

# تغير يغير تتمم يتمم تنسخ ينسخ تعوض يعوض تلغى يلغى تضاف يضاف تحذف يحذف
_AMEND_STEM = r"(?:غير|تمم|نسخ|عوض|لغ[ىي]|ضاف|حذف)"
_AMEND_VERBS = re.compile(r"[تي](?=" + _AMEND_STEM + ")")  # every place a verb starts (found once per text)
_AMEND = re.compile(
    r"[تي]" + _AMEND_STEM + r"(?:(?!\n\s*\n)[^.؛]|(?<=\d)\.(?=\d)){0,400}?"
    r"(?:على\s+النحو\s+(?:التالي|الآتي|اآلتي)|كما\s+يلي|بما\s+يلي|بالمقتضيات\s+(?:التالية|اآلتية|الآتية)|كالتالي|"
    r"(?:التالي|التالية|اآلتي|الآتي)\s*:)"
)
_DANGLING = {
    "في",
    "من",
    "الى",
    "إلى",
    "على",
    "عن",
    "أحكام",
    "احكام",
    "مقتضيات",
    "لمقتضيات",
    "ألحكام",
    "لأحكام",
    "بمقتضى",
    "طبقا",
    "وفقا",
    "وفق",
    "تطبيقا",
    "حسب",
    "عليها",
    "عليه",
    "عليهما",
    "عليهم",
    "إليها",
    "إليه",
    "اليها",
    "اليه",
    "بها",
    "به",
    "ضمن",
    "مع",
    "أو",
    "او",
    "و",
    "بموجب",
    "ومنها",
    "وكذا",
    "كذا",
    "أن",
    "ان",
    "بأحكام",
    "باحكام",
    "بمقتضيات",
    "للفصل",
    "للمادة",
    "والسيما",
    "سيما",
}
_PAGE = re.compile(r"^\s*(?:-\s*\d+\s*-|\d{1,3})\s*$")


def identify(text: str) -> tuple[str | None, str | None]:
    """The work URI and date of a raw text, from its head (:func:`identify_numbers`)."""
    uri, date, _ = identify_numbers(text)
    return uri, date


def identify_numbers(text: str) -> tuple[str | None, str | None, list[str]]:
    """(work URI, date, own numbers) of a raw text: the numbers its title and heading give it
    (:func:`lawtool.xref.identity.own_numbers`), looked up in lawtool's registry and the names
    table; else a code's name as the title line («مجموعة القانون الجنائي»)."""
    numbers = heading_numbers(text)
    for number in numbers:
        work = work_by_number(number)
        if work is not None:
            return work.uri, work.since, numbers
        named, _ = names_table().by_number(number)
        if named is not None and named.uri:
            return named.uri, f"{named.year}-12-31" if named.year else None, numbers
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    _, title = scan(first)
    phrase = title[0].work if title and title[0].kind in ("work", "law") else None
    if (
        len(first) < 60
        and phrase is not None
        and phrase.kind == "name"
        and phrase.name
        and title[0].start <= 1
        and title[0].end >= len(first) - 1
    ):
        if phrase.name in CODE_NAMES:
            work = CODE_NAMES[phrase.name]
            return work.uri, work.since, numbers
        named = names_table().by_name(phrase.name, None)
        if named is not None and named.uri:
            return named.uri, f"{named.year}-12-31" if named.year else None, numbers
    return None, _year_of(numbers), numbers


def _year_of(numbers: list[str]) -> str | None:
    """A date from a dahir or decree number («1.07.134» → 2007), when nothing else tells it."""
    for n in numbers:
        parts = fold_number(n)
        if len(parts) == 3 and parts[0] in (1, 2):
            year = parts[1] + (2000 if parts[1] < 40 else 1900)
            return f"{year}-12-31"
    return None


@dataclass
class _Reading:
    """Where :meth:`TextReader.read` stands in a raw text."""

    scope: Scope  # whose articles the numbers cited name
    current: str | None = None  # the article being read
    own_label: str | None = None  # «فصل» or «ماده»: the word of the document's own headings
    last_own: str | None = None  # the number of the document's last own heading
    pending: list[Mention] = field(default_factory=list)  # mentions not resolved yet
    citations: list[Citation] = field(default_factory=list)
    block_start: int = 0
    see: tuple[set[str], Scope] | None = None  # the last «أنظر المادة ... من X»
    outside: tuple[Scope, str | None] | None = None  # where to come back after a quotation
    quote_end: int | None = None


class TextReader:
    """Reads a raw text: headings, quotations of amended laws, citations."""

    def __init__(
        self, text: str, *, uri: str | None = None, date: str | None = None, corpus: ArticleIndex | None = None
    ):
        self.text = text
        numbers: list[str] = []
        if uri is None:
            uri, found_date, numbers = identify_numbers(text)
            date = date or found_date
        self.uri = uri
        self.date = date
        self.corpus = corpus
        self.line_starts = list(accumulate((len(line) + 1 for line in text.split("\n")), initial=0))[:-1]
        self._amending_verbs: list[int] | None = None  # where the verbs of _AMEND are, found once
        self.view, self.mentions = scan(text)
        self.headings = self._headings()
        own_numbers = [n for _, n, own in self.headings if own]
        self.articles = WorkArticles(
            uri or "", order=list(dict.fromkeys(own_numbers)), eids={n: article_eid(n) for n in own_numbers}
        )
        self.own = Scope(uri, internal=True, articles=self.articles, numbers=_own_keys(uri, numbers))
        self.resolver = Resolver(self.own, date, corpus)

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def _line(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[k]
        end = self.line_starts[k + 1] - 1 if k + 1 < len(self.line_starts) else len(self.text)
        return start, end

    def _previous_line(self, start: int) -> str:
        k = bisect_right(self.line_starts, start) - 1
        while k > 0:
            k -= 1
            a = self.line_starts[k]
            b = self.line_starts[k + 1] - 1
            line = self.text[a:b].strip()
            if line and not _PAGE.match(line):
                return line
        return ""

    def _next_line(self, end: int) -> str:
        k = bisect_right(self.line_starts, end)
        while k < len(self.line_starts):
            a = self.line_starts[k]
            b = self.line_starts[k + 1] - 1 if k + 1 < len(self.line_starts) else len(self.text)
            line = self.text[a:b].strip()
            if line and not _PAGE.match(line):
                return line
            k += 1
        return ""

    def is_heading(self, m: Mention) -> bool:
        """A heading line («الفصل 12», «المادة الأولى:», «"الفصل الخامس (المقطع الأول) -...»,
        «الفصول 23 – 19» over «نسخت»), or a heading run into the previous sentence («العمل.المادة 13»).
        A line that only continues a sentence («... المنصوص عليها في\nالفصل 354.») is not one."""
        if m.kind != "article" or m.work is not None or m.sub or m.lookback or m.position or len(m.items) != 1:
            return False
        item = m.items[0]
        start, end = self._line(m.start)
        before = self.text[start : m.start]
        after = self.text[m.end : end].strip() if m.end <= end else ""
        bare = before.strip(" \t\"“”«'")
        if m.plural:
            return not bare and not after and item.last is not None and self._repealed_below(end)
        if item.last is not None or item.following or item.sub:
            return False
        if bare:
            # «... العمل.المادة 13»
            return not after and before.rstrip()[-1:] in ".؛" and before[-1:] in ".؛"
        return _heading_tail(after) and not self._continues_sentence(start)

    def _repealed_below(self, end: int) -> bool:
        """Whether the line after ``end`` says «نسخت», «ملغى», «حذف» (a heading over a repeal)."""
        return self._next_line(end).startswith(("نسخ", "ملغ", "حذف"))

    def _continues_sentence(self, start: int) -> bool:
        """Whether the line before ``start`` ends on a word that needs a continuation («في», «من» ...)."""
        last = self._previous_line(start).split()
        return bool(last) and last[-1].strip("،,") in _DANGLING

    def _headings(self) -> list[tuple[int, str, bool]]:
        """(mention index, number, own) of every heading; own=False inside a quotation (decided
        later, as quotations are found; here every heading is provisionally own)."""
        out = []
        for k, m in enumerate(self.mentions):
            if self.is_heading(m):
                item = m.items[0]
                out.append((k, item.first.value, True))
        return out

    def read(self) -> list[Citation]:
        """Citations of the whole text, in order.  The scope changes at the document's own article
        headings, after an amending sentence (the amended law's articles follow), and inside
        Adala's quotations of another text's article («أنظر المادة 5 من المرسوم رقم ...» then
        «المادة 5» then the article between double quotes)."""
        heading_at = {k: n for k, n, _ in self.headings}
        state = _Reading(self.own)
        for k, m in enumerate(self.mentions):
            if state.quote_end is not None and m.start >= state.quote_end and state.outside is not None:
                self._leave_quotation(state, state.outside)
            if k in heading_at:
                self._at_heading(state, m, heading_at[k])
                continue
            state.pending.append(m)
            if not self._at_regulated_note(state, m):
                self._at_amending_sentence(state, m)
        self._flush(state)
        return state.citations

    def _flush(self, state: _Reading) -> list[Citation]:
        """Resolve the mentions waiting in ``state`` (in its scope): the citations they make."""
        resolved = self._resolve(state.pending, state.scope, state.current) if state.pending else []
        state.citations.extend(resolved)
        state.pending = []
        return resolved

    def _leave_quotation(self, state: _Reading, outside: tuple[Scope, str | None]) -> None:
        self._flush(state)
        state.scope, state.current = outside
        state.outside, state.quote_end = None, None
        self.resolver.begin_article()

    def _at_heading(self, state: _Reading, m: Mention, number: str) -> None:
        """An article heading: Adala's quotation of the article a «أنظر» note names, or an article of
        the document (back in its own scope when the numbering goes on) or of the amended law."""
        self._flush(state)
        state.see = self._see_also(state.citations, m) or state.see
        self.resolver.begin_article()
        state.block_start = m.end
        if state.see is not None and number in state.see[0] and self._quote_follows(m):
            if state.outside is None:
                state.outside = (state.scope, state.current)
            state.scope, state.current = state.see[1], number
            state.quote_end = self._quote_end(m)
            return
        label = "ماده" if "ماد" in self.text[m.start : m.start + 12].replace("\u0640", "") else "فصل"
        if state.own_label is None:
            state.own_label = label
        if state.scope is not self.own and label == state.own_label and _follows(state.last_own, number):
            state.scope = self.own
        if state.scope is self.own:
            state.last_own = number
        state.current = number

    def _at_regulated_note(self, state: _Reading, m: Mention) -> bool:
        """Adala's «تم تنظيم المقتضيات ... في المادة 527 من ق م ج» note: the article's text follows,
        read in its law's scope until the note ends.  Whether ``m`` was such a note's article."""
        regulated = self._regulated_by(m)
        if regulated is None or state.outside is not None:
            return False
        resolved = self._flush(state)
        target = next((c for c in reversed(resolved) if not c.internal and c.kind == "article"), None)
        if target is not None:
            state.outside = (state.scope, state.current)
            state.scope = self._scope_of(target)
            state.current = target.articles[0] if target.articles else None
            state.quote_end = regulated
            self.resolver.begin_article()
        return True

    def _at_amending_sentence(self, state: _Reading, m: Mention) -> None:
        """An amending sentence around ``m``: what follows it is the amended law's text."""
        if m.kind not in ("article", "law"):
            return
        formula_end = self._formula_end(m, state.block_start)
        if formula_end is None:
            return
        resolved = self._flush(state)
        target = next((c for c in reversed(resolved) if not c.internal), None)
        if target is not None:
            state.scope = self._scope_of(target)
        state.block_start = formula_end

    def _scope_of(self, citation: Citation) -> Scope:
        """The scope of the law a citation names (its articles when the corpus holds it)."""
        info = self.corpus.get(citation.work, self.date) if (self.corpus and citation.work) else None
        return Scope(citation.work, articles=info, law=citation.cited_law)

    _REGULATED = re.compile(r"^\s*-?\s*\d+\s*تم\s+تنظيم\s+(?:نفس\s+)?(?:ال)?مقتضيات")
    _NOTE_START = re.compile(r"^\s*-\s*\d+\s*\S|^\s*$", re.MULTILINE)

    def _regulated_by(self, m: Mention) -> int | None:
        """Adala's note «- 41تم تنظيم المقتضيات المضمنة بالفصل 40 في المادة 527 من ق م ج» followed by that
        article's text: where the quoted text ends (the next note or a blank line), when ``m`` is the
        article the note names."""
        if m.kind != "article" or m.work is None:
            return None
        start, end = self._line(m.start)
        if not self._REGULATED.match(self.text[start:end]):
            return None
        if self.text.find(" من", m.end, end) >= 0:  # the article is the last citation of the line
            return None
        nxt = self._NOTE_START.search(self.text, min(len(self.text), end + 1))
        return nxt.start() if nxt else len(self.text)

    _SEE = re.compile(r"^[\s\d\-–]*(?:ا|أ|إ)نظر(?:\s+(?:أيضا|ايضا|كذلك))?\s")

    def _see_also(self, citations: list[Citation], heading: Mention):
        """The «أنظر المادة 5 من المرسوم رقم ...» footnote just above a heading: (numbers, scope)."""
        start, _ = self._line(heading.start)
        k = bisect_right(self.line_starts, start) - 1
        lines_above: list[tuple[int, str]] = []
        while k > 0 and len(lines_above) < 2:
            k -= 1
            a, b = self.line_starts[k], self.line_starts[k + 1] - 1
            line = self.text[a:b]
            if line.strip() and not _PAGE.match(line):
                lines_above.append((k + 1, line))
        for number, line in lines_above:
            if not self._SEE.match(line):
                continue
            found = [c for c in citations if c.line == number and c.kind == "article" and not c.internal]
            if found:
                return set(found[-1].articles), self._scope_of(found[-1])
        return None

    def _quote_follows(self, heading: Mention) -> bool:
        _, end = self._line(heading.start)
        nxt = self._next_line(end)
        return nxt[:1] in ('"', "“", "«", "„")

    def _quote_end(self, heading: Mention) -> int:
        """Where the quotation opened after ``heading`` ends: the end of the line whose closing
        double quote ends it, or the first blank line (Adala sometimes loses the closing quote)."""
        _, end = self._line(heading.start)
        k = bisect_right(self.line_starts, end)
        first = k
        while k < len(self.line_starts):
            a = self.line_starts[k]
            b = self.line_starts[k + 1] - 1 if k + 1 < len(self.line_starts) else len(self.text)
            line = self.text[a:b].strip()
            if not line:
                return a
            if re.search(r'["”»][.،؛]?$', line) and (k > first or len(line) > 1):
                return b
            k += 1
        return len(self.text)

    def _formula_end(self, m: Mention, block_start: int) -> int | None:
        """Where the quotation announced by an amending sentence around ``m`` starts, if any: the
        end of the line of the colon closing the sentence («... كما وقع تغييره وتتميمه:»)."""
        lo = max(block_start, m.start - 500)
        if self._amending_verbs is None:
            self._amending_verbs = [v.start() for v in _AMEND_VERBS.finditer(self.text)]
        k = bisect_left(self._amending_verbs, lo)
        if k == len(self._amending_verbs) or self._amending_verbs[k] > m.start:
            return None  # no amending verb from ``lo`` to the mention: no sentence to find
        f = _AMEND.search(self.text, lo, min(len(self.text), m.end + 400))
        if not f or f.start() > m.start or re.search(r"[.؛](?=\s)|\n\s*\n", self.text[f.start() : m.start]):
            return None
        colon = self.text.find(":", f.end(), f.end() + 600)
        anchor = colon if colon >= 0 else m.end
        line_end = self.text.find("\n", max(anchor, m.end))
        return len(self.text) if line_end < 0 else line_end

    def _resolve(self, mentions: list[Mention], scope: Scope, current: str | None) -> list[Citation]:
        return self.resolver.resolve(self.text, mentions, scope, current=current, line_of=self.line_of)


def _own_keys(uri: str | None, numbers) -> frozenset:
    """The folded numbers of a document: its heading's, and those the names table gives its work."""
    keys = {fold_number(n) for n in numbers}
    if uri:
        for named_numbers in names_table().numbers_of(uri):
            keys.add(fold_number(named_numbers))
        tail = uri.rstrip("/").rsplit("/", 1)[-1]
        if re.fullmatch(r"\d+(?:-\d+)+", tail):
            keys.add(fold_number(tail))
    return frozenset(k for k in keys if k)


_ALONE = re.compile(r"[:.\-–]?\s*\d{0,3}")  # after a heading's number: nothing, a colon, a page number
_TITLED = re.compile(r"(?:\([^)]{0,40}\)\s*)?[-–:]")  # «(المقطع الأول) -», «- title», «: title»


def _heading_tail(after: str) -> bool:
    """Whether what follows an article number on its line fits a heading."""
    return not after or bool(_ALONE.fullmatch(after)) or bool(_TITLED.match(after))


def _follows(last: str | None, number: str) -> bool:
    """Whether ``number`` can be the document's own article after ``last``."""
    if last is None:
        # no own heading yet («مادة فريدة»): only a first article ends a quotation
        return number == "1"
    a, b = last.split("-"), number.split("-")
    if not (a[0].isdigit() and b[0].isdigit()):
        return False
    if int(b[0]) == int(a[0]) + 1 and len(b) == 1:
        return True
    return b[0] == a[0] and len(b) > 1


def extract_text(
    text: str, *, uri: str | None = None, date: str | None = None, corpus: ArticleIndex | None = None
) -> list[Citation]:
    return TextReader(text, uri=uri, date=date, corpus=corpus).read()


def text_articles(uri: str, text: str) -> WorkArticles:
    """The :class:`WorkArticles` of a raw text (its own article headings), for a work the corpus
    does not hold as AKN yet."""
    reader = TextReader(text, uri=uri)
    info = reader.articles
    info.uri = uri
    return info
