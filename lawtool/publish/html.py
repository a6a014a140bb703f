"""Escaping: every piece of text that comes from a document, a report or an amendment goes
through one of these functions before it reaches a Markdown page.

Two contexts exist in the pages lawtool writes:

- **HTML** (raw HTML blocks, attributes): :func:`esc` escapes ``& < > " '``.  Inside a raw HTML
  block Markdown does not look at the text, so nothing else is needed.
- **Markdown inline** (headings, table cells, link texts, the page title in front matter):
  :func:`md` escapes as HTML and also turns the characters Markdown gives a meaning to into
  numeric character references, so «[x](javascript:...)», «*», «_», «{#id}» or a leading «#»
  stay text.

Links are only ever made by lawtool from URLs it computed itself (:func:`rel_url`), never
from a URL found in a document.

HTML is made by a builder, never by writing tags into strings: :func:`elem` escapes every child
that is plain text and every attribute value; what the builder made is :class:`Html` and goes into
another element as it is.  So a document's words can only reach a page as text::

    elem("td", title, class_="lt-x")          # '<td class="lt-x">…the title, escaped…</td>'
    elem("p", "النص: ", elem("code", uri))    # text and an element
    elem("img", src=url, alt="…")             # a void element: no end tag
    join([elem("li", x) for x in items], "، ")

:func:`table` makes a table with its header row, :func:`svg` an SVG element (the charts), :func:`link`
a link.  :func:`raw` marks as HTML what lawtool's own code wrote elsewhere (the diff stage's marked
words, the body renderer's blocks).
"""

from __future__ import annotations

import posixpath
import re
from html import escape

# Characters that Markdown (python-markdown and its extensions) may read as syntax.
_MD_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~^=:<>\"'"}
_MD_TABLE = str.maketrans({**_MD_SPECIAL, "\n": " ", "\r": " "})
_SPACE = re.compile(r"\s+")


def ltr(text) -> str:
    """``text`` isolated as left-to-right (U+2066 … U+2069): an ISO date «2024-05-14» in Arabic
    text otherwise shows as «14-05-2024».  Works in titles and navigation, where no markup can go."""
    return f"\u2066{text}\u2069"


class Html(str):
    """Text that is HTML already (made by the builder): kept as it is where it goes, never escaped again."""

    __slots__ = ()


def raw(text) -> Html:
    """``text`` as HTML, unescaped: only for markup lawtool's own code made, never a document's text."""
    return Html(text)


def esc(text) -> Html:
    """HTML-escape ``text`` for element content or a quoted attribute value (HTML made by the builder is kept)."""
    if isinstance(text, Html):
        return text
    return Html(escape("" if text is None else str(text), quote=True))


# Elements that have no content and no end tag
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def _flat(parts):
    for part in parts:
        if isinstance(part, (list, tuple)) or (hasattr(part, "__iter__") and hasattr(part, "__next__")):
            yield from _flat(part)
        elif part is not None:
            yield part


def join(parts, sep="") -> Html:
    """The parts (text, HTML, or lists of them; None left out), each escaped unless HTML, ``sep`` between."""
    return Html(esc(sep).join(esc(part) for part in _flat(parts)))


def concat(*parts) -> Html:
    """The parts one after the other, each escaped unless HTML (see :func:`join`)."""
    return join(parts)


def _attributes(attrs: dict) -> str:
    """`` name="value"`` for each attribute, value escaped; None, "" and False left out, True written bare."""
    out = []
    for name, value in attrs.items():
        if value is None or value is False or value == "":
            continue
        name = name.rstrip("_").replace("_", "-")
        out.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return "".join(out)


def elem(tag: str, *children, **attrs) -> Html:
    """The element ``<tag …>children</tag>``: each child escaped unless it is HTML (lists flattened,
    None left out); each attribute value escaped, one whose value is None, "" or False left out, one
    whose value is True written as its name alone.  Attribute names are the keywords with a trailing
    ``_`` dropped and ``_`` read as ``-`` (``class_`` → class, ``data_eid`` → data-eid), in the order
    given.  A void element (``br``, ``img`` …) has no children and no end tag."""
    start = f"<{tag}{_attributes(attrs)}>"
    if tag in VOID:
        if children:
            raise ValueError(f"<{tag}> is a void element: it has no children")
        return Html(start)
    return Html(f"{start}{join(children)}</{tag}>")


def md(text) -> Html:
    """Escape ``text`` for an inline Markdown context (heading, table cell, link text):
    HTML-escaped first, then every Markdown-significant character as a character reference.
    White space is collapsed so that the text can never open a new block."""
    value = _SPACE.sub(" ", "" if text is None else str(text)).strip()
    return Html(value.replace("&", "&amp;").translate(_MD_TABLE))


def title_text(text, limit: int | None = None) -> str:
    """The text of a ``title`` attribute (not escaped): white space collapsed, cut at ``limit`` characters."""
    value = _SPACE.sub(" ", "" if text is None else str(text)).strip()
    if limit and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value


def attr(text, limit: int | None = None) -> str:
    """A value for a ``title`` attribute: white space collapsed, cut at ``limit`` characters, escaped."""
    return esc(title_text(text, limit))


def row(*cells) -> Html:
    """A table row of ``td`` cells, each text or HTML."""
    return elem("tr", [elem("td", cell) for cell in cells])


def svg(tag: str, *children, **attrs) -> Html:
    """An SVG element, made as :func:`elem` makes an HTML one, except that an element without
    children closes its own start tag (``<rect …/>``)."""
    if not children:
        return Html(f"<{tag}{_attributes(attrs)}/>")
    return Html(f"<{tag}{_attributes(attrs)}>{join(children)}</{tag}>")


def table(head, rows, caption=None, **attrs) -> Html:
    """A table: its caption (if any), a row of column titles ``head``, then the ``tr`` elements ``rows``."""
    columns = elem("tr", [elem("th", h, scope="col") for h in head])
    return elem(
        "table", elem("caption", caption) if caption else None, elem("thead", columns), elem("tbody", rows), **attrs
    )


def element(tag: str, inner: str = "", /, **attrs: str | None) -> Html:
    """:func:`elem` with ``inner`` that is HTML already (the body renderer's markup)."""
    return elem(tag, raw(inner), **attrs)


def yaml_str(text) -> str:
    """A double-quoted YAML scalar (front matter): escaped so that it is always one string."""
    value = _SPACE.sub(" ", "" if text is None else str(text)).strip()
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"'


def rel_url(from_url: str, to_url: str) -> str:
    """The relative link from the page at ``from_url`` to ``to_url`` (both site-root paths
    without a leading slash, directory URLs ending with ``/``; ``""`` is the home page).
    An anchor (``#art_1``) on ``to_url`` is kept."""
    target, _, anchor = to_url.partition("#")
    base = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else ""
    if target == "" and anchor and from_url is not None:
        target = from_url
    rel = posixpath.relpath("/" + target, "/" + base) if target else posixpath.relpath("/", "/" + base)
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    if rel == "./" and target == from_url and anchor:
        rel = ""
    return rel + (f"#{anchor}" if anchor else "")


def link(from_url: str, to_url: str, text, *, title: str | None = None, cls: str | None = None) -> Html:
    """An ``<a>`` element: ``text`` (escaped unless HTML), the title cut at 400 characters."""
    return elem("a", text, href=rel_url(from_url, to_url), class_=cls, title=title_text(title, 400) if title else None)


def md_link(from_url: str, to_url: str, text: str) -> Html:
    """A link for an inline Markdown context, written as raw inline HTML (mkdocs leaves it alone)."""
    return elem("a", md(text), href=rel_url(from_url, to_url))
