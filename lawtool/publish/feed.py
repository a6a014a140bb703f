"""The Atom feed of bill versions: one entry per expression of each bill, newest first.

Links are relative to the feed's own URL (``feed.xml`` at the site root), which Atom allows
(RFC 4287 §2: IRI references are resolved against the document's base URI); ids are ``tag:``
URIs made from the FRBR expression URIs, so they never change when the site moves.  Dates
come from the documents (FRBR expression dates).  The XML is written with lxml, which escapes
every text.
"""

from __future__ import annotations

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
TAG_AUTHORITY = "lawtool.ma,2024"


def _el(parent, name: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, f"{{{ATOM}}}{name}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def atom_feed(entries: list[dict], *, title: str, feed_id: str, self_href: str = "feed.xml") -> bytes:
    """``entries``: dicts with uri, title, date (YYYY-MM-DD), href (relative URL), summary."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "ar")
    _el(feed, "title", title)
    _el(feed, "id", f"tag:{TAG_AUTHORITY}:{feed_id}")
    ordered = sorted(entries, key=lambda e: (e["date"], e["uri"]), reverse=True)
    updated = (ordered[0]["date"] if ordered else "1970-01-01") + "T00:00:00Z"
    _el(feed, "updated", updated)
    _el(feed, "link", rel="self", href=self_href, type="application/atom+xml")
    _el(feed, "link", rel="alternate", href="./", type="text/html")
    author = _el(feed, "author")
    _el(author, "name", "lawtool")
    for e in ordered:
        entry = _el(feed, "entry")
        _el(entry, "title", e["title"])
        _el(entry, "id", f"tag:{TAG_AUTHORITY}:{e['uri']}")
        _el(entry, "updated", e["date"] + "T00:00:00Z")
        _el(entry, "link", rel="alternate", href=e["href"], type="text/html")
        if e.get("xml_href"):
            _el(entry, "link", rel="enclosure", href=e["xml_href"], type="application/akn+xml")
        _el(entry, "summary", e.get("summary") or "")
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)
