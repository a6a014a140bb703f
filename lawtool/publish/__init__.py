"""The published site: the corpus index, Markdown pages, and the mkdocs-material build.

    from lawtool.publish import publish
    result = publish(".", progress=print_to_stderr)   # builds ./public (mkdocs.yml's site_dir)
    result.site_dir, result.timings, result.notes

Modules, in the order the data flows: ``index`` (every expression read once, cut into pages,
each article and wId given its page and anchor; citations and backlinks), ``body`` (AKN →
escaped HTML), ``pages`` (documents), ``wording`` (other stages' English notes in Arabic),
``bills`` and ``amendments`` (timeline, diffs, comparison, amendments), ``reports`` (gaps,
coverage, penalties), ``home`` (home, about, other languages, downloads), ``charts`` (SVG),
``feed`` (Atom), ``html`` (escaping), ``search`` (the Pagefind index of every article, written
after the build), ``links`` (link check of the built site), ``build`` (runs them and mkdocs).  The URL scheme is written down in docs/site.md.
"""

from __future__ import annotations

from .build import PublishResult, publish, serve
from .links import BrokenLink, check_site

__all__ = ["publish", "serve", "PublishResult", "check_site", "BrokenLink"]
