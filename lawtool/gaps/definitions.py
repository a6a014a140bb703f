"""Definitions: find the provisions that define terms, mark them up, link the uses.

Contract of :func:`link_definitions` (a pass over one document, in place):

- **Finds** the definitions of the document's own text (quoted structures of other laws are
  left alone, see below), in three forms:

  ``list``     an introduction «يراد بما يلي:», «يقصد في مدلول هذا القانون بما يلي:», «من أجل
               تطبيق أحكام هذا القانون ...:», «Au sens de la présente loi, on entend par :»,
               followed, in the same article, by blocks «المصطلح: تعريفه» (the term is what
               comes before the first colon, eight words at most);
  ``inline``   «يقصد بالعنف الرقمي في مدلول هذا القانون ...», «يراد ب... :», «on entend par
               X :»;
  ``offence``  «يعتبر مرتكبا لجريمة التحرش الرقمي ويعاقب ...» and «يعتبر اغتصابا رقميا
               ويعاقب ...» (an offence named and defined by the article that punishes it;
               the accusative is put back to the dictionary form: «الاغتصاب الرقمي»).

- **Marks** each defined term: ``<def refersTo="#term-...">`` around the term where it is
  written (only when the term lies in one text node, which is the case in lawtool's
  documents), and one ``<TLCConcept eId="term-..." href="/ontology/concept/lawtool/term-..."
  showAs="المصطلح"/>`` per term in ``meta/references``.  The eId is ``term-`` followed by a
  transliteration of the term without its articles (``العنف الرقمي`` → ``term-3nf-rqmy``),
  the same in every document and version that defines the same words; a clash between two
  different terms gets ``-2``.

- **Links** every use of a defined term in the text of the preamble, the body and the
  conclusions with ``<term refersTo="#term-...">``, matched as :mod:`lawtool.gaps.matching`
  says (clitics, article, feminine and plural endings, spelling variants), the longest term
  first, never in a heading, ``num``, ``ref``, ``term``, ``def``, note, quoted structure or
  quoted text, and never inside the term's own definition.  Quoted structures are skipped
  on purpose: the text a law quotes belongs to another law, whose own definitions apply
  there.

- Is **idempotent**: existing ``def`` and ``term`` elements are read back, so a second run
  adds nothing and returns 0.  It returns how many ``def`` and ``term`` elements it added.
  The result validates against the Akoma Ntoso XSD (``def`` and ``term`` are inline elements
  allowed in ``p``; ``term`` needs ``refersTo``; neither gets an eId).

Must run after the importer (the structure and eIds exist); nothing else depends on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..akn import DOC_INLINES, NS, Document, akn, local_name, text_of
from ..arabic import normalise
from .matching import Matcher, compile_phrase, is_arabic, phrase_words, term_key

ONTOLOGY = "/ontology/concept/lawtool/"

# Introductions of a list of definitions (normalised text).
LIST_INTRO = re.compile(
    r"(?:يراد|يقصد|نعني|تعني)\s+(?:في\s+\S+\s+\S+\s+\S+\s+)?ب\s*ما\s+يلي"
    r"|في\s+(?:مدلول|مفهوم)\s+هذا\s+(?:القانون|المرسوم|الظهير|النص)"
    r"|(?:من\s+اجل|لاجل|لغايه)\s+تطبيق\s+(?:احكام\s+)?هذا"
    r"|au sens (?:de la presente|du present)|aux fins (?:de la presente|du present)|on entend par\s*:?\s*$",
    re.IGNORECASE,
)
# «يقصد بالعنف الرقمي في مدلول هذا القانون» / «يراد ب ...:»
INLINE = re.compile(
    r"(?:ي|ت)(?:قصد|راد)\s+ب(?:ـ\s*)?(?P<term>(?!ما\s+يلي)[^،:؛.«»\"]{2,80}?)"
    r"\s*(?=في\s+(?:مدلول|مفهوم|تطبيق)|[،:؛]|\s+كل\s)"
)
INLINE_FR = re.compile(r"on entend par\s+[«\"]?\s*(?P<term>[^:«»\",;]{2,80}?)\s*[»\"]?\s*[:,]", re.IGNORECASE)
OFFENCE_NAMED = re.compile(
    r"^\s*(?:ي|ت)عتبر\s+مرتكب(?:ا|ه|ة)?\s+ل?جريم(?:ة|ه)\s+(?P<term>[^،,.]{2,60}?)"
    r"\s*(?=[،,]|\s+و?(?:ي|ت)عاقب)"
)
OFFENCE_NOUN = re.compile(
    r"^\s*(?:ي|ت)عتبر\s+(?!مرتكب)(?P<term>[^،,.\s]+(?:\s+[^،,.\s]+){0,3}?)"
    r"\s+و?(?:ي|ت)عاقب"
)
MAX_TERM_WORDS = 8

# Elements whose text is never linked (nor their descendants').
SKIP = DOC_INLINES | {
    "heading",
    "subheading",
    "num",
    "ref",
    "mref",
    "rref",
    "term",
    "def",
    "quotedStructure",
    "quotedText",
    "embeddedStructure",
    "authorialNote",
    "noteRef",
    "shortTitle",
    "remark",
    "a",
    "meta",
    "eop",
    "eol",
}
LINKED_PARTS = ("preamble", "body", "mainBody", "conclusions")

_TRANSLIT = {
    "ا": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "7",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "3",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "w",
    "ي": "y",
    "ء": "2",
    "ئ": "2",
    "ؤ": "2",
}


@dataclass
class Definition:
    """One defined term of a document."""

    term: str  # the term as shown (dictionary form for offences)
    key: str  # normalised bare words, the comparison key
    concept: str  # eId of its TLCConcept
    eid: str | None  # the provision that holds the definition (point, paragraph ...)
    article: str | None  # the article's eId
    text: str  # the definition's text, term and colon left out
    form: str  # list | inline | offence
    quoted: bool  # inside a quoted structure (another law's text)
    block: etree._Element = field(repr=False, compare=False, default=None)
    span: tuple | None = field(repr=False, compare=False, default=None)  # (element, "text"|"tail", start, end)


def slug(term: str) -> str:
    """ASCII identifier of a term: «العنف الرقمي» → ``3nf-rqmy``; French: ``violence-numerique``."""
    words = phrase_words(term)
    if term and is_arabic(term):
        out = ["".join(_TRANSLIT.get(c, "") for c in w) for w in words]
    else:
        out = [re.sub(r"[^a-z0-9]+", "", w) for w in words]
    return "-".join(w for w in out if w) or "term"


def _nearest_eid(el) -> str | None:
    for node in [el, *el.iterancestors()]:
        if node.get("eId"):
            return node.get("eId")
    return None


def _article_of(el) -> etree._Element | None:
    for node in el.iterancestors():
        if local_name(node) == "article":
            return node
    return None


def _in_quoted(el) -> bool:
    return any(local_name(a) in ("quotedStructure", "quotedText", "embeddedStructure") for a in el.iterancestors())


def _blocks(article) -> list[etree._Element]:
    """The ``p`` of an article that belong to it (not to an article quoted inside it)."""
    return [p for p in article.iter(akn("p")) if _article_of(p) is article]


def _dictionary_form(words: list[str]) -> str:
    """«اغتصابا رقميا» → «الاغتصاب الرقمي»: the accusative's alef dropped, the article added."""
    out = []
    for w in words:
        if w.endswith("ا") and len(w) > 3 and not w.endswith("اا"):
            w = w[:-1]
        if not w.startswith("ال"):
            w = "ال" + w
        out.append(w)
    return " ".join(out)


_LEAD = re.compile(r"^[\s\-–—•*·\d.)(]*[«\"]?\s*")


def _list_item(p) -> tuple[str, int, int] | None:
    """(term, start, end) of «term: definition» in the p's first text node."""
    text = p.text or ""
    colon = text.find(":")
    if colon <= 0:
        return None
    leading = _LEAD.match(text)  # matches the empty string too
    lead = leading.end() if leading else 0
    end = colon
    while end > lead and text[end - 1] in ' \t»"':
        end -= 1
    term = text[lead:end]
    if not term or "،" in term or "," in term or len(term.split()) > MAX_TERM_WORDS:
        return None
    return term, lead, end


def _existing_def(p) -> etree._Element | None:
    for d in p.iter(akn("def")):
        return d
    return None


def _definition_text(p, term: str) -> str:
    full = text_of(p)
    idx = full.find(term)
    rest = full[idx + len(term) :] if idx >= 0 else full
    return rest.lstrip(' :«»"').strip()


def find_definitions(document: Document, *, include_quoted: bool = False) -> list[Definition]:
    """Every definition of the document, in document order (not changing anything).

    Concept ids are given here, so that marking and linking agree with what is found."""
    found: list[Definition] = []
    for article in document.articles(include_quoted=True):
        quoted = _in_quoted(article)
        if quoted and not include_quoted:
            continue
        in_list = False
        for p in _blocks(article):
            existing = _existing_def(p)
            plain = text_of(p)
            norm = normalise(plain).lower()
            if existing is not None:
                term = text_of(existing)
                shown = term
                form = "list" if in_list else "inline"
                if OFFENCE_NAMED.search(normalise(plain)) or OFFENCE_NOUN.search(normalise(plain)):
                    form = "offence"
                    shown = _offence_shown(term)
                ref = (existing.get("refersTo") or "").lstrip("#")
                found.append(
                    Definition(
                        shown,
                        term_key(shown),
                        ref,
                        _nearest_eid(p),
                        article.get("eId"),
                        _definition_text(p, term),
                        form,
                        quoted,
                        p,
                        None,
                    )
                )
                continue
            if LIST_INTRO.search(norm) and plain.rstrip().endswith(":"):
                in_list = True
                continue
            if in_list:
                item = _list_item(p)
                if item:
                    term, start, end = item
                    found.append(
                        Definition(
                            term,
                            term_key(term),
                            "",
                            _nearest_eid(p),
                            article.get("eId"),
                            _definition_text(p, term),
                            "list",
                            quoted,
                            p,
                            (p, "text", start, end),
                        )
                    )
                continue
            definition = _inline(p, article, quoted)
            if definition:
                found.append(definition)
    _assign_concepts(found)
    return found


def _offence_shown(term: str) -> str:
    words = term.split()
    if words and all(not w.startswith("ال") for w in words):
        return _dictionary_form(words)
    return term


def _inline(p, article, quoted) -> Definition | None:
    text = p.text or ""
    for pattern, form in (
        (INLINE, "inline"),
        (INLINE_FR, "inline"),
        (OFFENCE_NAMED, "offence"),
        (OFFENCE_NOUN, "offence"),
    ):
        m = pattern.search(text)
        if not m:
            continue
        term = m.group("term").strip()
        if not term or len(term.split()) > MAX_TERM_WORDS:
            continue
        start = m.start("term") + (len(m.group("term")) - len(m.group("term").lstrip()))
        end = start + len(term)
        shown = _offence_shown(term) if form == "offence" else term
        return Definition(
            shown,
            term_key(shown),
            "",
            _nearest_eid(p),
            article.get("eId"),
            _definition_text(p, term),
            form,
            quoted,
            p,
            (p, "text", start, end),
        )
    return None


def _assign_concepts(found: list[Definition]) -> None:
    used: dict[str, str] = {}  # concept id -> key
    by_key: dict[str, str] = {}
    for d in found:
        if d.concept:
            used.setdefault(d.concept, d.key)
            by_key.setdefault(d.key, d.concept)
    for d in found:
        if d.concept:
            continue
        if d.key in by_key:
            d.concept = by_key[d.key]
            continue
        base = "term-" + slug(d.term)
        concept, n = base, 1
        while concept in used and used[concept] != d.key:
            n += 1
            concept = f"{base}-{n}"
        used[concept] = d.key
        by_key[d.key] = concept
        d.concept = concept


# -- marking -----------------------------------------------------------------------------------------------


def _references(document: Document) -> etree._Element:
    meta = document.xpath("./a:meta", document.main)[0]
    refs = document.xpath("./a:references", meta)
    if refs:
        return refs[0]
    ref = etree.Element(akn("references"), source="#lawtool")
    after = [
        c
        for c in meta
        if local_name(c)
        in ("identification", "publication", "classification", "lifecycle", "workflow", "analysis", "temporalData")
    ]
    if after:
        after[-1].addnext(ref)
    else:
        meta.insert(0, ref)
    return ref


def _ensure_concepts(document: Document, definitions: list[Definition]) -> int:
    refs = _references(document)
    have = {el.get("eId") for el in refs}
    added = 0
    for d in definitions:
        if d.concept in have:
            continue
        el = etree.SubElement(refs, akn("TLCConcept"))
        el.set("eId", d.concept)
        el.set("href", ONTOLOGY + d.concept)
        el.set("showAs", d.term)
        have.add(d.concept)
        added += 1
    return added


def _wrap(span, tag: str, refers: str) -> etree._Element:
    el, where, start, end = span
    text = el.text if where == "text" else el.tail
    new = etree.Element(akn(tag), refersTo=refers)
    new.text = text[start:end]
    new.tail = text[end:]
    if where == "text":
        el.text = text[:start]
        el.insert(0, new)
    else:
        el.tail = text[:start]
        el.addnext(new)
    return new


# -- linking ---------------------------------------------------------------------------------------------


def _slots(document: Document):
    """Every (element, "text"|"tail", own-definition-block) text slot that may be linked."""
    parts = [c for c in document.main if local_name(c) in LINKED_PARTS]

    def visit(el, block):
        name = local_name(el)
        if name in SKIP or not isinstance(el.tag, str):
            return
        if name == "p" and "heading" in (el.get("class") or "").split():
            return
        if name == "p":
            block = el
        if el.text and el.text.strip():
            yield el, "text", block
        for child in list(el):
            yield from visit(child, block)
            if child.tail and child.tail.strip():
                yield child, "tail", block

    for part in parts:
        yield from visit(part, None)


def _matcher(definitions: list[Definition]) -> Matcher:
    matcher = Matcher()
    seen = set()
    for d in definitions:
        if d.quoted or d.concept in seen:
            continue
        seen.add(d.concept)
        matcher.add(compile_phrase(d.term, d.concept))
    return matcher


def term_matches(document: Document, definitions: list[Definition]):
    """(slot, [Match]) for every place a defined term is used and not yet linked."""
    matcher = _matcher(definitions)
    own: dict[int, set[str]] = {}
    for d in definitions:
        if d.block is not None:
            own.setdefault(id(d.block), set()).add(d.concept)
    for el, where, block in _slots(document):
        text = el.text if where == "text" else el.tail
        excluded = own.get(id(block), set()) if block is not None else set()
        matches = [m for m in matcher.find(text) if m.phrase.key not in excluded]
        if matches:
            yield (el, where), matches


def link_definitions(document: Document) -> int:
    """Mark the definitions of ``document`` and link the uses of their terms, in place;
    return how many ``def`` and ``term`` elements were added (0 on a second run)."""
    definitions = [d for d in find_definitions(document) if not d.quoted]
    if not definitions:
        return 0
    added = 0
    for d in definitions:
        if d.span is not None:
            _wrap(d.span, "def", "#" + d.concept)
            d.span = None
            added += 1
    _ensure_concepts(document, definitions)
    for (el, where), matches in list(term_matches(document, definitions)):
        # Rewrite from the last match backwards so earlier offsets stay valid.
        for m in sorted(matches, key=lambda m: m.start, reverse=True):
            _wrap((el, where, m.start, m.end), "term", "#" + m.phrase.key)
            added += 1
    return added


def term_uses(document: Document, definitions: list[Definition]) -> dict[str, list[str]]:
    """concept id → eIds of the provisions that use the term (linked or not), outside the
    definitions themselves and outside quoted structures."""
    uses: dict[str, list[str]] = {d.concept: [] for d in definitions if not d.quoted}
    for t in document.walk("term"):
        concept = (t.get("refersTo") or "").lstrip("#")
        if concept in uses and not _in_quoted(t):
            uses[concept].append(_nearest_eid(t) or "")
    for (el, _where), matches in term_matches(document, definitions):
        for m in matches:
            uses.setdefault(m.phrase.key, []).append(_nearest_eid(el) or "")
    return uses


__all__ = ["Definition", "find_definitions", "link_definitions", "term_uses", "slug", "NS"]
