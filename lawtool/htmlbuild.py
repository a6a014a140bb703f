"""HTML made by a builder: the standalone pages of the diff, the comparison, the amendment list,
blame and the PDF export are put together from elements, never by writing tags into strings.

Text is escaped by default.  :func:`elem` escapes every child that is a plain ``str`` (``& < > " '``,
as :func:`html.escape` does) and every attribute value; what the builder made is :class:`Html`
and is kept as it is when it goes into another element.  So a document's words can only reach a
page as text:

    elem("td", title, class_="label")        # '<td class="label">…escaped title…</td>'
    elem("p", elem("strong", "التعليل:"))    # an element inside another
    elem("meta", charset="utf-8")            # a void element: '<meta charset="utf-8">'
    join([elem("li", x) for x in items], "\\n")

The one way to put text in unescaped is :func:`raw`, for what lawtool wrote itself (a style sheet,
a page it made).  Slicing :class:`Html` or adding it to a string gives a plain ``str``, which is
text again: put pieces together with :func:`concat` or :func:`join`.

The site (lawtool.publish) and the standalone pages (diff, comparison, amendment list, blame, PDF)
use this one builder; lawtool.publish.html adds the site's Markdown escaping and relative links.
"""

from __future__ import annotations

from html import escape
from types import GeneratorType

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class Html(str):
    """Text that is HTML already (made by this module): kept as it is where it goes."""

    __slots__ = ()


def raw(text: str) -> Html:
    """``text`` as HTML, unescaped: only for what lawtool wrote itself (a style sheet), never a document's text."""
    return Html(text)


def esc(value) -> Html:
    """``value`` as HTML: escaped unless it is HTML already; None is nothing."""
    if isinstance(value, Html):
        return value
    return Html(escape("" if value is None else str(value), quote=True))


def _html(part) -> str:
    """A child as HTML: text escaped, HTML kept, a list, tuple, generator or other iterator of
    children one after the other."""
    if isinstance(part, str):
        return part if isinstance(part, Html) else escape(part, quote=True)
    if isinstance(part, (list, tuple, GeneratorType)) or hasattr(part, "__next__"):
        return join(part)
    return escape(str(part), quote=True)


def join(parts, sep: str = "") -> Html:
    """The parts between ``sep``: each part text (escaped), HTML (kept), or a list, tuple or
    generator of such children (one after the other); None left out."""
    return Html(_html(sep).join([_html(part) for part in parts if part is not None]))


def concat(*parts) -> Html:
    """The parts one after the other (see :func:`join`)."""
    return join(parts)


def lines(parts) -> Html:
    """The parts one per line."""
    return join(parts, "\n")


def _attributes(attrs: dict) -> str:
    """`` name="value"`` for each attribute, value escaped; None, "" and False left out, True written bare."""
    out = []
    for name, value in attrs.items():
        if value is None or value is False or value == "":
            continue
        name = name.rstrip("_").replace("_", "-")
        out.append(" " + name if value is True else " " + name + '="' + esc(value) + '"')
    return "".join(out)


def elem(tag: str, *children, **attrs) -> Html:
    """The element ``<tag …>children</tag>``: each child escaped unless it is HTML (lists, tuples
    and iterators flattened, None left out); each attribute value escaped, one whose value is None,
    "" or False left out, one whose value is True written as its name alone (``open``).  Attribute
    names are the keywords with a trailing ``_`` dropped and ``_`` read as ``-`` (``class_`` →
    class, ``data_eid`` → data-eid), in the order given.  A void element (``br``, ``meta`` …) takes
    no children and has no end tag."""
    start = "<" + tag + (_attributes(attrs) if attrs else "") + ">"
    if tag in VOID:
        if children:
            raise ValueError(f"<{tag}> is a void element: it has no children")
        return Html(start)
    return Html(start + join(children) + "</" + tag + ">")


def svg(tag: str, *children, **attrs) -> Html:
    """An SVG element, made as :func:`elem` makes an HTML one, except that an element without
    children closes its own start tag (``<rect …/>``)."""
    if not children:
        return Html("<" + tag + _attributes(attrs) + "/>")
    return Html("<" + tag + _attributes(attrs) + ">" + join(children) + "</" + tag + ">")


def row(*cells) -> Html:
    """A table row of ``td`` cells, each text or HTML."""
    return elem("tr", [elem("td", cell) for cell in cells])


def table(head_row, rows, caption=None, **attrs) -> Html:
    """A table: its caption (if any), a row of column titles ``head_row``, then the ``tr`` elements ``rows``."""
    columns = elem("tr", [elem("th", h, scope="col") for h in head_row])
    return elem(
        "table", elem("caption", caption) if caption else None, elem("thead", columns), elem("tbody", rows), **attrs
    )


def head(title, css: str) -> Html:
    """The ``<head>`` of a standalone page: UTF-8, the title (text), lawtool's style sheet."""
    return elem(
        "head", "\n", lines([elem("meta", charset="utf-8"), elem("title", title), elem("style", raw(css))]), "\n"
    )


DOCTYPE = raw("<!DOCTYPE html>")


def page(title, css: str, body, *, lang: str = "ar", direction: str = "rtl") -> str:
    """A standalone page: the doctype, ``<html lang dir>``, :func:`head`, and the body's elements one per line."""
    html = elem(
        "html", "\n", head(title, css), "\n", elem("body", "\n", lines(body), "\n"), "\n", lang=lang, dir=direction
    )
    return lines([DOCTYPE, html, ""])
