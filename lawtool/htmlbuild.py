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

(``lawtool.publish.html.element`` is the site's older helper: its ``inner`` is HTML already, not text.)
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
    """A child as HTML: text escaped, HTML kept, a list, tuple or generator of children one after the other."""
    if isinstance(part, str):
        return part if isinstance(part, Html) else escape(part, quote=True)
    if isinstance(part, (list, tuple, GeneratorType)):
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


def _attribute(name: str, value) -> str:
    return " " + name.rstrip("_").replace("_", "-") + '="' + esc(value) + '"'


def elem(tag: str, *children, **attrs) -> Html:
    """The element ``<tag …>children</tag>``: each child escaped unless it is HTML (lists, tuples
    and generators flattened, None left out); each attribute value escaped, an attribute whose value is None or ""
    left out.  Attribute names are the keywords with a trailing ``_`` dropped and ``_`` read as
    ``-`` (``class_`` → class, ``data_eid`` → data-eid), in the order given.  A void element
    (``br``, ``meta`` …) takes no children and has no end tag."""
    written = "".join([_attribute(k, v) for k, v in attrs.items() if v is not None and v != ""]) if attrs else ""
    start = "<" + tag + written + ">"
    if tag in VOID:
        if children:
            raise ValueError(f"<{tag}> is a void element: it has no children")
        return Html(start)
    return Html(start + join(children) + "</" + tag + ">")


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
