"""A link check over a built site: every ``href``/``src`` to a local path exists, every
``#anchor`` exists on the page it points to, and no page loads anything from another host.

mkdocs checks the links written in Markdown; most links of lawtool's pages are raw HTML
(for escaping), which mkdocs does not read, hence this check over the HTML it produced.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

# (tag, attribute) pairs that point somewhere.
LINK_ATTRS = (
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("image", "href"),
    ("use", "href"),
    ("form", "action"),
)
# Resources a browser loads by itself: these must never point to another host.
LOADED = {"link", "img", "script", "source", "iframe", "image", "use"}


@dataclass(frozen=True)
class BrokenLink:
    page: str  # site-relative path of the HTML file
    target: str  # the href or src as written
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target} — {self.reason}"


def _ids(tree) -> set[str]:
    out = set(tree.xpath("//@id"))
    out.update(tree.xpath("//a/@name"))
    return out


def check_site(site_dir: str | Path, *, allow_external_links: bool = True, count=None) -> list[BrokenLink]:
    """Every broken internal link (and every resource loaded from another host) of the HTML
    pages under ``site_dir``.  Each page is parsed once and only its ids and links are kept (the
    whole corpus's site has tens of thousands of pages); the files of the site are listed once.
    ``count(step, done, total)`` follows the pages read."""
    site_dir = Path(site_dir)
    files, folders = _listing(site_dir)
    pages = sorted(f for f in files if f.endswith(".html"))
    ids: dict[str, set[str]] = {}
    links: dict[str, list[tuple[str, str]]] = {}
    for k, path in enumerate(pages, 1):
        data = (site_dir / path).read_bytes()
        if count:
            count("pages checked", k, len(pages))
        if not data.strip():
            continue
        tree = lxml_html.fromstring(data)
        ids[path] = _ids(tree)
        found = []
        for tag, attribute in LINK_ATTRS:
            for el in tree.iter(tag):
                value = el.get(attribute) or (
                    el.get("{http://www.w3.org/1999/xlink}href") if tag in ("use", "image") else None
                )
                if value is not None:
                    found.append((tag, value))
        links[path] = found
    broken: list[BrokenLink] = []
    for path, found in links.items():
        base = posixpath.dirname(path)
        for tag, value in found:
            problem = _check(files, folders, path, base, value, tag, ids, allow_external_links)
            if problem:
                broken.append(BrokenLink(path, value, problem))
    return broken


def _listing(site_dir: Path) -> tuple[set[str], set[str]]:
    """The site-relative paths of the files and of the folders under ``site_dir``."""
    import os

    files: set[str] = set()
    folders = {""}
    for folder, dirs, names in os.walk(site_dir):
        rel = Path(folder).relative_to(site_dir).as_posix()
        rel = "" if rel == "." else rel
        folders.update(posixpath.join(rel, d) if rel else d for d in dirs)
        files.update(posixpath.join(rel, n) if rel else n for n in names)
    return files, folders


def _check(
    files: set[str],
    folders: set[str],
    path: str,
    base: str,
    value: str,
    tag: str,
    ids: dict[str, set[str]],
    allow_external: bool,
) -> str | None:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme in ("mailto", "tel"):
        return None
    if parts.scheme or value.startswith("//"):
        if parts.scheme in ("javascript", "data", "vbscript"):
            return f"{parts.scheme}: URL"
        if tag in LOADED:
            return "loads a resource from another host"
        return None if allow_external else "external link"
    if not parts.path:
        target = path
    else:
        raw = unquote(parts.path)
        joined = raw.lstrip("/") if raw.startswith("/") else posixpath.normpath(posixpath.join(base, raw))
        if joined.startswith("../") or joined == "..":
            return "points outside the site"
        joined = "" if joined == "." else joined.rstrip("/")
        if raw.endswith("/") or joined in folders:
            joined = posixpath.join(joined, "index.html") if joined else "index.html"
        if joined not in files:
            return "no such file"
        target = joined
    if parts.fragment and target.endswith(".html"):
        anchor = unquote(parts.fragment)
        if anchor not in ids.get(target, set()):
            return f"no element with id {anchor!r} on {target}"
    return None
