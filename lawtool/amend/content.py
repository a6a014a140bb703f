"""The new text an operation writes (``replace``, ``insert``): its forms in the amendment
format, the AKN element built from it, and the way back from an element to the form.

Forms, by the kind of the element written (the kind comes from the eId: ``art_12`` is an
article, ``art_12__para_2`` a paragraph, ``...__point_3`` a point, ``...__intro`` an intro):

- article    ``text``: one paragraph per line;  or ``paragraphs``: a list whose items are a
             paragraph's text, or a mapping ``{intro, points, wrap_up}`` for a paragraph with points;
             plus ``num`` and ``heading`` (the ``<num>`` and ``<heading>`` texts)
- paragraph  ``text`` (one line);  or ``intro`` / ``points`` / ``wrap_up``
- point      ``num`` and ``text``;  or ``num`` with ``intro`` / ``points`` / ``wrap_up``
- intro, wrapUp  ``text``
- anything   ``xml``: the element itself as Akoma Ntoso XML (namespace optional), for what the
             forms above cannot say (a chapter, inline markup, a quoted structure ...)

The *canonical* body is the smallest of these forms that builds the element exactly: an article
whose paragraphs are all plain lines is ``text``; ``xml`` only when no form fits.  ``body_of``
gives it for an element (from-diff and the AKN import use it); ``build`` makes the element
(without eIds: the eId generator gives them after the operations are applied).
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from ..akn import NS, akn, local_name, parse_bytes
from ..eids import ABBREVIATIONS
from ..errors import InputError

# eId abbreviation → element kind (the inverse of eids.ABBREVIATIONS for the kinds lawtool writes)
KIND_OF_ABBREVIATION = {
    "art": "article",
    "para": "paragraph",
    "point": "point",
    "intro": "intro",
    "wrapup": "wrapUp",
    "chp": "chapter",
    "sec": "section",
    "subsec": "subsection",
    "part": "part",
    "book": "book",
    "title": "title",
    "subpara": "subparagraph",
    "list": "list",
    "item": "item",
    "mod": "mod",
    "qstr": "quotedStructure",
    "subchp": "subchapter",
    "dvs": "division",
    "al": "alinea",
    "cl": "clause",
}
# The kind of element an ``into`` insertion adds by default to a parent of a kind.
CHILD_KIND = {
    "article": "paragraph",
    "paragraph": "point",
    "point": "point",
    "chapter": "article",
    "section": "article",
    "subsection": "article",
    "part": "article",
    "book": "article",
    "title": "article",
    "subchapter": "article",
    "division": "article",
}
STRUCTURED = {"article", "paragraph", "point", "intro", "wrapUp"}
# Inline markup that later stages add to the text (cross-references, defined terms, note markers):
# ``strip_markup`` leaves their text and drops the elements.
INLINE_MARKUP = {"ref", "rref", "mref", "term", "def", "noteRef", "span"}
BODY_KEYS = ("text", "paragraphs", "intro", "points", "wrap_up", "xml")
HEAD = {"num", "heading", "subheading"}
_SPACE = re.compile(r"\s+")


def kind_of_eid(eid: str) -> str:
    """The element kind an eId names: ``art_12__para_2`` → ``paragraph``."""
    last = eid.rsplit("__", 1)[-1]
    abbreviation = last.split("_", 1)[0]
    return KIND_OF_ABBREVIATION.get(abbreviation, abbreviation)


def spelled_out(eid: str) -> bool:
    """Whether an eId spells an element's name in full where the naming convention abbreviates it
    («section_4», «division_1», not «sec_4», «dvs_1»): it may name an ``hcontainer`` of that name
    (documents made elsewhere, ``lawtool eids``) as well as the element itself."""
    word = eid.rsplit("__", 1)[-1].split("_", 1)[0]
    return ABBREVIATIONS.get(word, word) != word


class ContentError(ValueError):
    """A body that does not fit its element kind (the model turns it into an AmendmentError)."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


# -- canonical forms ----------------------------------------------------------------------------------


def _line(value, field: str) -> str:
    if not isinstance(value, str):
        raise ContentError(f"`{field}` must be text, not {what_is(value)}", 'quote it, e.g. text: "..."')
    text = value.strip()
    if "\n" in text:
        raise ContentError(
            f"`{field}` must be one line (a paragraph or point is one text)",
            "put each paragraph in its own operation, or give the article's `text` one paragraph per line",
        )
    return text


def what_is(value) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "a single text"
    return type(value).__name__


def _points(value, field: str) -> list:
    if not isinstance(value, list) or not value:
        raise ContentError(f"`{field}` must be a non-empty list of points", 'write points: [{num: "1", text: ...}]')
    out = []
    for i, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise ContentError(
                f"`{field}` item {i} must be a mapping with num and text, not {what_is(item)}",
                'write {num: "1", text: "..."}',
            )
        unknown = set(item) - {"num", "text", "intro", "points", "wrap_up"}
        if unknown:
            raise ContentError(
                f"`{field}` item {i} has unknown field(s): {', '.join(sorted(unknown))}",
                "a point has num, and text or intro/points/wrap_up",
            )
        if "num" not in item:
            raise ContentError(f"`{field}` item {i} has no num", 'give each point its number, e.g. num: "1"')
        point = {"num": num_text(item["num"], f"{field}[{i}].num")}
        point.update(_text_or_list(item, f"{field}[{i}]", allow_text=True))
        out.append(point)
    return out


def _text_or_list(data: dict, field: str, *, allow_text: bool) -> dict:
    """A paragraph's (or point's) body: ``text`` or ``intro``/``points``/``wrap_up``."""
    if "text" in data:
        if any(k in data for k in ("intro", "points", "wrap_up")):
            raise ContentError(f"{field}: give either `text` or `intro`/`points`/`wrap_up`, not both")
        return {"text": _line(data["text"], f"{field}.text" if field else "text")}
    if "points" not in data:
        raise ContentError(f"{field or 'the operation'}: no text", "give `text`, or `points` (with `intro`)")
    out: dict = {}
    if "intro" in data:
        out["intro"] = _line(data["intro"], "intro")
    out["points"] = _points(data["points"], "points")
    if "wrap_up" in data:
        out["wrap_up"] = _line(data["wrap_up"], "wrap_up")
    return out


def num_text(value, field: str = "num") -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ContentError(
            f"`{field}` must be text, not {what_is(value)}", 'write it as in <num>, e.g. "المادة 9 مكررة"'
        )
    text = str(value).strip()
    if not text:
        raise ContentError(f"`{field}` is empty", 'write the number as in <num>, e.g. "المادة 9 مكررة"')
    return text


def _xml_body(given: list[str], data: dict, kind: str) -> dict:
    if len(given) > 1:
        raise ContentError(
            "`xml` is the whole element: give it alone, without " + ", ".join(f"`{k}`" for k in given if k != "xml")
        )
    if not isinstance(data["xml"], str):
        raise ContentError(
            f"`xml` must be text, not {what_is(data['xml'])}", "write the element as a YAML block (xml: |)"
        )
    return {"xml": canonical_xml(parse_fragment(data["xml"], kind))}


def _article_text(value) -> dict:
    if not isinstance(value, str):
        raise ContentError(f"`text` must be text, not {what_is(value)}", "quote it")
    lines = [line.strip() for line in value.split("\n") if line.strip()]
    if not lines:
        raise ContentError("`text` is empty", "write the article's paragraphs, one per line")
    return {"text": "\n".join(lines)}


def _paragraph_item(item, i: int) -> str | dict:
    """One item of an article's ``paragraphs``: its text, or its intro/points/wrap_up."""
    if isinstance(item, str):
        return _line(item, f"paragraphs[{i}]")
    if not isinstance(item, dict):
        raise ContentError(f"paragraphs[{i}] must be text or a mapping, not {what_is(item)}", "quote it")
    unknown = set(item) - {"text", "intro", "points", "wrap_up"}
    if unknown:
        raise ContentError(f"paragraphs[{i}] has unknown field(s): {', '.join(sorted(unknown))}")
    body = _text_or_list(item, f"paragraphs[{i}]", allow_text=True)
    return body["text"] if set(body) == {"text"} else body


def _article_items(items: list[str | dict]) -> dict:
    """An article's paragraphs: ``text`` (one per line) when they are all plain text."""
    texts = [i for i in items if isinstance(i, str)]
    if len(texts) == len(items):
        return {"text": "\n".join(texts)}
    return {"paragraphs": items}


def _article_body(data: dict) -> dict:
    if "text" in data and "paragraphs" in data:
        raise ContentError("give the article's `text` or its `paragraphs`, not both")
    if any(k in data for k in ("intro", "points", "wrap_up")):
        raise ContentError(
            "an article has paragraphs: put `intro`/`points` inside `paragraphs`",
            "write paragraphs: [{intro: ..., points: [...]}]",
        )
    if "text" in data:
        return _article_text(data["text"])
    paragraphs = data["paragraphs"]
    if not isinstance(paragraphs, list) or not paragraphs:
        raise ContentError("`paragraphs` must be a non-empty list", 'write paragraphs: ["...", "..."]')
    return _article_items([_paragraph_item(item, i) for i, item in enumerate(paragraphs, start=1)])


def _block_body(data: dict, kind: str) -> dict:
    """A paragraph's or point's body."""
    if "paragraphs" in data:
        raise ContentError(f"a {kind} has no `paragraphs`", "give `text`, or `intro`/`points`")
    return _text_or_list(data, "", allow_text=True)


def _line_body(given: list[str], data: dict, kind: str) -> dict:
    """An introduction's or closing words' body: one line of text."""
    if set(given) != {"text"}:
        raise ContentError(f"an {kind} has only `text`")
    return {"text": _line(data["text"], "text")}


def canonical_body(kind: str, data: dict) -> dict | None:
    """The canonical body of an operation's fields for an element of ``kind`` (None when the
    operation gives none).  Raises ``ContentError`` when the fields do not fit the kind."""
    given = [k for k in BODY_KEYS if k in data]
    if not given:
        return None
    if "xml" in given:
        return _xml_body(given, data, kind)
    if kind == "article":
        return _article_body(data)
    if kind in ("paragraph", "point"):
        return _block_body(data, kind)
    if kind in ("intro", "wrapUp"):
        return _line_body(given, data, kind)
    raise ContentError(
        f"a {kind} is written with `xml` (the forms text/paragraphs/points are for articles, paragraphs, points)",
        f"give xml: |\n  <{kind}>...</{kind}>",
    )


# -- XML fragments ---------------------------------------------------------------------------------------


def parse_fragment(xml: str, kind: str | None = None) -> etree._Element:
    """One AKN element from XML text (the AKN namespace is assumed when none is given).  Parsed
    with lawtool's safe parser: no DOCTYPE, no entities, no network."""
    text = xml.strip()
    wrapped = f'<lawtool-fragment xmlns="{NS}">{text}</lawtool-fragment>'.encode()
    try:
        root = parse_bytes(wrapped, "<xml>").getroot()
    except InputError as exc:
        raise ContentError(f"`xml` is not well-formed: {exc.message}", exc.hint or "fix the XML") from None
    elements = [c for c in root if isinstance(c.tag, str)]
    stray = (root.text or "").strip() or any((c.tail or "").strip() for c in root)
    if len(elements) != 1 or stray:
        raise ContentError("`xml` must hold exactly one element", f"write one <{kind or 'article'}> element")
    el = elements[0]
    if etree.QName(el).namespace != NS:
        raise ContentError(
            f"`xml` element <{etree.QName(el).localname}> is not in the Akoma Ntoso namespace",
            "leave out the xmlns, or use the AKN 3.0 namespace",
        )
    if kind and local_name(el) != kind:
        raise ContentError(
            f"`xml` holds a <{local_name(el)}> where a <{kind}> is expected", f"write a <{kind}> element"
        )
    return copy.deepcopy(el)


def _strip(el: etree._Element) -> etree._Element:
    """A copy without eId/wId and without the white space of element-only content."""
    el = copy.deepcopy(el)
    el.tail = None
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        node.attrib.pop("eId", None)
        node.attrib.pop("wId", None)
        children = [c for c in node if isinstance(c.tag, str)]
        if children and not (node.text or "").strip() and all(not (c.tail or "").strip() for c in children):
            node.text = None
            for c in children:
                c.tail = None
    return el


def canonical_xml(el: etree._Element) -> str:
    """The element as compact XML without eIds, wIds, indentation or the AKN namespace declaration."""
    stripped = _strip(el)
    etree.cleanup_namespaces(stripped)
    text = etree.tostring(stripped, encoding="unicode")
    return text.replace(f' xmlns="{NS}"', "", 1)


# -- building -----------------------------------------------------------------------------------------------


def _e(tag: str, *children, text: str | None = None) -> etree._Element:
    el = etree.Element(akn(tag), nsmap={None: NS})
    if text is not None:
        el.text = text
    for c in children:
        if c is not None:
            el.append(c)
    return el


def _block(tag: str, text: str) -> etree._Element:
    return _e(tag, _e("p", text=text))


def _listy(tag: str, body: dict, num: str | None = None) -> etree._Element:
    el = _e(tag, _e("num", text=num) if num is not None else None)
    if "text" in body:
        el.append(_block("content", body["text"]))
        return el
    if "intro" in body:
        el.append(_block("intro", body["intro"]))
    for point in body["points"]:
        el.append(_listy("point", point, point["num"]))
    if "wrap_up" in body:
        el.append(_block("wrapUp", body["wrap_up"]))
    return el


def _paragraph(item) -> etree._Element:
    return _listy("paragraph", {"text": item} if isinstance(item, str) else item)


def build_children(kind: str, body: dict) -> list[etree._Element]:
    """The children that a body gives an element of ``kind`` (num and heading excepted)."""
    if kind == "article":
        items = body["text"].split("\n") if "text" in body else body["paragraphs"]
        return [_paragraph(item) for item in items]
    if kind in ("paragraph", "point"):
        return list(_listy(kind, body))
    if kind in ("intro", "wrapUp"):
        return [_e("p", text=body["text"])]
    raise ContentError(f"no text form for a {kind}")


def build(kind: str, body: dict | None, *, num: str | None = None, heading: str | None = None) -> etree._Element:
    """A new element of ``kind`` (no eIds) from a canonical body, its number and heading."""
    if body and "xml" in body:
        return parse_fragment(body["xml"], None)
    el = _e(kind)
    if num is not None:
        el.append(_e("num", text=num))
    if heading is not None:
        el.append(_e("heading", text=heading))
    for child in build_children(kind, body or {}):
        el.append(child)
    return el


# -- back: element → body -----------------------------------------------------------------------------------


def head_of(el: etree._Element) -> tuple[str | None, str | None]:
    """The texts of the element's own <num> and <heading> (None when absent)."""
    num = heading = None
    for child in el:
        name = local_name(child)
        if name == "num":
            num = "".join(child.itertext())
        elif name == "heading":
            heading = "".join(child.itertext())
    return num, heading


def _only_p(el) -> str | None:
    """The text of a block holding exactly one plain <p> (no inline markup, no attributes)."""
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) != 1 or local_name(children[0]) != "p":
        return None
    p = children[0]
    if len(p) or p.attrib or p.text is None or "\n" in p.text or p.text != p.text.strip() or not p.text:
        return None
    return p.text


def _listed_points(points: list) -> list[dict] | None:
    """The points of a list, each with its num and body (None if one does not fit the text forms)."""
    if not points or any(local_name(c) != "point" for c in points):
        return None
    out = []
    for point in points:
        num, heading = head_of(point)
        inner = _listy_body(point) if num is not None and heading is None else None
        if inner is None:
            return None
        out.append({"num": num, **inner})
    return out


def _listy_body(el) -> dict | None:
    children = [c for c in el if isinstance(c.tag, str) and local_name(c) != "num"]
    if [local_name(c) for c in children] == ["content"]:
        text = _only_p(children[0])
        return {"text": text} if text is not None else None
    rest = list(children)
    intro = _only_p(rest.pop(0)) if rest and local_name(rest[0]) == "intro" else ""
    wrap = _only_p(rest.pop()) if rest and local_name(rest[-1]) == "wrapUp" else ""
    points = _listed_points(rest)
    if intro is None or wrap is None or points is None:
        return None
    body: dict = {"intro": intro} if intro else {}
    body["points"] = points
    if wrap:
        body["wrap_up"] = wrap
    return body


def _raw_body(el) -> dict | None:
    kind = local_name(el)
    if kind == "article":
        items: list[str | dict] = []
        for child in el:
            if not isinstance(child.tag, str) or local_name(child) in ("num", "heading"):
                continue
            if local_name(child) != "paragraph" or child.find(akn("num")) is not None:
                return None
            body = _listy_body(child)
            if body is None:
                return None
            items.append(body["text"] if set(body) == {"text"} else body)
        return _article_items(items) if items else None
    if kind in ("paragraph", "point"):
        return _listy_body(el)
    if kind in ("intro", "wrapUp"):
        text = _only_p(el)
        return {"text": text} if text is not None else None
    return None


def shape(el: etree._Element, *, skip_head: bool = False) -> tuple:
    """A comparable form of an element: tags, attributes (eId and wId aside), texts (white space
    of element-only content aside).  With ``skip_head`` the element's own num/heading are left out."""

    def norm(text):
        return text if text and text.strip() else ""

    children = []
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if skip_head and local_name(child) in HEAD:
            continue
        children.append((shape(child), norm(child.tail)))
    attrs = tuple(sorted((k, v) for k, v in el.attrib.items() if k not in ("eId", "wId")))
    return (el.tag, attrs, norm(el.text), tuple(children))


def unwrap(node: etree._Element) -> None:
    """Replace an inline element by its content (text, children, tail kept in order)."""
    parent = node.getparent()
    previous = node.getprevious()
    text, tail = node.text or "", node.tail or ""
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    children = list(node)
    at = parent.index(node)
    for i, child in enumerate(children):
        parent.insert(at + i, child)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    elif previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def strip_markup(el: etree._Element) -> etree._Element:
    """A copy of ``el`` without the inline markup of ``INLINE_MARKUP`` (their text kept)."""
    el = copy.deepcopy(el)
    found = [n for n in el.iter() if isinstance(n.tag, str) and local_name(n) in INLINE_MARKUP and n is not el]
    for node in reversed(found):
        unwrap(node)
    return el


def text_shape(el: etree._Element, *, skip_head: bool = False) -> tuple:
    """Like ``shape`` but blind to inline markup: the structure and the text, not the ``ref``,
    ``term`` ... elements around words."""
    return shape(strip_markup(el), skip_head=skip_head)


def body_of(el: etree._Element, *, markup: bool = True) -> dict:
    """The canonical body of an element: a text form when it rebuilds the element exactly (num
    and heading aside), else ``xml`` (the whole element, num and heading included).  Without
    ``markup`` the inline markup of ``INLINE_MARKUP`` is left out first (the text form then fits
    more often)."""
    if not markup:
        plain = body_of(strip_markup(el))
        return plain if "xml" not in plain else body_of(el)
    kind = local_name(el)
    body = _raw_body(el) if kind in STRUCTURED else None
    if body is not None:
        rebuilt = _e(kind)
        for child in build_children(kind, body):
            rebuilt.append(child)
        if shape(rebuilt) == shape(el, skip_head=True) and not set(el.attrib.keys()) - {"eId", "wId"}:
            return body
    return {"xml": canonical_xml(el)}
