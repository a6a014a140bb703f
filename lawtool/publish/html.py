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

HTML is made by the one builder, :mod:`lawtool.htmlbuild` (``elem``, ``join``, ``table``, ``svg`` …:
text escaped by default, never a tag written into a string); this module adds the site's own pieces:
:func:`link` and :func:`md_link` (relative links), :func:`md` (Markdown inline), :func:`ltr`.
"""

from __future__ import annotations

import posixpath
import re

from ..frbr import UNKNOWN_DATE
from ..htmlbuild import Html, elem, esc, raw

# Characters that Markdown (python-markdown and its extensions) may read as syntax.
_MD_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~^=:<>\"'"}
_MD_TABLE = str.maketrans({**_MD_SPECIAL, "\n": " ", "\r": " "})
_SPACE = re.compile(r"\s+")


def ltr(text) -> str:
    """``text`` isolated as left-to-right (U+2066 … U+2069): an ISO date «2024-05-14» in Arabic
    text otherwise shows as «14-05-2024».  Works in titles and navigation, where no markup can go."""
    return f"\u2066{text}\u2069"


def date_ar(date: str) -> str:
    """A document's date for display (``ltr``), «بلا تاريخ» for the import's placeholder of a heading
    that gives none (``lawtool.frbr.UNKNOWN_DATE``)."""
    return "بلا تاريخ" if date == UNKNOWN_DATE else ltr(date)


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
